"""Helpers the SQLite store's tests share: storing articles, and lists a small archive fills."""

from __future__ import annotations

import random

import pytest

from storage import candidates
from storage.archive import Archive
from storage.ingest.prepare import prepare_article
from storage.models import ParsedArticle
from storage.store import Stored
from tests.corpus import parsed

WORDS = (
    "haven schip kade sluis brug dijk water storm regen wind zon wolk kabinet minister "
    "wethouder raad gemeente provincie"
).split()


async def add(
    archive: Archive, *articles: ParsedArticle, scope: int | None = None, added_by: str = "tester"
) -> list[Stored]:
    """Store articles as one batch, straight into the store."""
    prepared = [prepare_article(a, f"{a.title}.txt") for a in articles]
    return await archive.store.add(prepared, scope, added_by)


def small_lists(monkeypatch: pytest.MonkeyPatch, size: int, common: int | None = None) -> None:
    """Lists of `size` passages for terms in more than `common` (default: `size`) passages,
    so a small archive shows what a big one does."""
    monkeypatch.setattr(candidates, "LIST_SIZE", size)
    monkeypatch.setattr(candidates, "COMMON", size if common is None else common)


def article(rng: random.Random, number: int) -> ParsedArticle:
    """An article of a few passages with skewed word counts, so some terms get common."""
    passages = []
    for _ in range(rng.randint(1, 3)):
        words = rng.choices(WORDS, weights=range(len(WORDS), 0, -1), k=rng.randint(3, 12))
        passages.append(" ".join(words).capitalize() + f" nummer{number}.")
    return parsed(f"a{number}", *passages)
