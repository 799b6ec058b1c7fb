"""The archive's connections to PostgreSQL: one writer thread, a small pool of readers.

The same job model as the SQLite store (storage/sqlite/connections.py): every write is one
synchronous function run as one transaction on the writer's own thread, every read one
synchronous job on a reader thread with a connection to itself. A read job runs in one
read-only REPEATABLE READ transaction, so all its look-ups see one snapshot, and readers
never wait for writers (MVCC).

Several processes may write to one archive (the CLI importing while bot processes take
uploads). Every write transaction first takes one advisory lock (schema.LOCK), so writes
to the shared state (the corpus row, term counts, champion lists, the next ids) happen
one transaction at a time: no lost updates, and no deadlocks, as a writer waits for that
lock before it touches any row. A writer that dies, even by kill -9, takes its open
transaction with it.

With streaming replicas (replicas.py), read jobs run on them in turn and writes on the
primary; a process still reads its own writes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

import psycopg
from psycopg import errors
from psycopg_pool import ConnectionPool

from storage.postgres.replicas import (
    WRITTEN,
    Replica,
    Replicas,
    check_replica,
    position,
    system_identifier,
)
from storage.postgres.schema import LOCK, MIGRATIONS, current_version, migrate
from storage.responsive import no_full_collections
from storage.store import ArchiveError, shown

R = TypeVar("R")


class Connections:
    """The writer and the readers of one archive. Open with `await Connections.open(dsn, n)`.

    Opened read-only there is no writer: no write lock is taken, nothing is written, and
    a database that refuses writes (a replica, a user who may only read) can be read.
    Given `replicas` (DSNs of streaming replicas of the primary `dsn`), reads go to them.
    """

    def __init__(
        self,
        dsn: str,
        writer: psycopg.Connection | None,
        write_thread: ThreadPoolExecutor | None,
        readers: ConnectionPool,
        read_threads: ThreadPoolExecutor,
    ) -> None:
        self.dsn = dsn
        self._name = shown(dsn)
        self._writer = writer
        self._write_thread = write_thread
        self._readers = readers
        self._read_threads = read_threads
        self._replicas: Replicas | None = None

    @classmethod
    async def open(
        cls, dsn: str, readers: int, read_only: bool = False, replicas: Sequence[str] = ()
    ) -> Connections:
        """The connections, each on its thread; or, when the archive cannot be used, an
        `ArchiveError` and nothing left open."""
        with _explained(shown(dsn)):
            opened = await cls._open(dsn, readers, read_only, bool(replicas))
        if replicas:
            try:
                chosen = await asyncio.to_thread(_open_replicas, opened, replicas, readers)
            except BaseException:
                await opened.close()
                raise
            opened._replicas = chosen
        return opened

    @classmethod
    async def _open(cls, dsn: str, readers: int, read_only: bool, replicated: bool) -> Connections:
        loop = asyncio.get_running_loop()
        writer, write_thread = None, None
        if read_only:
            await asyncio.to_thread(_ready_to_read, dsn)
        else:
            write_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archivaris-writer")
            try:
                writer = await loop.run_in_executor(write_thread, _open_writer, dsn)
            except BaseException:
                write_thread.shutdown()
                raise
        # With replicas, the primary reads only what they have not replayed yet.
        pool = _reader_pool(dsn, 1 if replicated else readers, readers, "archivaris-readers")
        read_threads = ThreadPoolExecutor(readers, thread_name_prefix="archivaris-reader")
        opened = cls(dsn, writer, write_thread, pool, read_threads)
        try:
            await asyncio.to_thread(_open_pool, pool)
        except BaseException:
            await opened.close()
            raise
        return opened

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        self._read_threads.shutdown()
        await asyncio.to_thread(self._readers.close)
        if self._replicas is not None:
            await asyncio.to_thread(self._replicas.close)
        if self._write_thread is not None:
            if self._writer is not None:
                await loop.run_in_executor(self._write_thread, self._writer.close)
            self._write_thread.shutdown()

    async def write(self, work: Callable[..., R], *args: object) -> R:
        """`work(connection, *args)` as one transaction on the writer thread, holding the
        archive's write lock."""
        if self._write_thread is None:
            raise RuntimeError("this archive was opened read-only")
        loop = asyncio.get_running_loop()
        with _explained(self._name):
            return await loop.run_in_executor(self._write_thread, self._write_job, work, args)

    async def read(self, job: Callable[..., R], *args: object) -> R:
        """`job(connection, *args)` on a reader thread, in one read-only snapshot."""
        loop = asyncio.get_running_loop()
        with _explained(self._name):
            return await loop.run_in_executor(self._read_threads, self._run_read, job, args)

    def _run_read(self, job: Callable[..., R], args: tuple) -> R:
        """On a replica that has replayed this process's writes, when there is one to be
        had; else on the primary."""
        if self._replicas is not None:
            with self._replicas.reading() as replica:
                if replica is not None:
                    return job(replica, *args)
        return self._on_primary(job, args)

    def _on_primary(self, job: Callable[..., R], args: tuple) -> R:
        """A job that fails because the server dropped its connection (a restart) runs
        again on the next (the pool replaces the dropped ones): reads change nothing, and
        checking every connection before each job would cost every question a round trip."""
        for tries_left in range(self._readers.max_size, -1, -1):
            used: psycopg.Connection | None = None
            try:
                with self._readers.connection() as used:
                    return job(used, *args)
            except psycopg.OperationalError:
                if not tries_left or used is None or not used.broken:
                    raise
        raise AssertionError("unreachable")

    def _write_job(self, work: Callable[..., R], args: tuple) -> R:
        """`_in_transaction`, then, with replicas, note how far the primary's WAL reached:
        this process's reads wait for a replica to replay that far."""
        done = self._in_transaction(work, args)
        if self._replicas is not None and self._writer is not None:
            row = self._writer.execute(WRITTEN).fetchone()
            self._replicas.wrote(row[0] if row else None)
        return done

    def _in_transaction(self, work: Callable[..., R], args: tuple) -> R:
        """Run `work` in one transaction after taking the write lock (on the writer thread).

        A connection the server dropped (a restart) is replaced first; a write that fails
        midway is not tried again, as its commit may have landed. The garbage
        collector's full collections wait, as in the SQLite store: a big batch puts
        hundreds of thousands of objects in its care.
        """
        self._writer = _alive(self._writer) or _open_writer(self.dsn)
        with no_full_collections(), self._writer.transaction():
            self._writer.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_SECONDS}s'")
            self._writer.execute(LOCK, ("corpus",))
            return work(self._writer, *args)


