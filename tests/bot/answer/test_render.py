"""Answers and articles as terminal text: citations, quotes, "did you mean", "not found"."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.answer.compose import Answer, Quote
from bot.answer.render import (
    answer_text,
    article_text,
    citation_parts,
    format_date,
    mark,
    summary_line,
)
from storage.models import Article, ArticleSummary, ArticleWarning
from tests.corpus import AMSTERDAM

NAVO = ArticleSummary(
    id=12,
    title="Stoltenberg over kernwapens",
    source="The Council of the European Union",
    agency="ANP",
    published=datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM),
    time_known=True,
    updated=True,
    file="navo.txt",
    scope=None,
)
WOLF = ArticleSummary(
    id=3,
    title="Geen wolf in Daarle",
    source="Tubantia",
    agency=None,
    published=datetime(2019, 4, 2, tzinfo=AMSTERDAM),
    time_known=False,
    updated=False,
    file="wolf.txt",
    scope=7,
)
UNDATED = replace(WOLF, id=5, title="Zonder datum", source=None, published=None)

EXCERPT = "Voor de NAVO zou overwegen kernwapens in te zetten moet er veel gebeuren."


def quote(article: ArticleSummary, excerpt: str, *words: str) -> Quote:
    """A quote with the given words of its excerpt highlighted."""
    highlights = tuple((excerpt.index(w), excerpt.index(w) + len(w)) for w in words)
    return Quote(article, excerpt, highlights, score=1.0, passage_id=article.id * 10)


def test_dates_render_in_dutch_and_english() -> None:
    moment = datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    assert format_date(moment, True) == "vrijdag 14 oktober 2022, 08:47"
    assert format_date(moment, False) == "vrijdag 14 oktober 2022"
    assert format_date(moment, True, "en") == "Friday 14 October 2022, 08:47"
    assert format_date(None, False) == "datum onbekend"
    assert format_date(None, False, "en") == "date unknown"


# --- citations --------------------------------------------------------------------------------


def test_a_citation_names_title_source_agency_date_update_and_id_in_both_languages() -> None:
    assert citation_parts(NAVO) == [
        "Stoltenberg over kernwapens",
        "Bron: The Council of the European Union (ANP)",
        "vrijdag 14 oktober 2022, 08:47",
        "gewijzigd",
        "artikel 12",
    ]
    assert citation_parts(NAVO, "en") == [
        "Stoltenberg over kernwapens",
        "Source: The Council of the European Union (ANP)",
        "Friday 14 October 2022, 08:47",
        "updated",
        "article 12",
    ]


def test_a_citation_leaves_out_what_the_article_does_not_have() -> None:
    assert citation_parts(WOLF) == [
        "Geen wolf in Daarle",
        "Bron: Tubantia",
        "dinsdag 2 april 2019",
        "artikel 3",
    ]
    assert citation_parts(replace(NAVO, source=None))[1] == "Bron: ANP"
    assert citation_parts(UNDATED, "en") == ["Zonder datum", "date unknown", "article 5"]


# --- answers ----------------------------------------------------------------------------------


def test_quotes_are_numbered_with_their_citation_below() -> None:
    wolf_excerpt = "Ze waren het slachtoffer van een hond."
    answer = Answer("Wat zei Stoltenberg?", True, (quote(NAVO, EXCERPT), quote(WOLF, wolf_excerpt)))
    assert answer_text(answer) == (
        f"1. “{EXCERPT}”\n"
        "   — Stoltenberg over kernwapens · Bron: The Council of the European Union (ANP) · "
        "vrijdag 14 oktober 2022, 08:47 · gewijzigd · artikel 12\n\n"
        f"2. “{wolf_excerpt}”\n"
        "   — Geen wolf in Daarle · Bron: Tubantia · dinsdag 2 april 2019 · artikel 3"
    )
    assert "Source: Tubantia · Tuesday 2 April 2019 · article 3" in answer_text(answer, "en")


def test_highlighted_words_are_marked_and_the_rest_is_verbatim() -> None:
    answer = Answer("kernwapens navo", True, (quote(NAVO, EXCERPT, "NAVO", "kernwapens"),))
    marked = answer_text(answer, bold=lambda word: f"**{word}**")
    assert "“Voor de **NAVO** zou overwegen **kernwapens** in te zetten moet er veel" in marked
    assert f"“{EXCERPT}”" in answer_text(answer), "unmarked without a way to mark"


def test_did_you_mean_comes_first_in_both_languages() -> None:
    answer = Answer(
        "Wat zei Stoltenbreg?",
        True,
        (quote(NAVO, EXCERPT),),
        corrected="Wat zei Stoltenberg?",
    )
    dutch = answer_text(answer)
    assert dutch.startswith("Bedoelde je: “Wat zei Stoltenberg”?\n\n1. “Voor de NAVO")
    assert answer_text(answer, "en").startswith("Did you mean: “Wat zei Stoltenberg”?\n\n1. ")


def test_not_found_points_to_the_newest_articles() -> None:
    answer = Answer("Wie won het WK in Qatar?", False)
    assert answer_text(answer) == (
        "Ik heb in het archief geen antwoord op deze vraag gevonden. Probeer het met andere "
        "woorden, of bekijk de nieuwste artikelen met /recent."
    )
    terminal = answer_text(answer, "en", recent="archivaris recent")
    assert terminal == (
        "I could not find an answer to this question in the archive. Try other words, or "
        "look at the newest articles with archivaris recent."
    )


def test_not_found_names_the_period_searched_and_the_correction() -> None:
    period = (
        datetime(2021, 4, 24, tzinfo=AMSTERDAM),
        datetime(2021, 6, 14, 23, 59, 59, 999999, tzinfo=AMSTERDAM),
    )
    answer = Answer("Wie won in mei 2021 het NK?", False, period=period)
    assert answer_text(answer).endswith(
        " Gezocht in artikelen van zaterdag 24 april 2021 tot en met maandag 14 juni 2021."
    )
    assert answer_text(answer, "en").endswith(
        " Searched articles from Saturday 24 April 2021 to Monday 14 June 2021."
    )
    corrected = replace(answer, corrected="Wie won in mei 2021 het NK?")
    header, text = answer_text(corrected).split("\n\n")
    assert header == "Bedoelde je: “Wie won in mei 2021 het NK”?"
    assert text.startswith("Ik heb in het archief geen antwoord") and "zaterdag 24 april" in text


# --- listings and whole articles --------------------------------------------------------------


def test_a_summary_line_has_id_date_source_and_title() -> None:
    assert summary_line(NAVO) == (
        "[12] vrijdag 14 oktober 2022, 08:47 · The Council of the European Union · "
        "Stoltenberg over kernwapens"
    )
    assert summary_line(WOLF, "en") == "[3] Tuesday 2 April 2019 · Tubantia · Geen wolf in Daarle"
    assert summary_line(UNDATED) == "[5] datum onbekend · Zonder datum"


def test_an_article_is_its_citation_and_its_paragraphs_dateline_first() -> None:
    article = Article(
        summary=NAVO,
        body=("Voor de NAVO zou overwegen kernwapens in te zetten.", "Tweede alinea."),
        dateline="BRUSSEL (ANP) - ",
    )
    assert article_text(article, "en") == (
        "Stoltenberg over kernwapens · Source: The Council of the European Union (ANP) · "
        "Friday 14 October 2022, 08:47 · updated · article 12\n\n"
        "BRUSSEL (ANP) - Voor de NAVO zou overwegen kernwapens in te zetten.\n\n"
        "Tweede alinea."
    )


def test_an_article_shows_what_its_import_warned_below_its_citation() -> None:
    warned = (ArticleWarning("broken_html"),)
    article = Article(summary=NAVO, body=("Eerste alinea.",), warnings=warned)
    assert article_text(article).split("\n")[:3] == [
        "Stoltenberg over kernwapens · Bron: The Council of the European Union (ANP) · "
        "vrijdag 14 oktober 2022, 08:47 · gewijzigd · artikel 12",
        "Het einde van de pagina bevat kapotte HTML en is weggelaten.",
        "",
    ]


def test_marking_wraps_each_span_and_keeps_every_other_character() -> None:
    text = "Sluis dicht, brug open, sluis"
    wrapped = mark(text, [(0, 5), (13, 17), (24, 29)], lambda word: f"[{word}]")
    assert wrapped == "[Sluis] dicht, [brug] open, [sluis]"
    assert mark(text, [], lambda word: f"[{word}]") == text
    assert mark(text, [(0, 5), (5, 11)], str.upper) == "SLUIS DICHT, brug open, sluis"


def test_a_direct_answer_inside_a_marked_word_is_marked_once_and_quoted_verbatim() -> None:
    """The question's words and the direct answer may overlap: the quote must still read
    as the article wrote it, with one mark over both."""
    excerpt = "De sluis bij Terneuzen is sinds dinsdag dicht."
    answer_span = (excerpt.index("sinds"), excerpt.index(" dicht"))
    overlapping = replace(quote(NAVO, excerpt, "Terneuzen is sinds"), answer=answer_span)
    answer = Answer("Sinds wanneer is de sluis bij Terneuzen dicht?", True, (overlapping,))
    marked = answer_text(answer, bold=lambda text: f"[{text}]")
    assert "“De sluis bij [Terneuzen is sinds dinsdag] dicht.”" in marked
