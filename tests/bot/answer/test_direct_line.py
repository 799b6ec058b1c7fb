"""The direct answer line on questions no mechanism was written for: the kind of answer a
question asks for read from its grammar, and the answer found by Dutch syntax (apposition,
a measure phrase, the sentence that matches best). Small invented articles, one mechanism
each; every question here must get the line shown, and none a wrong one."""

from __future__ import annotations

from bot.answer.compose import compose
from storage.archive import Archive
from storage.models import SourceFile
from tests.corpus import files, page
from tests.fixtures import import_all

WRAK = page(
    [
        "Duikers hebben het wrak van de vissersboot Johanna gevonden voor de kust van Texel. "
        "Het schip zonk in 1953 tijdens een storm. Het wrak ligt op de bodem van de Noordzee, "
        "op 45 meter onder water.",
    ]
)

NACHTBUS = page(
    [
        "De Nachtegaal, de nieuwe nachtbus tussen Zwolle en Kampen, reed het eerste weekend "
        "meteen vol. De bus rijdt de komende maanden als proef elk uur.",
    ]
)
LENINGEN = page(
    [
        "Vorig jaar kregen 412 zelfstandigen zonder personeel (zzp'ers) in Deventer een lening "
        "van de gemeente, twee keer zoveel als in 2017. De gemeente trekt er 3 miljoen euro "
        "voor uit.",
    ]
)

BROOD = page(
    [
        "De omzet van bakkerijketen Jansen steeg vorig jaar met 8 procent tot 40 miljoen "
        "euro. Jansen heeft in Overijssel een marktaandeel van 12 procent en is daarmee de "
        "grootste bakker van de provincie.",
    ]
)

BROUWERIJ = page(
    [
        "Brouwerij De Klok in Enschede stopt na honderd jaar met het brouwen van bier. Dat "
        "maakte de familie Ter Horst vrijdag bekend in de brouwerij aan de Haaksbergerstraat.",
        "Het pand aan de Haaksbergerstraat is al jaren te klein. Het laatste vat wordt in "
        "juni gevuld. De gemeente wil het pand kopen, omdat het een monument is.",
        "Volgens Ter Horst stopt de brouwerij omdat er in de familie geen opvolger is.",
    ]
)

HUISMUS = page(
    [
        "De huismus verdwijnt uit de steden door een gebrek aan insecten, blijkt uit "
        "onderzoek van Duitse en Franse biologen. Het onderzoek werd geleid door Anna Krüger.",
    ]
)

ENQUETE = page(
    [
        "In Kampen fietsen de meeste scholieren naar school. Tweederde van de scholieren "
        "fietst elke dag, blijkt uit een enquête van de gemeente onder 2400 leerlingen.",
    ]
)

KWARTIERMAKERS = page(
    [
        "Het kabinet heeft voor de nieuwe waterschappen drie kwartiermakers benoemd: "
        "oud-wethouder Piet de Vries in Drenthe, oud-burgemeester Karin Mulder in Friesland "
        "en oud-gedeputeerde Ahmed Bakkali in Groningen. Ze beginnen in september.",
    ]
)

ZOMERKAT = page(
    [
        "Kledingketen Zomerkat is failliet verklaard. De 60 winkels blijven voorlopig open, "
        "meldt de curator. Er zijn gesprekken met partijen die de keten willen overnemen.",
    ]
)


async def archive_with(archive: Archive, **pages: str) -> Archive:
    await import_all(archive, files())
    await import_all(archive, [SourceFile(f"{n}.txt", t.encode()) for n, t in pages.items()])
    return archive


async def test_an_english_adjective_of_dimension_asks_for_a_measure(archive: Archive) -> None:
    await archive_with(archive, wrak=WRAK)
    answer = compose(await archive.search("How deep is the wreck of the Johanna lying?"))
    assert answer.direct == "45 meter"


async def test_an_apposition_says_what_a_name_names(archive: Archive) -> None:
    await archive_with(archive, nachtbus=NACHTBUS)
    question = "Hoe heet die nieuwe nachtbus tussen Zwolle en Kampen?"
    assert compose(await archive.search(question)).direct == "Nachtegaal"


async def test_an_apposition_says_what_a_number_counts(archive: Archive) -> None:
    await archive_with(archive, leningen=LENINGEN)
    question = "Hoeveel zzp'ers in Deventer kregen vorig jaar een lening?"
    assert compose(await archive.search(question)).direct == "412 zelfstandigen"


async def test_a_measure_phrase_gives_the_value_of_the_noun_asked_about(archive: Archive) -> None:
    await archive_with(archive, brood=BROOD)
    question = "Hoe groot is het marktaandeel van bakkerijketen Jansen in Overijssel?"
    assert compose(await archive.search(question)).direct == "12 procent"


async def test_the_answer_may_be_in_the_second_stretch_when_it_names_the_subject(
    archive: Archive,
) -> None:
    await archive_with(archive, brouwerij=BROUWERIJ)
    question = "Waarom stopt brouwerij De Klok in Enschede met het brouwen van bier?"
    answer = compose(await archive.search(question))
    assert answer.direct == "omdat er in de familie geen opvolger is"

    elsewhere = BROUWERIJ.replace("Volgens Ter Horst stopt de brouwerij", "Ook een café stopt")
    await archive_with(archive, elders=elsewhere.replace("De Klok", "De Bel"))
    other = compose(await archive.search(question.replace("De Klok", "De Bel")))
    assert other.answered and other.direct is None, "a reason of something else"


async def test_an_adjective_derived_from_a_name_is_no_name(archive: Archive) -> None:
    await archive_with(archive, huismus=HUISMUS)
    question = "Wie hebben onderzoek gedaan naar het verdwijnen van de huismus uit de steden?"
    assert compose(await archive.search(question)).direct == "Anna Krüger"


async def test_a_fraction_written_as_one_word_answers_which_part(archive: Archive) -> None:
    await archive_with(archive, enquete=ENQUETE)
    question = "Welk deel van de scholieren in Kampen fietst elke dag naar school?"
    assert compose(await archive.search(question)).direct == "Tweederde"


async def test_of_several_names_the_one_qualified_as_the_question_says(archive: Archive) -> None:
    await archive_with(archive, kwartiermakers=KWARTIERMAKERS)
    question = "Wie is door het kabinet benoemd als kwartiermaker in Friesland?"
    assert compose(await archive.search(question)).direct == "Karin Mulder"


async def test_the_word_that_says_what_a_name_of_the_question_is_is_no_answer(
    archive: Archive,
) -> None:
    await archive_with(archive, zomerkat=ZOMERKAT)
    answer = compose(await archive.search("Wie heeft Zomerkat na het faillissement overgenomen?"))
    assert answer.direct is None
