"""The archive in a PostgreSQL database: the `Store` composed of the package's parts.

The counterpart of storage/sqlite/store.py, module for module: connections.py (the writer
thread, the readers, the write lock), write.py, browse.py, candidates.py (a question's
candidate plan), champions.py and schema.py. Text is analysed in Python exactly as for
SQLite; PostgreSQL keeps the terms, their statistics and the champion lists, and
rank_bm25 scores the candidates as it does over SQLite.
"""

from __future__ import annotations

import asyncio
import errno
import shutil
import subprocess
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from pathlib import Path

import psycopg

from storage.candidates import CandidatePlan
from storage.models import Article, ArticleSummary, Filters, Stats, Vote
from storage.postgres import browse, candidates, moving, votes, write
from storage.postgres.articles import visible
from storage.postgres.candidates import Index
from storage.postgres.connections import Connections
from storage.rows import vote_row
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


class PostgresStore:
    """The `Store` over one PostgreSQL database. Open with `await PostgresStore.open(dsn)`."""

    def __init__(self, dsn: str, connections: Connections) -> None:
        self.dsn = dsn
        self._connections = connections

    @classmethod
    async def open(
        cls,
        dsn: str,
        readers: int = 2,
        read_only: bool = False,
        replicas: Sequence[str] = (),
    ) -> PostgresStore:
        """Opened `read_only`, it never writes (nor takes the write lock), so it reads an
        archive while other processes import, and where the database refuses writes.
        Given `replicas` (streaming replicas of `dsn`'s server), it reads there
        (storage/postgres/replicas.py)."""
        return cls(dsn, await Connections.open(dsn, readers, read_only, replicas))

    async def close(self) -> None:
        await self._connections.close()

    # --- writing --------------------------------------------------------------------------

    async def add(
        self, articles: Sequence[PreparedArticle], scope: int | None, added_by: str | None
    ) -> list[Stored]:
        """Store a batch in one transaction: it lands whole or, on any error, not at all."""
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
        """Fold the GIN index's pending entries in, renew statistics (`write.compact`)."""
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
        """pg_dump's custom format into `target` (restore with pg_restore); FileNotFoundError
        when pg_dump is not installed here."""
        await asyncio.to_thread(dump, self.dsn, target)

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
        return await self._connections.read(moving.identity)


def dump(dsn: str, target: Path) -> None:
    """pg_dump of the archive's database: a consistent snapshot while the bot writes. When
    it fails (a full disk, a lost connection), an OSError about `target` with pg_dump's
    reason; `Archive.backup` removes what it left."""
    program = shutil.which("pg_dump")
    if program is None:
        raise FileNotFoundError(errno.ENOENT, "pg_dump is not installed", "pg_dump")
    done = subprocess.run(
        [program, "--format=custom", "--file", str(target), "--dbname", dsn],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        said = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
        # No errno: the reason is pg_dump's own sentence, shown as it is.
        raise OSError(0, said, str(target))


def _as_reader(db: psycopg.Connection, job: Callable[[Reader], T]) -> T:
    return job(PostgresReader(db))


class PostgresReader:
    """The `Reader` over one read connection, which its job has to itself.

    The job's look-ups share one snapshot, so the term ids and counts `corpus_stats` read
    are kept for `candidates` to score with.
    """

    def __init__(self, db: psycopg.Connection) -> None:
        self.db = db
        self._corpus: tuple[int, int] | None = None
        self._terms: dict[str, tuple[int, int]] = {}

    def corpus_stats(self, terms: Sequence[str]) -> CorpusStats:
        index = self._index(terms)
        df = {term: index.terms[term][1] for term in terms if term in index.terms}
        return CorpusStats(
            passages=index.passages,
            avgdl=index.avgdl if index.passages else 0.0,
            df=df,
        )

    def candidates(self, plan: CandidatePlan, filters: Filters) -> list[Candidate]:
        return candidates.candidates(self.db, self._index(plan.terms), plan, filters)

    def passages(self, articles: Sequence[ArticleSummary]) -> list[Candidate]:
        return candidates.passages(self.db, articles)

    def newest_published(self, filters: Filters) -> datetime | None:
        where, params = visible(filters)
        sql = (
            f"SELECT a.published FROM articles a WHERE a.published_ts IS NOT NULL AND {where} "
            "ORDER BY a.published_ts DESC LIMIT 1"
        )
        row = self.db.execute(sql, params).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def _index(self, terms: Sequence[str]) -> Index:
        """The corpus figures and `terms`' ids and counts, read once per job."""
        missing = sorted({t for t in terms if t not in self._terms})
        if missing or self._corpus is None:
            for term, first, second in self.db.execute(
                "SELECT NULL, passages, total_length FROM corpus UNION ALL "
                "SELECT term, id, df FROM terms WHERE term = ANY(%s)",
                (missing,),
            ):
                if term is None:
                    self._corpus = (first, second)
                else:
                    self._terms[term] = (first, second)
        assert self._corpus is not None
        passages, total = self._corpus
        return Index(passages=passages, total_length=total, terms=self._terms)
