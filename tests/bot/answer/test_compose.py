"""Answer composition: which sentences are quoted, where ellipses go, what is marked."""

from __future__ import annotations

import math

import pytest

from bot.answer import compose as compose_module
from bot.answer.abstention import MIN_COVERAGE
from bot.answer.compose import MAX_QUOTE_CHARS, _quote, compose, excerpt
from bot.answer.reading import (
    ELLIPSIS,
    MAX_EXCERPT_CHARS,
    Focus,
    Window,
    best_window,
    most_worth,
)
from bot.answer.render import answer_text
from storage.archive import Archive, Hit, sentence_spans
from storage.language.text import analyse
from storage.models import ArticleSummary, SourceFile
from tests import corpus
from tests.corpus import page
from tests.fixtures import archive_with, import_all

PASSAGE = (
    "De gemeente zocht lang naar een plek. Uiteindelijk werd de oude loods aan de haven "
    "gekozen voor het nieuwe museum. De opening is in mei. Daarna volgt een feest."
)


def weights_for(question: str) -> dict[str, float]:
    return dict.fromkeys(analyse(question), 1.0)


def test_quotes_the_matching_sentence_and_its_neighbours_verbatim_with_ellipses() -> None:
    filler = "Het weer was die week wisselend, met buien en af en toe een zonnige middag. " * 3
    passage = f"{filler}{PASSAGE} {filler}"
    text, _ = excerpt(passage, weights_for("Welke loods aan de haven wordt een museum?"))
    assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)
    assert f"{PASSAGE} Het weer" in text, "the matching sentence with those around it"
    assert len(text) <= MAX_EXCERPT_CHARS + 4


def test_a_short_paragraph_is_quoted_whole() -> None:
    text, _ = excerpt(PASSAGE, weights_for("Welke loods aan de haven wordt een museum?"))
    assert text == PASSAGE, "the sentence before says what was looked for, the ones after when"


def test_two_stretches_of_one_paragraph_never_repeat_a_sentence() -> None:
    sentences = [
        f"Zin {n} gaat over iets anders dan de vraag, zoals de meeste zinnen." for n in range(6)
    ]
    passage = " ".join(sentences)
    summary = ArticleSummary(1, "Titel", None, None, None, False, False, "a.txt", None)
    hit = Hit(summary, passage_id=1, position=0, text=passage, score=1.0)
    focus = Focus.plain(weights_for("zin"))
    spans = tuple(sentence_spans(passage))
    picks = [
        (hit, Window(spans, 1, 1, frozenset(), 0.0, 1.0)),
        (hit, Window(spans, 4, 4, frozenset(), 0.0, 1.0)),
    ]
    text, _ = _quote(picks, focus)
    assert [text.count(s) for s in sentences[1:5]] == [1, 1, 1, 1], "grown into one stretch"
    assert ELLIPSIS not in text.strip(ELLIPSIS + " ")


def test_a_quote_of_two_stretches_keeps_within_its_length() -> None:
    summary = ArticleSummary(1, "Titel", None, None, None, False, False, "a.txt", None)
    long = "Een lange zin over de haven van Kampen, die maar doorgaat en doorgaat " * 6 + "."
    short = [
        f"Zin {n} gaat over de haven en niets anders, zoals de andere zinnen." for n in range(9)
    ]
    first = Hit(summary, passage_id=1, position=0, text=long, score=1.0)
    second = Hit(summary, passage_id=2, position=1, text=" ".join(short), score=1.0)
    spans = tuple(sentence_spans(second.text))
    picks = [
        (first, Window(tuple(sentence_spans(long)), 0, 0, frozenset(), 0.0, 1.0)),
        (second, Window(spans, 4, 4, frozenset(), 0.0, 1.0)),
    ]
    text, _ = _quote(picks, Focus.plain(weights_for("haven")))
    assert len(text) <= MAX_QUOTE_CHARS
    assert short[3] in text, "the shorter stretch still grows"


def test_no_ellipsis_where_the_passage_was_not_cut() -> None:
    text, _ = excerpt("Eén zin over de haven.", weights_for("haven"))
    assert text == "Eén zin over de haven."


def test_adds_a_neighbouring_sentence_that_covers_more_of_the_question() -> None:
    window = best_window(PASSAGE, Focus.plain(weights_for("museum loods opening mei")))
    assert (window.first, window.last) == (1, 2)


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


async def test_answer_quotes_each_article_once_but_the_first_one_also_next_door(
    filled: Archive,
) -> None:
    result = await filled.search("wolf hond schapen Daarle")
    answer = compose(result, limit=3)
    assert answer.answered
    ids = [q.article.id for q in answer.quotes]
    again = ids[1:2] == ids[:1]
    assert len(set(ids)) == len(ids) - again, "only the first article's next paragraph"
    assert len({q.passage_id for q in answer.quotes}) == len(ids)
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


