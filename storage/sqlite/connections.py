"""The archive file's connections: one writer thread, a small pool of reader threads.

WAL lets readers answer from their snapshots while an import holds the writer, so a big
upload never makes the bot wait for the database. Every write is one synchronous function
run as one transaction on the writer's own thread, and every read one synchronous job on a
reader thread with a connection to itself: the Python work between statements then never
runs on the event loop, and costs one hand-off between threads, not one per statement.
"""

from __future__ import annotations

import asyncio
import errno
import os
import queue
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from storage.responsive import no_full_collections
from storage.sqlite.schema import MIGRATIONS, current_version, migrate
from storage.store import ArchiveError

R = TypeVar("R")

_CACHE_KIB = 16 * 1024
# The WAL may grow to this many pages before a commit copies it back into the database;
# the default (1,000) made every other commit of a big import a checkpoint.
_WAL_PAGES = 10_000
# How long a connection waits for another's write to end before giving up.
_BUSY_SECONDS = 30
_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
    f"PRAGMA busy_timeout = {_BUSY_SECONDS * 1000}",
    f"PRAGMA cache_size = -{_CACHE_KIB}",
    "PRAGMA temp_store = MEMORY",
)
_READ_PRAGMAS = (*_PRAGMAS, "PRAGMA query_only = ON")


class Connections:
    """The writer and the readers of one file. Open with `await Connections.open(path, readers)`.

    Opened read-only there is no writer: nothing is written, no lock is waited for, and a
    file on read-only storage can be read.
    """

    def __init__(self, path: Path, readers: int) -> None:
        self._path = path
        self._writer: sqlite3.Connection | None = None
        self._write_thread: ThreadPoolExecutor | None = None
        self._all_readers: list[sqlite3.Connection] = []
        # Last in, first out: one question at a time keeps using the connection whose page
        # cache it warmed.
        self._readers: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._read_threads = ThreadPoolExecutor(readers, thread_name_prefix="archivaris-reader")

    @classmethod
    async def open(cls, path: Path, readers: int, read_only: bool = False) -> Connections:
        """The connections, each on its thread; or, when the file cannot be used, an
        `ArchiveError` and nothing left open."""
        loop = asyncio.get_running_loop()
        opened = cls(path, readers)
        try:
            with _explained(path):
                if read_only:
                    await asyncio.to_thread(_ready_to_read, path)
                else:
                    opened._write_thread = ThreadPoolExecutor(
                        max_workers=1, thread_name_prefix="archivaris-writer"
                    )
                    opened._writer = await loop.run_in_executor(
                        opened._write_thread, _open_writer, path
                    )
                for _ in range(readers):
                    reader = await loop.run_in_executor(opened._read_threads, _open_reader, path)
                    opened._all_readers.append(reader)
                    opened._readers.put(reader)
        except BaseException:
            await opened.close()
            raise
        return opened

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        for connection in self._all_readers:
            await loop.run_in_executor(self._read_threads, connection.close)
        self._read_threads.shutdown()
        if self._write_thread is not None:
            if self._writer is not None:
                await loop.run_in_executor(self._write_thread, self._writer.close)
            self._write_thread.shutdown()

    async def write(self, work: Callable[..., R], *args: object) -> R:
        """`work(connection, *args)` as one transaction on the writer thread."""
        if self._writer is None or self._write_thread is None:
            raise RuntimeError("this archive was opened read-only")
        loop = asyncio.get_running_loop()
        with _explained(self._path):
            return await loop.run_in_executor(
                self._write_thread, _in_transaction, self._writer, work, args
            )

    async def read(self, job: Callable[..., R], *args: object) -> R:
        """`job(connection, *args)` on a reader thread, with a read connection to itself."""
        loop = asyncio.get_running_loop()
        with _explained(self._path):
            return await loop.run_in_executor(self._read_threads, self._run_read, job, args)

    async def backup(self, target: Path) -> None:
        """SQLite's online backup from a read connection (`back_up`)."""
        loop = asyncio.get_running_loop()
        with _explained(self._path):
            await loop.run_in_executor(self._read_threads, self._run_backup, target)

    def _run_read(self, job: Callable[..., R], args: tuple) -> R:
        """One job on a free read connection, in one read transaction: every look-up of the
        job sees the archive as it was when the first one ran (runs on a reader thread).
        """
        connection = self._readers.get()
        try:
            connection.execute("BEGIN")
            try:
                return job(connection, *args)
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")
        finally:
            self._readers.put(connection)

    def _run_backup(self, target: Path) -> None:
        connection = self._readers.get()
        try:
            back_up(connection, target)
        finally:
            self._readers.put(connection)


