"""Query understanding, each mechanism on its own: typos, compounds, time hints, English.

Unit tests of the pure pieces first, then each mechanism through a real archive of
small invented articles.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.answer.compose import compose
from storage.archive import Archive
from storage.language.text import analyse, term
from storage.models import Filters, SourceFile
from storage.search import english
from storage.search.asking import expected
from storage.search.mentions import holds
from storage.search.rank import NUDGE
from tests.corpus import AMSTERDAM, page
from tests.fixtures import import_all, look_up

# --- English ----------------------------------------------------------------------------------


def test_english_is_told_from_dutch_by_function_words() -> None:
    assert english.looks_english("what did the mayor say about the dog".split())
    assert not english.looks_english("wat zei de burgemeester over de hond".split())
    assert not english.looks_english("is in de over".split()), "shared words do not count"


def test_inflected_english_words_find_their_dictionary_form() -> None:
    assert "steal" in english.base_forms("stolen")
    assert "dog" in english.base_forms("dogs")
    assert "city" in english.base_forms("cities")
    assert "hond" in english.translations("dogs")
    assert "schaap" in english.translations("sheep")


def test_a_transliterated_name_has_its_dutch_spellings() -> None:
    assert "poetin" in english.dutch_spellings("putin")
    assert "ochotsk" in english.dutch_spellings("okhotsk")
    assert "jeltsin" in english.dutch_spellings("yeltsin")
    assert "oeigoer" in english.dutch_spellings("uyghurs"), "a plural from its singular"
    assert "putin" not in english.dutch_spellings("putin"), "not the name itself"


# --- answer types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wie wordt de nieuwe voorzitter?", "person"),
        ("Who won the race?", "person"),
        ("Hoeveel kinderen mogen mee?", "number"),
        ("How much was it sold for?", "number"),
        ("Wanneer gaat de brug open?", "date"),
        ("Op welke datum opent de brug?", "date"),
        ("Waarom is de garage dicht?", "reason"),
        ("Welk museum krijgt de beker?", "name"),
        ("Wat zei Stoltenberg?", None),
    ],
)
def test_questions_say_what_kind_of_answer_they_want(question: str, kind: str | None) -> None:
    assert expected(question.lower().rstrip("?").split()) == kind


def test_sentences_hold_answers_the_question_does_not_already_have() -> None:
    asked = set(analyse("Wie wordt de nieuwe voorzitter van de Hartstichting?"))
    assert holds("Het wordt oud-minister Frank de Vries.", "person", asked)
    assert not holds("De Hartstichting koos een voorzitter.", "person", asked)
    assert holds("Er mogen maximaal acht kinderen mee.", "number", set())
    assert holds("De garage is dicht omdat er beton viel.", "reason", set())
    assert holds("De brug gaat op 4 mei open.", "date", set())
    assert not holds("De brug gaat open.", "date", set())


# --- through the archive ----------------------------------------------------------------------


async def add_pages(archive: Archive, **pages: str) -> None:
    await import_all(archive, [SourceFile(f"{n}.txt", t.encode()) for n, t in pages.items()])


async def test_a_typo_is_corrected_against_the_archive_and_reported(filled: Archive) -> None:
    result = await filled.search("Wat zei Stoltenbreg over kernwapnes?")
    assert {(c.typed, c.term) for c in result.query.corrections} == {
        ("Stoltenbreg", "stoltenberg"),
        ("kernwapnes", term("kernwapens")),
    }
    assert result.hits[0].article.file == "navo.txt"
    answer = compose(result)
    assert answer.answered
    assert answer.corrected == "Wat zei Stoltenberg over kernwapens?"


async def test_the_noun_a_misspelt_question_counts_is_counted_as_spelt(filled: Archive) -> None:
    result = await filled.search("Hoeveel deelnemrs hebben zich gemeld voor de Vierdaagse?")
    assert term("deelnemers") in result.query.measure
    assert compose(result).direct == "53.074 deelnemers"


async def test_known_words_are_never_corrected(filled: Archive) -> None:
    result = await filled.search("Wat zei Stoltenberg over kernwapens?")
    assert result.query.corrections == ()
    assert compose(result).corrected is None


async def test_a_compound_finds_its_parts_written_apart(archive: Archive) -> None:
    await add_pages(
        archive,
        dak=page(["Op het dak van het stadhuis in Kampen liggen sinds maandag 420 zonne-panelen."]),
        markt=page(["Op de markt in Kampen staat een nieuwe kraam met kaas."]),
    )
    result = await archive.search("Hoeveel zonnepanelen liggen er op het stadhuis van Kampen?")
    concept_terms = {t for c in result.query.concepts for t in c.terms}
    assert {term("zonne"), term("panelen")} <= concept_terms
    assert result.hits[0].article.file == "dak.txt"
    assert result.coverage == pytest.approx(1.0)
    assert "420" in compose(result).quotes[0].excerpt


async def test_the_parts_of_a_split_compound_count_only_together(archive: Archive) -> None:
    await add_pages(
        archive,
        voetbal=page(["Het voetbal in Kampen trekt elke zaterdag honderden toeschouwers."]),
        bond=page(["De bond van ouderen in Zwolle kreeg een nieuwe voorzitter."]),
    )
    result = await archive.search("Wat vindt de voetbalbond van het voetbal in Kampen?")
    assert [c.split for c in result.query.concepts].count(True) == 2
    assert result.hits[0].article.file == "voetbal.txt"
    assert "voetbalbond" in result.evidence.missing


async def test_words_written_apart_match_the_compound_the_archive_uses(archive: Archive) -> None:
    await add_pages(
        archive, fiets=page(["Zwolle legde vorig jaar twaalf kilometer fietspaden aan."])
    )
    result = await archive.search("Hoeveel kilometer fiets paden legde Zwolle aan?")
    assert any(term("fietspaden") in c.terms for c in result.query.concepts)
    assert result.coverage == pytest.approx(1.0)


async def test_an_english_question_finds_a_name_as_dutch_spells_it(archive: Archive) -> None:
    await add_pages(
        archive,
        orka=page(["In de Zee van Ochotsk zitten negentig orka's in kooien, meldt Rusland."]),
    )
    result = await archive.search("How many orcas are held in cages in the Sea of Okhotsk?")
    assert any(term("ochotsk") in c.terms for c in result.query.concepts)
    assert result.hits and "Ochotsk" in result.hits[0].text
    assert compose(result).answered, "the archive has the name, spelt the Dutch way"


TWO_MAYORS = {
    "kampen2019": page(
        ["De gemeenteraad van Kampen heeft Anna Jansen gekozen tot nieuwe burgemeester."],
        date=(2019, 4, 10),
        time=None,
    ),
    "kampen2022": page(
        [
            "De gemeenteraad van Kampen heeft Piet de Boer gekozen tot nieuwe burgemeester van "
            "Kampen. De nieuwe burgemeester van Kampen begint in november."
        ],
        date=(2022, 10, 3),
        time=None,
    ),
}


async def test_a_month_and_year_in_the_question_filter_by_date(archive: Archive) -> None:
    await add_pages(archive, **TWO_MAYORS)
    unfiltered = await archive.search("Wie is gekozen tot nieuwe burgemeester van Kampen?")
    assert unfiltered.hits[0].article.file == "kampen2022.txt", "the fixture must need a filter"
    for question in (
        "Wie is in april 2019 gekozen tot nieuwe burgemeester van Kampen?",
        "Who was chosen as the new mayor of Kampen in April 2019?",
    ):
        result = await archive.search(question)
        assert result.query.filters.since == datetime(2019, 3, 25, tzinfo=AMSTERDAM)
        assert {h.article.file for h in result.hits} == {"kampen2019.txt"}
        assert not {"april", "2019"} & set(result.terms), "the hint is not a content word"
        assert "Anna Jansen" in compose(result).quotes[0].excerpt


async def test_dates_given_by_the_asker_win_over_the_question(archive: Archive) -> None:
    await add_pages(archive, **TWO_MAYORS)
    asked = Filters(since=datetime(2022, 1, 1, tzinfo=AMSTERDAM))
    result = await archive.search("Wie is in april 2019 gekozen tot burgemeester?", asked)
    assert result.query.period is None and result.query.filters == asked


async def test_a_lone_year_counts_for_articles_from_that_year_or_the_next(
    archive: Archive,
) -> None:
    await add_pages(
        archive,
        cijfers=page(
            ["Het aantal levenstestamenten bij notarissen steeg fors, meldt de KNB."],
            date=(2019, 2, 20),
            time=None,
        ),
        oud=page(
            ["Het aantal levenstestamenten bij notarissen steeg fors, meldt de KNB dit jaar."],
            date=(2016, 2, 20),
            time=None,
        ),
    )
    result = await archive.search("Hoeveel levenstestamenten waren er in 2018 bij notarissen?")
    assert [y for y, _ in result.query.years] == ["2018"]
    assert result.hits[0].article.file == "cijfers.txt"
    assert result.coverage == pytest.approx(1.0)


async def test_a_relative_phrase_nudges_towards_the_archive_now(archive: Archive) -> None:
    await add_pages(
        archive,
        ouder=page(["De veerpont in Genemuiden vaart weer."], date=(2019, 6, 1), time=None),
        nieuw=page(["De veerpont in Genemuiden vaart weer!"], date=(2020, 6, 1), time=None),
        laatste=page(["In Zwolle opende een nieuwe bakkerij."], date=(2021, 3, 1), time=None),
    )
    assert await look_up(archive, "newest_published", Filters()) == datetime(
        2021, 3, 1, tzinfo=AMSTERDAM
    )
    result = await archive.search("Vaart de veerpont in Genemuiden vorig jaar weer?")
    assert result.query.nudge is not None and result.query.nudge.since.year == 2020
    assert result.hits[0].article.file == "nieuw.txt"
    plain = await archive.search("Vaart de veerpont in Genemuiden weer?")
    assert plain.hits[0].article.file == "ouder.txt", "without the phrase: a tie, first stored"
    assert plain.hits[0].score == pytest.approx(result.hits[0].score / NUDGE)


async def test_an_english_question_finds_and_quotes_a_dutch_article(filled: Archive) -> None:
    result = await filled.search("Were the sheep in Daarle killed by a wolf or by a dog?")
    assert result.query.language == "en"
    sheep = next(c for c in result.query.concepts if c.text == "sheep")
    assert term("schaap") in sheep.terms
    assert result.hits[0].article.file == "wolf.txt"
    answer = compose(result)
    assert answer.answered
    assert "slachtoffer van een hond" in answer.quotes[0].excerpt


async def test_translated_words_are_not_names_but_untranslated_ones_are(filled: Archive) -> None:
    result = await filled.search("Did Stoltenberg talk about weapons in Iraq?")
    specific = {c.text: c.specific for c in result.query.concepts}
    assert specific.get("Stoltenberg") is True
    assert specific.get("Iraq", False) is False


async def test_a_dutch_question_is_not_translated(filled: Archive) -> None:
    result = await filled.search("Zijn de schapen in Daarle door een wolf doodgebeten?")
    assert result.query.language == "nl"
    assert all(len(c.terms) == 1 for c in result.query.concepts)


async def test_carried_concepts_join_the_question_whose_own_words_say_what_it_asks(
    filled: Archive,
) -> None:
    """A follow-up ("wanneer was dat?") is searched with what an earlier question was
    about, as that question was understood, and wants what its own words ask for."""
    earlier = await filled.search("Wat zei Stoltenbreg over kernwapens?")
    assert [c.terms[0] for c in earlier.query.concepts] == [term("stoltenberg"), term("kernwapens")]
    alone = await filled.search("wanneer was dat?")
    assert not alone.hits
    carried = await filled.search("wanneer was dat?", carried=earlier.query.concepts)
    assert carried.query.expects == "date" and earlier.query.expects is None
    assert carried.query.concepts == earlier.query.concepts
    assert carried.query.corrections == ()
    assert carried.hits[0].article.id == earlier.hits[0].article.id
    own = await filled.search("wanneer liep Kernwapens af?", carried=earlier.query.concepts)
    assert [c.text for c in own.query.concepts].count("kernwapens") == 0
    assert sum(term("kernwapens") in c.terms for c in own.query.concepts) == 1


async def test_what_happened_is_the_questions_frame_not_its_subject(archive: Archive) -> None:
    await add_pages(
        archive,
        brug=page(["De brug over de IJssel bij Zwolle is dinsdag ingestort na een aanvaring."]),
        beurs=page(["De beurs in Amsterdam sloot dinsdag hoger. Het gebeurde na een rustige dag."]),
        markt=page(["Op de markt in Kampen staat een nieuwe kraam met kaas."]),
    )
    for question in (
        "Wat is er gebeurd met de brug over de IJssel?",
        "Wat gebeurde er met de IJsselbrug bij Zwolle?",
        "What happened to the bridge over the IJssel?",
    ):
        result = await archive.search(question)
        assert term("gebeurd") not in result.query.terms, question
        assert result.hits[0].article.file == "brug.txt", question
        assert compose(result).answered, question
