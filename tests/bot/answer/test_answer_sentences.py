"""Which sentence a quote is built around: the one that supplies what the question asks for,
not the one that repeats most of its words. Small invented articles, one mechanism each."""

from __future__ import annotations

import pytest

from bot.answer.compose import compose
from storage.archive import Archive
from tests.corpus import page
from tests.fixtures import archive_with

BAKKERIJ = page(
    [
        "In Kampen sluit zaterdag na veertig jaar de bakkerij van Jan Smit aan de Oudestraat, "
        "waar drie generaties lang brood, banket en de bekende Kamper koggen over de toonbank "
        "gingen, waar op zaterdagochtend altijd een rij tot op de stoep stond en waar de geur "
        "van vers brood tot op het marktplein te ruiken was. Smit stopt "
        "ermee, zei hij gisteren tegen de krant. Dat komt doordat hij al een jaar lang geen "
        "bakkers meer kan vinden, ook niet via de vakschool in Zwolle of via advertenties in de "
        "regionale kranten.",
    ]
)
MOEDER = page(
    [
        "Antwoord krijgen op haar vragen, dat is wat Donee Odegard wil. Zij is de moeder van de "
        "Amerikaanse studente Sarah Papenheim, die vorig jaar in Rotterdam werd vermoord. De "
        "moeder van Sarah wil de verdachte in de rechtszaal in de ogen kijken.",
    ]
)
KARTBAAN = page(
    [
        "In Mid Ulster, een uur rijden van Belfast, staat een villa te koop met een kartbaan in "
        "de achtertuin en een eigen sauna. Het huis zelf heeft een oppervlakte van 600 "
        "vierkante meter, inclusief het zwembad, de sportschool en de thuisbioscoop: genoeg "
        "ruimte voor alle luxe die rijke mensen zich kunnen veroorloven, en dan is er ook nog een "
        "helikopterplatform, een wijnkelder en een garage voor zes auto's met een eigen "
        "wasstraat. De kartbaan in de achtertuin is 980 meter lang.",
    ]
)

STRAFZAAK = page(
    [
        "Justitie wil 16 jaar cel voor Tim S. voor het doodschieten van de scholier Ayman "
        "Mouyah op Kattenburg. Het was slechts aan geluk te danken dat er niet meer doden "
        "vielen, zei de officier van justitie. De rechtbank doet over twee weken uitspraak.",
    ]
)

VONNIS = page(
    [
        "De rechtbank heeft Tim S. veroordeeld voor het doodschieten van de scholier Ayman "
        "Mouyah op Kattenburg. Justitie wil 16 jaar cel, zei de officier. De rechter gaf hem "
        "12 jaar cel.",
    ]
)

FINALE = page(
    [
        "Real Vallecas wil woensdag in Lissabon de finale van de Europese beker van 2019 "
        "winnen van Olympique Lorient. In 1996 won Real Vallecas de finale van de Europese "
        "beker voor het laatst, met trainer Pablo Ruiz. De club speelt de finale zonder zijn "
        "aanvoerder.",
    ]
)

KAVIAAR = page(
    [
        "In maart werd 23.000 kilo kaviaar onderschept in de haven van Vlissingen. De douane "
        "doet daar steeds vaker controles. Jaarlijks eten Nederlanders zo'n 3600 kilo kaviaar.",
    ]
)

ZWAAN = page(
    [
        "Vrijwilligers van de dierenambulance ZHZ en de reddingsbrigade hebben in Rockanje een "
        "zwaan gevangen die met zijn kop klem zat in een muskusrattenklem. De watervogel vloog "
        "daarmee rond. Hij is naar Vogelklas Karel Schot in Rotterdam gebracht.",
    ]
)

FILMRECHTEN = page(
    [
        "Michiel van Erp mag het boek verfilmen over de vrouw uit Zoetermeer die naar Syrië "
        "ging. Productiehuis De Familie van Van Erp en Monique Busman heeft de filmrechten "
        "verworven. Het verhaal moet een serie worden, maar wie die gaat maken is nog niet "
        "bekend.",
    ]
)

