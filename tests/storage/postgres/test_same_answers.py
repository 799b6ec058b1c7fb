"""The same articles in either store give the same answers: ranked passages, scores,
quotes and article ids, and underneath them the same candidates and champion lists."""

from __future__ import annotations

import itertools
import random
from collections.abc import AsyncIterator
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from bot.answer.compose import compose
from storage import candidates
from storage.archive import Archive
from storage.candidates import full_ranking, plan_candidates
from storage.ingest.prepare import prepare_article
from storage.models import Filters, SourceFile
from storage.search.rank import CANDIDATES, idf, query_terms
from tests import corpus
from tests.corpus import AMSTERDAM, parsed
from tests.fixtures import import_all, look_up

QUESTIONS = (
    "Wat zei Stoltenberg over kernwapens?",
    "Wat zei Stoltenbreg over kernwapens?",
    "Hoeveel deelnemers hadden zich voor de Vierdaagse ingeschreven?",
    "Waar is de nieuwe bibliotheek geopend en wat kostte de verbouwing?",
    "Wie werd Nederlands kampioen op de 1500 meter?",
    "Zijn de schapen in Daarle door een wolf doodgebeten?",
    "What did the Dutch defence minister say about Putin?",
    "Wat gebeurde er in maart 2019?",
    "Wat is er vorig jaar gebeurd in Zwolle?",
    "NAVO",
    "de het een",
    "???",
)
FILTERS = (
    Filters(),
    Filters(source="gelderlander"),
    Filters(since=datetime(2024, 1, 1, tzinfo=AMSTERDAM)),
    Filters(scope=7),
)


@pytest.fixture
async def both(tmp_path: Path, postgres_dsn: str) -> AsyncIterator[tuple[Archive, Archive]]:
    sqlite = await Archive.open(tmp_path / "archive.db")
    postgres = await Archive.open(postgres_dsn)
    try:
        yield sqlite, postgres
    finally:
        await sqlite.close()
        await postgres.close()


async def test_every_question_gets_the_same_answer_from_either_store(
    both: tuple[Archive, Archive],
) -> None:
    extra = [SourceFile("eigen.txt", corpus.page(["Een eigen bericht over Daarle."]).encode())]
    for archive in both:
        await import_all(archive, corpus.files())
        await import_all(archive, extra, scope=7)
    sqlite, postgres = both
    for question, filters in itertools.product(QUESTIONS, FILTERS):
        ours, theirs = [await a.search(question, filters) for a in both]
        assert theirs.hits == ours.hits, (question, filters)
        assert compose(theirs) == compose(ours), (question, filters)
    assert await postgres.stats(7) == replace(
        await sqlite.stats(7), database_bytes=(await postgres.stats(7)).database_bytes
    )
    exported = [[replace(a, added_at=None) async for a in x.export()] for x in both]
    assert exported[1] == exported[0], "every field but the time of the import"


WORDS = (
    "haven schip kade sluis brug dijk water storm regen wind zon wolk kabinet minister "
    "wethouder raad gemeente provincie"
).split()


def _article(rng: random.Random, number: int, dated: bool):
    """An article of a few passages with skewed word counts, so some terms get common."""
    passages = []
    for _ in range(rng.randint(1, 3)):
        words = rng.choices(WORDS, weights=range(len(WORDS), 0, -1), k=rng.randint(3, 12))
        passages.append(" ".join(words).capitalize() + f" nummer{number % 50}.")
    published = datetime(2020, 1 + number % 12, 1, tzinfo=AMSTERDAM) if dated else None
    source = "Krant" if number % 3 else "Omroep"
    return parsed(f"a{number}", *passages, published=published, source=source)


async def test_lists_candidates_and_answers_agree_on_an_archive_with_common_terms(
    both: tuple[Archive, Archive], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small lists make a small archive behave as a big one: every kind of plan (lists,
    rare terms, pairs, all three rarest, narrowed, the full ranking) reads the same
    candidates in both stores, after imports in batches and deletes."""
    monkeypatch.setattr(candidates, "LIST_SIZE", 8)
    monkeypatch.setattr(candidates, "COMMON", 12)
    monkeypatch.setattr(candidates, "CHEAP_PAIRS", 10)
    rng = random.Random(5)
    batches = [
        [
            prepare_article(_article(rng, n, dated=n % 4 != 0), f"{n}.txt")
            for n in range(start, start + size)
        ]
        for start, size in ((0, 30), (30, 1), (31, 60), (91, 45))
    ]
    for number, batch in enumerate(batches):
        for archive in both:
            scope = 9 if number == 2 else None
            await archive.store.add(batch, scope, "test")
    for archive in both:
        for article_id in (3, 20, 120):
            assert await archive.delete(article_id)
    sqlite, postgres = both
    assert _lists(postgres) == _lists(sqlite)

    questions = [" ".join(rng.sample(WORDS, k)) for k in (1, 2, 3, 4, 5, 6, 9) for _ in range(8)]
    questions += ["storm nummer7", "haven kade nummer12 regen", "minister nummer40"]
    filters = (
        Filters(),
        Filters(scope=9),
        Filters(source="omroep"),
        Filters(since=datetime(2020, 6, 1, tzinfo=AMSTERDAM)),
    )
    for question, chosen in itertools.product(questions, filters):
        terms = query_terms(question)
        stats = await look_up(sqlite, "corpus_stats", terms)
        assert await look_up(postgres, "corpus_stats", terms) == stats
        weights = {t: idf(stats.passages, stats.df[t]) for t in terms if t in stats.df}
        known = sorted((t for t in terms if t in stats.df), key=lambda t: (stats.df[t], t))
        for limit in (5, CANDIDATES):
            for plan in (
                plan_candidates(known, stats.df, weights, limit, chosen),
                full_ranking(known, limit),
            ):
                ours = await look_up(sqlite, "candidates", plan, chosen)
                theirs = await look_up(postgres, "candidates", plan, chosen)
                assert _ids(theirs) == _ids(ours), (question, chosen, plan)
        ours, theirs = [await a.search(question, chosen) for a in both]
        assert theirs.hits == ours.hits, (question, chosen)


def _ids(found: list) -> list[int]:
    return sorted(c.passage_id for c in found)


def _lists(archive: Archive) -> tuple[set, set, dict]:
    """The champion lists, floors and term counts the archive holds, in either store."""
    import sqlite3

    store = archive.store
    db = psycopg.connect(store.dsn) if hasattr(store, "dsn") else sqlite3.connect(store.path)
    with closing(db):
        return (
            set(db.execute("SELECT term, impact, passage_id, scope FROM champions")),
            set(db.execute("SELECT term, impact, passage_id, listed FROM champion_floors")),
            dict(db.execute("SELECT term, df FROM terms")),
        )
