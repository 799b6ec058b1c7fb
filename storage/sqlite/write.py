"""What the writer does to the archive: insert a batch, delete an article, compact the index.

Each function runs inside the caller's write transaction (`Connections.write`). BM25
statistics (passage count, total length, per-term document frequency) and the champion
lists change in the same transaction as the passages they describe, so ranking never
scans the corpus.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime

from storage import candidates
from storage.rows import ArticleRow, article_row
from storage.sqlite import champions
from storage.store import PreparedArticle, Stored

# After an import the full-text index is merged into one segment when it has more than
# MAX_SEGMENTS, or when those besides the largest hold 1 / NEW_SHARE of it (`compact`).
MAX_SEGMENTS = 8
NEW_SHARE = 10
# Term counts sent to SQLite per statement on import (see `key_ranges`).
TERMS_PER_STATEMENT = 2000
# Passages analysed again per step of a re-index.
_REINDEX_PAGE = 2000


_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ArticleRow._fields)}) "
    f"VALUES ({', '.join('?' * len(ArticleRow._fields))})"
)


def insert(
    db: sqlite3.Connection,
    articles: Sequence[PreparedArticle],
    scope: int | None,
    added_by: str | None,
) -> list[Stored]:
    """Insert what is new.

    The full-text index gets the batch's passages in one statement (schema migration 3
    says why not by trigger), and `delete` takes them out likewise.
    """
    hashes = sorted({a.body_hash for a in articles})
    existing = dict(
        db.execute(
            "SELECT j.value, min(a.id) FROM json_each(?) j JOIN articles a "
            "ON coalesce(a.scope, 0) IN (0, ?) AND a.body_hash = j.value GROUP BY j.value",
            (json.dumps(hashes), scope or 0),
        )
    )
    (next_article,) = db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()
    (next_passage,) = db.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()
    now = datetime.now(UTC).isoformat(timespec="seconds")

    results: list[Stored] = []
    article_rows: list[ArticleRow] = []
    # A passage's rows for `passages`, `passage_stats` and the full-text index, in the column
    # order of their INSERTs below: plain tuples, as a batch holds some ten passages per
    # article and named rows would cost the writer measurable time.
    passage_rows, stats_rows, index_rows = [], [], []
    new_passages: list[champions.Fresh] = []
    for prepared in articles:
        if prepared.body_hash in existing:
            results.append(Stored(existing[prepared.body_hash], duplicate=True))
            continue
        article_id = next_article
        next_article += 1
        existing[prepared.body_hash] = article_id
        results.append(Stored(article_id, duplicate=False))
        article_rows.append(article_row(article_id, prepared, scope, added_by, now))
        for position, passage in enumerate(prepared.passages):
            passage_id, terms = next_passage, passage.terms
            indexed, length = " ".join(terms), len(terms)
            passage_rows.append((passage_id, article_id, position, passage.text, indexed, length))
            stats_rows.append((passage_id, length, scope))
            index_rows.append((passage_id, indexed))
            new_passages.append((passage_id, terms))
            next_passage += 1
    df = Counter(itertools.chain.from_iterable(set(terms) for _, terms in new_passages))

    db.executemany(_INSERT_ARTICLE, article_rows)
    db.executemany(
        "INSERT INTO passages (id, article_id, position, text, terms, length) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        passage_rows,
    )
    db.executemany("INSERT INTO passage_stats (id, length, scope) VALUES (?, ?, ?)", stats_rows)
    db.executemany("INSERT INTO passages_fts (rowid, terms) VALUES (?, ?)", index_rows)
    counted = count_terms(db, df)
    db.execute(
        "UPDATE corpus SET passages = passages + ?, total_length = total_length + ?",
        (len(passage_rows), sum(length for _, length, _ in stats_rows)),
    )
    champions.add(db, new_passages, scope, counted)
    return results


def count_terms(db: sqlite3.Connection, df: Mapping[str, int]) -> dict[str, int]:
    """Add `df` to the terms' document frequencies; returns each term's count after."""
    counted: dict[str, int] = {}
    for counts in key_ranges(df, TERMS_PER_STATEMENT):
        counted.update(
            db.execute(
                "INSERT INTO terms (term, df) SELECT key, value FROM json_each(?) WHERE true "
                "ORDER BY key ON CONFLICT (term) DO UPDATE SET df = df + excluded.df "
                "RETURNING term, df",
                (json.dumps(counts),),
            ).fetchall()
        )
    return counted


def key_ranges(counts: Mapping[str, int], size: int) -> Iterator[dict[str, int]]:
    """`counts` in dicts of about `size` terms, each a range of terms, in term order.

    One JSON object of a big batch's terms would be one call into C that holds the GIL,
    and with it the event loop, too long. Grouped by their first two letters, the terms
    still reach the index in ranges that each touch a run of neighbouring pages; SQLite
    sorts each range itself.
    """
    groups: dict[str, list[str]] = {}
    for term in counts:
        groups.setdefault(term[:2], []).append(term)
    chunk: dict[str, int] = {}
    for prefix in sorted(groups):
        for term in groups[prefix]:
            chunk[term] = counts[term]
        if len(chunk) >= size:
            yield chunk
            chunk = {}
    if chunk:
        yield chunk


def delete(db: sqlite3.Connection, article_id: int, scope: int | None) -> bool:
    row = db.execute(
        "SELECT id FROM articles WHERE id = ? AND scope IS ?", (article_id, scope)
    ).fetchone()
    if row is None:
        return False
    rows = db.execute(
        "SELECT id, terms FROM passages WHERE article_id = ?", (article_id,)
    ).fetchall()
    passages = [(passage_id, terms.split()) for passage_id, terms in rows]
    df: Counter[str] = Counter()
    for _, terms in passages:
        df.update(set(terms))
    db.executemany(
        "INSERT INTO passages_fts (passages_fts, rowid, terms) VALUES ('delete', ?, ?)", rows
    )
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    db.executemany("UPDATE terms SET df = df - ? WHERE term = ?", [(n, t) for t, n in df.items()])
    db.executemany("DELETE FROM terms WHERE term = ? AND df <= 0", [(t,) for t in df])
    db.execute(
        "UPDATE corpus SET passages = passages - ?, total_length = total_length - ?",
        (len(passages), sum(len(terms) for _, terms in passages)),
    )
    champions.remove(db, passages)
    return True


def reindex(db: sqlite3.Connection, analyse: Callable[[str], Sequence[str]], analyzer: str) -> int:
    """Every passage's terms again, from its text, and all that is made of them.

    The full-text index, the document frequencies, the corpus statistics and the champion
    lists are rebuilt from the new terms; articles and passages keep their ids, so every
    citation and button stays valid. Returns the number of passages.
    """
    db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('delete-all')")
    for table in ("champions", "champion_floors", "terms"):
        db.execute(f"DELETE FROM {table}")
    df: Counter[str] = Counter()
    passages = total = last = 0
    while rows := db.execute(
        "SELECT id, text FROM passages WHERE id > ? ORDER BY id LIMIT ?",
        (last, _REINDEX_PAGE),
    ).fetchall():
        analysed = [(passage_id, list(analyse(text))) for passage_id, text in rows]
        db.executemany(
            "UPDATE passages SET terms = ?, length = ? WHERE id = ?",
            [(" ".join(terms), len(terms), passage_id) for passage_id, terms in analysed],
        )
        db.executemany(
            "UPDATE passage_stats SET length = ? WHERE id = ?",
            [(len(terms), passage_id) for passage_id, terms in analysed],
        )
        db.executemany(
            "INSERT INTO passages_fts (rowid, terms) VALUES (?, ?)",
            [(passage_id, " ".join(terms)) for passage_id, terms in analysed],
        )
        for _, terms in analysed:
            df.update(set(terms))
            total += len(terms)
        passages += len(rows)
        last = rows[-1][0]
    for counts in key_ranges(df, TERMS_PER_STATEMENT):
        db.execute(
            "INSERT INTO terms (term, df) SELECT key, value FROM json_each(?)",
            (json.dumps(counts),),
        )
    db.execute("UPDATE corpus SET passages = ?, total_length = ?", (passages, total))
    for term in sorted(term for term, n in df.items() if n > candidates.COMMON):
        champions.refill(db, term)
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('analyzer', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (analyzer,),
    )
    return passages


def compact(db: sqlite3.Connection) -> bool:
    """Merge FTS5's segments into one, if there are many or the newer ones are big.

    Each write transaction adds a segment to the full-text index, and every search looks
    its terms up in each one. Merging rewrites the whole index, so it runs after an import,
    never per batch, and only when the segments besides the largest hold a good share of
    the index (a bulk import) or there are many of them (a long run of small uploads): the
    cost of merging stays in proportion to what was added.
    """
    pages = [n for (n,) in db.execute("SELECT count(*) FROM passages_fts_idx GROUP BY segid")]
    if not worth_merging(pages):
        return False
    db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')")
    return True


def worth_merging(pages: Sequence[int]) -> bool:
    """Given the size of each segment (in leaf pages), is one merge of them all worth it?"""
    if len(pages) < 2:
        return False
    newer = sum(pages) - max(pages)
    return len(pages) > MAX_SEGMENTS or newer * NEW_SHARE >= sum(pages)
