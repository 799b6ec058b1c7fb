"""The baselines beside the archive: exhaustive BM25 in one pass, and tantivy."""

from __future__ import annotations

import asyncio
import random
import sqlite3
from pathlib import Path

import pytest
from rank_bm25 import BM25Okapi

from bench.baselines import build_tantivy, engine_readings, engine_truths, scan
from bench.scale import make_questions
from bench.synth import generate, read_source
from storage.archive import Archive
from storage.candidates import full_ranking
from storage.search import rank
from storage.search.rank import idf
from tests.corpus import write_folder

WORDS = "haven schip kade sluis dijk storm vloed brug tunnel veer".split()


def passages_db(path: Path, passages: list[str]) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE passages (id INTEGER PRIMARY KEY, article_id INTEGER, terms TEXT)")
        db.executemany(
            "INSERT INTO passages VALUES (?, ?, ?)",
            [(number * 3 + 7, number // 4, terms) for number, terms in enumerate(passages)],
        )
    db.close()
    return path


def random_passages(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(1, 12))) for _ in range(count)]


def rank_bm25_top10(passages: list[str], ids: list[int], query: list[str]) -> list[int]:
    """The exhaustive ranking as rank_bm25 gives it, with the archive's own idf."""
    corpus = [terms.split() for terms in passages]
    plain = BM25Okapi(corpus)
    plain.idf = {t: idf(len(corpus), sum(t in doc for doc in corpus)) for t in query}
    scores = plain.get_scores(query)
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], ids[i]))
    return [ids[i] for i in order[:10] if scores[i] > 0]


def test_the_one_pass_ranking_is_rank_bm25s_exhaustive_ranking(tmp_path: Path) -> None:
    passages = random_passages(300, seed=1)
    passages[5] = "zeldzaam woord"
    db = passages_db(tmp_path / "a.db", passages)
    ids = [number * 3 + 7 for number in range(len(passages))]
    rng = random.Random(2)
    queries = [rng.sample(WORDS, rng.randint(1, 4)) for _ in range(20)] + [["zeldzaam", "dijk"]]

    found = scan(db, queries, limit=1000)

    assert found.passages == 300
    assert found.truths == [rank_bm25_top10(passages, ids, q) for q in queries]
    assert found.truths[-1][0] == ids[5]


def test_passages_tying_with_the_tenth_count_as_agreeing(tmp_path: Path) -> None:
    passages = ["haven schip"] * 4 + ["haven kade kade sluis"] + ["haven schip"] * 12
    db = passages_db(tmp_path / "a.db", passages)
    ids = [number * 3 + 7 for number in range(len(passages))]

    [truth] = scan(db, [["haven", "schip"]], limit=1000).ranked

    assert truth.top10 == ids[:4] + ids[5:11]
    assert truth.tied == frozenset(ids) - {ids[4]}
    other_copies = ids[7:17]
    assert truth.share(other_copies) == 1.0
    assert truth.strict_share(other_copies) == 0.4
    assert truth.share([ids[4], *ids[5:14]]) == 0.9


def test_the_engines_exhaustive_ranking_is_its_ranking_of_every_passage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = read_source(write_folder(tmp_path / "corpus"))
    paths = generate(source, 400, tmp_path / "articles", seed=3)
    db = tmp_path / "archive.db"
    assert len(asyncio.run(imported(db, tmp_path / "articles"))) == 400
    questions = make_questions(paths, 30, seed=5)
    questions += [q.replace("?", " in maart 2020?") for q in questions[:3]]  # a date filter

    readings = engine_readings(db, questions)
    found = scan(db, [], limit=10, extra={t for query, _, _ in readings for t in query.terms})
    truths = engine_truths(db, readings, found)

    monkeypatch.setattr(rank, "plan_candidates", lambda terms, *_: full_ranking(terms, 10**6))
    everything = asyncio.run(top10s(db, questions))
    assert [t.top10 for t in truths] == everything
    assert sum(len(t.tied) > len(t.top10) for t in truths) >= 3


async def imported(db: Path, folder: Path) -> list:
    archive = await Archive.open(db)
    try:
        return [v async for v in archive.import_paths([folder])]
    finally:
        await archive.close()


async def top10s(db: Path, questions: list[str]) -> list[list[int]]:
    archive = await Archive.open(db, read_only=True)
    try:
        results = [await archive.search(q, limit=10) for q in questions]
    finally:
        await archive.close()
    return [[h.passage_id for h in r.hits] for r in results]


def test_past_the_limit_rank_bm25_holds_an_even_sample(tmp_path: Path) -> None:
    passages = random_passages(100, seed=3)
    db = passages_db(tmp_path / "a.db", passages)

    everything = scan(db, [], limit=100)
    sample = scan(db, [], limit=30)

    assert everything.held == [terms.split() for terms in passages]
    assert sample.held == [terms.split() for terms in passages[::4]]
    assert sample.passages == 100


def test_tantivy_ranks_the_archives_own_terms(tmp_path: Path) -> None:
    passages = random_passages(200, seed=4)
    passages[10] = "sluis-deur sluis-deur kade"
    passages[20] = "sluis-deur " + " ".join(["kade"] * 30)
    passages[30] = "Sluis-deur"
    db = passages_db(tmp_path / "a.db", passages)

    engine = build_tantivy(db, tmp_path / "tantivy")
    try:
        # split on whitespace only: a hyphen stays inside a term, and case is kept
        assert engine.top10(["sluis-deur"]) == [10 * 3 + 7, 20 * 3 + 7]
        assert engine.top10(["Sluis-deur"]) == [30 * 3 + 7]
        assert len(engine.top10(["kade", "storm"])) == 10
        assert engine.bytes > 0
    finally:
        engine.close()
    assert not (tmp_path / "tantivy").exists()
