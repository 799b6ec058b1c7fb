"""What `bench.scale` measures the archive against, on the archive's own passages.

- The exhaustive BM25 ranking of a sample of questions, for top-10 agreement: one pass over
  every passage, keeping only the postings of the sample's terms, so that it fits at any
  size. It scores exactly as rank_bm25's `BM25Okapi.get_scores` does (k1 1.5, b 0.75, the
  average length of every passage) with the archive's own idf (`storage.search.rank.idf`)
  over the question's plain terms. Where the engine reads a question otherwise (a joined
  compound, a split one) or weighs in the rest of an article, agreement counts that too;
  `engine_truths` ranks every passage by the engine's own reading and scoring instead, so
  that agreement with it measures only what candidate generation misses. Passages tying
  with a top 10's last one count as agreeing (`Truth`).
- Plain rank_bm25 (`BM25Okapi` over passages held in RAM). Past `limit` passages it holds an
  even sample of them instead of all, and its times are scaled to all passages: its work per
  question is a loop over every passage held.
- tantivy, the Rust search engine, over the same passages: each passage's analysed terms go
  into a field split on whitespace, so both engines rank the same tokens; BM25 with
  tantivy's defaults (k1 1.2, b 0.75, Lucene's idf, lengths stored in one byte).
"""

from __future__ import annotations

import asyncio
import math
import shutil
import sqlite3
import time
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from storage.search.query import Query
    from storage.store import CorpusStats

    # A question as the engine reads it: its query, the statistics and the weights.
    Reading = tuple[Query, CorpusStats, dict[str, float]]

K1, B = 1.5, 0.75
# Scores this close to a top 10's last one tie with it: sums of the same terms in
# another order differ in their last bits.
TIE = 1e-9


@dataclass(frozen=True)
class Truth:
    """The exhaustive top 10 of one question, and every passage scoring as high as its
    10th: several passages often tie there (at a million articles, copies of one story
    with the same length and counts), and any of them belongs in a top 10 as much as the
    one the tie-break by id put there."""

    top10: list[int]
    tied: frozenset[int]

    def share(self, ranking: Sequence[int]) -> float:
        """How much of this top 10 `ranking`'s first 10 hold, any passage that ties with
        the 10th counting as one of it (ann-benchmarks counts recall the same way)."""
        return min(len(self.tied.intersection(ranking[:10])), len(self.top10)) / len(self.top10)

    def strict_share(self, ranking: Sequence[int]) -> float:
        """The same with ties broken by passage id, as the top 10 lists them."""
        return len(set(self.top10).intersection(ranking[:10])) / len(self.top10)


@dataclass(frozen=True)
class Postings:
    """One term's passages, ascending, with how often the term occurs in each."""

    ids: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True)
class Scan:
    """One pass over the archive's passages."""

    passages: int
    # the passages rank_bm25 holds: every one, or an even sample past the limit
    held: list[list[str]]
    held_ids: list[int]
    # the exhaustive top 10 of each analysed question, with the passages tying with its 10th
    ranked: list[Truth]
    # for the engine's own exhaustive ranking (`engine_truths`): the postings of every
    # term asked for, and each passage's length and article, indexed by passage id
    postings: dict[str, Postings]
    lengths: np.ndarray
    articles: np.ndarray

    @property
    def truths(self) -> list[list[int]]:
        """The exhaustive top 10 (passage ids) of each analysed question."""
        return [truth.top10 for truth in self.ranked]


def scan(db: Path, queries: Sequence[Sequence[str]], limit: int, extra: Iterable[str] = ()) -> Scan:
    """The exhaustive top 10 of every query and rank_bm25's passages, in one pass; the
    postings of the queries' terms and of `extra` terms are kept."""

    connection = _connect(db)
    (total,) = connection.execute("SELECT count(*) FROM passages").fetchone()
    (last,) = connection.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()
    connection.close()
    every = max(1, math.ceil(total / limit))
    wanted = frozenset(t for query in queries for t in query).union(extra)
    ids: dict[str, array] = {t: array("q") for t in wanted}
    counts: dict[str, array] = {t: array("q") for t in wanted}
    lengths = np.zeros(last + 1, dtype=np.int32)
    articles = np.zeros(last + 1, dtype=np.int64)
    held, held_ids = [], []
    count = length = 0
    for passage_id, article_id, terms in _rows(db):
        words = terms.split()
        if count % every == 0:
            held.append(words)
            held_ids.append(passage_id)
        count += 1
        length += len(words)
        lengths[passage_id] = len(words)
        articles[passage_id] = article_id
        for term in wanted.intersection(words):
            ids[term].append(passage_id)
            counts[term].append(words.count(term))
    postings = {
        t: Postings(np.frombuffer(ids[t], dtype=np.int64), np.frombuffer(counts[t], dtype=np.int64))
        for t in wanted
    }
    avgdl = length / count if count else 1.0
    ranked = [_plain_truth(query, postings, lengths, count, avgdl) for query in queries]
    return Scan(
        passages=count,
        held=held,
        held_ids=held_ids,
        ranked=ranked,
        postings=postings,
        lengths=lengths,
        articles=articles,
    )