# --- what to quote: answers next to the matched sentence --------------------------------------

VOORZITTER = page(
    [
        "Het bestuur van de Hartstichting heeft gisteren een nieuwe voorzitter gekozen. De keuze "
        "viel na een zoektocht van bijna een jaar. Het wordt oud-minister Frank de Vries. Hij "
        "begint in september.",
    ],
    date=(2019, 3, 1),
)
GARAGE = page(
    [
        "De parkeergarage onder het Havenblok in Almelo is gesloten. Gisteren vielen er brokken "
        "beton van het plafond op geparkeerde auto's. De gemeente wil eerst weten hoe dat kon.",
    ],
    date=(2019, 3, 2),
)
BRUG = page(
    [
        "De nieuwe brug over de IJssel bij Zwolle is bijna klaar. Aan de brug werd drie jaar "
        "gewerkt.",
        "De aannemer meldt dat het laatste asfalt deze week wordt gelegd.",
        "Na de zomer rijden er bussen over de brug. Voor auto's gaat de IJsselbrug op 4 mei open, "
        "een dag later dan gepland.",
    ],
    date=(2019, 3, 3),
)


async def test_the_name_two_sentences_after_the_question_words_is_quoted(
    archive: Archive,
) -> None:
    await archive_with(archive, voorzitter=VOORZITTER)
    answer = compose(await archive.search("Wie wordt de nieuwe voorzitter van de Hartstichting?"))
    first = answer.quotes[0]
    assert first.article.file == "voorzitter.txt"
    assert "Frank de Vries" in first.excerpt
    assert first.excerpt.startswith("Het bestuur van de Hartstichting")


async def test_a_why_question_quotes_the_reason_beside_the_matched_sentence(
    archive: Archive,
) -> None:
    await archive_with(archive, garage=GARAGE)
    question = "Waarom is de parkeergarage onder het Havenblok in Almelo dicht?"
    excerpt_text = compose(await archive.search(question)).quotes[0].excerpt
    assert "parkeergarage onder het Havenblok" in excerpt_text
    assert "brokken beton" in excerpt_text


def test_the_answer_kind_decides_between_equally_matching_sentences() -> None:
    passage = (
        "De brug is een ontwerp van een bureau uit Delft. Aan de brug werd lang gewerkt. "
        "Voor auto's gaat de brug open op 4 mei. De brug kreeg een prijs omdat ze zo slank is."
    )
    plain = best_window(passage, Focus(((frozenset({"brug"}), 1.0),)))
    assert (plain.first, plain.last) == (0, 0)
    when = best_window(passage, Focus(((frozenset({"brug"}), 1.0),), "date"))
    assert when.answer and when.first <= 2 <= when.last < 3
    why = best_window(passage, Focus(((frozenset({"brug"}), 1.0),), "reason"))
    assert why.answer and why.last == 3


async def test_the_first_article_is_quoted_twice_when_one_stretch_misses_the_answer(
    archive: Archive,
) -> None:
    await archive_with(archive, brug=BRUG)
    answer = compose(await archive.search("Wanneer gaat de nieuwe brug over de IJssel open?"))
    first = answer.quotes[0]
    assert first.article.file == "brug.txt"
    assert first.excerpt.startswith("De nieuwe brug over de IJssel bij Zwolle is bijna klaar.")
    assert "op 4 mei open" in first.excerpt
    assert f" {ELLIPSIS} " in first.excerpt
    assert "asfalt" not in first.excerpt
    assert [q.article.file for q in answer.quotes] == ["brug.txt", "brug.txt"]
    assert "asfalt" in answer.quotes[1].excerpt, "the paragraph next to the first stretch"


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


# --- did you mean -----------------------------------------------------------------------------


async def test_did_you_mean_is_said_first_in_both_languages(filled: Archive) -> None:
    answer = compose(await filled.search("zijn de schapen in daarle door een wolf doodgebten?"))
    assert answer.corrected == "zijn de schapen in daarle door een wolf doodgebeten?"
    dutch = answer_text(answer)
    assert dutch.startswith("Bedoelde je: “zijn de schapen in daarle door een wolf doodgebeten”?")
    assert answer_text(answer, "en").startswith("Did you mean: “zijn de schapen")


async def test_a_not_found_answer_names_the_period_searched(filled: Archive) -> None:
    answer = compose(await filled.search("Wie won in mei 2021 het NK op de 1500 meter?"))
    assert not answer.answered and answer.period is not None
    assert "Gezocht in artikelen van zaterdag 24 april 2021" in answer_text(answer)


