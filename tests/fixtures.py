"""Archive fixtures shared by the engine and bot tests (imported by tests/conftest.py).

`archive` and `archive_target` come in two kinds, `store_kind`: an SQLite file, and a
PostgreSQL database (a schema of its own on the server ARCHIVARIS_TEST_POSTGRES names, or
on a throwaway server started here when PostgreSQL is installed, tests/pgserver.py).
Without either, the PostgreSQL tests are left out with one line saying how to run them
(tests/conftest.py); with ARCHIVARIS_REQUIRE_POSTGRES=1 (as .ci/run sets) they fail
instead. A test module or folder for one store only sets `store_kind` itself.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storage.archive import Archive
from storage.ingest.prepare import prepare_article
from storage.models import ParsedArticle, SourceFile, Verdict
from storage.store import Stored
from tests import corpus, pgserver

STORES = ("sqlite", "postgres")
NO_POSTGRES = (
    "no PostgreSQL server ({why}): set ARCHIVARIS_TEST_POSTGRES=postgresql://USER@HOST/DB, "
    "or install PostgreSQL (initdb, e.g. apt-get install postgresql) for a throwaway one"
)


def postgres_missing() -> str | None:
    """Why the PostgreSQL tests cannot run here and may be left out, or None when they
    can (or must: ARCHIVARIS_REQUIRE_POSTGRES=1)."""
    if os.environ.get("ARCHIVARIS_TEST_POSTGRES"):
        return None
    if os.environ.get("ARCHIVARIS_REQUIRE_POSTGRES") == "1":
        return None
    return pgserver.why_not()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The DSN of a PostgreSQL server the tests may create schemas on."""
    named = os.environ.get("ARCHIVARIS_TEST_POSTGRES")
    if named:
        yield named
        return
    why = pgserver.why_not()
    if why:
        message = NO_POSTGRES.format(why=why)
        if os.environ.get("ARCHIVARIS_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " (ARCHIVARIS_REQUIRE_POSTGRES=1)")
        pytest.skip(message)
    pgserver.stop_orphans()
    server = pgserver.start(owner=os.getpid())
    try:
        yield server.dsn
    finally:
        pgserver.stop(server.folder)


@pytest.fixture
def postgres_dsn(postgres_server: str) -> Iterator[str]:
    """A new, empty archive database: a schema of its own, dropped afterwards."""
    with postgres_schema(postgres_server) as dsn:
        yield dsn


@contextmanager
def postgres_schema(server: str) -> Iterator[str]:
    """An archive in a new schema of its own on `server`, dropped afterwards."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    try:
        yield pgserver.in_schema(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


@dataclass(frozen=True)
class Replicated:
    """A PostgreSQL server and a streaming replica of it, as DSNs of one archive's schema."""

    primary: str
    replica: str
    schema: str


@pytest.fixture(scope="session")
def replicated_server() -> Iterator[tuple[pgserver.Server, pgserver.Server]]:
    """A throwaway primary and a streaming replica of it (pg_basebackup -R), for the tests
    of reading on replicas; whatever ARCHIVARIS_TEST_POSTGRES names cannot be copied."""
    why = pgserver.why_no_replica()
    if why:
        message = f"no streaming replica ({why})"
        if os.environ.get("ARCHIVARIS_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " (ARCHIVARIS_REQUIRE_POSTGRES=1)")
        pytest.skip(message)
    pgserver.stop_orphans()
    primary = pgserver.start(owner=os.getpid())
    try:
        replica = pgserver.start_replica(primary, owner=os.getpid())
        try:
            yield primary, replica
        finally:
            pgserver.stop(replica.folder)
    finally:
        pgserver.stop(primary.folder)


@pytest.fixture
def replicated(replicated_server: tuple[pgserver.Server, pgserver.Server]) -> Iterator[Replicated]:
    """A new, empty archive on the primary, in a schema of its own, read on the replica."""
    import psycopg

    primary, replica = replicated_server
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(primary.dsn, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    try:
        yield Replicated(
            pgserver.in_schema(primary.dsn, schema),
            pgserver.in_schema(replica.dsn, schema),
            schema,
        )
    finally:
        with psycopg.connect(primary.dsn, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def archive_target(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str | Path:
    """Where a new, empty archive of `store_kind` goes: a file path or a DSN."""
    if store_kind == "postgres":
        return request.getfixturevalue("postgres_dsn")
    return tmp_path / "archive.db"


@pytest.fixture
async def archive(archive_target: str | Path) -> AsyncIterator[Archive]:
    """An empty archive, in each store."""
    opened = await Archive.open(archive_target)
    yield opened
    await opened.close()


@pytest.fixture
async def filled(archive: Archive) -> Archive:
    """The archive holding the test corpus in the global collection."""
    await import_all(archive, corpus.files())
    return archive


only_sqlite = pytest.mark.parametrize("store_kind", ["sqlite"])


def fail_passages_containing(archive: Archive, text: str | None) -> None:
    """Make the store refuse to insert a passage holding `text`, as a full disk would
    (None: accept them again)."""
    if not hasattr(archive.store, "dsn"):
        with sqlite3.connect(archive.store.path) as db:
            if text is None:
                db.execute("DROP TRIGGER disk_full")
            else:
                db.execute(
                    "CREATE TRIGGER disk_full BEFORE INSERT ON passages "
                    f"WHEN instr(new.text, '{text}') "
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                )
        return
    import psycopg

    with psycopg.connect(archive.store.dsn, autocommit=True) as db:
        if text is None:
            db.execute("DROP TRIGGER disk_full ON passages")
            return
        db.execute(
            "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF strpos(new.text, '{text}') > 0 THEN RAISE EXCEPTION 'disk full'; END IF; "
            "RETURN new; END $$"
        )
        db.execute(
            "CREATE TRIGGER disk_full BEFORE INSERT ON passages FOR EACH ROW "
            "EXECUTE FUNCTION disk_full()"
        )


def execute(archive: Archive, sql: str, *values: object) -> None:
    """Run one statement (with `?` for its values) on the archive's store, behind its back:
    to write a row as an earlier version wrote it, say."""
    if not hasattr(archive.store, "dsn"):
        with sqlite3.connect(archive.store.path) as db:
            db.execute(sql, values)
        return
    import psycopg

    with psycopg.connect(archive.store.dsn, autocommit=True) as db:
        db.execute(sql.replace("?", "%s"), values)


async def add(
    archive: Archive, *articles: ParsedArticle, scope: int | None = None, added_by: str = "tester"
) -> list[Stored]:
    """Store articles as one batch, straight into the store."""
    prepared = [prepare_article(a, f"{a.title}.txt") for a in articles]
    return await archive.store.add(prepared, scope, added_by)


async def import_all(archive: Archive, files, scope: int | None = None) -> list[Verdict]:
    verdicts = []
    for file in files:
        verdicts += [v async for v in archive.import_file(file, scope=scope, added_by="test")]
    return verdicts


async def archive_with(archive: Archive, **pages: str) -> Archive:
    """`archive` holding the sample corpus and `pages` (invented articles by file name)."""
    await import_all(archive, corpus.files())
    await import_all(archive, [SourceFile(f"{n}.txt", t.encode()) for n, t in pages.items()])
    return archive


def undo_migration_8(db: sqlite3.Connection) -> None:
    """Take an archive back to what schema 7 left on disk, to test the way up from there."""
    db.execute("DROP TABLE votes")


def undo_migration_6(db: sqlite3.Connection) -> None:
    """Take an archive back to what schema 5 left on disk, to test the way up from there."""
    undo_migration_8(db)
    db.execute("DROP INDEX articles_summary")


def undo_migrations_5_and_6(db: sqlite3.Connection) -> None:
    """Take an archive back to what schema 4 left on disk, to test the way up from there."""
    undo_migration_6(db)
    db.execute("DROP TABLE passage_stats")
    db.execute("ALTER TABLE champion_floors DROP COLUMN listed")


async def look_up(archive: Archive, step: str, *args: object, **kwargs: object) -> Any:
    """One `Reader` look-up (`corpus_stats`, `candidates`, ...) as a job of its own."""
    return await archive.store.read(lambda reader: getattr(reader, step)(*args, **kwargs))