# SQLite's (primary) result codes that are about the file, and what `ArchiveError` calls them.
_PROBLEMS = {
    sqlite3.SQLITE_NOTADB: "damaged",
    sqlite3.SQLITE_CORRUPT: "damaged",
    sqlite3.SQLITE_CANTOPEN: "cannot_open",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_FULL: "disk",
    sqlite3.SQLITE_IOERR: "disk",
}


@contextmanager
def _explained(path: Path) -> Iterator[None]:
    """SQLite's errors about the file itself as `ArchiveError`s, which the front ends word."""
    try:
        yield
    except sqlite3.Error as error:
        code = _PROBLEMS.get((getattr(error, "sqlite_errorcode", None) or 0) & 0xFF)
        if code is None:
            raise
        raise ArchiveError(code, str(path), str(error)) from error


def _in_transaction(db: sqlite3.Connection, work: Callable[..., R], args: tuple) -> R:
    """Run `work` as one transaction, with the garbage collector's full collections held off.

    A big batch puts hundreds of thousands of objects in the collector's care, which every
    full collection would walk; pausing the collector altogether would leave the young
    objects of the whole write to one long collection after it.
    """
    with no_full_collections():
        db.execute("BEGIN IMMEDIATE")
        try:
            result = work(db, *args)
        except BaseException:
            if db.in_transaction:  # SQLite rolls back itself on some errors (a full disk)
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return result


def _open_writer(path: Path) -> sqlite3.Connection:
    """Create the file if needed, switch it to WAL, migrate, and keep the connection to write.

    Runs on the writer thread, which owns the connection from then on.
    """
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_SECONDS)
    try:
        for pragma in (*_PRAGMAS, f"PRAGMA wal_autocheckpoint = {_WAL_PAGES}"):
            connection.execute(pragma)
        _switch_to_wal(connection)
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    """Put the file in WAL mode, which takes a moment's exclusive lock on a new file.

    When several processes create one archive at once, SQLite answers all but one of them
    "database is locked" at once instead of waiting (they would deadlock otherwise), so
    they try again until the first has switched it.
    """
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            busy = (error.sqlite_errorcode or 0) & 0xFF == sqlite3.SQLITE_BUSY
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _ready_to_read(path: Path) -> None:
    """Check, before a read-only open, that the file is an archive this version can read.

    An archive of an older schema is migrated first, which needs writing once.
    """
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    connection = _open_reader(path)
    try:
        version = current_version(connection)
    finally:
        connection.close()
    if version < len(MIGRATIONS):
        _open_writer(path).close()


def _open_reader(path: Path) -> sqlite3.Connection:
    """A read connection for read jobs; any reader thread may use it, one at a time.

    In a folder that may not be written, SQLite cannot make the WAL's shared-memory file
    and refuses a plain connection. Nobody can write the archive there either (a write
    needs the WAL file), so it is opened as immutable: without locks or that file. Only a
    WAL file with commits in it would be read wrongly that way, and then the error stands.
    """
    try:
        return _read_connection(str(path), uri=False)
    except sqlite3.OperationalError as error:
        if (error.sqlite_errorcode or 0) & 0xFF != sqlite3.SQLITE_READONLY or not path.is_file():
            raise
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise
        return _read_connection(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _read_connection(database: str, uri: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(
        database, uri=uri, isolation_level=None, check_same_thread=False, timeout=_BUSY_SECONDS
    )
    try:
        for pragma in _READ_PRAGMAS:
            connection.execute(pragma)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def back_up(source: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup: a consistent snapshot even while the bot writes.

    Copies in steps so writers are held up for milliseconds at a time, then checks the
    copy before reporting success.
    """
    copy = sqlite3.connect(target)
    try:
        try:
            source.backup(copy, pages=1024)
        except sqlite3.OperationalError as error:
            raise _unwritten(error, target) from error
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise OSError(errno.EIO, "the copy failed its integrity check", str(target))
    finally:
        copy.close()


def _unwritten(error: sqlite3.OperationalError, target: Path) -> Exception:
    """A backup's error as the OSError of the copy it is about (a full disk, a failing one):
    the archive itself is only read."""
    code = (error.sqlite_errorcode or 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
        return OSError(errno.EIO, str(error), str(target))
    return error