STEMMING = page(
    [
        "Plastic rietjes en wattenstaafjes worden over twee jaar verboden in Kampen. Een grote "
        "meerderheid van de gemeenteraad (31 tegen 4) heeft het voorstel gisteren goedgekeurd.",
    ]
)

STEMBUREAU = page(
    [
        "Stemmen in het oude stadhuis van Kampen was gisteren zo populair dat er twee extra "
        "stemhokjes moesten komen. Het was voor het eerst dat er in het stadhuis een stembureau "
        "stond. Rond 17.00 uur hadden hier al ruim duizend mensen hun stem uitgebracht.",
    ]
)

EERSTE_DAG = page(
    [
        "Bij het noodweer en de overstromingen in Iran zijn zeker negentien mensen omgekomen. "
        "De meeste slachtoffers vielen in de stad Shiraz.",
    ],
    date=(2019, 3, 26),
)
WEKEN_LATER = page(
    [
        "Het dodental van de overstromingen in Iran is opgelopen: zeker zeventig mensen zijn "
        "door het water omgekomen. Het water blijft stijgen in het zuiden van het land.",
    ],
    date=(2019, 4, 12),
)

TANDARTS = page(
    [
        "Nederlandse kinderen gaan heel trouw naar de tandarts, meldt het CBS. Zo'n 96 procent "
        "van de kinderen bezocht er vorig jaar een.",
    ],
    date=(2019, 3, 1),
)
OVERGEWICHT = page(
    [
        "Steeds meer kinderen in Nederland hebben overgewicht. Bijna 13 procent van de "
        "kinderen is te zwaar.",
        "Scholen geven vaker gymles en letten op wat er in de broodtrommel zit. Toch helpt dat "
        "weinig, zeggen deskundigen. Dat blijkt uit nieuwe cijfers van het CBS.",
    ],
    date=(2019, 5, 1),
)

BIOLOGISCH = page(
    [
        "Biologische producten zijn goedkoper geworden. Waren de biologische producten vijf "
        "jaar geleden gemiddeld twee keer zo duur als gewone, nu is het prijsverschil nog maar "
        "63 procent. Dat blijkt uit een vergelijking van de Consumentenbond.",
    ]
)

MEER = page(
    [
        "Na de Duitsers zijn de Nederlanders de grootste groep toeristen aan het Lago di Ledro. "
        "Van de 2 miljoen jaarlijkse bezoekers aan het meer komt een vijfde uit Nederland. "
        "Door de droogte staat het water in het Italiaanse merengebied laag.",
    ]
)

WERKPROJECT = page(
    [
        "Een project om ex-gedetineerden aan werk te helpen, is mislukt. Uiteindelijk hebben "
        "38 deelnemers een baan. Na eerdere projecten waarbij jongeren met geld van bedrijven "
        "werk hadden gevonden, begon het ministerie dit project. Jaarlijks verlaten "
        "dertigduizend gedetineerden de gevangenis.",
    ]
)

ACCU = page(
    [
        "In een fietsenwinkel aan de Wijnhaven in Delft is zaterdagmiddag een accu van een "
        "elektrische fiets spontaan gaan roken. Drie mensen zijn naar een ziekenhuis gebracht "
        "omdat er mogelijk gevaarlijke stoffen waren vrijgekomen.",
    ]
)

VENEZUELA = page(
    [
        "Twee Russische vliegtuigen zijn zaterdag in Venezuela geland. Volgens waarnemers zijn "
        "er met de vliegtuigen ongeveer honderd Russische militairen aangekomen.",
    ]
)

EXITPOLL = page(
    [
        "In Kampen is gisteren een nieuwe gemeenteraad gekozen. De Kamper Partij komt volgens "
        "de exitpolls op 8 tot 10 zetels.",
    ]
)

KIEVIT = page(
    [
        "Zonder maatregelen loopt het slecht af met de kievit in Nederland. Het aantal "
        "broedparen van de kievit is in dertig jaar gedaald van 80.000 naar 25.000.",
    ]
)

