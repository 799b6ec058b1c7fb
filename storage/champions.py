"""Champion lists: for every term, the passages in which it weighs most, kept in SQLite.

A question's candidates come from these lists instead of the full posting lists, so its
cost is bounded by LIST_SIZE rows per question term however large the archive grows: the
word "kabinet" may occur in a hundred thousand passages, but only its LIST_SIZE strongest
ones are read. Every row carries an impact (BM25's term-frequency factor, see `impact`), so
one SQL statement sums impact x idf per passage and hands the best few to exact scoring.

The invariant, per term t, that inserts and deletes keep (tests/test_champions.py):
- no row in champion_floors: the list holds every passage that contains t;
- a floor (impact, passage_id): the list holds exactly the passages containing t whose
  (impact, passage_id) is at least the floor, at most LIST_SIZE and, while t is in more
  than LIST_SIZE passages, at least LIST_SIZE // 2 of them.
Rare terms therefore keep complete lists, and frequent ones their LIST_SIZE best passages.
The writing functions run inside the caller's write transaction, so the lists change atomically
with the passages they describe.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence

LIST_SIZE = 256

# The impact is BM25Okapi's term-frequency factor with k1 = 1.5 and b = 0.75 (the defaults
# of storage.rank.ArchiveBM25), tf (k1 + 1) / (tf + k1 (1 - b + b len / REFERENCE_LENGTH)),
# times 10,000 as an integer. A fixed reference length instead of the archive's moving
# average keeps a stored impact valid forever, and integer arithmetic lets the SQL of
# schema migration 2 compute exactly the same numbers.
REFERENCE_LENGTH = 40


def impact(tf: int, length: int) -> int:
    """How strongly a term that occurs `tf` times marks a passage of `length` terms."""
    r = REFERENCE_LENGTH
    return (200_000 * tf * r) // (8 * tf * r + 3 * r + 9 * length)


Posting = tuple[str, int, int]  # term, impact, passage id


def postings(passages: Iterable[tuple[int, Sequence[str]]]) -> list[Posting]:
    """Every (term, impact, passage id) of passages given as (id, analysed terms)."""
    return [
        (term, impact(tf, len(terms)), passage_id)
        for passage_id, terms in passages
        for term, tf in Counter(terms).items()
    ]


def add(
    db: sqlite3.Connection,
    passages: Sequence[tuple[int, Sequence[str]]],
    scope: int | None,
) -> None:
    """Enter new passages into the lists; call after their terms' df has been counted.

    A posting enters a list that has a floor only if it beats the floor, which once a term
    is common is rare, so the work per batch stays small however big the archive is.
    """
    new = postings(passages)
    if not new:
        return
    terms = sorted({term for term, _, _ in new})
    floors = {
        term: (floor_impact, floor_passage)
        for term, floor_impact, floor_passage in db.execute(
            "SELECT f.term, f.impact, f.passage_id FROM json_each(?) j "
            "JOIN champion_floors f ON f.term = j.value",
            (json.dumps(terms),),
        )
    }
    admitted = sorted(
        (term, value, passage_id, scope)
        for term, value, passage_id in new
        if term not in floors or (value, passage_id) > floors[term]
    )
    db.executemany(
        "INSERT INTO champions (term, impact, passage_id, scope) VALUES (?, ?, ?, ?)", admitted
    )
    grown = sorted({row[0] for row in admitted})
    too_long = [
        term
        for (term,) in db.execute(
            "SELECT t.term FROM json_each(?) j JOIN terms t ON t.term = j.value WHERE t.df > ?",
            (json.dumps(grown), LIST_SIZE),
        )
    ]
    _trim(db, too_long)


def remove(db: sqlite3.Connection, passages: Sequence[tuple[int, Sequence[str]]]) -> None:
    """Take deleted passages out of the lists; call after passages and df are updated.

    A list that falls below half its size while its term is still common is refilled
    from the full-text index, and one whose term became rare gets all its passages back,
    so the invariant holds after any sequence of deletes.
    """
    gone = postings(passages)
    if not gone:
        return
    db.executemany("DELETE FROM champions WHERE term = ? AND impact = ? AND passage_id = ?", gone)
    terms = sorted({term for term, _, _ in gone})
    rows = db.execute(
        "SELECT f.term, t.df, (SELECT count(*) FROM champions c WHERE c.term = f.term) "
        "FROM json_each(?) j JOIN champion_floors f ON f.term = j.value "
        "LEFT JOIN terms t ON t.term = f.term",
        (json.dumps(terms),),
    ).fetchall()
    for term, df, kept in rows:
        if not df:
            db.execute("DELETE FROM champion_floors WHERE term = ?", (term,))
        elif df <= LIST_SIZE or kept < LIST_SIZE // 2:
            refill(db, term)


def refill(db: sqlite3.Connection, term: str) -> None:
    """Rebuild one term's list from every passage that contains it (costs its df)."""
    rows = db.execute(
        "SELECT p.id, p.terms, a.scope FROM passages_fts "
        "JOIN passages p ON p.id = passages_fts.rowid JOIN articles a ON a.id = p.article_id "
        "WHERE passages_fts MATCH ?",
        ('"' + term.replace('"', '""') + '"',),
    ).fetchall()
    scored = []
    for passage_id, text, scope in rows:
        terms = text.split()
        tf = terms.count(term)
        if tf:
            scored.append((impact(tf, len(terms)), passage_id, scope))
    scored.sort(reverse=True)
    db.execute("DELETE FROM champions WHERE term = ?", (term,))
    db.executemany(
        "INSERT INTO champions (term, impact, passage_id, scope) VALUES (?, ?, ?, ?)",
        [(term, value, passage_id, scope) for value, passage_id, scope in scored[:LIST_SIZE]],
    )
    if len(scored) > LIST_SIZE:
        value, passage_id, _ = scored[LIST_SIZE - 1]
        db.execute(
            "INSERT INTO champion_floors (term, impact, passage_id) VALUES (?, ?, ?) "
            "ON CONFLICT (term) DO UPDATE SET impact = excluded.impact, "
            "passage_id = excluded.passage_id",
            (term, value, passage_id),
        )
    else:
        db.execute("DELETE FROM champion_floors WHERE term = ?", (term,))


