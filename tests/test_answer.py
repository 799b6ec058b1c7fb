"""Answer composition: which sentences are quoted, where ellipses go, what is marked."""

from __future__ import annotations

from bot.answer import ELLIPSIS, MAX_EXCERPT_CHARS, MIN_COVERAGE, compose, excerpt
from bot.render import answer_text, format_date
from storage.archive import Archive
from storage.text import analyse

from .corpus import AMSTERDAM

PASSAGE = (
    "De gemeente zocht lang naar een plek. Uiteindelijk werd de oude loods aan de haven "
    "gekozen voor het nieuwe museum. De opening is in mei. Daarna volgt een feest."
)


def weights_for(question: str) -> dict[str, float]:
    return dict.fromkeys(analyse(question), 1.0)


def test_quotes_the_matching_sentence_and_the_next_verbatim_with_ellipses() -> None:
    text, _ = excerpt(PASSAGE, weights_for("Welke loods aan de haven wordt een museum?"))
    assert text == (
        f"{ELLIPSIS} Uiteindelijk werd de oude loods aan de haven gekozen voor het nieuwe "
        f"museum. De opening is in mei. {ELLIPSIS}"
    )


def test_no_ellipsis_where_the_passage_was_not_cut() -> None:
    text, _ = excerpt("Eén zin over de haven.", weights_for("haven"))
    assert text == "Eén zin over de haven."


def test_adds_a_neighbouring_sentence_that_covers_more_of_the_question() -> None:
    text, _ = excerpt(PASSAGE, weights_for("museum loods opening mei"))
    assert "loods aan de haven" in text and "De opening is in mei." in text
    assert "feest" not in text


def test_highlights_are_offsets_of_the_question_words() -> None:
    text, highlights = excerpt(PASSAGE, weights_for("LOODS bij het Musëum"))
    marked = [text[s:e] for s, e in highlights]
    assert marked == ["loods", "museum"]


def test_an_endless_sentence_is_cut_around_the_match() -> None:
    words = " ".join(f"woord{i}" for i in range(400))
    passage = f"{words} kernwapens {words}"
    text, highlights = excerpt(passage, weights_for("kernwapens"))
    assert len(text) <= MAX_EXCERPT_CHARS + 4
    assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)
    assert [text[s:e] for s, e in highlights] == ["kernwapens"]


async def test_answer_quotes_one_passage_per_article(filled: Archive) -> None:
    result = await filled.search("wolf hond schapen Daarle")
    answer = compose(result, limit=3)
    assert answer.answered
    ids = [q.article.id for q in answer.quotes]
    assert len(ids) == len(set(ids))
    assert answer.quotes[0].article.file == "wolf.txt"
    assert "slachtoffer van een hond" in answer.quotes[0].excerpt


async def test_answer_abstains_when_the_archive_has_nothing(filled: Archive) -> None:
    for question in ["Wie won het WK voetbal in Qatar?", "", "wie wat waar"]:
        answer = compose(await filled.search(question))
        assert not answer.answered and answer.quotes == ()


async def test_seed_question_quotes_the_lead_with_citation(filled: Archive) -> None:
    answer = compose(await filled.search("Wat zei Stoltenberg over kernwapens?"))
    first = answer.quotes[0]
    assert first.excerpt.startswith("Voor de NAVO zou overwegen kernwapens in te zetten")
    rendered = answer_text(answer)
    assert "Bron: The Council of the European Union (ANP)" in rendered
    assert "vrijdag 14 oktober 2022, 08:47" in rendered
    assert "gewijzigd" in rendered
    assert f"artikel {first.article.id}" in rendered


def test_dates_render_in_dutch_and_english() -> None:
    from datetime import datetime

    moment = datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    assert format_date(moment, True) == "vrijdag 14 oktober 2022, 08:47"
    assert format_date(moment, False) == "vrijdag 14 oktober 2022"
    assert format_date(moment, True, "en") == "Friday 14 October 2022, 08:47"
    assert format_date(None, False) == "datum onbekend"


# --- when to say "not found" ------------------------------------------------------------------


async def test_abstains_when_the_best_article_lacks_the_name_asked_about(filled: Archive) -> None:
    asked = await filled.search("Wat zei Rutte over kernwapens en de NAVO?")
    assert asked.coverage >= MIN_COVERAGE, "most of the question does match"
    assert asked.evidence.lacks_specific and "Rutte" in asked.evidence.missing
    assert not compose(asked).answered
    control = await filled.search("Wat zei Stoltenberg over kernwapens en de NAVO?")
    assert compose(control).answered


async def test_abstains_on_a_year_the_best_article_neither_names_nor_ran_in(
    filled: Archive,
) -> None:
    later = await filled.search("Hoeveel startbewijzen waren er voor de Vierdaagse van 2023?")
    assert not compose(later).answered
    same = await filled.search("Hoeveel startbewijzen waren er voor de Vierdaagse van 2019?")
    assert compose(same).answered and "47.000" in compose(same).quotes[0].excerpt
