"""Many writers, one truth, in either store: two `archivaris import` processes over
overlapping folders and an import in this process, all at once, leave every article
stored once and every count and statistic as one import of them all would.
(kill -9 mid-import: tests/storage/sqlite/test_crash.py and postgres/test_writers.py.)"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from collections import Counter
from pathlib import Path

from storage.archive import Archive
from tests.consistency import assert_archive_consistent
from tests.storage.sqlite.test_crash import cli, import_verdicts, write_articles

ARTICLES = 1500
SHARED = 300


def stats(target: str | Path) -> dict:
    result = subprocess.run(
        cli(target, "stats", "--json"), capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(result.stdout)


async def test_two_imports_and_one_more_at_once_store_each_article_once(
    tmp_path: Path, archive_target: str | Path
) -> None:
    """They take turns where they must (corpus statistics, champion lists, ids), none waits
    forever, each article is stored once with an id of its own, and the statistics are
    those of the same articles imported by one process alone."""
    every = tmp_path / "alle"
    write_articles(every, 2 * ARTICLES)
    names = sorted(p.name for p in every.iterdir())
    parts = [names[: ARTICLES + SHARED], names[ARTICLES - SHARED :], names[ARTICLES - 20 :][:40]]
    folders = []
    for number, chosen in enumerate(parts):
        folder = tmp_path / f"deel{number}"
        folder.mkdir()
        for name in chosen:
            os.link(every / name, folder / name)
        folders.append(folder)

    processes = [
        await asyncio.create_subprocess_exec(
            *cli(archive_target, "import", "--json", str(folder)),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for folder in folders[:2]
    ]
    async with await Archive.open(archive_target) as archive:
        here = [v async for v in archive.import_paths([folders[2]])]
    outputs = [await asyncio.wait_for(p.communicate(), 900) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err.decode() for _, err in outputs]

    verdicts = [json.loads(line) for out, _ in outputs for line in out.decode().splitlines()]
    verdicts += [{"status": v.status, "article_id": v.article_id} for v in here]
    added = [v["article_id"] for v in verdicts if v["status"] == "added"]
    assert sorted(added) == list(range(1, 2 * ARTICLES + 1))
    assert Counter(v["status"] for v in verdicts) == {
        "added": 2 * ARTICLES,
        "duplicate": 2 * SHARED + 40,
    }
    assert_archive_consistent(archive_target)

    alone = tmp_path / "alleen.db"
    assert len(import_verdicts(alone, every)) == 2 * ARTICLES
    figures = ("articles", "passages", "sources", "oldest", "newest")
    together, reference = stats(archive_target), stats(alone)
    assert {k: together[k] for k in figures} == {k: reference[k] for k in figures}
    assert together["articles"] == 2 * ARTICLES
