"""Members' votes on answers: stored by the writer, listed and forgotten for the operator.

A second press by the same member on the same answer replaces the first (the unique index
`votes_once` of schema migration 8); each server's votes are its own, so a vote claiming
another server's scope cannot replace one of theirs.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage.models import Vote
from storage.rows import VOTE_COLUMNS, VOTE_REPLACED, vote_from_row, vote_time, voter


def vote(db: sqlite3.Connection, row: tuple[object, ...]) -> None:
    """Store a row of `vote_row`, in place of the member's earlier vote on that answer."""
    db.execute(
        f"INSERT INTO votes ({VOTE_COLUMNS}) VALUES ({', '.join('?' * len(row))}) "
        f"ON CONFLICT (coalesce(scope, 0), answer, voter) DO UPDATE SET {VOTE_REPLACED}",
        row,
    )


def votes(db: sqlite3.Connection, since: datetime | None) -> list[Vote]:
    """Every server's votes pressed at or after `since`, oldest first."""
    where, params = ("at >= ?", (vote_time(since),)) if since is not None else ("1", ())
    sql = f"SELECT {VOTE_COLUMNS} FROM votes WHERE {where} ORDER BY at, id"
    return [vote_from_row(row) for row in db.execute(sql, params)]


def forget(db: sqlite3.Connection, before: datetime | None, member: int | None) -> int:
    """Delete the votes pressed before `before` (all, if None), only `member`'s if given;
    returns how many."""
    where, params = ("at < ?", (vote_time(before),)) if before is not None else ("1", ())
    if member is None:
        return db.execute(f"DELETE FROM votes WHERE {where}", params).rowcount
    answers = [a for (a,) in db.execute(f"SELECT DISTINCT answer FROM votes WHERE {where}", params)]
    return sum(
        db.execute(
            f"DELETE FROM votes WHERE answer = ? AND voter = ? AND {where}",
            (answer, voter(answer, member), *params),
        ).rowcount
        for answer in answers
    )