# As long as SQLite waits for another writer (busy_timeout) before it gives up with "busy":
# a process that hangs holding the lock must not stall every upload behind it for good.
LOCK_WAIT_SECONDS = 30

# SQLSTATE classes of a server that cannot be reached, or not by this login: connection
# exceptions, a server shutting down, authorization, a database that does not exist. A
# connection that never reached a server has no SQLSTATE.
_UNREACHABLE = ("08", "57P", "28", "3D")
# Errors that say the tables are not an Archivaris archive's (another program's `meta`).
_NOT_AN_ARCHIVE = (errors.UndefinedTable, errors.UndefinedColumn, errors.DuplicateTable)


@contextmanager
def _explained(name: str) -> Iterator[None]:
    """psycopg's errors about the archive itself as `ArchiveError`s, which the front ends
    word, as storage/sqlite/connections.py does for SQLite's."""
    try:
        yield
    except errors.LockNotAvailable as error:
        raise ArchiveError("busy", name, _said(error)) from error
    except errors.ReadOnlySqlTransaction as error:
        raise ArchiveError("read_only", name, _said(error)) from error
    except errors.InsufficientPrivilege as error:
        raise ArchiveError("not_allowed", name, _said(error), reason=_said(error)) from error
    except _NOT_AN_ARCHIVE as error:
        raise ArchiveError("damaged", name, _said(error)) from error
    except (errors.DiskFull, errors.IoError) as error:
        raise ArchiveError("disk", name, _said(error)) from error
    except psycopg.OperationalError as error:
        if error.sqlstate is not None and not error.sqlstate.startswith(_UNREACHABLE):
            raise
        raise ArchiveError("unreachable", name, _said(error), reason=_said(error)) from error


def _said(error: psycopg.Error) -> str:
    """The server's or libpq's message, on one line."""
    return " ".join(str(error).split())


def _open_writer(dsn: str) -> psycopg.Connection:
    """Connect, migrate, and keep the connection to write with."""
    connection = psycopg.connect(dsn, autocommit=True)
    try:
        migrate(connection, shown(dsn))
    except BaseException:
        connection.close()
        raise
    return connection


def _ready_to_read(dsn: str) -> None:
    """Check, before a read-only open, that the database holds an archive this version
    can read, without the write lock. One of an older schema, or none yet, is migrated
    first: the one write a read-only open does, as for SQLite."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        if current_version(connection, shown(dsn)) < len(MIGRATIONS):
            migrate(connection, shown(dsn))


def _alive(connection: psycopg.Connection) -> psycopg.Connection | None:
    """The connection if the server still answers on it (one round trip), else None."""
    if connection.closed or connection.broken:
        return None
    try:
        connection.execute("SELECT 1")
    except psycopg.OperationalError:
        connection.close()
        return None
    return connection


def _reader_pool(dsn: str, least: int, most: int, name: str) -> ConnectionPool:
    return ConnectionPool(
        dsn, min_size=least, max_size=most, configure=_configure_reader, open=False, name=name
    )


def _open_replicas(primary: Connections, dsns: Sequence[str], readers: int) -> Replicas:
    """The replicas' pools, each checked to be a standby of the primary's server; reads
    wait for them to have replayed the primary's WAL as it stands now (the tables the
    writer may just have created, the migrations). Runs in a thread."""
    with primary._readers.connection() as db:
        written = db.execute(WRITTEN).fetchone()
        server = system_identifier(db)
    replicas: list[Replica] = []
    try:
        for number, dsn in enumerate(dsns, start=1):
            with _explained(shown(dsn)):
                check_replica(dsn, server)
                pool = _reader_pool(dsn, readers, readers, f"archivaris-replica-{number}")
                replicas.append(Replica(shown(dsn), pool))
                _open_pool(pool)
    except BaseException:
        for replica in replicas:
            replica.pool.close()
        raise
    return Replicas(replicas, position(written[0] if written else None))


def _configure_reader(connection: psycopg.Connection) -> None:
    """A question's statements read a few hundred rows each: starting parallel workers
    or compiling with JIT, which the planner's estimates can ask for, costs more than
    the whole statement, and so does planning it anew for each question's values, where
    one plan made for any values serves (storage/postgres/candidates.py)."""
    connection.autocommit = True
    connection.execute("SET max_parallel_workers_per_gather = 0")
    connection.execute("SET jit = off")
    connection.execute("SET plan_cache_mode = force_generic_plan")
    connection.autocommit = False
    connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    connection.read_only = True


def _open_pool(pool: ConnectionPool) -> None:
    pool.open(wait=True, timeout=30)
