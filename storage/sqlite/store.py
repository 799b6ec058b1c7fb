"""The archive in one SQLite file: the `Store` composed of the package's parts.

connections.py runs writes on one writer thread and reads as jobs on a small pool of
reader threads; write.py holds the writes, browse.py the browsing, candidates.py carries
out a question's candidate plan, champions.py keeps the champion lists and schema.py the
schema's migrations.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.candidates import CandidatePlan
from storage.models import Article, ArticleSummary, Filters, Stats, Vote
from storage.rows import vote_row
from storage.sqlite import browse, candidates, moving, votes, write
from storage.sqlite.articles import visible
from storage.sqlite.connections import Connections
from storage.store import (
    Candidate,
    CorpusStats,
    PreparedArticle,
    Reader,
    Stored,
    T,
    check_scope,
    is_article_id,
)

# Articles per read job of an export: a page is held in memory, never the archive.
_EXPORT_PAGE = 100


class SQLiteStore:
    """The `Store` over one SQLite file. Open with `await SQLiteStore.open(path)`.

    Questions and browsing alike are jobs on the reader threads, each job holding one
    read connection in one read transaction.
    """

    def __init__(self, path: Path, connections: Connections) -> None:
        self.path = path
        self._connections = connections

    @classmethod
    async def open(cls, path: str | Path, readers: int = 2, read_only: bool = False) -> SQLiteStore:
        """Opened `read_only`, it never writes (nor waits for a writer), so it reads an
        archive while another process imports, and on read-only storage."""
        path = Path(path)
        return cls(path, await Connections.open(path, readers, read_only))

    async def close(self) -> None:
        await self._connections.close()

    # --- writing --------------------------------------------------------------------------

    async def add(
        self, articles: Sequence[PreparedArticle], scope: int | None, added_by: str | None
    ) -> list[Stored]:
        """Store a batch in one transaction: it lands whole or, on any error, not at all.

        One transaction per batch is what makes big imports fast; articles never span
        batches, so no article is ever half-stored.
        """
        check_scope(scope)
        if not articles:
            return []
        return await self._connections.write(write.insert, articles, scope, added_by)

    async def delete(self, article_id: int, scope: int | None) -> bool:
        if not is_article_id(article_id):
            return False
        return await self._connections.write(write.delete, article_id, scope)

    async def reindex(self, analyse: Callable[[str], Sequence[str]], analyzer: str) -> int:
        return await self._connections.write(write.reindex, analyse, analyzer)

    async def compact(self) -> bool:
        """Merge the full-text index into one segment when that pays (`write.compact`)."""
        return await self._connections.write(write.compact)

    async def vote(self, vote: Vote) -> None:
        await self._connections.write(votes.vote, vote_row(vote))

    async def forget_votes(self, before: datetime | None, member: int | None) -> int:
        return await self._connections.write(votes.forget, before, member)

    # --- reading --------------------------------------------------------------------------

    async def read(self, job: Callable[[Reader], T]) -> T:
        return await self._connections.read(_as_reader, job)

    async def recent(self, filters: Filters, limit: int) -> list[ArticleSummary]:
        return await self._connections.read(browse.recent, filters, limit)

    async def article(self, article_id: int, scope: int | None) -> Article | None:
        if not is_article_id(article_id):
            return None
        return await self._connections.read(browse.article, article_id, scope)

    async def stats(self, scope: int | None) -> Stats:
        return await self._connections.read(browse.stats, scope)

    async def analyzer(self) -> str | None:
        return await self._connections.read(browse.analyzer)

    async def votes(self, since: datetime | None) -> list[Vote]:
        return await self._connections.read(votes.votes, since)

    async def articles(self, owners: Sequence[int | None] | None = None) -> AsyncIterator[Article]:
        """Pages through the articles by id, so an export never holds the archive in RAM."""
        last = 0
        while page := await self._connections.read(browse.article_page, last, owners, _EXPORT_PAGE):
            for article in page:
                yield article
            last = page[-1].summary.id

    async def backup(self, target: Path) -> None:
        await self._connections.backup(target)

    # --- moving to another store ------------------------------------------------------------

    async def dump(self, table: str) -> AsyncIterator[list[tuple]]:
        after = None
        while rows := await self._connections.read(moving.page, table, after):
            yield rows
            after = rows[-1][0]

    async def count(self, table: str) -> int:
        return await self._connections.read(moving.count, table)

    async def load(self, table: str, rows: Sequence[tuple]) -> None:
        await self._connections.write(moving.load, table, rows)

    async def clear(self) -> None:
        await self._connections.write(moving.clear)

    async def identity(self) -> tuple[object, ...]:
        found = await asyncio.to_thread(os.stat, self.path)
        return ("sqlite", found.st_dev, found.st_ino)


def _as_reader(db: sqlite3.Connection, job: Callable[[Reader], T]) -> T:
    return job(SQLiteReader(db))


@dataclass(frozen=True)
class SQLiteReader:
    """The `Reader` over one read connection, which its job has to itself."""

    db: sqlite3.Connection

    def corpus_stats(self, terms: Sequence[str]) -> CorpusStats:
        sql = (
            "SELECT NULL, passages, total_length FROM corpus UNION ALL "
            "SELECT t.term, t.df, NULL FROM json_each(?) j JOIN terms t ON t.term = j.value"
        )
        (_, passages, total), *known = self.db.execute(sql, (json.dumps(list(terms)),))
        df = {term: n for term, n, _ in known}
        return CorpusStats(passages=passages, avgdl=total / passages if passages else 0.0, df=df)

    def candidates(self, plan: CandidatePlan, filters: Filters) -> list[Candidate]:
        return candidates.candidates(self.db, plan, filters)

    def passages(self, articles: Sequence[ArticleSummary]) -> list[Candidate]:
        return candidates.passages(self.db, articles)

    def newest_published(self, filters: Filters) -> datetime | None:
        """Walks the published_ts index from the newest end: one probe at any archive size."""
        where, params = visible(filters)
        sql = (
            f"SELECT a.published FROM articles a WHERE a.published_ts IS NOT NULL AND {where} "
            "ORDER BY a.published_ts DESC LIMIT 1"
        )
        row = self.db.execute(sql, params).fetchone()
        return datetime.fromisoformat(row[0]) if row else None
