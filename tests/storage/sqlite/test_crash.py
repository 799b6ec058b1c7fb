"""kill -9 in the middle of an import or a delete: nothing lost, nothing half-stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.consistency import assert_consistent
from tests.corpus import page

ARTICLES = 5_000
WORDS = (
    "gemeente raad haven brug school bibliotheek wethouder provincie fiets trein station "
    "markt museum festival rechter politie brand storm dijk polder boer molen kerk"
).split()

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")


def write_articles(folder: Path, count: int) -> None:
    """`count` distinct small articles: each names its own number, so no two bodies match."""
    folder.mkdir()
    for number in range(count):
        words = [WORDS[(number * 7 + i * 3) % len(WORDS)] for i in range(12)]
        body = [
            f"Bericht {number}: de {words[0]} en de {words[1]} bij de {words[2]} zijn vernieuwd.",
            "Volgens de " + " ".join(words[3:12]) + f" gaat het om zaak {number * 13}.",
        ]
        (folder / f"{number:05d}.txt").write_text(page(body), encoding="utf-8")


def cli(db: Path | str, *args: str) -> list[str]:
    return [sys.executable, "-m", "bot.terminal.cli", "--db", str(db), *args]


def kill_after(command: list[str], lines: int, env: dict[str, str] | None = None) -> int:
    """Run `command`, kill -9 it once it has printed `lines` lines; returns lines seen."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    seen = 0
    for _ in process.stdout:
        seen += 1
        if seen >= lines:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    process.stdout.close()
    return seen


def import_verdicts(db: Path, folder: Path) -> list[dict]:
    result = subprocess.run(
        cli(db, "import", "--json", str(folder)), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def count_articles(db: Path) -> int:
    result = subprocess.run(cli(db, "stats", "--json"), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["articles"]


def processes_marked(marker: str) -> list[int]:
    """Live processes whose environment holds `marker` (Linux: /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if (
                entry.name.isdigit()
                and marker.encode() in (entry / "environ").read_bytes()
                and (entry / "stat").read_text().split(") ")[-1][0] != "Z"
            ):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_killed_import_resumes_with_exactly_the_missing_articles(tmp_path: Path) -> None:
    folder, db = tmp_path / "artikelen", tmp_path / "archief.db"
    write_articles(folder, ARTICLES)

    marker = f"ARCHIVARIS_TEST_RUN={os.getpid()}-{tmp_path.name}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    reported = kill_after(cli(db, "import", "--json", str(folder)), ARTICLES // 3, env)
    assert reported >= ARTICLES // 3
    if Path("/proc/self/environ").exists():
        deadline = time.monotonic() + 30
        while processes_marked(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_marked(marker) == [], "the killed import left worker processes"
    assert_consistent(db)
    survived = count_articles(db)
    assert reported <= survived < ARTICLES

    verdicts = import_verdicts(db, folder)
    statuses = [v["status"] for v in verdicts]
    assert statuses.count("added") == ARTICLES - survived
    assert statuses.count("duplicate") == survived
    assert len(verdicts) == ARTICLES
    assert count_articles(db) == ARTICLES
    assert_consistent(db)


DELETER = textwrap.dedent(
    """
    import asyncio, sys
    from storage.archive import Archive

    async def main(path):
        archive = await Archive.open(path)
        for article in await archive.recent(limit=100_000):
            await archive.delete(article.id)
            print(article.id, flush=True)

    asyncio.run(main(sys.argv[1]))
    """
)


def test_killed_deletes_leave_a_consistent_archive(tmp_path: Path) -> None:
    folder, db = tmp_path / "artikelen", tmp_path / "archief.db"
    write_articles(folder, 600)
    import_verdicts(db, folder)

    deleted = kill_after([sys.executable, "-c", DELETER, str(db)], lines=200)
    assert_consistent(db)
    remaining = count_articles(db)
    assert remaining <= 600 - deleted
    assert remaining >= 1

    verdicts = import_verdicts(db, folder)
    assert [v["status"] for v in verdicts].count("added") == 600 - remaining
    assert count_articles(db) == 600
    assert_consistent(db)
