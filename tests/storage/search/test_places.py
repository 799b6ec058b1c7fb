"""A place name and the adjectives and inhabitant nouns Dutch derives from it."""

from __future__ import annotations

from bot.answer.compose import compose
from storage.archive import Archive
from storage.search.places import derived
from tests.corpus import page
from tests.fixtures import archive_with


def test_a_place_gives_its_adjectives_and_inhabitants() -> None:
    assert {"veenendaalse", "veenendaals"} <= derived("veenendaal")
    assert "amsterdammer" in derived("amsterdam")
    assert "soester" in derived("soest")
    assert "amerikaanse" in derived("amerika")
    assert {"gelderse", "gelders"} <= derived("gelderland")
    assert derived("oss") == frozenset(), "too short to derive from"


BABY = page(["De Veenendaalse baby Sam is op 3 maart overleden, meldt de politie."])
STAD = page(
    [
        "In Veenendaal is een baby geboren in een ambulance. Moeder en kind maken het goed, "
        "zegt de gemeente Veenendaal.",
    ]
)
STATEN = page(
    [
        "Forum voor Democratie is met negen zetels de grootste partij in de Gelderse Staten, "
        "meldt het kiesbureau.",
    ]
)


async def test_a_question_with_a_place_finds_the_article_that_has_its_adjective(
    archive: Archive,
) -> None:
    await archive_with(archive, baby=BABY, stad=STAD)
    answer = compose(await archive.search("Wanneer is de baby uit Veenendaal overleden?"))
    assert answer.answered and answer.quotes[0].article.file == "baby.txt"
    assert "3 maart" in answer.quotes[0].excerpt


async def test_a_place_the_article_names_by_its_adjective_is_not_missing(
    archive: Archive,
) -> None:
    await archive_with(archive, staten=STATEN)
    result = await archive.search("Welke partij is de grootste in de Staten van Gelderland?")
    assert not result.evidence.lacks_specific, "the Gelderse Staten are those of Gelderland"
    answer = compose(result)
    assert answer.answered and "Forum voor Democratie" in answer.quotes[0].excerpt
