"""Backups and exports: a copy that opens, and JSON lines that import back to the same answers."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from storage.archive import Archive
from storage.models import Filters, SourceFile
from tests import corpus
from tests.commandline import lines, run
from tests.consistency import assert_consistent

QUESTIONS = [
    "Wat zei Stoltenberg over kernwapens?",
    "Hoeveel startbewijzen waren er voor de Vierdaagse?",
    "Zijn de schapen in Daarle door een wolf doodgebeten?",
    "Wie won het kampioenschap in Thialf?",
    "Wie won het WK voetbal in Qatar?",
]


def answers(db: Path) -> list[dict]:
    """`ask --json` for every question, without what may differ between two archives."""
    result = lines(run(db, "ask", "--json", stdin="\n".join(QUESTIONS)).stdout)
    for answer in result:
        answer.pop("took_ms")
        for hit in answer["hits"]:
            hit.pop("article_id")
    return result


def test_export_imports_back_to_the_same_articles_and_answers(tmp_path: Path) -> None:
    folder = tmp_path / "artikelen"
    folder.mkdir()
    for name, text in corpus.CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    original, restored = tmp_path / "a.db", tmp_path / "b.db"
    assert run(original, "import", str(folder)).returncode == 0
    assert run(original, "delete", "1").returncode == 0

    export = tmp_path / "export.jsonl"
    assert run(original, "export", str(export)).returncode == 0
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    navo = next(r for r in records if r["file"] == "navo.txt")
    assert navo["body"][0].startswith("BRUSSEL/BRUGGE (ANP) - Voor de NAVO")
    assert {"title", "source", "agency", "published", "updated", "dateline", "places"} <= set(navo)

    imported = lines(run(restored, "import", "--json", str(export)).stdout)
    assert [v["status"] for v in imported] == ["added"] * 4
    assert answers(restored) == answers(original)
    assert answers(original)[0]["answered"]

    def listing(db: Path) -> list[dict]:
        return [
            {k: v for k, v in r.items() if k != "article_id"}
            for r in lines(run(db, "recent", "--json").stdout)
        ]

    assert listing(restored) == listing(original)
    to_stdout = run(original, "export")
    assert to_stdout.stdout == export.read_text(encoding="utf-8")


def test_export_of_one_server_holds_only_its_articles(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    (tmp_path / "navo.txt").write_text(corpus.NAVO, encoding="utf-8")
    (tmp_path / "wolf.txt").write_text(corpus.WOLF, encoding="utf-8")
    run(db, "import", str(tmp_path / "navo.txt"))
    run(db, "import", "--scope", "42", str(tmp_path / "wolf.txt"))
    everything = lines(run(db, "export").stdout)
    assert {(r["file"], r["scope"]) for r in everything} == {("navo.txt", None), ("wolf.txt", 42)}
    server = lines(run(db, "export", "--scope", "42").stdout)
    assert [r["file"] for r in server] == ["wolf.txt"]


def test_backup_refuses_to_overwrite(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    (tmp_path / "navo.txt").write_text(corpus.NAVO, encoding="utf-8")
    run(db, "import", str(tmp_path / "navo.txt"))
    (tmp_path / "bestaat.db").write_bytes(b"niet overschrijven")
    result = run(db, "backup", str(tmp_path / "bestaat.db"))
    assert result.returncode == 1 and "bestaat al" in result.stderr
    assert (tmp_path / "bestaat.db").read_bytes() == b"niet overschrijven"


async def test_backup_while_an_import_runs_is_consistent_and_answers(tmp_path: Path) -> None:
    archive = await Archive.open(tmp_path / "live.db")
    files = [
        SourceFile(
            f"{n}.txt", corpus.page([f"Melding {n}: de dijk bij polder {n} is hersteld."]).encode()
        )
        for n in range(400)
    ]

    async def import_all() -> int:
        added = 0
        for file in [*corpus.files(), *files]:
            added += sum([v.status == "added" async for v in archive.import_file(file)])
        return added

    importing = asyncio.create_task(import_all())
    await asyncio.sleep(0)
    backups = []
    while not importing.done():
        target = tmp_path / f"backup-{len(backups)}.db"
        await archive.backup(target)
        backups.append(target)
    assert await importing == 405
    await archive.backup(tmp_path / "final.db")
    await archive.close()

    for target in [*backups, tmp_path / "final.db"]:
        assert_consistent(target)
    copy = await Archive.open(tmp_path / "final.db")
    try:
        assert (await copy.stats()).articles == 405
        result = await copy.search("Wat zei Stoltenberg over kernwapens?", Filters())
        assert result.hits[0].article.file == "navo.txt"
    finally:
        await copy.close()
