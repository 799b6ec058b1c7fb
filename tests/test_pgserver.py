"""The throwaway PostgreSQL servers of the tests (tests/pgserver.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests import pgserver


@pytest.mark.skipif(pgserver.why_not() is not None, reason="no throwaway PostgreSQL here")
def test_a_server_whose_test_run_is_gone_is_stopped_by_the_next() -> None:
    import psycopg

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    orphan = pgserver.start(owner=int(gone.stdout))
    kept = pgserver.start(owner=os.getpid())
    unowned = pgserver.start()
    try:
        stopped = pgserver.stop_orphans()
        assert orphan.folder in stopped and kept.folder not in stopped
        assert unowned.folder not in stopped and not orphan.folder.exists()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(orphan.dsn, connect_timeout=2)
        for alive in (kept, unowned):
            with psycopg.connect(alive.dsn) as db:
                assert db.execute("SELECT 1").fetchone() == (1,)
    finally:
        for server in (orphan, kept, unowned):
            pgserver.stop(server.folder)
