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

ZITTING = page(
    [
        "In Zwolle diende gisteren de zaak tegen bakker Henk Visser uit Kampen, die wordt "
        "verdacht van fraude met subsidies. De officier van justitie eiste "
        "een werkstraf van tachtig uur. De rechtbank doet over twee weken uitspraak.",
    ]
)
HOORZITTING = page(
    [
        "De bezwaarcommissie van de gemeente Deventer hoorde gisteren de buren van de nieuwe "
        "snackbar aan de Brink. Zij vrezen stankoverlast en drukte tot diep in de nacht. De "
        "beslissing van de commissie is op 28 oktober.",
    ],
    date=(2022, 10, 14),
)

BOTSING = page(
    [
        "Op de IJssel bij Deventer zijn gisteren twee vrachtschepen met elkaar in aanvaring "
        "gekomen. Niemand raakte gewond. De inspectie is begonnen aan de zoektocht naar de "
        "oorzaak van het ongeluk. Het ene schip, de Johanna, is voor reparatie naar een werf "
        "in Zwolle gevaren.",
    ]
)

OPLICHTER = page(
    [
        "De rechtbank in Arnhem veroordeelde oplichter Rob Kramer vorig jaar tot vier jaar cel. "
        "Kramer ging in hoger beroep. Het gerechtshof behandelt de zaak deze week.",
    ]
)
AANNEMER = page(
    [
        "Aannemer Bert Wolters is na drie rechtszaken uiteindelijk veroordeeld tot twee jaar "
        "cel voor fraude met bouwvergunningen.",
    ]
)

BRANDSTICHTING = page(
    [
        "De Nederlandse student Daan K. is in Portugal veroordeeld tot twee jaar cel wegens "
        "brandstichting in een hotel. In Portugal hoeven straffen tot drie jaar niet te worden "
        "uitgezeten.",
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


async def test_abstains_when_the_article_tells_the_outcome_is_still_to_come(
    archive: Archive,
) -> None:
    await archive_with(archive, zitting=ZITTING)
    verdict = compose(
        await archive.search("Wat besliste de rechtbank in de zaak tegen bakker Henk Visser?")
    )
    assert not verdict.answered, "the court rules in two weeks' time"
    demand = compose(await archive.search("Wat eiste de officier van justitie tegen Henk Visser?"))
    assert demand.answered and "tachtig uur" in demand.quotes[0].excerpt


async def test_abstains_when_the_article_dates_the_outcome_after_itself(archive: Archive) -> None:
    await archive_with(archive, hoorzitting=HOORZITTING)
    dated = compose(
        await archive.search("Wat was de beslissing van de bezwaarcommissie over de snackbar?")
    )
    assert not dated.answered, "28 October is after the article's 14 October"
    feared = compose(await archive.search("Wat vrezen de buren van de snackbar aan de Brink?"))
    assert feared.answered and "stankoverlast" in feared.quotes[0].excerpt


async def test_abstains_when_the_article_only_searches_for_what_is_asked(
    archive: Archive,
) -> None:
    await archive_with(archive, botsing=BOTSING)
    cause = compose(
        await archive.search(
            "Wat was de oorzaak van de aanvaring van de vrachtschepen op de IJssel?"
        )
    )
    assert not cause.answered, "the cause is what the inspection is looking for"
    yard = compose(
        await archive.search("Waar is de Johanna na de aanvaring op de IJssel gerepareerd?")
    )
    assert yard.answered and "Zwolle" in yard.quotes[0].excerpt


async def test_abstains_when_the_question_asks_for_an_end_the_article_never_tells(
    archive: Archive,
) -> None:
    await archive_with(archive, oplichter=OPLICHTER)
    final = compose(
        await archive.search("Tot hoeveel jaar cel is Rob Kramer uiteindelijk veroordeeld?")
    )
    assert not final.answered, "the first ruling, under appeal, is not the end asked for"
    first = compose(
        await archive.search("Tot hoeveel jaar cel veroordeelde de rechtbank Rob Kramer?")
    )
    assert first.answered and "vier jaar cel" in first.quotes[0].excerpt


async def test_an_article_that_tells_the_end_answers_what_came_in_the_end(
    archive: Archive,
) -> None:
    await archive_with(archive, aannemer=AANNEMER)
    told = compose(
        await archive.search("Tot hoeveel jaar cel is Bert Wolters uiteindelijk veroordeeld?")
    )
    assert told.answered and "twee jaar" in told.quotes[0].excerpt


async def test_one_of_a_kind_the_article_speaks_of_may_be_described_not_named(
    archive: Archive,
) -> None:
    await archive_with(archive, brandstichting=BRANDSTICHTING)
    answer = compose(
        await archive.search(
            "Welke straf kreeg student Daan K. in Portugal voor de brandstichting?"
        )
    )
    assert answer.answered, "twee jaar cel is a punishment, though no name"
    assert "twee jaar cel" in answer.quotes[0].excerpt
