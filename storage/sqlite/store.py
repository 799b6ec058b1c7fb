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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.candidates import CandidatePlan
from storage.dispatch import Dispatching, Jobs
from storage.models import ArticleSummary, Filters
from storage.sqlite import browse, candidates, moving, votes, write
from storage.sqlite.articles import visible
from storage.sqlite.connections import Connections
from storage.store import Candidate, CorpusStats, Reader, T


def _as_reader(db: sqlite3.Connection, job: Callable[[Reader], T]) -> T:
    return job(SQLiteReader(db))


class SQLiteStore(Dispatching):
    """The `Store` over one SQLite file. Open with `await SQLiteStore.open(path)`.

    Questions and browsing alike are jobs on the reader threads, each job holding one
    read connection in one read transaction; the methods that only hand a job over are
    `Dispatching`'s.
    """

    _jobs = Jobs(write=write, browse=browse, votes=votes, moving=moving, reader=_as_reader)

    def __init__(self, path: Path, connections: Connections) -> None:
        self.path = path
        self._connections = connections

    @classmethod
    async def open(cls, path: str | Path, readers: int = 2, read_only: bool = False) -> SQLiteStore:
        """Opened `read_only`, it never writes (nor waits for a writer), so it reads an
        archive while another process imports, and on read-only storage."""
        path = Path(path)
        return cls(path, await Connections.open(path, readers, read_only))

    async def backup(self, target: Path) -> None:
        await self._connections.backup(target)

    async def identity(self) -> tuple[object, ...]:
        found = await asyncio.to_thread(os.stat, self.path)
        return ("sqlite", found.st_dev, found.st_ino)


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