SPEELGOED = page(
    [
        "Speelgoedketen Toyhaven heeft faillissement aangevraagd voor al zijn winkels. De "
        "winkels blijven voorlopig open, zodat een doorstart mogelijk blijft.",
    ]
)
VERKOCHT = page(
    [
        "De Duitse winkels van Toyhaven zijn verkocht, meldt de curator. Over de andere "
        "winkels wordt nog gepraat.",
        "De curator van Toyhaven heeft de Franse nationaliteit.",
    ]
)
AANHOUDING = page(
    [
        "De politie heeft een man uit Kampen aangehouden voor de brand in de Broederkerk. De "
        "identiteit van de man maakt de politie niet bekend.",
    ]
)
KORENFESTIVAL = page(
    [
        "Het korenfestival in Zwolle begint in mei. Ook Lotte Veen treedt er op. De zangeres "
        "zal er naar verwachting twee liedjes zingen. Het festival wordt georganiseerd door "
        "Stichting Koorzang Overijssel.",
    ]
)
OVEN = page(
    [
        "In een bakkerij in Deventer is vrijdagavond een oven ontploft. Twee medewerkers zijn "
        "naar het ziekenhuis gebracht omdat ze brandwonden hadden. Waarom de oven ontplofte, is "
        "nog onduidelijk.",
    ]
)
OPVOLGING = page(
    [
        "Burgemeester Anna de Groot treedt af. Wordt Piet Smit of Karel Jansen haar opvolger? "
        "De gemeenteraad beslist in juli.",
    ]
)
CURATOR = page(["De curator van Speelhuis is een Franse advocaat. Hij werkt al dertig jaar."])
MODEKETEN = page(
    [
        "Kledingketen Modemix is overgenomen door investeerder Kees Bakker. Alle veertig "
        "winkels blijven open.",
    ]
)
FAMILIE = page(
    [
        "Anna Bakker is de zus van investeerder Kees Bakker. Zij zit in de raad van "
        "commissarissen van Modemix.",
        "Jos Smit is de vader van de jonge coureur. Volgens Jos is het talent aangeboren.",
    ]
)

SPORTHAL = page(
    [
        "De gemeente Emmen heeft de vergunning voor de nieuwe sporthal aan de Stadionweg "
        "verleend. Bouwbedrijf Dijkstra wil na de zomervakantie beginnen met de bouw. De hal "
        "krijgt drie zalen.",
    ]
)

BLOKKIE = page(
    [
        "Speelgoedwinkel Blokkie heeft faillissement aangevraagd. De twaalf winkels in "
        "Duitsland sluiten per direct de deuren, meldt de curator.",
    ]
)

RAPPER = page(
    [
        "Rapper Kenzo Vos heeft vanuit de gevangenis een hit gescoord met het nummer Nooit "
        "Meer. Het lied is al twee miljoen keer gestreamd.",
        "Kenzo Vos zit vast voor een overval op een juwelier in Tilburg.",
    ]
)
INBREKER = page(
    [
        "Inbreker Dex Bosman heeft voor de inbraak bij een juwelier in Breda een celstraf "
        "gekregen. Hij moet vier jaar de cel in.",
    ]
)
ZWEMBAD = page(
    [
        "Het zwembad De Waterkant in Emmen gaat op de schop. De gemeenteraad stemde gisteren "
        "in met de verbouwing.",
        "De werkzaamheden beginnen op 3 juni en duren een half jaar.",
    ]
)
VIJVER = page(
    [
        "Zwembad De Vijver in de Zwolse wijk Holtenbroek gaat op 1 mei dicht. Het zwembad in "
        "Holtenbroek, waar sinds 1979 drie generaties Zwollenaren leerden zwemmen, waar de "
        "zwemclub van de wijk elke dinsdag en donderdag trainde, waar op zaterdagochtend de "
        "kinderen van de basisscholen hun diploma haalden, waar in de zomer het buitenbad met "
        "de glijbaan vol lag en waar de ouderen van het verzorgingshuis aan de overkant elke "
        "week aquarobics deden onder leiding van dezelfde badmeester, die er zelf als kind "
        "zijn eerste baantjes trok en er nu na veertig jaar afscheid neemt, gaat dicht, zo "
        "besloot de gemeente Zwolle dinsdag na een lang debat in de raadszaal, waar tientallen "
        "bewoners van Holtenbroek op de publieke tribune zaten met spandoeken en petities.",
        "Volgens de wethouder kwam het besluit niet als een verrassing. Het zwembad moet dicht "
        "omdat het dak van de hal al jaren lekt. Een nieuw bad is te duur.",
    ]
)
BUSBRAND = page(
    [
        "Een buschauffeur heeft in Parijs zijn eigen bus in brand gestoken. De man riep dat "
        "hij boos was over de doden op de Noordzee.",
    ]
)


