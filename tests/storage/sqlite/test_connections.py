"""The archive file's connections: WAL, one writer thread, read jobs on one snapshot each."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import threading
from pathlib import Path

import pytest

from storage.archive import Archive
from storage.language.text import ANALYZER_VERSION
from storage.sqlite import champions, connections
from storage.sqlite.schema import MIGRATIONS
from storage.sqlite.store import SQLiteStore
from tests.corpus import parsed
from tests.fixtures import look_up
from tests.storage.sqlite.helpers import add


async def test_new_file_is_wal_with_current_schema_and_analyser(tmp_path: Path) -> None:
    archive = await Archive.open(tmp_path / "a.db")
    await archive.close()
    with sqlite3.connect(tmp_path / "a.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        analyzer = db.execute("SELECT value FROM meta WHERE key = 'analyzer'").fetchone()[0]
        assert analyzer == ANALYZER_VERSION


async def test_reopening_runs_no_migration_twice(tmp_path: Path) -> None:
    for _ in range(2):
        store = await SQLiteStore.open(tmp_path / "a.db")
        await store.close()
    with sqlite3.connect(tmp_path / "a.db") as db:
        assert db.execute("SELECT count(*) FROM corpus").fetchone()[0] == 1


async def test_a_write_holds_off_full_collections_and_restores_the_collector(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full collections walked every object of a big batch while it was stored, stalling
    the event loop; pausing the collector altogether left one long young collection for
    after each write. A write now runs with young collections on and full ones held off,
    and the collector's thresholds come back afterwards, also when the write fails."""
    before = gc.get_threshold()
    seen: list[tuple[bool, tuple[int, int, int]]] = []
    keep = champions.add

    def observed(*args: object) -> None:
        seen.append((gc.isenabled(), gc.get_threshold()))
        keep(*args)

    monkeypatch.setattr(champions, "add", observed)
    await add(archive, parsed("a", "Wethouder opent de brug."))
    [(enabled, during)] = seen
    assert enabled and during[:2] == before[:2] and during[2] >= 100_000
    assert gc.get_threshold() == before

    def failing(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(champions, "add", failing)
    with pytest.raises(sqlite3.OperationalError):
        await add(archive, parsed("b", "Wethouder sluit de sluis."))
    assert gc.get_threshold() == before
    assert [h.article.title for h in (await archive.search("wethouder")).hits] == ["a"]


async def test_two_archives_writing_at_once_leave_the_collector_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each archive has its own writer thread; the first write to end must not restore the
    thresholds while the other still writes, nor the last leave them raised."""
    before = gc.get_threshold()
    both_writing = threading.Barrier(2, timeout=10)
    keep = champions.add
    seen: list[int] = []

    def overlapping(*args: object) -> None:
        both_writing.wait()
        seen.append(gc.get_threshold()[2])
        both_writing.wait()
        keep(*args)

    monkeypatch.setattr(champions, "add", overlapping)
    async with (
        await Archive.open(tmp_path / "a.db") as a,
        await Archive.open(tmp_path / "b.db") as b,
    ):
        await asyncio.gather(
            add(a, parsed("a", "Wethouder opent de brug.")),
            add(b, parsed("b", "Wethouder sluit de sluis.")),
        )
    assert len(seen) == 2 and min(seen) >= 100_000
    assert gc.get_threshold() == before


async def test_a_question_reads_one_snapshot_while_an_import_commits(archive: Archive) -> None:
    """The look-ups of one question (statistics, candidates) agree with each other even
    when an import commits between them."""
    await add(archive, parsed("a", "Kernwapens en de NAVO."))
    loop = asyncio.get_running_loop()

    def question_with_an_import_in_between(reader):
        before = reader.corpus_stats(["navo"])
        imported = add(archive, parsed("b", "De NAVO vergadert."), parsed("c", "NAVO-top."))
        asyncio.run_coroutine_threadsafe(imported, loop).result()
        return before, reader.corpus_stats(["navo"])

    before, after = await archive.store.read(question_with_an_import_in_between)
    assert before == after
    assert after.df == {"navo": 1}
    assert (await look_up(archive, "corpus_stats", ["navo"])).df == {"navo": 3}


async def test_questions_asked_at_once_get_the_answers_they_get_alone(filled: Archive) -> None:
    questions = ["wolf schapen", "navo kernwapens", "bibliotheek zwolle", "brug sluis"] * 3
    alone = [await filled.search(q) for q in questions]
    together = await asyncio.gather(*(filled.search(q) for q in questions))
    assert [r.hits for r in together] == [r.hits for r in alone]
    assert any(r.hits for r in alone)


def test_threads_creating_one_archive_at_once_all_get_a_writer(tmp_path: Path) -> None:
    """Switching a new file to WAL takes a moment's exclusive lock, and SQLite answers the
    others "database is locked" at once rather than wait: each must try again."""

    def open_writer(path: Path, ready: threading.Barrier, failures: list) -> None:
        ready.wait()
        try:
            connections._open_writer(path).close()
        except BaseException as error:
            failures.append(error)

    for round in range(100):
        ready, failures = threading.Barrier(4), []
        args = (tmp_path / f"nieuw{round}.db", ready, failures)
        threads = [threading.Thread(target=open_writer, args=args) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, (round, failures)


async def test_a_read_only_open_does_not_create_a_missing_file(tmp_path: Path) -> None:
    """(What a read-only archive allows is tests/storage/test_archive.py's, for both stores.)"""
    missing = tmp_path / "nergens.db"
    with pytest.raises(FileNotFoundError):
        await Archive.open(missing, read_only=True)
    assert not missing.exists()
