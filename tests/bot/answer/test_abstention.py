"""When to say "not found", round 8: readings of what an article says and does not say of
what a question asks. Small invented articles, one reading each; each test fails without
its reading (docs/answer-quality.md, "Round 8: abstention")."""

from __future__ import annotations

from bot.answer.compose import compose
from storage.archive import Archive
from tests.bot.answer.test_answer_sentences import abstains_yet_answers
from tests.corpus import page
from tests.fixtures import archive_with

SCHUUR = page(
    [
        "Een bar, een geluidsinstallatie en een koelkast vol bier: het is allemaal te vinden in "
        "een schuur op het erf van een fruitteler. Zijn zoons drinken er met vrienden in, tot "
        "ergernis van een buurman. Maar moet de gemeente Oosterveld de volgende keer dat de "
        "buurman klaagt over drinkende jongeren toch ingrijpen? Daarover beslist de rechter.",
    ]
)
AFTREDEN = page(
    [
        "Burgemeester Anna de Groot treedt af. Wordt de wethouder Piet Smit haar opvolger? "
        "De gemeenteraad beslist in juli.",
    ]
)
FESTIVAL = page(
    [
        "Na het succes van het festival willen de fans meer. Pieter Hoekstra, organisator van "
        "de drie uitverkochte avonden in het stadion, wil nog niet vooruitlopen op een nieuwe "
        "editie. Komt die er, dan is het stadion weer de plek, zegt Hoekstra.",
    ]
)

KANDIDAAT = page(
    [
        "Piet Smit, wethouder in Kampen, wil daar burgemeester worden. Wordt hij het, dan "
        "blijft hij in Kampen wonen, zegt Smit. De gemeenteraad kiest in juli.",
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

MIJN = page(
    [
        "In een ingestorte goudmijn op Borneo zetten reddingswerkers vandaag de zoektocht naar "
        "de twintig vermiste mijnwerkers voort. Het weer werkt niet mee.",
    ]
)

BRANDSTICHTING = page(
    [
        "De Nederlandse student Daan K. is in Portugal veroordeeld tot twee jaar cel wegens "
        "brandstichting in een hotel. In Portugal hoeven straffen tot drie jaar niet te worden "
        "uitgezeten.",
    ]
)


VONNIS_WIETKWEKER = page(
    [
        "De rechtbank in Breda heeft de wietkweker uit Etten-Leur veroordeeld tot twee jaar "
        "cel. De man had op zolder ruim duizend planten staan.",
    ]
)
AANHOUDING_WIETKWEKER = page(
    [
        "De politie heeft in Etten-Leur een 34-jarige wietkweker aangehouden. Op zolder "
        "stonden ruim duizend planten.",
    ]
)


async def test_a_punishment_is_answered_with_its_term_and_kind(archive: Archive) -> None:
    await archive_with(archive, vonnis=VONNIS_WIETKWEKER)
    answer = compose(await archive.search("Welke straf kreeg de wietkweker uit Etten-Leur?"))
    assert answer.answered and answer.direct == "tot twee jaar cel"


async def test_no_punishment_is_told_by_an_article_that_names_none(archive: Archive) -> None:
    await archive_with(archive, aanhouding=AANHOUDING_WIETKWEKER)
    answer = compose(await archive.search("Welke straf kreeg de wietkweker uit Etten-Leur?"))
    assert not answer.answered, "the arrest is reported, no sentence; 34-jarige is an age"


async def test_a_name_a_question_takes_for_granted_still_answers(archive: Archive) -> None:
    await archive_with(archive, schuur=SCHUUR)
    answer = compose(
        await archive.search("In welke gemeente staat de schuur waar de buurman over klaagt?")
    )
    assert answer.answered, "de gemeente Oosterveld is presupposed, though said in a question"
    assert "Oosterveld" in answer.quotes[0].excerpt


async def test_what_a_question_presupposes_is_not_what_it_asks(archive: Archive) -> None:
    await archive_with(archive, aftreden=AFTREDEN)
    answer = compose(await archive.search("Wie wordt de opvolger van Anna de Groot?"))
    assert not answer.answered, "that Smit is a wethouder is taken for granted, not that he wins"


async def test_what_an_apposition_says_is_said_whatever_the_main_verb_wants(
    archive: Archive,
) -> None:
    await archive_with(archive, festival=FESTIVAL)
    answer = compose(
        await archive.search("Wie organiseerde de drie uitverkochte avonden in het stadion?")
    )
    assert answer.answered, "that he organised them stands outside the scope of `wil`"
    assert "Pieter Hoekstra" in answer.quotes[0].excerpt


async def test_what_a_sentence_matches_under_a_verb_of_modality_stays_wanted(
    archive: Archive,
) -> None:
    await archive_with(archive, kandidaat=KANDIDAAT)
    answer = compose(await archive.search("Wie werd burgemeester van Kampen?"))
    assert not answer.answered, "that he is a wethouder in Kampen does not make him mayor"


async def test_abstains_when_the_article_tells_the_outcome_is_still_to_come(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"zitting": ZITTING},
        "Wat besliste de rechtbank in de zaak tegen bakker Henk Visser?",  # in two weeks
        "Wat eiste de officier van justitie tegen Henk Visser?",
        "tachtig uur",
    )


async def test_abstains_when_the_article_dates_the_outcome_after_itself(archive: Archive) -> None:
    await abstains_yet_answers(
        archive,
        {"hoorzitting": HOORZITTING},
        "Wat was de beslissing van de bezwaarcommissie over de snackbar?",  # 28 of 14 October
        "Wat vrezen de buren van de snackbar aan de Brink?",
        "stankoverlast",
    )


async def test_abstains_when_the_article_only_searches_for_what_is_asked(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"botsing": BOTSING},
        "Wat was de oorzaak van de aanvaring van de vrachtschepen op de IJssel?",  # sought
        "Waar is de Johanna na de aanvaring op de IJssel gerepareerd?",
        "Zwolle",
    )


