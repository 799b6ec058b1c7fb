"""The throughput benchmark runs end to end on a small PostgreSQL archive."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from bench.throughput import main
from tests.corpus import write_folder


def test_one_and_two_asking_processes_are_measured_in_turn(
    tmp_path: Path, postgres_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_folder(tmp_path / "corpus")
    schemas_before = _bench_schemas(postgres_server)
    argv = ["--corpus", str(corpus), "--db", postgres_server, "--in-flight", "4"]
    argv += ["--seconds", "1", "--rounds", "2"]

    assert main(argv) == 0

    out = capsys.readouterr().out
    rounds = re.findall(r"round (\d): (\d) process(?:es)?: +([\d.]+) questions/s", out)
    assert [(r, p) for r, p, _ in rounds] == [("1", "1"), ("1", "2"), ("2", "2"), ("2", "1")]
    assert all(float(rate) > 0 for _, _, rate in rounds)
    assert re.search(r"two / one: +median [\d.]+x", out)
    assert re.search(r"1 process: CPU a question: asking [\d.]+ ms, server not watched", out)
    assert _bench_schemas(postgres_server) <= schemas_before, "its schema is left behind"


def _bench_schemas(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as db:
        rows = db.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'archivaris_bench_%'"
        )
        return {name for (name,) in rows}