async def test_a_reason_two_sentences_after_the_matching_one_is_quoted(archive: Archive) -> None:
    await archive_with(archive, bakkerij=BAKKERIJ)
    answer = compose(await archive.search("Waarom stopt Jan Smit met zijn bakkerij in Kampen?"))
    first = answer.quotes[0]
    assert first.article.file == "bakkerij.txt"
    assert "geen bakkers meer kan vinden" in first.excerpt
    assert "Smit stopt ermee" in first.excerpt, "with what it explains"


async def test_a_name_the_question_does_not_have_is_quoted(archive: Archive) -> None:
    await archive_with(archive, moeder=MOEDER)
    answer = compose(await archive.search("Hoe heet de moeder van Sarah Papenheim?"))
    first = answer.quotes[0]
    assert first.article.file == "moeder.txt"
    assert "Donee Odegard" in first.excerpt


async def test_a_number_with_the_unit_asked_for_beats_another_number(archive: Archive) -> None:
    await archive_with(archive, kartbaan=KARTBAAN)
    answer = compose(await archive.search("Hoe lang is de kartbaan in de achtertuin van de villa?"))
    first = answer.quotes[0]
    assert first.article.file == "kartbaan.txt"
    assert "980 meter" in first.excerpt


async def test_the_direct_answer_is_the_mention_marked_in_the_first_quote(
    archive: Archive,
) -> None:
    await archive_with(archive, moeder=MOEDER, kartbaan=KARTBAAN)
    who = compose(await archive.search("Hoe heet de moeder van Sarah Papenheim?"))
    assert who.direct == "Donee Odegard"
    first = who.quotes[0]
    assert first.answer is not None
    assert first.excerpt[first.answer[0] : first.answer[1]] == "Donee Odegard"
    length = compose(await archive.search("Hoe lang is de kartbaan in de achtertuin?"))
    assert length.direct == "980 meter lang"
    plain = compose(await archive.search("Wat wil de moeder van Sarah Papenheim?"))
    assert plain.answered and plain.direct is None, "no kind of answer asked for, no line"


async def test_abstains_when_the_article_says_it_does_not_know(archive: Archive) -> None:
    brug = page(
        [
            "De gemeente Hengelo heeft aannemer Bouwbedrijf Dekker een boete opgelegd voor de "
            "vertraagde Boekelosebrug. Hoe hoog die boete is, wil de gemeente niet zeggen.",
        ]
    )
    await archive_with(archive, brug=brug)
    unknown = compose(await archive.search("Hoe hoog is de boete voor de Boekelosebrug?"))
    assert not unknown.answered
    told = compose(await archive.search("Wie kreeg een boete voor de Boekelosebrug?"))
    assert told.answered and "Bouwbedrijf Dekker" in told.quotes[0].excerpt


async def test_abstains_when_no_date_is_beside_what_a_when_question_matches(
    archive: Archive,
) -> None:
    proces = page(
        [
            "In Roemenië begint binnenkort een proces tegen oud-president Ion Iliescu. Hij wordt "
            "verantwoordelijk gehouden voor de dood van honderden demonstranten.",
        ]
    )
    await archive_with(archive, proces=proces)
    answer = compose(await archive.search("Op welke datum begint het proces tegen Iliescu?"))
    assert not answer.answered


