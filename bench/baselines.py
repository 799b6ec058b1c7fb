"""What `bench.scale` measures the archive against, on the archive's own passages.

- The exhaustive BM25 ranking of a sample of questions, for top-10 agreement: one pass over
  every passage, keeping only the postings of the sample's terms, so that it fits at any
  size. It scores exactly as rank_bm25's `BM25Okapi.get_scores` does (k1 1.5, b 0.75, the
  average length of every passage) with the archive's own idf (`storage.search.rank.idf`),
  so agreement measures only what candidate generation misses.
- Plain rank_bm25 (`BM25Okapi` over passages held in RAM). Past `limit` passages it holds an
  even sample of them instead of all, and its times are scaled to all passages: its work per
  question is a loop over every passage held.
- tantivy, the Rust search engine, over the same passages: each passage's analysed terms go
  into a field split on whitespace, so both engines rank the same tokens; BM25 with
  tantivy's defaults (k1 1.2, b 0.75, Lucene's idf, lengths stored in one byte).
"""

from __future__ import annotations

import math
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

K1, B = 1.5, 0.75


@dataclass(frozen=True)
class Scan:
    """One pass over the archive's passages."""

    passages: int
    # the exhaustive top 10 (passage ids) of each analysed question
    truths: list[list[int]]
    # the passages rank_bm25 holds: every one, or an even sample past the limit
    held: list[list[str]]
    held_ids: list[int]


def scan(db: Path, queries: Sequence[Sequence[str]], limit: int) -> Scan:
    """The exhaustive top 10 of every query and rank_bm25's passages, in one pass."""
    from storage.search.rank import idf

    connection = _connect(db)
    (total,) = connection.execute("SELECT count(*) FROM passages").fetchone()
    connection.close()
    every = max(1, math.ceil(total / limit))
    wanted = frozenset(t for query in queries for t in query)
    postings: dict[str, list[tuple[int, int]]] = {t: [] for t in wanted}
    lengths: dict[int, int] = {}
    held, held_ids = [], []
    count = length = 0
    for passage_id, terms in _rows(db):
        words = terms.split()
        if count % every == 0:
            held.append(words)
            held_ids.append(passage_id)
        count += 1
        length += len(words)
        found = wanted.intersection(words)
        if found:
            lengths[passage_id] = len(words)
            for term in found:
                postings[term].append((passage_id, words.count(term)))
    avgdl = length / count if count else 1.0
    truths = []
    for query in queries:
        scores: dict[int, float] = {}
        for term in query:
            weight = idf(count, len(postings[term]))
            for passage_id, tf in postings[term]:
                norm = K1 * (1 - B + B * lengths[passage_id] / avgdl)
                scores[passage_id] = scores.get(passage_id, 0.0) + weight * tf * (K1 + 1) / (
                    tf + norm
                )
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        truths.append([passage_id for passage_id, score in ranked[:10] if score > 0])
    return Scan(passages=count, truths=truths, held=held, held_ids=held_ids)


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def _rows(db: Path) -> Iterator[tuple[int, str]]:
    connection = _connect(db)
    try:
        yield from connection.execute("SELECT id, terms FROM passages ORDER BY id")
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
    for passage_id, terms in _rows(db):
        writer.add_document(tantivy.Document(id=passage_id, terms=terms))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build_s = time.perf_counter() - started
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return Tantivy(index=index, schema=schema, folder=folder, build_s=build_s, bytes=size)