async def test_a_number_in_what_is_searched_for_is_known(archive: Archive) -> None:
    await archive_with(archive, mijn=MIJN)
    answer = compose(await archive.search("Hoeveel mijnwerkers worden vermist op Borneo?"))
    assert answer.answered, "the search is for the miners, and how many there are is known"
    assert "twintig vermiste mijnwerkers" in answer.quotes[0].excerpt


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


MASSAGRAF = page(
    [
        "In een massagraf in het Wit-Russische Brest zijn de resten gevonden van honderden "
        "mensen uit de Tweede Wereldoorlog. De lichamen lagen er sinds 1942.",
    ]
)


async def test_a_question_for_the_final_outcome_or_the_exact_figure_wants_a_good_fit(
    archive: Archive,
) -> None:
    found = "Hoeveel lichamen zijn er gevonden in het massagraf in Brest?"
    for trap in (found.replace("zijn er", "zijn er precies"), found.replace("?", " uiteindelijk?")):
        await abstains_yet_answers(archive, {"massagraf": MASSAGRAF}, trap, found, "honderden")


RECHTSZAAK = page(
    [
        "De 31-jarige Bekir E. stond gisteren in Rotterdam terecht voor de moord op Humeyra, "
        "die drie kinderen had. Zijn advocaat vroeg de rechtbank om een lage straf.",
    ]
)
UITSPRAAK = page(
    [
        "De 28-jarige Koen D. uit Breda kreeg gisteren twaalf jaar cel voor de moord op zijn "
        "buurman.",
    ]
)


async def test_a_punishment_is_named_as_one_or_not_at_all(archive: Archive) -> None:
    await abstains_yet_answers(
        archive,
        {"rechtszaak": RECHTSZAAK, "uitspraak": UITSPRAAK},
        "Welke straf kreeg Bekir E. voor de moord op Humeyra?",
        "Welke straf kreeg Koen D. voor de moord op zijn buurman?",
        "twaalf jaar cel",
    )


GENOMINEERD = page(
    [
        "Voor de publieksprijs van de Gelderse Nieuwsfoto maken drie fotografen kans. Het "
        "publiek kan stemmen op het werk van Jan de Vries, Piet Bakker en Anna Smit.",
    ]
)
GEWONNEN = page(
    [
        "De publieksprijs van de Zeeuwse Persfoto is gewonnen door Karel Jansen, met een foto "
        "van de storm in Vlissingen.",
    ]
)


async def test_an_article_without_the_verb_of_the_outcome_tells_only_the_contest(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"genomineerd": GENOMINEERD, "gewonnen": GEWONNEN},
        "Welke fotograaf won de publieksprijs van de Gelderse Nieuwsfoto?",
        "Welke fotograaf won de publieksprijs van de Zeeuwse Persfoto?",
        "Karel Jansen",
    )
