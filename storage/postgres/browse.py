"""Browsing the archive: recent articles, one article, statistics, pages for an export.

Each function is a read job (`Connections.read`), as in storage/sqlite/browse.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg

from storage.models import Article, ArticleSummary, Filters, Stats
from storage.postgres.articles import visible
from storage.rows import (
    ARTICLE_COLUMNS,
    SUMMARY_COLUMNS,
    article_from_row,
    from_timestamp,
    summary,
)


def recent(db: psycopg.Connection, filters: Filters, limit: int) -> list[ArticleSummary]:
    """The newest `limit` articles `filters` let through, undated ones last (PostgreSQL
    refuses a negative LIMIT)."""
    where, params = visible(filters)
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {where} "
        "ORDER BY a.published_ts IS NULL, a.published_ts DESC, a.id DESC LIMIT %s"
    )
    return [summary(*row) for row in db.execute(sql, (*params, max(limit, 0)))]


def article(db: psycopg.Connection, article_id: int, scope: int | None) -> Article | None:
    where, params = visible(Filters(scope=scope))
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = %s AND {where}"
    row = db.execute(sql, (article_id, *params)).fetchone()
    return article_from_row(row) if row else None


def article_page(
    db: psycopg.Connection, after: int, owners: Sequence[int | None] | None, size: int
) -> list[Article]:
    """Up to `size` articles with ids above `after`, in id order, of `owners` (scopes) only
    if given."""
    owned, params = "", ()
    if owners is not None:
        scopes = [scope for scope in owners if scope is not None]
        owned = "AND (a.scope = ANY(%s) OR (%s AND a.scope IS NULL))"
        params = (scopes, None in owners)
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id > %s {owned} ORDER BY a.id LIMIT %s"
    return [article_from_row(row) for row in db.execute(sql, (after, *params, size))]


def stats(db: psycopg.Connection, scope: int | None) -> Stats:
    """The archive's figures; its size is the whole database's on the server."""
    where, params = visible(Filters(scope=scope))
    articles, sources, oldest, newest = db.execute(
        "SELECT count(*), count(DISTINCT a.source), min(a.published_ts), "
        f"max(a.published_ts) FROM articles a WHERE {where}",
        params,
    ).fetchone()
    (passages,) = db.execute(
        f"SELECT count(*) FROM passages p JOIN articles a ON a.id = p.article_id WHERE {where}",
        params,
    ).fetchone()
    (size,) = db.execute("SELECT pg_database_size(current_database())").fetchone()
    return Stats(
        articles=articles,
        passages=passages,
        sources=sources,
        oldest=from_timestamp(oldest),
        newest=from_timestamp(newest),
        database_bytes=size,
    )


def analyzer(db: psycopg.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'analyzer'").fetchone()
    return row[0] if row else None