async def test_a_question_that_asks_two_things_gets_both_in_its_direct_answer(
    archive: Archive,
) -> None:
    woningen = page(
        [
            "De Zweedse belegger Norrvik koopt 3200 huurwoningen in Groningen en Assen. Met de "
            "koop is 410 miljoen euro gemoeid, meldt het bedrijf.",
            "Bij de scholierenverkiezing in Zwolle was het spannend tot het eind. Uiteindelijk "
            "won het CDA de scholierenverkiezing met 31 procent van de stemmen.",
        ]
    )
    await archive_with(archive, woningen=woningen)
    apart = compose(
        await archive.search("Hoeveel huurwoningen koopt Norrvik, en voor hoeveel geld?")
    )
    assert apart.direct == "3200 huurwoningen … 410 miljoen euro"
    together = compose(
        await archive.search(
            "Welke partij won de scholierenverkiezing in Zwolle, en met hoeveel procent?"
        )
    )
    assert together.direct == "CDA de scholierenverkiezing met 31 procent"


async def test_a_demand_is_no_direct_answer_to_what_the_court_decided(archive: Archive) -> None:
    await archive_with(archive, vonnis=VONNIS)
    decided = compose(await archive.search("Hoeveel jaar cel heeft de rechter Tim S. gegeven?"))
    assert decided.direct == "12 jaar cel"
    demanded = compose(await archive.search("Hoeveel jaar cel eist justitie voor Tim S.?"))
    assert demanded.direct == "16 jaar cel"


async def test_abstains_when_the_article_reports_only_the_demand(archive: Archive) -> None:
    await archive_with(archive, strafzaak=STRAFZAAK)
    decided = compose(await archive.search("Hoeveel jaar cel heeft de rechter Tim S. gegeven?"))
    assert not decided.answered
    demanded = compose(await archive.search("Hoeveel jaar cel eist justitie voor Tim S.?"))
    assert demanded.direct == "16 jaar cel"


async def test_a_past_date_in_a_sentence_that_wants_something_says_when_it_happened(
    archive: Archive,
) -> None:
    trial = page(
        [
            "Justitie wil 16 jaar cel voor Tim S. voor het doodschieten van de scholier Ayman "
            "Mouyah op Kattenburg in november 2021. Zijn vriend werd die nacht in het been "
            "geraakt, zei de officier van justitie.",
        ]
    )
    await archive_with(archive, strafzaak=trial)
    for question in (
        "Wanneer werd Ayman Mouyah doodgeschoten?",
        "In welke nacht werd Ayman Mouyah doodgeschoten?",
    ):
        when = compose(await archive.search(question))
        assert when.answered and when.direct == "in november 2021", question
    decided = compose(await archive.search("Hoeveel jaar cel heeft de rechter Tim S. gegeven?"))
    assert not decided.answered, "the demand is still no verdict"


async def test_abstains_when_the_winner_named_is_of_another_year(archive: Archive) -> None:
    await archive_with(archive, finale=FINALE)
    asked = compose(await archive.search("Wie won de finale van de Europese beker in 2019?"))
    assert not asked.answered
    then = compose(await archive.search("Wie won de finale van de Europese beker in 1996?"))
    assert then.direct == "Real Vallecas"


@pytest.mark.parametrize(
    ("pages", "question", "direct"),
    [
        pytest.param(
            {"kaviaar": KAVIAAR},
            "Hoeveel kaviaar gaat er per jaar op, in kilo's?",
            "zo'n 3600 kilo kaviaar",
            id="per jaar is answered by what happens jaarlijks",
        ),
        pytest.param(
            {"zwaan": ZWAAN},
            "Waar hebben ze de zwaan met zijn kop in een muskusrattenklem naartoe gebracht?",
            "Vogelklas Karel Schot",
            id="the direct line is the answer in the stretch that fits well",
        ),
        pytest.param(
            {"filmrechten": FILMRECHTEN},
            "Welke documentairemaker gaat een serie maken over de vrouw uit Zoetermeer?",
            "Michiel van Erp",
            id="a name that a noun in apposition calls something else is no direct answer",
        ),
        pytest.param(
            {"stemming": STEMMING},
            "Met hoeveel stemmen heeft de gemeenteraad het verbod op rietjes aangenomen?",
            "31 tegen 4",
            id="a tally answers with how many votes",
        ),
        pytest.param(
            {"stembureau": STEMBUREAU},
            "Hoeveel kiezers kwamen af op het stembureau in het stadhuis van Kampen?",
            "ruim duizend mensen",
            id="a count of people answers how many of a kind of person",
        ),
        pytest.param(
            {"biologisch": BIOLOGISCH},
            "Hoeveel duurder zijn biologische producten nog dan gewone?",
            "63 procent",
            id="the value now answers before the value then",
        ),
        pytest.param(
            {"meer": MEER},
            "Welk deel van de bezoekers van het Lago di Ledro komt uit Nederland?",
            "een vijfde",
            id="a fraction answers which part",
        ),
        pytest.param(
            {"venezuela": VENEZUELA},
            "Hoeveel Russische militairen zijn er in Venezuela aangekomen?",
            "ongeveer honderd Russische militairen",
            id="the quantity asked for is told by its noun not its adjective",
        ),
        pytest.param(
            {"exitpoll": EXITPOLL},
            "Hoeveel zetels krijgt de Kamper Partij volgens de exitpolls?",
            "8 tot 10 zetels",
            id="a range is quoted whole in the direct line",
        ),
        pytest.param(
            {"kievit": KIEVIT},
            "Hoeveel kievit-paartjes broeden er nog in Nederland?",
            "25.000",
            id="a count changed from one value to another is the value now",
        ),
    ],
)
async def test_the_direct_line_gives_the_answer(
    archive: Archive, pages: dict[str, str], question: str, direct: str
) -> None:
    await archive_with(archive, **pages)
    assert compose(await archive.search(question)).direct == direct