def scored_sql(scope_clause: str, limited: bool) -> str:
    """SQL for (passage_id, score): the sum of impact x weight over the question's terms.

    Parameters: a JSON object {term: weight}, those of `scope_clause` (a condition on
    `c.scope`, checked on the list rows so visibility costs no join), then the limit if
    `limited`. Reads at most LIST_SIZE rows per term, whatever the size of the archive.
    """
    return (
        "SELECT c.passage_id, sum(c.impact * q.value) AS score "
        "FROM json_each(?) q JOIN champions c ON c.term = q.key "
        f"WHERE {scope_clause} GROUP BY c.passage_id "
        "ORDER BY score DESC, c.passage_id DESC" + (" LIMIT ?" if limited else "")
    )


def _trim(db: sqlite3.Connection, terms: Sequence[str]) -> None:
    """Cut lists longer than LIST_SIZE to their best LIST_SIZE and raise their floors."""
    if not terms:
        return
    db.executemany(
        "DELETE FROM champions WHERE term = ?1 AND (impact, passage_id) < ("
        "SELECT impact, passage_id FROM champions WHERE term = ?1 "
        "ORDER BY impact DESC, passage_id DESC LIMIT 1 OFFSET ?2)",
        [(term, LIST_SIZE - 1) for term in terms],
    )
    db.executemany(
        "INSERT INTO champion_floors (term, impact, passage_id) "
        "SELECT term, impact, passage_id FROM champions WHERE term = ? "
        "ORDER BY impact, passage_id LIMIT 1 "
        "ON CONFLICT (term) DO UPDATE SET impact = excluded.impact, "
        "passage_id = excluded.passage_id",
        [(term,) for term in terms],
    )
