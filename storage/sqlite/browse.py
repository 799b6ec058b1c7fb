"""Browsing the archive: recent articles, one article, statistics, pages for an export.

Each function is a read job (`Connections.read`): it runs on a reader thread with a read
connection to itself.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from storage.models import Article, ArticleSummary, Filters, Stats
from storage.rows import (
    ARTICLE_COLUMNS,
    SUMMARY_COLUMNS,
    article_from_row,
    from_timestamp,
    summary,
)
from storage.sqlite.articles import visible


def recent(db: sqlite3.Connection, filters: Filters, limit: int) -> list[ArticleSummary]:
    """The newest `limit` articles `filters` let through, undated ones last (SQLite reads a
    negative LIMIT as none at all)."""
    where, params = visible(filters)
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {where} "
        "ORDER BY a.published_ts IS NULL, a.published_ts DESC, a.id DESC LIMIT ?"
    )
    return [summary(*row) for row in db.execute(sql, (*params, max(limit, 0)))]


def article(db: sqlite3.Connection, article_id: int, scope: int | None) -> Article | None:
    where, params = visible(Filters(scope=scope))
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ? AND {where}"
    row = db.execute(sql, (article_id, *params)).fetchone()
    return article_from_row(row) if row else None


def article_page(
    db: sqlite3.Connection, after: int, owners: Sequence[int | None] | None, size: int
) -> list[Article]:
    """Up to `size` articles with ids above `after`, in id order, of `owners` (scopes) only
    if given."""
    owned, params = "", ()
    if owners is not None:
        scopes = [scope for scope in owners if scope is not None]
        owned = "AND (a.scope IN (SELECT value FROM json_each(?)) OR (? AND a.scope IS NULL))"
        params = (json.dumps(scopes), None in owners)
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id > ? {owned} ORDER BY a.id LIMIT ?"
    return [article_from_row(row) for row in db.execute(sql, (after, *params, size))]


def stats(db: sqlite3.Connection, scope: int | None) -> Stats:
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
    pages, page_size = db.execute(
        "SELECT * FROM pragma_page_count(), pragma_page_size()"
    ).fetchone()
    return Stats(
        articles=articles,
        passages=passages,
        sources=sources,
        oldest=from_timestamp(oldest),
        newest=from_timestamp(newest),
        database_bytes=pages * page_size,
    )


def analyzer(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'analyzer'").fetchone()
    return row[0] if row else None