async def test_a_count_that_news_revised_is_taken_from_the_newest_article(
    archive: Archive,
) -> None:
    await archive_with(archive, eerste=EERSTE_DAG, later=WEKEN_LATER)
    question = "Hoeveel mensen zijn er omgekomen door het noodweer en de overstromingen in Iran?"
    answer = compose(await archive.search(question))
    assert answer.direct == "zeker zeventig mensen"
    assert "negentien" in " ".join(q.excerpt for q in answer.quotes), "the first count quoted too"


async def test_a_newer_count_of_something_else_is_no_revision(archive: Archive) -> None:
    await archive_with(archive, tandarts=TANDARTS, overgewicht=OVERGEWICHT)
    question = "Hoeveel procent van de kinderen ging volgens het CBS naar de tandarts?"
    answer = compose(await archive.search(question))
    assert answer.direct == "Zo'n 96 procent", "the newer article counts overweight children"


async def test_a_rate_is_no_direct_answer_to_what_happened(archive: Archive) -> None:
    await archive_with(archive, werkproject=WERKPROJECT)
    question = (
        "Hoeveel ex-gedetineerden hebben via het project met geld van bedrijven uiteindelijk "
        "werk gevonden?"
    )
    answer = compose(await archive.search(question))
    assert answer.answered
    assert answer.direct != "dertigduizend gedetineerden"


async def test_a_reason_for_something_else_is_no_direct_answer(archive: Archive) -> None:
    await archive_with(archive, accu=ACCU)
    question = "Wat was de oorzaak dat de accu in de fietsenwinkel in Delft begon te roken?"
    assert compose(await archive.search(question)).direct is None


async def test_abstains_when_the_name_beside_the_question_is_the_one_it_asks_about(
    archive: Archive,
) -> None:
    await archive_with(archive, speelgoed=SPEELGOED, modeketen=MODEKETEN, familie=FAMILIE)
    asked = compose(await archive.search("Wie heeft Toyhaven na het faillissement overgenomen?"))
    assert not asked.answered, "Speelgoedketen Toyhaven is no one who took Toyhaven over"
    named = compose(await archive.search("Wie heeft Modemix overgenomen?"))
    assert named.answered and "Kees Bakker" in named.quotes[0].excerpt
    kin = compose(await archive.search("Wie is de zus van Kees Bakker?"))
    assert kin.answered and "Anna Bakker" in kin.quotes[0].excerpt, "not the Kees Bakker asked"
    surname = compose(await archive.search("Wie is de vader van coureur Smit?"))
    assert surname.answered, "Jos is a name: the article writes it inside a sentence too"


