"""Moving an archive between stores, the PostgreSQL side (as storage/sqlite/moving.py):
rows out by page, rows in by COPY, and what the store derives from passages (term ids and
counts, corpus figures, `passage_terms`) derived as they are loaded."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import psycopg

from storage.postgres.write import count_terms
from storage.store import MOVED, PAGE


def page(db: psycopg.Connection, table: str, after: object) -> list[tuple]:
    """The rows of `table` after key `after` (None: from the start), one page in key order."""
    columns = ", ".join(MOVED[table])
    if table in ("articles", "passages", "votes"):
        sql = f"SELECT {columns} FROM {table} WHERE id > %s ORDER BY id LIMIT %s"
        return db.execute(sql, (after or 0, PAGE[table])).fetchall()
    terms = [
        term
        for (term,) in db.execute(
            "SELECT term FROM champion_floors WHERE term > %s ORDER BY term LIMIT %s",
            (after or "", PAGE[table]),
        )
    ]
    if not terms:
        return []
    return db.execute(
        f"SELECT {columns} FROM {table} WHERE term BETWEEN %s AND %s ORDER BY term",
        (terms[0], terms[-1]),
    ).fetchall()


def identity(db: psycopg.Connection) -> tuple[object, ...]:
    """The server (by when it started: two servers never start at the same instant), the
    database and the schema the archive's tables are in."""
    started, database, schema = db.execute(
        "SELECT pg_postmaster_start_time(), current_database(), current_schema()"
    ).fetchone()
    return ("postgresql", started, database, schema)


def count(db: psycopg.Connection, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def load(db: psycopg.Connection, table: str, rows: Sequence[tuple]) -> None:
    with db.cursor().copy(f"COPY {table} ({', '.join(MOVED[table])}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    if table != "passages" or not rows:
        return
    scopes = dict(
        db.execute(
            "SELECT id, scope FROM articles WHERE id = ANY(%s)",
            (sorted({row[1] for row in rows}),),
        )
    )
    split = [(row[0], row[1], row[4].split()) for row in rows]
    ids, _ = count_terms(
        db, Counter(itertools.chain.from_iterable(set(terms) for _, _, terms in split))
    )
    with db.cursor().copy("COPY passage_terms (id, scope, length, terms) FROM STDIN") as copy:
        for passage_id, article_id, terms in split:
            copy.write_row((passage_id, scopes[article_id], len(terms), [ids[t] for t in terms]))
    db.execute(
        "UPDATE corpus SET passages = passages + %s, total_length = total_length + %s",
        (len(rows), sum(row[5] for row in rows)),
    )


def clear(db: psycopg.Connection) -> None:
    db.execute(
        "TRUNCATE articles, passages, passage_terms, terms, champions, champion_floors, votes"
    )
    db.execute("UPDATE corpus SET passages = 0, total_length = 0")
