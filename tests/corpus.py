"""A small invented news corpus for tests: distinct topics, Dutch, in the scraped-page format.

Invented text only (the real corpus beside the checkout is third-party and not ours to
ship). Each page is built by `page()`, so tests can vary one field at a time.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from storage.models import ParsedArticle, SourceFile

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_DAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def page(
    body: list[str],
    date: tuple[int, int, int] | None = (2022, 10, 14),
    time: str | None = "8:47",
    source: str | None = "Testkrant",
    updated: bool = False,
) -> str:
    """A page in the scraped layout of the seed article."""
    lines = []
    if date:
        year, month, day = date
        weekday = _DAYS[datetime(year, month, day).weekday()]
        stamp = f" date {year}-{month:02d} {weekday} {day} {_MONTHS[month - 1]} {year}"
        lines += [stamp + (f" , {time}" if time else ""), ""]
    if updated:
        lines += ["gewijzigd", ""]
    if source:
        lines += [f"Bron: {source}", ""]
    for paragraph in body:
        lines += [paragraph, ""]
    lines += ["Delen", "", "Terug naar boven"]
    return "\n".join(lines)


NAVO = page(
    [
        "BRUSSEL/BRUGGE (ANP) - Voor de NAVO zou overwegen kernwapens in te zetten moet er "
        "ontzettend veel gebeuren, zegt NAVO-chef Jens Stoltenberg. Hij wil niet zeggen of de "
        "alliantie zou afzien van een antwoord met gelijke munt.",
        "Minister Kajsa Ollongren van Defensie wil de Russische president Vladimir Poetin "
        '"lekker laten raden" naar wat hij over zich afroept.',
    ],
    source="The Council of the European Union",
    updated=True,
)
VIERDAAGSE = page(
    [
        "NIJMEGEN - Door een run op de Vierdaagse gaan er ruim 6000 inschrijvers afvallen. "
        "In totaal hebben zich 53.074 deelnemers gemeld, terwijl er slechts 47.000 "
        "startbewijzen te vergeven zijn.",
        "Komende vrijdag wordt er geloot onder de inschrijvers.",
    ],
    date=(2019, 3, 25),
    time=None,
    source="De Gelderlander",
)
BIBLIOTHEEK = page(
    [
        "In Zwolle is een nieuwe bibliotheek geopend in het oude postkantoor. Het gebouw biedt "
        "plaats aan 80.000 boeken en een leescafé.",
        "De verbouwing kostte 4,2 miljoen euro en duurde anderhalf jaar.",
    ],
    date=(2024, 3, 12),
    time="10:15",
    source="Zwolse Courant",
)
SCHAATSEN = page(
    [
        "HEERENVEEN (ANP) - Schaatsster Lotte Bakker heeft in Thialf het Nederlands "
        "kampioenschap op de 1500 meter gewonnen.",
        "Bakker was ruim een halve seconde sneller dan titelverdediger Mirjam Smit.",
    ],
    date=(2024, 1, 20),
    time="16:40",
    source="Sportblad",
)
WOLF = page(
    [
        "De schapen in Daarle zijn niet door een wolf doodgebeten. Ze waren het slachtoffer "
        "van een hond, blijkt uit DNA-onderzoek.",
        "De eigenaar van de schapen is opgelucht dat er geen wolf in de buurt rondloopt.",
    ],
    date=(2019, 4, 2),
    time=None,
    source="Tubantia",
)

CORPUS = {
    "navo.txt": NAVO,
    "vierdaagse.txt": VIERDAAGSE,
    "bibliotheek.txt": BIBLIOTHEEK,
    "schaatsen.txt": SCHAATSEN,
    "wolf.txt": WOLF,
}


def files() -> list[SourceFile]:
    return [SourceFile(name, text.encode("utf-8")) for name, text in CORPUS.items()]


def write_folder(folder: Path) -> Path:
    """The corpus as a folder of scraped pages, as the benchmarks take it."""
    folder.mkdir()
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def parsed(title: str, *body: str, **fields: object) -> ParsedArticle:
    """A parsed article without going through the parser, for store-level tests."""
    return ParsedArticle(title=title, body=tuple(body), **fields)
