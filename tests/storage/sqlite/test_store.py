"""The SQLite store: migrations of archives on disk, and a question's look-ups."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from storage.archive import Archive
from storage.models import Filters
from storage.sqlite.schema import MIGRATIONS
from storage.sqlite.store import SQLiteStore
from storage.store import ArchiveError
from tests.consistency import assert_consistent
from tests.corpus import AMSTERDAM, parsed
from tests.fixtures import look_up, undo_migration_6, undo_migration_8, undo_migrations_5_and_6
from tests.storage.sqlite.helpers import add


async def test_archive_from_a_newer_version_is_refused_and_nothing_stays_open(
    tmp_path: Path,
) -> None:
    with sqlite3.connect(tmp_path / "a.db") as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    for read_only in (False, True):
        with pytest.raises(ArchiveError, match="newer"):
            await SQLiteStore.open(tmp_path / "a.db", read_only=read_only)
    assert not [t.name for t in threading.enumerate() if t.name.startswith("archivaris")]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda path: path.write_text("Dit is geen database.\n"), "damaged"),
        (lambda path: path.mkdir(), "cannot_open"),
    ],
)
async def test_a_file_that_is_no_archive_is_refused_by_name(
    tmp_path: Path, make: Callable[[Path], object], code: str
) -> None:
    path = tmp_path / "a.db"
    make(path)
    for read_only in (False, True):
        with pytest.raises(ArchiveError) as refused:
            await SQLiteStore.open(path, read_only=read_only)
        assert (refused.value.code, refused.value.path) == (code, str(path))
    assert not [t.name for t in threading.enumerate() if t.name.startswith("archivaris")]


async def test_an_archive_from_before_schema_7_drops_a_hash_index_and_still_finds_copies(
    tmp_path: Path,
) -> None:
    """Duplicates are looked up through the unique (scope, hash) index alone since schema 7."""
    path = tmp_path / "old.db"
    async with await Archive.open(path) as archive:
        [glob] = await add(archive, parsed("g", "Dezelfde tekst overal."))
        [mine] = await add(archive, parsed("m", "Alleen op server zes."), scope=6)
    with sqlite3.connect(path) as db:
        undo_migration_8(db)
        db.execute("CREATE INDEX articles_hash ON articles (body_hash)")
        db.execute("PRAGMA user_version = 6")

    async with await Archive.open(path) as archive:
        [copy] = await add(archive, parsed("s", "Dezelfde tekst overal."), scope=5)
        [again] = await add(archive, parsed("m2", "Alleen op server zes."), scope=6)
        [elsewhere] = await add(archive, parsed("m3", "Alleen op server zes."), scope=7)
        [global_copy] = await add(archive, parsed("g2", "Alleen op server zes."))
    assert copy.duplicate and copy.article_id == glob.article_id
    assert again.duplicate and again.article_id == mine.article_id
    assert not elsewhere.duplicate and not global_copy.duplicate
    with sqlite3.connect(path) as db:
        indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        assert "articles_hash" not in indexes and "articles_scope_hash" in indexes
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


async def test_statistics_follow_inserts(archive: Archive) -> None:
    await add(archive, parsed("a", "Kernwapens en de NAVO.", "De NAVO vergadert."))
    stats = await look_up(archive, "corpus_stats", ["navo", "kernwapen", "onbekend"])
    assert stats.passages == 2
    assert stats.df == {"navo": 2, "kernwapen": 1}
    assert stats.avgdl == pytest.approx(2.0)


async def test_newest_published_sees_only_what_the_scope_sees(archive: Archive) -> None:
    assert await look_up(archive, "newest_published", Filters()) is None
    old = parsed("Oud", "Oud nieuws uit Kampen.", published=datetime(2019, 5, 1, tzinfo=AMSTERDAM))
    new = parsed("Nieuw", "Nieuw uit Zwolle.", published=datetime(2021, 1, 2, tzinfo=AMSTERDAM))
    undated = parsed("Zonder datum", "Geen datum hier.")
    await add(archive, old, undated)
    await add(archive, new, scope=7)
    assert await look_up(archive, "newest_published", Filters()) == old.published
    assert await look_up(archive, "newest_published", Filters(scope=7)) == new.published


OLD_TRIGGERS = """
CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts (rowid, terms) VALUES (new.id, new.terms);
END;
CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
END;
"""


async def test_an_archive_indexed_by_triggers_migrates_and_stays_consistent(
    tmp_path: Path,
) -> None:
    """Schema 2 kept the full-text index by triggers; schema 3 writes it in the store."""
    path = tmp_path / "old.db"
    async with await Archive.open(path) as archive:
        await add(archive, parsed("a", "Wethouder opent de brug.", "Brug open."))
        [gone] = await add(archive, parsed("b", "Wethouder sluit de sluis."))
    with sqlite3.connect(path) as db:
        undo_migrations_5_and_6(db)
        db.executescript(OLD_TRIGGERS)
        db.execute("PRAGMA user_version = 2")

    async with await Archive.open(path) as archive:
        with sqlite3.connect(path) as db:
            triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            assert triggers.fetchall() == []
        assert await archive.delete(gone.article_id)
        await add(archive, parsed("c", "De sluis bij de brug is weer open."))
        hits = (await archive.search("sluis")).hits
        assert [h.article.title for h in hits] == ["c"]
    assert_consistent(path)


async def test_an_archive_without_the_summary_index_gets_it_and_answers_alike(
    tmp_path: Path,
) -> None:
    """Schema 6 adds the covering index that candidate queries name; an archive written
    before it must get the index on open, or every question would fail."""
    path = tmp_path / "old.db"
    async with await Archive.open(path) as archive:
        await add(archive, parsed("a", "Wethouder opent de brug."), scope=7)
        await add(archive, parsed("b", "Wethouder sluit de sluis."))
        before = [(await archive.search("wethouder", Filters(scope=s))).hits for s in (None, 7)]
    with sqlite3.connect(path) as db:
        undo_migration_6(db)
        db.execute("PRAGMA user_version = 5")

    async with await Archive.open(path) as archive:
        after = [(await archive.search("wethouder", Filters(scope=s))).hits for s in (None, 7)]
    assert [[h.article.title for h in hits] for hits in after] == [["b"], ["a", "b"]]
    assert after == before
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
