"""The `Store` methods SQLite and PostgreSQL share: each hands one job to the database.

Both stores are the same shape: a `connections` object that runs writes on one writer and
reads as jobs on reader connections, and, module for module, the functions those jobs
call (write.py, browse.py, votes.py, moving.py in storage/sqlite/ and storage/postgres/).
`Dispatching` holds what only hands a job over; each store adds what differs (how it
opens, backs up and names itself).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any, ClassVar, Protocol, TypeVar

from storage.models import Article, ArticleSummary, Filters, Stats, Vote
from storage.rows import vote_row
from storage.store import PreparedArticle, Reader, Stored, T, check_scope, is_article_id

R = TypeVar("R")

# Articles per read job of an export: a page is held in memory, never the archive.
EXPORT_PAGE = 100


class Connections(Protocol):
    """What a store's connections do: run one write, or one read job, with a connection."""

    async def write(self, work: Callable[..., R], *args: object) -> R: ...

    async def read(self, job: Callable[..., R], *args: object) -> R: ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class Jobs:
    """One database's modules of job functions, and how a read job gets its `Reader`."""

    write: ModuleType
    browse: ModuleType
    votes: ModuleType
    moving: ModuleType
    reader: Callable[[Any, Callable[[Reader], Any]], Any]


class Dispatching:
    """The `Store` methods that hand one job to `_connections`, the same for both
    databases; a store sets `_jobs` to its own modules."""

    _connections: Connections
    _jobs: ClassVar[Jobs]

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
        return await self._connections.write(self._jobs.write.insert, articles, scope, added_by)

    async def delete(self, article_id: int, scope: int | None) -> bool:
        if not is_article_id(article_id):
            return False
        return await self._connections.write(self._jobs.write.delete, article_id, scope)

    async def reindex(self, analyse: Callable[[str], Sequence[str]], analyzer: str) -> int:
        return await self._connections.write(self._jobs.write.reindex, analyse, analyzer)

    async def compact(self) -> bool:
        """Fold what the full-text index keeps apart into it (`write.compact` of each
        database: FTS5's segments, the GIN index's pending entries)."""
        return await self._connections.write(self._jobs.write.compact)

    async def vote(self, vote: Vote) -> None:
        await self._connections.write(self._jobs.votes.vote, vote_row(vote))

    async def forget_votes(self, before: datetime | None, member: int | None) -> int:
        return await self._connections.write(self._jobs.votes.forget, before, member)

    # --- reading --------------------------------------------------------------------------

    async def read(self, job: Callable[[Reader], T]) -> T:
        return await self._connections.read(self._jobs.reader, job)

    async def recent(self, filters: Filters, limit: int) -> list[ArticleSummary]:
        return await self._connections.read(self._jobs.browse.recent, filters, limit)

    async def article(self, article_id: int, scope: int | None) -> Article | None:
        if not is_article_id(article_id):
            return None
        return await self._connections.read(self._jobs.browse.article, article_id, scope)

    async def stats(self, scope: int | None) -> Stats:
        return await self._connections.read(self._jobs.browse.stats, scope)

    async def analyzer(self) -> str | None:
        return await self._connections.read(self._jobs.browse.analyzer)

    async def votes(self, since: datetime | None) -> list[Vote]:
        return await self._connections.read(self._jobs.votes.votes, since)

    async def articles(self, owners: Sequence[int | None] | None = None) -> AsyncIterator[Article]:
        """Pages through the articles by id, so an export never holds the archive in RAM."""
        last = 0
        page_of = self._jobs.browse.article_page
        while page := await self._connections.read(page_of, last, owners, EXPORT_PAGE):
            for article in page:
                yield article
            last = page[-1].summary.id

    # --- moving to another store ------------------------------------------------------------

    async def dump(self, table: str) -> AsyncIterator[list[tuple]]:
        after = None
        while rows := await self._connections.read(self._jobs.moving.page, table, after):
            yield rows
            after = rows[-1][0]

    async def count(self, table: str) -> int:
        return await self._connections.read(self._jobs.moving.count, table)

    async def load(self, table: str, rows: Sequence[tuple]) -> None:
        await self._connections.write(self._jobs.moving.load, table, rows)

    async def clear(self) -> None:
        await self._connections.write(self._jobs.moving.clear)
