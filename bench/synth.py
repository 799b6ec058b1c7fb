"""A synthetic news archive of any size, made from a real one, for measuring scale.

Real Dutch sentences give the benchmark realistic word and sentence distributions;
recombining paragraphs with a share of words swapped makes every article unique, and a
share of newly minted words (names, compounds) lets the vocabulary keep growing with the
archive as it does in real news. Paragraphs are regrouped to about PARAGRAPH_CHARS: the
nl-news corpus had its breaks put back at about 450 characters by its curators, while news
sites use paragraphs of one to three sentences; about 250 characters gives the eight or so
passages per article that the scale issue assumes (80,000 passages for 10,000 articles).
Nothing of the source corpus is written anywhere but the caller's temporary folder.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

_DAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
_WORD = re.compile(r"[^\W\d_]{2,}")
_CHROME = ("Delen", "Terug naar boven", "gewijzigd")

SWAP_SHARE = 0.12
PARAGRAPH_CHARS = 250
# nl-news dropped bodies under 150 characters; so does the generator.
MIN_ARTICLE_CHARS = 150
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])")
NEW_WORD_SHARE = 0.15


@dataclass(frozen=True)
class Source:
    """What the generator learns from a real corpus."""

    paragraphs: tuple[str, ...]
    paragraph_counts: tuple[int, ...]
    words: tuple[str, ...]
    outlets: tuple[str, ...]


def read_source(folder: Path) -> Source:
    """Paragraphs, paragraph counts per article, running words and outlets of a scraped corpus."""
    paragraphs: list[str] = []
    counts: list[int] = []
    words: list[str] = []
    outlets: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        body = []
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            if block.startswith("Bron:"):
                outlets.append(block[5:].strip())
            elif block and not block.startswith("date ") and block not in _CHROME:
                body.append(block)
        body = [chunk for paragraph in body for chunk in _regroup(paragraph)]
        if body:
            paragraphs += body
            counts.append(len(body))
            for paragraph in body:
                words += _WORD.findall(paragraph)
    if not paragraphs:
        raise SystemExit(f"no articles in the scraped-page format under {folder}")
    return Source(tuple(paragraphs), tuple(counts), tuple(words), tuple(outlets))


def _regroup(paragraph: str) -> list[str]:
    """The paragraph's sentences, grouped into paragraphs of about PARAGRAPH_CHARS."""
    chunks, current = [], ""
    for sentence in _SENTENCE_BREAK.split(paragraph):
        current = f"{current} {sentence}" if current else sentence
        if len(current) >= PARAGRAPH_CHARS:
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    return chunks


def generate(source: Source, count: int, folder: Path, seed: int = 1) -> list[Path]:
    """Write `count` unique articles as scraped pages into `folder`; returns their paths.

    Files go into subfolders of 1,000 so that no directory gets huge.
    """
    rng = random.Random(seed)
    paths = []
    start = date(2019, 1, 1)
    for number in range(count):
        paragraphs: list[str] = []
        count = rng.choice(source.paragraph_counts)
        while len(paragraphs) < count or sum(map(len, paragraphs)) < MIN_ARTICLE_CHARS:
            paragraphs.append(_mutate(rng.choice(source.paragraphs), source.words, rng))
        day = start + timedelta(days=rng.randrange(6 * 365))
        time = f"{rng.randrange(6, 24)}:{rng.randrange(60):02d}" if rng.random() < 0.3 else None
        page = _page(paragraphs, day, time, rng.choice(source.outlets), rng.random() < 0.3)
        sub = folder / f"{number // 1000:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{seed:02d}_{number:07d}.txt"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def _mutate(paragraph: str, words: tuple[str, ...], rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        if rng.random() >= SWAP_SHARE:
            return match.group()
        if rng.random() < NEW_WORD_SHARE:
            a, b = rng.choice(words), rng.choice(words)
            return a[: max(2, len(a) // 2)] + b[len(b) // 2 :].lower()
        return rng.choice(words)

    return _WORD.sub(swap, paragraph)


def _page(paragraphs: list[str], day: date, time: str | None, outlet: str, updated: bool) -> str:
    weekday, month = _DAYS[day.weekday()], _MONTHS[day.month - 1]
    stamp = f" date {day:%Y-%m} {weekday} {day.day} {month} {day.year}"
    lines = [stamp + (f" , {time}" if time else ""), ""]
    if updated:
        lines += ["gewijzigd", ""]
    lines += [f"Bron: {outlet}", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    lines += ["Delen", "", "Terug naar boven"]
    return "\n".join(lines)


def sentences_of(path: Path) -> list[str]:
    """Body sentences of a generated page, for building questions the archive can answer."""
    text = path.read_text(encoding="utf-8")
    body = [
        b.strip()
        for b in text.split("\n\n")
        if b.strip() and not b.startswith((" date", "Bron:")) and b.strip() not in _CHROME
    ]
    return [s for paragraph in body for s in re.split(r"(?<=[.!?])\s+", paragraph)]
