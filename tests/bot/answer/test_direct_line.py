"""The direct answer line on questions no mechanism was written for: the kind of answer a
question asks for read from its grammar, and the answer found by Dutch syntax (apposition,
a measure phrase, the sentence that matches best). Small invented articles, one mechanism
each; every question here must get the line shown, and none a wrong one."""

from __future__ import annotations

import pytest

from bot.answer.compose import compose
from storage.archive import Archive
from tests.corpus import page
from tests.fixtures import archive_with

WRAK = page(
    [
        "Duikers hebben het wrak van de vissersboot Johanna gevonden voor de kust van Texel. "
        "Het schip zonk in 1953 tijdens een storm. Het wrak ligt op de bodem van de Noordzee, "
        "op 45 meter onder water.",
    ]
)

LAAGVLIEGEN = page(
    [
        "De actiegroepen tegen laagvliegen stappen niet naar de burgerrechter. 'Dat heeft "
        "geen zin, omdat de burgerrechter geen uitspraken doet over luchthavenbesluiten.' "
        "Ze wachten op de Raad van State.",
    ]
)
BRUG = page(
    [
        "De nieuwe brug over het kanaal bij Enschede moet nu 'uiterlijk' 1 juni klaar zijn, "
        "meldt de provincie. Eerst zou dat in maart zijn.",
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

OOIEVAAR = page(
    [
        "De operatie aan de gebroken vleugel van ooievaar Kees in Wageningen duurde een halve "
        "dag. Het dier maakt het inmiddels goed.",
    ]
)

TRANSFER = page(
    [
        "Voetbalclub FC Emmen betaalt 2 miljoen euro aan Vitesse voor verdediger Jan de Boer. "
        "Hij tekent een contract voor vier jaar.",
    ]
)

TINSCHIP = page(
    [
        "Duikers hebben bij Texel een schip vol tin gevonden dat rond 1620 is gezonken. Het "
        "wrak ligt op twaalf meter diepte.",
    ]
)

ZWEMBAD = page(
    [
        "Het nieuwe zwembad in Hardenberg gaat volgend jaar maart open, zegt de gemeente. De "
        "bouw kost 14 miljoen euro.",
    ]
)

ERFGOED = page(
    [
        "De Erfgoedstichting Drenthe geeft haar Monumentenprijs dit jaar aan Piet Bos, een "
        "metselaar uit Assen. De prijs is 5000 euro waard.",
    ]
)

KUNSTPRIJS = page(
    [
        "Het Cultuurfonds Zuid-Limburg geeft zijn Kunstprijs dit jaar aan Eva de Wit, een "
        "beeldhouwer uit Maastricht. De jury prijst haar werk met steen.",
    ]
)

STAKING = page(
    [
        "De schoolstaking van scholier Sara Mulder in Zwolle is inmiddels in week 52. Ze "
        "staakt elke vrijdag bij het stadhuis.",
    ]
)

OVERSTAP = page(
    [
        "Verdediger Piet Jansen stapt deze zomer over van Vitesse naar Ajax. De club betaalt "
        "12 miljoen euro voor de 24-jarige. Hij tekent een contract voor vier jaar.",
    ]
)


ASBEST = page(
    [
        "In Zwolle is sinds vorige week een sporthal dicht. De vloer van sporthal De Marslanden "
        "bleek vorige maand vol asbest te zitten. Daarom heeft de gemeente Zwolle de sporthal "
        "gesloten. De clubs trainen tot de zomer in Kampen.",
    ]
)

BUREN = page(
    [
        "De politierechter in Arnhem heeft een 64-jarige man veroordeeld tot een "
        "voorwaardelijke werkstraf van 40 uur. Hij had zijn buren bedreigd na een ruzie over "
        "geluidsoverlast. Ook moet hij zich laten behandelen.",
    ]
)

GENERATIE = page(
    [
        "Greta Thunberg is het gezicht van een actiegerichte generatie, zegt Jos Ahlers. Hij "
        "schreef een boek over de generatie.",
    ]
)

VELP = page(
    [
        "De politierechter in Arnhem heeft een man uit Velp een behandeling opgelegd. De "
        "politierechter in Arnhem, die de zaak van de man uit Velp al twee keer had "
        "aangehouden, en die de buren van de man uit Velp uitvoerig had gehoord over de ruzies "
        "over geluid, over de auto op de stoep, over de hond in de tuin en over de schutting "
        "tussen de twee tuinen, die volgens de buren te hoog was en volgens de man precies "
        "goed, sprak dinsdag na een zitting van drie uur in Arnhem recht in een zaal die vol "
        "zat met familie van beide kanten, die elkaar na afloop op de gang nog lang bleven "
        "uitschelden tot de bode ingreep en de familie van de man uit Velp naar buiten bracht "
        "langs de fotografen van de kranten uit de regio.",
        "Volgens de advocaat kwam de uitspraak niet als een verrassing. De rechter legde de "
        "behandeling op omdat de man een psychische stoornis heeft. De man gaat in beroep.",
    ]
)

STAGE = page(
    [
        "Acht scholen in Utrecht zijn begonnen met een proef met gevluchte leraren. Ze lopen "
        "drie maanden stage in de klas. De scholen hopen zo het lerarentekort tegen te gaan.",
    ]
)

VISVEILING = page(
    [
        "De visveiling in Breskens gaat misschien dicht. Het besluit daarover ligt bij de "
        "gemeenten Vlissingen en Sluis, de eigenaren van de Zeeuwse Visveilingen. Karel "
        "Bakker, directeur van de Zeeuwse Visveilingen, wil er nog niets over kwijt.",
    ]
)

DAVOS = page(
    [
        "De Oegandese activiste Sara Okello poseerde in Davos op een foto met Greta Thunberg. "
        "Ze deden dat na een persconferentie op het World Economic Forum. Later zag de "
        "Oegandese activiste dat "
        "het persbureau Associated Press haar uit de foto had geknipt.",
    ]
)


@pytest.mark.parametrize(
    ("pages", "question", "direct"),
    [
        pytest.param(
            {"wrak": WRAK},
            "How deep is the wreck of the Johanna lying?",
            "45 meter",
            id="an English adjective of dimension asks for a measure",
        ),
        pytest.param(
            {"nachtbus": NACHTBUS},
            "Hoe heet die nieuwe nachtbus tussen Zwolle en Kampen?",
            "Nachtegaal",
            id="an apposition says what a name names",
        ),
        pytest.param(
            {"leningen": LENINGEN},
            "Hoeveel zzp'ers in Deventer kregen vorig jaar een lening?",
            "412 zelfstandigen",
            id="an apposition says what a number counts",
        ),
        pytest.param(
            {"brood": BROOD},
            "Hoe groot is het marktaandeel van bakkerijketen Jansen in Overijssel?",
            "12 procent",
            id="a measure phrase gives the value of the noun asked about",
        ),
        pytest.param(
            {"huismus": HUISMUS},
            "Wie hebben onderzoek gedaan naar het verdwijnen van de huismus uit de steden?",
            "Anna Krüger",
            id="an adjective derived from a name is no name",
        ),
        pytest.param(
            {"enquete": ENQUETE},
            "Welk deel van de scholieren in Kampen fietst elke dag naar school?",
            "Tweederde",
            id="a fraction written as one word answers which part",
        ),
        pytest.param(
            {"kwartiermakers": KWARTIERMAKERS},
            "Wie is door het kabinet benoemd als kwartiermaker in Friesland?",
            "Karin Mulder",
            id="of several names the one qualified as the question says",
        ),
        pytest.param(
            {"ooievaar": OOIEVAAR},
            "Hoe lang duurde de operatie aan de vleugel van ooievaar Kees?",
            "halve dag",
            id="half inflected before its noun is a number",
        ),
        pytest.param(
            {"transfer": TRANSFER},
            "Hoeveel betaalt de club FC Emmen aan Vitesse voor Jan de Boer?",
            "2 miljoen euro",
            id="hoeveel before the verb asks an amount of no noun",
        ),
        pytest.param(
            {"transfer": TRANSFER},
            "Hoeveel betaalt FC Emmen aan Vitesse voor Jan de Boer?",
            "2 miljoen euro",
            id="hoeveel before the verb, a name its subject",
        ),
        pytest.param(
            {"tinschip": TINSCHIP},
            "Van rond welk jaar is het schip vol tin bij Texel?",
            "rond 1620",
            id="a question for a year is answered by a year",
        ),
        pytest.param(
            {"zwembad": ZWEMBAD},
            "Wanneer gaat het nieuwe zwembad in Hardenberg open?",
            "volgend jaar maart",
            id="a month beside volgend jaar is as definite as one with its year",
        ),
        pytest.param(
            {"erfgoed": ERFGOED},
            "Wie krijgt dit jaar de Monumentenprijs van de stichting in Drenthe?",
            "Piet Bos",
            id="the line passes over the question's own name",
        ),
        pytest.param(
            {"kunstprijs": KUNSTPRIJS},
            "Wie krijgt dit jaar de Kunstprijs van het Cultuurfonds in Limburg?",
            "Eva de Wit",
            id="a hyphenated name is headed by its last part",
        ),
        pytest.param(
            {"staking": STAKING},
            "In welke week van haar schoolstaking zit Sara Mulder nu?",
            "in week 52",
            id="a numbered week answers in welke week",
        ),
        pytest.param(
            {"asbest": ASBEST},
            "Waarom heeft Zwolle sporthal De Marslanden gesloten?",
            "De vloer van sporthal De Marslanden bleek vorige maand vol asbest te zitten",
            id="a reason the next sentence points back to is the direct line",
        ),
        pytest.param(
            {"buren": BUREN},
            "Welke straf kreeg de man die zijn buren bedreigde?",
            "voorwaardelijke werkstraf van 40 uur",
            id="a compound headed by the asked noun answers which",
        ),
        pytest.param(
            {"generatie": GENERATIE},
            "Wie noemt Greta het gezicht van een generatie?",
            "Jos Ahlers",
            id="a name the question gives in part is not the answer",
        ),
        pytest.param(
            {"velp": VELP},
            (
                "Waarom legde de politierechter in Arnhem de man uit Velp dinsdag na de "
                "zitting een behandeling op?"
            ),
            "omdat de man een psychische stoornis heeft",
            id="a compound topic is named again by its head",
        ),
        pytest.param(
            {"stage": STAGE},
            "Waarom laten scholen in Utrecht gevluchte leraren stage lopen?",
            "hopen zo het lerarentekort tegen te gaan",
            id="a hope for what is done is the direct line",
        ),
        pytest.param(
            {"visveiling": VISVEILING},
            "Wie is de directeur van de Zeeuwse Visveilingen?",
            "Karel Bakker",
            id="wie is de directeur asks for the name beside directeur",
        ),
        pytest.param(
            {"davos": DAVOS},
            "Welk persbureau knipte een Oegandese activiste uit een foto met Greta in Davos?",
            "Associated Press",
            id="a name classed by the asked noun beats one beside more of the question",
        ),
        pytest.param(
            {"laagvliegen": LAAGVLIEGEN},
            "Waarom stappen de actiegroepen niet naar de burgerrechter?",
            "omdat de burgerrechter geen uitspraken doet over luchthavenbesluiten",
            id="a quotation mark the clause's end left is no part of the line",
        ),
        pytest.param(
            {"brug": BRUG},
            "Wanneer moet de nieuwe brug over het kanaal uiterlijk klaar zijn?",
            "'uiterlijk' 1 juni",
            id="a quotation mark in the line keeps its partner",
        ),
    ],
)
async def test_the_direct_line_is_the_answer(
    archive: Archive, pages: dict[str, str], question: str, direct: str
) -> None:
    await archive_with(archive, **pages)
    assert compose(await archive.search(question)).direct == direct


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


NOOR = page(
    [
        "De rechtbank in Almelo behandelde gisteren de zaak rond de dood van peuter Noor, "
        "die op 12 oktober 2017 overleed. Justitie eist veertien jaar cel tegen de "
        "stiefvader. De uitspraak is op 19 april.",
    ],
    date=(2019, 4, 5),
)


async def test_a_question_about_what_is_to_come_is_not_answered_by_a_date_before_the_article(
    archive: Archive,
) -> None:
    await archive_with(archive, noor=NOOR)
    ahead = compose(await archive.search("Wanneer doet de rechtbank uitspraak over peuter Noor?"))
    assert ahead.direct == "op 19 april", "the day of the death lies before the article's"
    past = compose(await archive.search("Wanneer is peuter Noor overleden?"))
    assert past.direct == "op 12 oktober 2017", "a perfect asks what happened"


PROEFSCHRIFT = page(
    [
        "Stellen met een traditionele rolverdeling zijn het meest tevreden over hun relatie. "
        "Dat concludeert socioloog Niels Blom in zijn proefschrift, dat hij vrijdag "
        "verdedigde aan de Radboud Universiteit.",
        "De stellen werden vijftien jaar gevolgd en vulden elk jaar een vragenlijst in.",
        "Statisticus Joop Hox vindt het onderzoek gedegen uitgevoerd, zegt hij in een "
        "telefonische reactie.",
    ]
)


async def test_a_name_beside_the_kind_asked_for_outweighs_a_name_beside_the_question_words(
    archive: Archive,
) -> None:
    await archive_with(archive, proefschrift=PROEFSCHRIFT)
    question = "Welke statisticus vond het proefschrift over de traditionele rolverdeling gedegen?"
    answer = compose(await archive.search(question))
    assert answer.direct == "Joop Hox", "the socioloog only defended the thesis"


async def test_the_word_that_says_what_a_name_of_the_question_is_is_no_answer(
    archive: Archive,
) -> None:
    await archive_with(archive, zomerkat=ZOMERKAT)
    answer = compose(await archive.search("Wie heeft Zomerkat na het faillissement overgenomen?"))
    assert answer.direct is None


async def test_a_sum_without_a_rate_is_no_answer_to_how_much_a_year(archive: Archive) -> None:
    await archive_with(archive, overstap=OVERSTAP)
    answer = compose(await archive.search("Hoeveel gaat Piet Jansen per jaar verdienen bij Ajax?"))
    assert answer.direct is None, "the transfer fee is no yearly salary"


async def test_a_sum_with_its_rate_answers_how_much_a_year(archive: Archive) -> None:
    salary = OVERSTAP.replace(
        "Hij tekent een contract voor vier jaar.", "Hij verdient er 2 miljoen euro per jaar."
    )
    await archive_with(archive, salaris=salary)
    answer = compose(await archive.search("Hoeveel gaat Piet Jansen per jaar verdienen bij Ajax?"))
    assert answer.direct == "2 miljoen euro per jaar"


POSTKANTOOR = page(
    [
        "Twee oude panden in Sint-Maartensdijk krijgen een nieuwe invulling. In het oude "
        "postkantoor komt een ijssalon, op initiatief van oud-raadslid Roland van Tilborg. De "
        "inwoner van het dorp opent zijn winkel zaterdag. Van Tilborg begint in het oude "
        "VVV-kantoor ook een informatiepunt voor toeristen.",
    ]
)


async def test_a_surname_the_quote_gives_in_full_is_given_in_full(archive: Archive) -> None:
    await archive_with(archive, postkantoor=POSTKANTOOR)
    question = "Wie begint een informatiepunt in het oude VVV-kantoor in Sint-Maartensdijk?"
    answer = compose(await archive.search(question))
    assert answer.direct == "Roland van Tilborg"
    first = answer.quotes[0]
    assert first.answer is not None
    assert first.excerpt[first.answer[0] : first.answer[1]] == "Roland van Tilborg"


KRUIS = page(
    [
        "Het Rode Kruis biedt aan te helpen bij het terughalen van kinderen uit Syrië. VVD en "
        "CDA reageren negatief op het plan. 'Heel raar dat het Rode Kruis met dit voorstel "
        "komt', reageert Antoinette Laan (VVD).",
    ]
)


async def test_a_hyphenated_compound_asks_for_its_head(archive: Archive) -> None:
    await archive_with(archive, kruis=KRUIS)
    question = "Welk VVD-Kamerlid noemt het aanbod van het Rode Kruis heel raar?"
    answer = compose(await archive.search(question))
    assert answer.direct == "Antoinette Laan", "a member of parliament, not the party"


GENERALE = page(
    [
        "Willem II-Ajax (1-4) werd zaterdag de perfecte generale voor de Amsterdammers. "
        "In het seizoen 2018-2019 won Ajax 28 van de 34 wedstrijden.",
    ]
)


async def test_how_a_match_ended_is_its_score(archive: Archive) -> None:
    await archive_with(archive, generale=GENERALE)
    answer = compose(await archive.search("Hoe eindigde Willem II-Ajax, de generale?"))
    assert answer.direct == "1-4"
