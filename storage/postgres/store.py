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
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import psycopg

from storage.candidates import CandidatePlan
from storage.dispatch import Dispatching, Jobs
from storage.models import ArticleSummary, Filters
from storage.postgres import browse, candidates, moving, votes, write
from storage.postgres.articles import visible
from storage.postgres.candidates import Index
from storage.postgres.connections import Connections
from storage.store import Candidate, CorpusStats, Reader, T


def _as_reader(db: psycopg.Connection, job: Callable[[Reader], T]) -> T:
    return job(PostgresReader(db))


class PostgresStore(Dispatching):
    """The `Store` over one PostgreSQL database. Open with `await PostgresStore.open(dsn)`;
    the methods that only hand a job over are `Dispatching`'s."""

    _jobs = Jobs(write=write, browse=browse, votes=votes, moving=moving, reader=_as_reader)

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

    async def backup(self, target: Path) -> None:
        """pg_dump's custom format into `target` (restore with pg_restore); FileNotFoundError
        when pg_dump is not installed here."""
        await asyncio.to_thread(dump, self.dsn, target)

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
