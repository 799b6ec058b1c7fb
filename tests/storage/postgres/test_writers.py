"""Many writers, one truth, on PostgreSQL: a writer behind a hung holder of the write lock
gives up with "busy", and an import killed with kill -9 leaves every count, list and id
as if the articles before it had come in one by one. (Imports at once, in either store:
tests/storage/test_writers.py.)"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from storage.archive import Archive, ArchiveError
from storage.postgres import connections
from storage.postgres.schema import LOCK
from tests.consistency import assert_postgres_consistent
from tests.storage.sqlite.test_crash import (
    cli,
    count_articles,
    import_verdicts,
    kill_after,
    processes_marked,
    write_articles,
)

KILLED = 4000


async def test_a_writer_gives_up_with_busy_when_the_lock_is_held_too_long(
    tmp_path: Path, postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As SQLite does after its busy timeout: a process that hangs holding the write lock
    gets a worded "busy", not an upload that waits for ever; nothing is changed."""
    monkeypatch.setattr(connections, "LOCK_WAIT_SECONDS", 1)
    write_articles(tmp_path / "artikelen", 1)
    async with await Archive.open(postgres_dsn) as archive:
        [verdict] = [v async for v in archive.import_paths([tmp_path / "artikelen"])]
        assert verdict.status == "added"
        with psycopg.connect(postgres_dsn) as hanging:
            hanging.execute(LOCK, ("corpus",))
            with pytest.raises(ArchiveError) as raised:
                await archive.delete(verdict.article_id)
            assert raised.value.code == "busy"
        assert await archive.article(verdict.article_id) is not None


def test_a_killed_import_leaves_no_half_article_and_resumes_exactly(
    tmp_path: Path, postgres_dsn: str
) -> None:
    """Stored batches are whole or absent: the import is killed while it stores its
    second batch or prepares the next, and the rest comes in when it is run again."""
    folder = tmp_path / "artikelen"
    write_articles(folder, KILLED)
    marker = f"ARCHIVARIS_TEST_RUN={os.getpid()}-{tmp_path.name}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}

    reported = kill_after(cli(postgres_dsn, "import", "--json", str(folder)), KILLED // 3, env)
    assert reported >= KILLED // 3
    _wait_until_gone(marker)
    _wait_for_no_writer(postgres_dsn)
    assert_postgres_consistent(postgres_dsn)
    survived = count_articles(postgres_dsn)
    assert reported <= survived < KILLED

    verdicts = import_verdicts(postgres_dsn, folder)
    statuses = Counter(v["status"] for v in verdicts)
    assert statuses == {"added": KILLED - survived, "duplicate": survived}
    assert count_articles(postgres_dsn) == KILLED
    assert_postgres_consistent(postgres_dsn)


def _wait_until_gone(marker: str) -> None:
    import time

    if Path("/proc/self/environ").exists():
        deadline = time.monotonic() + 30
        while processes_marked(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_marked(marker) == [], "the killed import left worker processes"


def _wait_for_no_writer(dsn: str) -> None:
    """Until the server has noticed the killed client and rolled its transaction back."""
    import time

    deadline = time.monotonic() + 30
    with psycopg.connect(dsn, autocommit=True) as db:
        while time.monotonic() < deadline:
            (busy,) = db.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                "AND datname = current_database() AND state LIKE '%%transaction%%'"
            ).fetchone()
            if not busy:
                return
            time.sleep(0.1)
    raise AssertionError("the killed import's transaction is still open")