async def abstains_yet_answers(
    archive: Archive, pages: dict[str, str], trap: str, question: str, quoted: str
) -> None:
    """The archive of `pages` says "not found" to `trap` and quotes `quoted` for `question`."""
    await archive_with(archive, **pages)
    assert not compose(await archive.search(trap)).answered, trap
    answer = compose(await archive.search(question))
    assert answer.answered and quoted in answer.quotes[0].excerpt, question


async def test_abstains_when_the_name_beside_the_question_is_an_adjective_of_origin(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"verkocht": VERKOCHT},
        "Wie heeft de winkels van Toyhaven gekocht?",  # Duitse says where the shops are
        "Welke nationaliteit heeft de curator van Toyhaven?",
        "Franse",
    )


async def test_abstains_when_the_article_does_not_tell_what_stands_for_the_answer(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"aanhouding": AANHOUDING},
        "Hoe heet de man die is aangehouden voor de brand?",
        "Waar komt de man vandaan die is aangehouden?",
        "Kampen",
    )


async def test_abstains_when_the_article_tells_only_what_is_planned(archive: Archive) -> None:
    await archive_with(archive, korenfestival=KORENFESTIVAL)
    sung = compose(
        await archive.search("Welke liedjes heeft Lotte Veen gezongen op het korenfestival?")
    )
    assert not sung.answered, "the article was written before she sang"
    planned = compose(await archive.search("Hoeveel liedjes zal Lotte Veen zingen?"))
    assert planned.answered and planned.direct == "twee liedjes"


async def test_abstains_when_the_article_does_not_know_what_a_question_it_embeds_asks(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"oven": OVEN},
        "Wat was de oorzaak dat de oven in Deventer ontplofte?",
        "Waarom zijn de medewerkers van de bakkerij naar het ziekenhuis?",
        "brandwonden",
    )


async def test_abstains_when_the_names_beside_the_question_stand_in_a_question(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"opvolging": OPVOLGING, "modeketen": MODEKETEN},
        "Wie wordt de opvolger van Anna de Groot?",  # a question asserts neither name
        "Wie heeft Modemix overgenomen?",
        "Kees Bakker",
    )


async def test_an_adjective_of_origin_is_a_partial_answer_to_where_from(archive: Archive) -> None:
    await archive_with(archive, curator=CURATOR)
    land = compose(await archive.search("Uit welk land komt de curator van Speelhuis?"))
    assert land.answered and "Franse advocaat" in land.quotes[0].excerpt


async def test_a_time_told_by_an_event_answers_when(archive: Archive) -> None:
    await archive_with(archive, sporthal=SPORTHAL)
    answer = compose(await archive.search("Wanneer begint bouwbedrijf Dijkstra met de sporthal?"))
    assert answer.answered, "na de zomervakantie says when, without the calendar"
    assert "na de zomervakantie" in answer.quotes[0].excerpt


async def test_abstains_when_the_only_name_beside_a_who_question_is_a_place(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"blokkie": BLOKKIE, "modeketen": MODEKETEN},
        "Wie heeft Blokkie na het faillissement overgenomen?",  # in Duitsland is no one
        "Wie heeft Modemix overgenomen?",
        "Kees Bakker",
    )


async def test_abstains_when_the_article_never_names_the_kind_of_thing_asked(
    archive: Archive,
) -> None:
    await abstains_yet_answers(
        archive,
        {"rapper": RAPPER, "inbreker": INBREKER},
        "Welke straf kreeg rapper Kenzo Vos voor de overval?",  # a song is no punishment
        "Welke straf kreeg Dex Bosman voor de inbraak bij de juwelier?",
        "celstraf",
    )


VOLLEYBAL = page(
    [
        "Volleyballer Joris Hamstra stopt na dit seizoen als international. De middenaanvaller "
        "speelde 291 interlands voor Oranje en won in 2019 de Europese titel.",
    ]
)


async def test_a_count_told_with_another_noun_for_what_is_counted_is_an_answer(
    archive: Archive,
) -> None:
    await archive_with(archive, volleybal=VOLLEYBAL)
    answer = compose(
        await archive.search("Hoeveel wedstrijden speelde Joris Hamstra voor het volleybalteam?")
    )
    assert answer.answered, "interlands are the matches counted, though never called wedstrijden"
    assert "291 interlands" in answer.quotes[0].excerpt


