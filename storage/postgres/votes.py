"""Members' votes on answers, the PostgreSQL side (as storage/sqlite/votes.py): one per
member per answer and server, the member kept only as a digest; ids allotted as SQLite
allots them."""

from __future__ import annotations

from datetime import datetime

import psycopg

from storage.models import Vote
from storage.rows import VOTE_COLUMNS, VOTE_REPLACED, vote_from_row, vote_time, voter


def vote(db: psycopg.Connection, row: tuple[object, ...]) -> None:
    """Store a row of `vote_row`, in place of the member's earlier vote on that answer."""
    db.execute(
        f"INSERT INTO votes (id, {VOTE_COLUMNS}) "
        f"SELECT coalesce(max(id), 0) + 1, {', '.join(['%s'] * len(row))} FROM votes "
        f"ON CONFLICT ((coalesce(scope, 0)), answer, voter) DO UPDATE SET {VOTE_REPLACED}",
        row,
    )


def votes(db: psycopg.Connection, since: datetime | None) -> list[Vote]:
    """Every server's votes pressed at or after `since`, oldest first."""
    where, params = ("at >= %s", (vote_time(since),)) if since is not None else ("true", ())
    sql = f"SELECT {VOTE_COLUMNS} FROM votes WHERE {where} ORDER BY at, id"
    return [vote_from_row(row) for row in db.execute(sql, params)]


def forget(db: psycopg.Connection, before: datetime | None, member: int | None) -> int:
    """Delete the votes pressed before `before` (all, if None), only `member`'s if given;
    returns how many."""
    where, params = ("at < %s", (vote_time(before),)) if before is not None else ("true", ())
    if member is None:
        return db.execute(f"DELETE FROM votes WHERE {where}", params).rowcount
    answers = [a for (a,) in db.execute(f"SELECT DISTINCT answer FROM votes WHERE {where}", params)]
    return db.execute(
        f"DELETE FROM votes WHERE {where} AND (answer, voter) IN "
        "(SELECT * FROM unnest(%s::bigint[], %s::text[]))",
        (*params, answers, [voter(answer, member) for answer in answers]),
    ).rowcount