def _plain_truth(
    query: Sequence[str],
    postings: dict[str, Postings],
    lengths: np.ndarray,
    passages: int,
    avgdl: float,
) -> Truth:
    """BM25Okapi's ranking of every passage for `query`'s terms, the terms added up in the
    query's order as `get_scores` does."""
    from storage.search.rank import idf

    if not query:
        return Truth(top10=[], tied=frozenset())
    union = np.unique(np.concatenate([postings[t].ids for t in query]))
    norm = K1 * (1 - B + B * lengths[union] / avgdl)
    total = np.zeros(len(union))
    for term in query:
        at = np.searchsorted(union, postings[term].ids)
        tf = postings[term].counts
        total[at] = total[at] + idf(passages, len(tf)) * tf * (K1 + 1) / (tf + norm[at])
    return _truth(dict(zip(union.tolist(), total.tolist(), strict=True)))


def _truth(scores: dict[int, float]) -> Truth:
    """The top 10 of `scores` (ties broken by passage id) and every passage tying with its
    10th, allowing for the last bits of floating-point sums taken in another order."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    top10 = [passage_id for passage_id, _ in ranked[:10]]
    if not top10:
        return Truth(top10=[], tied=frozenset())
    floor = ranked[len(top10) - 1][1]
    floor -= TIE * abs(floor)
    return Truth(top10=top10, tied=frozenset(p for p, s in ranked if s >= floor))


def engine_readings(db: Path, questions: Sequence[str]) -> list[Reading]:
    """The engine's reading of each question: its concepts, statistics and weights
    (`storage.search.rank.analysed`). `scan` must keep the postings of their terms for
    `engine_truths`."""
    return asyncio.run(_readings(db, questions))


async def _readings(db: Path, questions: Sequence[str]) -> list[Reading]:
    from storage.archive import Archive
    from storage.models import Filters
    from storage.search.rank import analysed

    archive = await Archive.open(db, read_only=True)
    try:
        return [
            await archive.store.read(partial(analysed, question=q, filters=Filters()))
            for q in questions
        ]
    finally:
        await archive.close()


def engine_truths(db: Path, readings: Sequence[Reading], found: Scan) -> list[Truth]:
    """The exhaustive top 10 of each question as the engine itself ranks it.

    The search ranks its candidates by BM25 over the question's concepts (a concept
    scores its best alternative: a joined compound, a translation) plus what the other
    passages of the same article hold (`storage.search.rank.rank_candidates`). Ranked
    against the question's plain terms instead, agreement would also count where the
    engine reads a question differently, not only what its candidates miss. Every
    passage holding a term of the question could be a candidate; `_contenders` picks,
    with numpy over `found`'s postings, those whose score could reach the top 10, and
    the engine's own `rank_candidates` ranks them together with the other passages of
    their articles.
    """
    from storage.search.rank import rank_candidates

    truths = []
    for query, stats, weights in readings:
        if not weights:
            truths.append(Truth(top10=[], tied=frozenset()))
            continue
        contenders = _contenders(db, query, stats, weights, found)
        candidates = _with_their_articles(db, contenders, query, found)
        hits, _ = rank_candidates(candidates, query, stats, weights, len(candidates))
        truths.append(_truth({h.passage_id: h.score for h in hits if h.score > 0}))
    return truths


def _contenders(db: Path, query, stats, weights: dict[str, float], found: Scan) -> np.ndarray:
    """The passages holding a term of `query` whose engine score could reach its top 10.

    Each passage's score is bounded from below by its BM25 over concepts and from above by
    that plus everything years and time nudges could add, plus what the other passages of
    its article hold; a passage whose upper bound is below the 10th best lower bound among
    the passages the question's filters let through cannot be in the top 10.
    """
    from storage.search.rank import ARTICLE_WEIGHT, NUDGE

    union = np.unique(np.concatenate([found.postings[t].ids for t in query.terms]))
    norm = K1 * (1 - B + B * found.lengths[union] / (stats.avgdl or 1.0))
    articles = found.articles[union]
    base = np.zeros(len(union))
    bonus = np.zeros(len(union))
    dated = 0.0
    years = dict(query.years)
    for concept in query.concepts:
        best = np.zeros(len(union))
        for t in concept.terms:
            posting = found.postings[t]
            tf = np.zeros(len(union))
            tf[np.searchsorted(union, posting.ids)] = posting.counts
            best = np.maximum(best, weights.get(t, 0.0) * tf * (K1 + 1) / (tf + norm))
            if t in years:
                dated += weights.get(t, 0.0)
        held = best > 0
        mass = max(weights.get(t, 0.0) for t in concept.terms)
        if any(t in years for t in concept.terms):
            bonus += ARTICLE_WEIGHT * mass
        else:
            bonus += np.where(~held & np.isin(articles, articles[held]), ARTICLE_WEIGHT * mass, 0)
        base += best
    upper = (base + dated) * (NUDGE if query.nudge else 1.0) + bonus
    visible = _visible(db, query.filters, articles)
    if visible is not None:
        base, upper, union = base[visible], upper[visible], union[visible]
    if len(base) <= 10:
        return union
    floor = np.partition(base, len(base) - 10)[len(base) - 10]
    return union[upper >= floor - TIE * abs(floor)]


def _visible(db: Path, filters, articles: np.ndarray) -> np.ndarray | None:
    """Which passages (by their articles) the question's own filters (a date hint) let
    through, by the archive's own rule (`storage.sqlite.articles.visible`), or None when
    it has none."""
    from storage.sqlite.articles import visible

    if not (filters.since or filters.until or filters.source):
        return None
    where, params = visible(filters)
    owners = np.unique(articles).tolist()
    shown: list[int] = []
    connection = _connect(db)
    try:
        for start in range(0, len(owners), 10_000):
            chunk = owners[start : start + 10_000]
            shown += [
                article_id
                for (article_id,) in connection.execute(
                    f"SELECT a.id FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))}) "
                    f"AND {where}",
                    (*chunk, *params),
                )
            ]
    finally:
        connection.close()
    return np.isin(articles, shown)


def _with_their_articles(db: Path, contenders: np.ndarray, query, found: Scan) -> list:
    """`contenders` and every other passage of their articles holding a term of `query`,
    as the search's candidates: the engine's score of a passage counts what the other
    passages of its article hold."""
    from storage.rows import CANDIDATE_COLUMNS
    from storage.rows import candidates as from_rows

    wanted = frozenset(query.terms)
    owners = np.unique(found.articles[contenders]).tolist()
    connection = _connect(db)
    rows = []
    try:
        for start in range(0, len(owners), 10_000):
            chunk = owners[start : start + 10_000]
            rows += connection.execute(
                f"SELECT {CANDIDATE_COLUMNS} FROM passages p "
                "JOIN articles a ON a.id = p.article_id "
                f"WHERE p.article_id IN ({','.join('?' * len(chunk))}) ORDER BY p.id",
                chunk,
            ).fetchall()
    finally:
        connection.close()
    return [c for c in from_rows(rows) if wanted.intersection(c.terms)]


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def _rows(db: Path) -> Iterator[tuple[int, str]]:
    connection = _connect(db)
    try:
        yield from connection.execute("SELECT id, article_id, terms FROM passages ORDER BY id")
    finally:
        connection.close()


@dataclass
class Tantivy:
    """A tantivy index of the archive's passages, and how long it took to build."""

    index: object
    schema: object
    folder: Path
    build_s: float
    bytes: int

    def top10(self, query: Iterable[str]) -> list[int]:
        """The ids of the 10 best passages for analysed terms, best first."""
        import tantivy

        schema = self.schema
        should = tantivy.Occur.Should
        union = tantivy.Query.boolean_query(
            [(should, tantivy.Query.term_query(schema, "terms", t)) for t in query]
        )
        searcher = self.index.searcher()
        hits = searcher.search(union, 10).hits
        return searcher.fast_field_values("id", [address for _, address in hits])

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def build_tantivy(db: Path, folder: Path) -> Tantivy:
    """Index every passage's analysed terms with tantivy, read from the archive as they go
    in; the build time includes that reading and the final merge."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", fast=True)
    builder.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    schema = builder.build()
    folder.mkdir(parents=True)
    started = time.perf_counter()
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=512 * 2**20)
    for passage_id, _, terms in _rows(db):
        writer.add_document(tantivy.Document(id=passage_id, terms=terms))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build_s = time.perf_counter() - started
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return Tantivy(index=index, schema=schema, folder=folder, build_s=build_s, bytes=size)