async def test_an_answer_that_opens_the_next_paragraph_is_quoted(archive: Archive) -> None:
    await archive_with(archive, zwembad=ZWEMBAD)
    answer = compose(await archive.search("Wanneer start de verbouwing van zwembad De Waterkant?"))
    assert answer.answered, "the date is in the paragraph after the one that matches"
    assert answer.direct == "op 3 juni" and "3 juni" in answer.quotes[0].excerpt


async def test_abstains_when_the_only_name_for_a_person_noun_is_a_place(archive: Archive) -> None:
    await abstains_yet_answers(
        archive,
        {"busbrand": BUSBRAND, "modeketen": MODEKETEN},
        "Hoe heet de buschauffeur die in Parijs zijn bus in brand stak?",  # op de Noordzee
        "Wie heeft Modemix overgenomen?",
        "Kees Bakker",
    )


async def test_a_reason_stated_about_the_subject_beats_one_guessed_from_order(
    archive: Archive,
) -> None:
    await archive_with(archive, vijver=VIJVER)
    question = "Waarom gaat zwembad De Vijver in Holtenbroek op 1 mei dicht?"
    answer = compose(await archive.search(question))
    assert answer.direct == "omdat het dak van de hal al jaren lekt"
    assert "dak van de hal" in answer.quotes[0].excerpt


RESORT = page(
    [
        "Een Chinese vrouw met een usb-stick vol malware is zaterdag opgepakt in het resort van "
        "Trump in Florida, waar de president zijn weekend doorbracht. Dat meldt de Secret "
        "Service. Zhang werd toegelaten omdat een medewerker dacht dat ze de dochter van een "
        "clublid was. Ze gaf later een onduidelijk antwoord op de vragen van de agenten.",
    ]
)


async def test_a_separable_verb_split_in_the_question_meets_its_participle(
    archive: Archive,
) -> None:
    await archive_with(archive, resort=RESORT)
    answer = compose(await archive.search("Waarom liet het resort van Trump de Chinese vrouw toe?"))
    assert answer.direct == "omdat een medewerker dacht dat ze de dochter van een clublid was"


DOSSIER = page(
    [
        "Er was geen goed beeld van het risico dat Michael P. vormde. Hoe kon Michael P. zijn "
        "medisch dossier gesloten houden voor de gevangenis? Dat komt door het medisch "
        "beroepsgeheim. De gevangenis mag het dossier alleen delen als hij toestemming geeft.",
        "Michael P. wist in 2010 tbs te ontlopen omdat hij niet meewerkte aan een onderzoek.",
    ]
)


async def test_a_reason_said_of_the_sentence_before_answers_what_that_one_names(
    archive: Archive,
) -> None:
    await archive_with(archive, dossier=DOSSIER)
    answer = compose(
        await archive.search("Waarom kon Michael P. zijn medisch dossier dicht houden?")
    )
    assert answer.direct == "door het medisch beroepsgeheim"


ZWEMMER = page(
    [
        "Na vier dagen in het water is de Belgische zwemmer Tom Peeters woensdag in "
        "Frankrijk aangekomen. Hij kwam aan land in Calais, waar honderden mensen hem "
        "opwachtten.",
    ]
)


async def test_a_country_is_no_answer_to_which_town(archive: Archive) -> None:
    await archive_with(archive, zwemmer=ZWEMMER)
    answer = compose(await archive.search("In welke plaats kwam zwemmer Tom Peeters aan?"))
    assert answer.direct == "Calais"


async def test_a_future_in_the_best_sentence_is_no_demand(archive: Archive) -> None:
    opt_out = page(
        [
            "Nederland zal in dat geval een opt-out kiezen bij het eurozonebudget, zegt "
            "minister van Financiën Wopke Hoekstra maandag in de Financial Times.",
            "Hoekstra dreigde eerder in Boekarest met die stap.",
        ]
    )
    await archive_with(archive, opt_out=opt_out)
    asked = compose(
        await archive.search(
            "In welke stad dreigde minister van Financiën Hoekstra met een opt-out bij het "
            "eurozonebudget?"
        )
    )
    assert asked.answered
    assert asked.direct == "Boekarest"
