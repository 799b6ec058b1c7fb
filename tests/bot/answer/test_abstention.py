"""When to say "not found", round 8: readings of what an article says and does not say of
what a question asks. Small invented articles, one reading each; each test fails without
its reading (docs/answer-quality.md, "Round 8: abstention")."""

from __future__ import annotations

from bot.answer.compose import compose
from storage.archive import Archive
from storage.models import SourceFile
from tests.corpus import files, page
from tests.fixtures import import_all

SCHUUR = page(
    [
        "Een bar, een geluidsinstallatie en een koelkast vol bier: het is allemaal te vinden in "
        "een schuur op het erf van een fruitteler. Zijn zoons drinken er met vrienden in, tot "
        "ergernis van een buurman. Maar moet de gemeente Oosterveld de volgende keer dat de "
        "buurman klaagt over drinkende jongeren toch ingrijpen? Daarover beslist de rechter.",
    ]
)
FESTIVAL = page(
    [
        "Na het succes van het festival willen de fans meer. Pieter Hoekstra, organisator van "
        "de drie uitverkochte avonden in het stadion, wil nog niet vooruitlopen op een nieuwe "
        "editie. Komt die er, dan is het stadion weer de plek, zegt Hoekstra.",
    ]
)


async def archive_with(archive: Archive, **pages: str) -> Archive:
    await import_all(archive, files())
    await import_all(archive, [SourceFile(f"{n}.txt", t.encode()) for n, t in pages.items()])
    return archive


async def test_a_name_a_question_takes_for_granted_still_answers(archive: Archive) -> None:
    await archive_with(archive, schuur=SCHUUR)
    answer = compose(
        await archive.search("In welke gemeente staat de schuur waar de buurman over klaagt?")
    )
    assert answer.answered, "de gemeente Oosterveld is presupposed, though said in a question"
    assert "Oosterveld" in answer.quotes[0].excerpt


async def test_what_an_apposition_says_is_said_whatever_the_main_verb_wants(
    archive: Archive,
) -> None:
    await archive_with(archive, festival=FESTIVAL)
    answer = compose(
        await archive.search("Wie organiseerde de drie uitverkochte avonden in het stadion?")
    )
    assert answer.answered, "that he organised them stands outside the scope of `wil`"
    assert "Pieter Hoekstra" in answer.quotes[0].excerpt
