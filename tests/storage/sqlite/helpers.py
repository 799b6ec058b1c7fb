"""Helpers the SQLite store's tests share: storing articles, and lists a small archive fills."""

from __future__ import annotations

import random

import pytest

from storage import candidates
from storage.models import ParsedArticle
from tests.corpus import parsed
from tests.fixtures import add as add

WORDS = (
    "haven schip kade sluis brug dijk water storm regen wind zon wolk kabinet minister "
    "wethouder raad gemeente provincie"
).split()


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
