"""English questions about Dutch articles: answered on the names and numbers they share."""

from __future__ import annotations

from bot.answer.compose import compose
from storage.archive import Archive
from storage.models import SourceFile
from storage.search.english import inflected, translations
from tests.corpus import files, page
from tests.fixtures import import_all

PELL = page(
    [
        "Kardinaal George Pell (77), zeer invloedrijk in het Vaticaan, is in Australië door de "
        "rechtbank op vijf aanklachten schuldig bevonden voor misbruik van twee misdienaren.",
    ]
)
SLIPPERS = page(
    [
        "Wie zich op teenslippers aan een wandeling waagt in de Italiaanse streek Cinque Terre "
        "riskeert een boete, die kan oplopen tot 2500 euro.",
    ]
)


async def test_a_title_the_archive_never_uses_is_no_missing_name(archive: Archive) -> None:
    await import_all(archive, [*files(), SourceFile("pell.txt", PELL.encode())])
    result = await archive.search("On how many charges was Cardinal George Pell found guilty?")
    assert not result.evidence.lacks_specific
    answer = compose(result)
    assert answer.answered and "vijf aanklachten" in answer.quotes[0].excerpt


async def test_coverage_rests_on_names_where_the_dictionary_has_no_word(
    archive: Archive,
) -> None:
    await import_all(archive, [*files(), SourceFile("slippers.txt", SLIPPERS.encode())])
    result = await archive.search(
        "How much can you be fined for hiking Cinque Terre in flip-flops?"
    )
    assert result.coverage == 1.0
    answer = compose(result)
    assert answer.answered and "2500 euro" in answer.quotes[0].excerpt
    nothing = compose(await archive.search("How much can you be fined for hiking in Kirkenes?"))
    assert not nothing.answered


def test_a_learned_word_the_list_lacks_gets_its_dutch_cognate() -> None:
    assert translations("paleontologists") == ("paleontoloog",)
    assert translations("constellation") == ("constellatie",)
    assert "woordvoerder" in translations("spokesman"), "general words the list lacks"
    assert "liggen" in translations("lying") and "gaan" in translations("going")
    assert translations("kirkenes") == (), "a name is no learned word"


DINO = page(
    [
        "In Montana is een fossiele begraafplaats van dinosauriërs gevonden. De Amerikaanse "
        "paleontoloog Anna Berg en haar team deden de vondst in een oude rivierbedding.",
    ]
)


async def test_an_english_learned_noun_finds_its_dutch_cognate(archive: Archive) -> None:
    await import_all(archive, [*files(), SourceFile("dino.txt", DINO.encode())])
    answer = compose(await archive.search("Which paleontologist found the fossil site in Montana?"))
    assert answer.direct == "Anna Berg"


ORCAS = page(
    [
        "Rusland laat de 97 orka's vrij die in kooien aan de kust worden vastgehouden, "
        "meldt het ministerie.",
    ]
)


async def test_a_word_neither_the_list_nor_the_archive_knows_counts_for_nothing(
    archive: Archive,
) -> None:
    await import_all(archive, [*files(), SourceFile("orcas.txt", ORCAS.encode())])
    result = await archive.search("How many orcas are held in cages in Russia?")
    assert result.coverage == 1.0, "every word that reached Dutch is in the article"
    answer = compose(result)
    assert answer.answered and "97 orka's" in answer.quotes[0].excerpt


PARKS = page(
    [
        "In Nederland zijn inmiddels zo'n 300 openbare speeltuinen, meldt de bond.",
    ]
)


async def test_a_country_english_names_with_its_article_is_found_in_dutch(
    archive: Archive,
) -> None:
    assert translations("netherlands") == ("nederland",)
    await import_all(archive, [*files(), SourceFile("parks.txt", PARKS.encode())])
    result = await archive.search("How many public playgrounds are there in the Netherlands?")
    assert not result.evidence.lacks_specific
    answer = compose(result)
    assert answer.answered and "300" in answer.quotes[0].excerpt


RAILWAYS = page(
    [
        "De Oostenrijkse spoorwegen steken zo'n 200 miljoen euro in nieuwe slaapwagons, en "
        "Trenitalia investeert 300 miljoen euro in nieuwe treinen.",
    ]
)


def test_an_adjective_of_origin_takes_its_attributive_form() -> None:
    assert inflected("oostenrijks") == "oostenrijkse"
    assert inflected("chinees") == "chinese"
    assert inflected("russisch") == "russische"
    assert inflected("dief") is None and inflected("les") is None


async def test_an_english_adjective_of_origin_finds_the_inflected_dutch_one(
    archive: Archive,
) -> None:
    await import_all(archive, [*files(), SourceFile("spoor.txt", RAILWAYS.encode())])
    result = await archive.search("How much are the Austrian railways investing?")
    austrian = next(c for c in result.query.concepts if c.text == "Austrian")
    assert "oostenrijks" in austrian.terms, "Oostenrijkse is the form before a noun"
    answer = compose(result)
    assert answer.answered and "200 miljoen euro" in answer.quotes[0].excerpt


THIEF = page(
    [
        "Een metaaldief heeft een inbraak in een transformatorhuis in de Duitse plaats "
        "Delitzsch niet overleefd. Hij probeerde een hoogspanningskabel weg te halen.",
    ]
)
CABLES = page(
    [
        "Dieven stalen in Duitsland kilometers kabel onder hoogspanning. De spanning op zo'n "
        "kabel is hoog en metaal brengt veel op, zegt de politie: de dief riskeert zijn leven.",
    ]
)


async def test_neighbouring_english_words_find_the_dutch_compound(archive: Archive) -> None:
    await import_all(
        archive,
        [
            *files(),
            SourceFile("dief.txt", THIEF.encode()),
            SourceFile("kabel.txt", CABLES.encode()),
        ],
    )
    result = await archive.search(
        "In which German town was a metal thief killed while stealing a high-voltage cable?"
    )
    thief = next(c for c in result.query.concepts if c.text == "thief")
    assert "metaaldief" in thief.terms
    cable = next(c for c in result.query.concepts if c.text == "cable")
    assert "hoogspanningskabel" in cable.terms, "three words make one Dutch compound"
    assert result.hits[0].article.file == "dief.txt"


async def test_the_topic_of_an_english_question_is_its_dutch_translation(
    archive: Archive,
) -> None:
    await import_all(archive, [*files(), SourceFile("pell.txt", PELL.encode())])
    result = await archive.search("Why are the charges against Pell in Australia serious?")
    assert result.query.topic is not None
    assert any(result.query.topic in c.terms for c in result.query.concepts)
