"""Moving an archive between stores, the SQLite side: its rows out and in (`Store.dump`,
`Store.load`, `Store.clear`).

Articles, passages and champion lists move as they are; what the store derives from the
passages (term counts, corpus figures, the full-text index, passage_stats) is derived
here as they are loaded, in the same transaction.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from collections.abc import Sequence

from storage.sqlite.write import count_terms
from storage.store import MOVED, PAGE


def page(db: sqlite3.Connection, table: str, after: object) -> list[tuple]:
    """The rows of `table` after key `after` (None: from the start), one page in key
    order: articles, passages and votes by id, lists by term (whole lists for PAGE terms)."""
    columns = ", ".join(MOVED[table])
    if table in ("articles", "passages", "votes"):
        sql = f"SELECT {columns} FROM {table} WHERE id > ? ORDER BY id LIMIT ?"
        return db.execute(sql, (after or 0, PAGE[table])).fetchall()
    terms = [
        term
        for (term,) in db.execute(
            "SELECT term FROM champion_floors WHERE term > ? ORDER BY term LIMIT ?",
            (after or "", PAGE[table]),
        )
    ]
    if not terms:
        return []
    return db.execute(
        f"SELECT {columns} FROM {table} WHERE term BETWEEN ? AND ? ORDER BY term",
        (terms[0], terms[-1]),
    ).fetchall()


def count(db: sqlite3.Connection, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def load(db: sqlite3.Connection, table: str, rows: Sequence[tuple]) -> None:
    columns = MOVED[table]
    db.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        rows,
    )
    if table != "passages" or not rows:
        return
    ids = [row[0] for row in rows]
    db.execute(
        "INSERT INTO passage_stats (id, length, scope) SELECT p.id, p.length, a.scope "
        "FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id BETWEEN ? AND ?",
        (min(ids), max(ids)),
    )
    db.executemany(
        "INSERT INTO passages_fts (rowid, terms) VALUES (?, ?)", [(r[0], r[4]) for r in rows]
    )
    count_terms(db, Counter(itertools.chain.from_iterable(set(row[4].split()) for row in rows)))
    db.execute(
        "UPDATE corpus SET passages = passages + ?, total_length = total_length + ?",
        (len(rows), sum(row[5] for row in rows)),
    )


def clear(db: sqlite3.Connection) -> None:
    db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('delete-all')")
    for table in ("champions", "champion_floors", "terms", "passage_stats", "passages", "votes"):
        db.execute(f"DELETE FROM {table}")
    db.execute("DELETE FROM articles")
    db.execute("UPDATE corpus SET passages = 0, total_length = 0")
