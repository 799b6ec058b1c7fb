"""Reading on a streaming replica (a real one: pg_basebackup -R from a throwaway primary):
questions and browsing go there, writes to the primary, and a process reads its own
writes at once, waiting for the replica or asking the primary, even while the replica
has stopped replaying."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import psycopg
import pytest

from storage.archive import Archive, ArchiveError
from storage.models import SourceFile
from storage.postgres import replicas
from tests import corpus, pgserver
from tests.fixtures import Replicated, import_all

FALLBACK = "had not replayed this process's last write"


def article(title: str, word: str) -> SourceFile:
    """An upload about a word found nowhere else."""
    text = f"{title}\n\nDe {word} van Harlingen trok dit weekend duizenden bezoekers.\n"
    return SourceFile(f"{word}.txt", text.encode())


async def found(archive: Archive, question: str) -> set[str | None]:
    """The files of the articles a question finds."""
    return {hit.article.file for hit in (await archive.search(question)).hits}


async def listed(archive: Archive) -> set[str | None]:
    return {summary.file for summary in await archive.recent(limit=50)}


def set_replay(replica: str, paused: bool) -> None:
    """Stop or restart the replica's replay of the primary's WAL (it keeps receiving it)."""
    with psycopg.connect(replica, autocommit=True) as db:
        db.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")
        deadline = time.monotonic() + 10
        while paused and time.monotonic() < deadline:
            row = db.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()
            if row and row[0] == "paused":
                break
            time.sleep(0.01)


async def upload(archive: Archive, file: SourceFile) -> None:
    verdicts = [v async for v in archive.import_file(file, added_by="lezer")]
    assert [v.status for v in verdicts] == ["added"]


async def test_reads_go_to_the_replica_and_a_process_sees_its_own_upload_at_once(
    replicated: Replicated, caplog: pytest.LogCaptureFixture
) -> None:
    """With replay stopped, an article another process adds is missing from questions and
    listings (they read the stopped replica); this process's upload is there at once (it
    reads on the primary until the replica has replayed it), and everything is once the
    replica replays again."""
    caplog.set_level(logging.INFO, logger=replicas.__name__)
    async with await Archive.open(replicated.primary, replicas=[replicated.replica]) as archive:
        await import_all(archive, corpus.files())
        assert "navo.txt" in await found(archive, "Stoltenberg kernwapens")
        assert FALLBACK not in caplog.text

        set_replay(replicated.replica, paused=True)
        try:
            async with await Archive.open(replicated.primary) as elsewhere:
                await upload(elsewhere, article("Zeppelinfeest", "zeppelinhaven"))
                assert await found(elsewhere, "zeppelinhaven") == {"zeppelinhaven.txt"}
            assert await found(archive, "zeppelinhaven") == set()
            assert "zeppelinhaven.txt" not in await listed(archive)

            await upload(archive, article("Walvis op het strand", "walvisstranding"))
            assert await found(archive, "walvisstranding") == {"walvisstranding.txt"}
            assert "walvisstranding.txt" in await listed(archive)
            assert FALLBACK in caplog.text
            # Read on the primary while the replica is behind: the other process's too.
            assert await found(archive, "zeppelinhaven") == {"zeppelinhaven.txt"}
        finally:
            set_replay(replicated.replica, paused=False)

        async with await Archive.open(replicated.replica, read_only=True) as replica:
            for _ in range(500):
                if await found(replica, "walvisstranding"):
                    break
                await asyncio.sleep(0.01)
            assert await found(replica, "zeppelinhaven") == {"zeppelinhaven.txt"}


async def test_a_read_after_a_write_waits_for_the_replica_to_replay_it(
    replicated: Replicated, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The question after an upload waits while the replica's replay is stopped, and is
    answered on the replica with the upload once replay goes on: it never turned to the
    primary."""
    caplog.set_level(logging.INFO, logger=replicas.__name__)
    monkeypatch.setattr(replicas, "WAIT", 60.0)
    async with await Archive.open(replicated.primary, replicas=[replicated.replica]) as archive:
        await import_all(archive, corpus.files())
        set_replay(replicated.replica, paused=True)
        try:
            await upload(archive, article("Walvis op het strand", "walvisstranding"))
            asking = asyncio.create_task(found(archive, "walvisstranding"))
            await asyncio.sleep(0.5)
            assert not asking.done()
        finally:
            set_replay(replicated.replica, paused=False)
        assert await asking == {"walvisstranding.txt"}
    assert FALLBACK not in caplog.text


async def test_questions_are_answered_while_a_replica_is_down(
    replicated: Replicated,
    replicated_server: tuple[pgserver.Server, pgserver.Server],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A replica that stops answering is passed over, with a warning, for the primary."""
    second = pgserver.start_replica(replicated_server[0])
    try:
        replica = pgserver.in_schema(second.dsn, replicated.schema)
        async with await Archive.open(replicated.primary, replicas=[replica]) as archive:
            await import_all(archive, corpus.files())
            assert "navo.txt" in await found(archive, "Stoltenberg kernwapens")
            pgserver.stop(second.folder)
            assert "navo.txt" in await found(archive, "Stoltenberg kernwapens")
            assert "navo.txt" in await found(archive, "Stoltenberg kernwapens")
    finally:
        pgserver.stop(second.folder)
    warnings = [
        r for r in caplog.records if r.name == replicas.__name__ and r.levelno == logging.WARNING
    ]
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0].getMessage()


async def test_a_replica_that_is_no_replica_of_the_archive_is_refused(
    replicated: Replicated, postgres_dsn: str, tmp_path: Path
) -> None:
    """At opening, naming the replica: one that cannot be reached, another server, and
    the primary itself (no standby)."""
    missing = f"postgresql://postgres@/postgres?host={tmp_path}"
    for wrong in (missing, postgres_dsn, replicated.primary):
        with pytest.raises(ArchiveError) as refused:
            await Archive.open(replicated.primary, replicas=[wrong])
        assert refused.value.code == "unreachable"
        assert refused.value.path == wrong
    assert "not a streaming replica" in str(refused.value)


async def test_replicas_need_an_archive_in_postgresql(tmp_path: Path, replicated: Replicated):
    with pytest.raises(ValueError, match="PostgreSQL"):
        await Archive.open(tmp_path / "archief.db", replicas=[replicated.replica])
