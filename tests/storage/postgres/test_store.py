"""The PostgreSQL store's own behaviour: a newer schema refused, migrating once however
many open it, a dropped connection, deletes that shrink and drop champion lists, and
backups through pg_dump."""

from __future__ import annotations

import asyncio
import random
import shutil
import subprocess
import threading
from pathlib import Path

import psycopg
import pytest

from storage import candidates
from storage.archive import Archive, ArchiveError
from storage.ingest.prepare import prepare_article
from storage.language.text import ANALYZER_VERSION
from storage.postgres.connections import _explained
from storage.postgres.schema import MIGRATIONS
from tests import corpus
from tests.consistency import assert_postgres_consistent
from tests.corpus import parsed
from tests.fixtures import import_all

QUESTION = "Wat zei Stoltenberg over kernwapens?"


async def test_an_archive_from_a_newer_archivaris_is_refused(postgres_dsn: str) -> None:
    (await Archive.open(postgres_dsn)).store  # noqa: B018 - creates the schema
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        db.execute("UPDATE meta SET value = %s WHERE key = 'schema'", (str(len(MIGRATIONS) + 1),))
    with pytest.raises(ArchiveError) as refused:
        await Archive.open(postgres_dsn)
    assert refused.value.code == "newer"
    assert refused.value.figures == {"schema": len(MIGRATIONS) + 1, "known": len(MIGRATIONS)}


@pytest.mark.parametrize("error", [psycopg.errors.DiskFull, psycopg.errors.IoError])
def test_a_full_or_failing_disk_on_the_server_is_worded_as_on_sqlite(error: type) -> None:
    """The server's disk is one the user cannot see: the message must say what is wrong
    and that what was stored is kept (`disk`), as SQLite's does, not show a traceback."""
    with pytest.raises(ArchiveError) as explained, _explained("postgresql://archief"):
        raise error("could not extend file: No space left on device")
    assert explained.value.code == "disk"


async def test_a_read_only_open_takes_no_lock_and_has_no_writer(postgres_dsn: str) -> None:
    """Asking and browsing never wait for a writer: with both locks writers take held by
    another session (a long import, a migration), a read-only archive opens and answers."""
    async with await Archive.open(postgres_dsn) as archive:
        await import_all(archive, corpus.files())

    async def ask() -> tuple[str, list[str]]:
        async with await Archive.open(postgres_dsn, read_only=True) as archive:
            threads = [t.name for t in threading.enumerate() if t.name.startswith("archivaris")]
            return (await archive.search(QUESTION)).hits[0].article.file, threads

    with psycopg.connect(postgres_dsn, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(1634890344, 0)")
        holder.execute("SELECT pg_advisory_lock(1634890344, 'corpus'::regclass::oid::integer)")
        file, threads = await asyncio.wait_for(ask(), timeout=60)
    assert file == "navo.txt"
    assert threads and not [name for name in threads if "writer" in name]


async def test_processes_opening_a_new_archive_at_once_migrate_it_once(postgres_dsn: str) -> None:
    opened = await asyncio.gather(*(Archive.open(postgres_dsn) for _ in range(4)))
    try:
        await import_all(opened[0], corpus.files())
        for archive in opened:
            assert (await archive.search(QUESTION)).hits[0].article.file == "navo.txt"
    finally:
        for archive in opened:
            await archive.close()
    with psycopg.connect(postgres_dsn) as db:
        assert db.execute("SELECT key, value FROM meta ORDER BY key").fetchall() == [
            ("analyzer", ANALYZER_VERSION),
            ("schema", str(len(MIGRATIONS))),
        ]


async def test_the_writer_and_readers_reconnect_after_the_server_drops_them(
    postgres_dsn: str,
) -> None:
    async with await Archive.open(postgres_dsn) as archive:
        await import_all(archive, corpus.files()[:2])
        with psycopg.connect(postgres_dsn, autocommit=True) as db:
            db.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE pid <> pg_backend_pid() AND datname = current_database()"
            )
        await import_all(archive, corpus.files()[2:])
        assert (await archive.search(QUESTION)).hits[0].article.file == "navo.txt"
        assert (await archive.stats()).articles == 5
    assert_postgres_consistent(postgres_dsn)


async def test_deletes_shrink_refill_and_drop_champion_lists_consistently(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(candidates, "LIST_SIZE", 6)
    monkeypatch.setattr(candidates, "COMMON", 8)
    rng = random.Random(4)
    words = "haven schip kade sluis brug dijk storm regen kabinet minister".split()
    async with await Archive.open(postgres_dsn) as archive:
        for batch in range(4):
            prepared = [
                prepare_article(
                    parsed(
                        f"a{batch}-{n}",
                        " ".join(rng.choices(words, k=rng.randint(3, 9))) + f" nummer{n}.",
                    ),
                    f"{batch}-{n}.txt",
                )
                for n in range(12)
            ]
            await archive.store.add(prepared, 5 if batch == 1 else None, "test")
        assert_postgres_consistent(postgres_dsn)
        ids = list(range(1, 49))
        rng.shuffle(ids)
        for number, article_id in enumerate(ids, start=1):
            assert await archive.delete(article_id, 5 if 13 <= article_id <= 24 else None)
            if number % 8 == 0:
                assert_postgres_consistent(postgres_dsn)
        assert (await archive.counts())["articles"] == 0


async def test_a_backup_is_a_pg_dump_that_pg_restore_reads(
    postgres_dsn: str, tmp_path: Path
) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump and pg_restore are not installed")
    async with await Archive.open(postgres_dsn) as archive:
        await import_all(archive, corpus.files())
        taken = tmp_path / "bestaat.dump"
        taken.write_bytes(b"niet overschrijven")
        with pytest.raises(FileExistsError):
            await archive.backup(taken)
        await archive.backup(tmp_path / "archief.dump")
    listing = await asyncio.to_thread(
        subprocess.check_output, ["pg_restore", "--list", str(tmp_path / "archief.dump")], text=True
    )
    schema = postgres_dsn.rpartition("search_path%3D")[2]
    assert f"TABLE DATA {schema} articles" in listing
    assert taken.read_bytes() == b"niet overschrijven"


async def test_questions_share_one_plan_of_their_candidate_statement(postgres_dsn: str) -> None:
    """Questions that differ only in their terms run one candidate statement, planned once
    on a reader connection for any terms, and not again for each question's values."""
    from storage.postgres.store import PostgresStore
    from storage.search.rank import search

    async with await Archive.open(postgres_dsn) as archive:
        await import_all(archive, corpus.files())
    words = ["Stoltenberg", "kernwapens", "Vierdaagse", "inschrijvers", "bibliotheek"]
    store = await PostgresStore.open(postgres_dsn, readers=1)
    try:
        for word in words * 2:
            assert (await search(store, f"{word}?")).hits
        plans = await store.read(
            lambda reader: reader.db.execute(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement LIKE %s",
                ("WITH listed%",),
            ).fetchall()
        )
    finally:
        await store.close()
    [(generic, custom)] = plans
    assert generic > 0
    assert custom == 0