async def test_an_abbreviation_the_article_spells_out_is_not_missing(filled: Archive) -> None:
    """NK in the question, "Nederlands kampioenschap" in the article: an answer, not a miss."""
    answer = compose(await filled.search("Wie won het NK op de 1500 meter?"))
    assert answer.answered
    assert "Lotte Bakker" in answer.quotes[0].excerpt
    assert not compose(await filled.search("Wie won het WK voetbal in Qatar?")).answered


async def test_articles_that_only_share_a_word_are_not_quoted(archive: Archive) -> None:
    fietspad = corpus.page(["Het nieuwe fietspad is vier meter breed en goed verlicht."])
    await import_all(archive, [*corpus.files(), SourceFile("fietspad.txt", fietspad.encode())])
    answer = compose(await archive.search("Wie won het kampioenschap op de 1500 meter?"))
    assert {q.article.file for q in answer.quotes} == {"schaatsen.txt"}


ZWEMBAD_DEBAT = page(
    [
        "Burgemeester Jansen van Oosterveld heeft gisteren in de gemeenteraad gesproken over de "
        "toekomst van zwembad De Waterkant.",
        "Het bad gaat volgens hem over twee jaar dicht. De gemeente kan het onderhoud van het "
        "gebouw uit de jaren zestig niet langer betalen.",
        "Een nieuw bad komt er voorlopig niet.",
    ]
)


def _retold(paper: str) -> str:
    return page(
        [
            "Burgemeester Jansen van Oosterveld heeft gisteren gesproken over de toekomst van "
            "zwembad De Waterkant. Dat meldt " + paper + ".",
        ]
    )


async def test_the_first_articles_next_paragraph_is_quoted_before_weaker_articles(
    archive: Archive,
) -> None:
    await archive_with(archive, zwembad=ZWEMBAD_DEBAT)
    answer = compose(await archive.search("Wat zei burgemeester Jansen over De Waterkant?"))
    first, second = answer.quotes[:2]
    assert first.article.file == second.article.file == "zwembad.txt"
    assert "gesproken over de toekomst" in first.excerpt
    assert "over twee jaar dicht" in second.excerpt, "the paragraph that goes on to say it"


async def test_copies_of_the_story_in_other_papers_keep_their_places(archive: Archive) -> None:
    await archive_with(
        archive, zwembad=ZWEMBAD_DEBAT, krant=_retold("de krant"), omroep=_retold("de omroep")
    )
    answer = compose(await archive.search("Wat zei burgemeester Jansen over De Waterkant?"))
    files = [quote.article.file for quote in answer.quotes]
    assert sorted(files) == ["krant.txt", "omroep.txt", "zwembad.txt"]


PRUNING_QUESTIONS = (
    "Hoeveel deelnemers hebben zich gemeld voor de Vierdaagse?",
    "Wanneer wordt er geloot onder de inschrijvers?",
    "Wie werd Nederlands kampioen op de 1500 meter?",
    "Waarom is de eigenaar van de schapen opgelucht?",
    "Wat kostte de verbouwing van de bibliotheek in Zwolle?",
    "Waar is de nieuwe bibliotheek geopend?",
    "schapen wolf hond",
)


async def test_no_stretch_is_worth_more_than_its_passage_terms_allow(filled: Archive) -> None:
    """`most_worth` lets composing skip passages that cannot beat the best stretch found,
    so it must never be below what `best_window` finds, whatever is covered already."""
    for question in PRUNING_QUESTIONS:
        result = await filled.search(question)
        focus = Focus.of(result)
        for hit in (*result.hits, *result.context):
            for covered, answered in ((frozenset(), 0.0), (frozenset({0}), 0.5)):
                window = best_window(hit.text, focus, hit.terms, covered, answered)
                bound = most_worth(hit.terms, focus, covered, answered)
                assert window.value <= bound + 1e-9, (question, hit.text)


async def test_skipping_passages_that_cannot_win_changes_no_answer(
    filled: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = [await filled.search(q) for q in PRUNING_QUESTIONS]
    pruned = [compose(r) for r in results]
    monkeypatch.setattr(compose_module, "most_worth", lambda *_: math.inf)
    assert [compose(r) for r in results] == pruned
    assert all(a.answered for a in pruned[:-1])


async def test_a_name_right_after_the_topic_noun_names_the_topic_too(filled: Archive) -> None:
    """ "schaatsster Lotte Bakker" is one person, whom an article goes on to call Bakker."""
    result = await filled.search("Waarom won schaatsster Lotte Bakker het kampioenschap?")
    named = {i for i, c in enumerate(result.query.concepts) if c.text in ("Lotte", "Bakker")}
    assert len(named) == 2 and named <= Focus.of(result).topic
    apart = await filled.search("Waarom feliciteerde de schaatsster gisteren Lotte Bakker?")
    named = {i for i, c in enumerate(apart.query.concepts) if c.text in ("Lotte", "Bakker")}
    assert len(named) == 2 and not named & Focus.of(apart).topic
