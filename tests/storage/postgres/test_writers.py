"""Many writers, one truth: imports from several processes into one PostgreSQL archive at
once, and an import killed with kill -9, leave every count, list and id as if the
articles had come in one by one."""

from __future__ import annotations

import asyncio
import json
import os
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from storage.archive import Archive, ArchiveError
from storage.postgres import connections
from storage.postgres.schema import LOCK
from tests.consistency import assert_postgres_consistent
from tests.files import in_folder
from tests.storage.sqlite.test_crash import (
    cli,
    count_articles,
    import_verdicts,
    kill_after,
    processes_marked,
    write_articles,
)

ARTICLES = 1500
KILLED = 4000


async def test_two_imports_and_an_upload_at_once_store_each_article_once(
    tmp_path: Path, postgres_dsn: str
) -> None:
    """Two `archivaris import` processes over overlapping folders, and an upload through
    the archive meanwhile: they serialise on the write lock, none waits forever, and
    every article is stored exactly once with its own id."""
    every = tmp_path / "alle"
    write_articles(every, 2 * ARTICLES)
    names = sorted(p.name for p in every.iterdir())
    halves = []
    for number, chosen in enumerate((names[: ARTICLES + 300], names[ARTICLES - 300 :])):
        folder = tmp_path / f"deel{number}"
        folder.mkdir()
        for name in chosen:
            os.link(every / name, folder / name)
        halves.append(folder)
    uploads = in_folder(
        tmp_path / "upload", [f for f in _files(every, names[ARTICLES - 20 : ARTICLES + 20])]
    )

    processes = [
        await asyncio.create_subprocess_exec(
            *cli(postgres_dsn, "import", "--json", str(folder)),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for folder in halves
    ]
    async with await Archive.open(postgres_dsn) as archive:
        uploaded = [v async for v in archive.import_paths([uploads])]
    outputs = [await asyncio.wait_for(p.communicate(), 600) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outputs]

    verdicts = [json.loads(line) for out, _ in outputs for line in out.decode().splitlines()]
    verdicts += [{"status": v.status, "article_id": v.article_id} for v in uploaded]
    added = [v["article_id"] for v in verdicts if v["status"] == "added"]
    assert len(added) == len(set(added)) == 2 * ARTICLES
    statuses = Counter(v["status"] for v in verdicts)
    assert statuses == {"added": 2 * ARTICLES, "duplicate": 600 + 40}
    assert sorted(added) == list(range(1, 2 * ARTICLES + 1))
    assert count_articles(postgres_dsn) == 2 * ARTICLES
    assert_postgres_consistent(postgres_dsn)


def _files(folder: Path, names: list[str]):
    from storage.models import SourceFile

    return [SourceFile(name, (folder / name).read_bytes()) for name in names]


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
