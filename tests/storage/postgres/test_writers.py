"""Many writers, one truth: an import into a PostgreSQL archive killed with kill -9 leaves
every count, list and id as if the articles before it had come in one by one. (Imports
at once, in either store: tests/storage/test_writers.py.)"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import psycopg

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
