"""Archive fixtures shared by the engine tests (imported by tests/conftest.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from storage.archive import Archive
from storage.models import Verdict
from tests import corpus


@pytest.fixture
async def archive(tmp_path: Path) -> AsyncIterator[Archive]:
    """An empty archive in a real SQLite file."""
    opened = await Archive.open(tmp_path / "archive.db")
    yield opened
    await opened.close()


@pytest.fixture
async def filled(archive: Archive) -> Archive:
    """The archive holding the test corpus in the global collection."""
    await import_all(archive, corpus.files())
    return archive


async def import_all(archive: Archive, files, scope: int | None = None) -> list[Verdict]:
    verdicts = []
    for file in files:
        verdicts += [v async for v in archive.import_file(file, scope=scope, added_by="test")]
    return verdicts


def undo_migration_6(db: sqlite3.Connection) -> None:
    """Take an archive back to what schema 5 left on disk, to test the way up from there."""
    db.execute("DROP INDEX articles_summary")


def undo_migrations_5_and_6(db: sqlite3.Connection) -> None:
    """Take an archive back to what schema 4 left on disk, to test the way up from there."""
    undo_migration_6(db)
    db.execute("DROP TABLE passage_stats")
    db.execute("ALTER TABLE champion_floors DROP COLUMN listed")


async def look_up(archive: Archive, step: str, *args: object, **kwargs: object) -> Any:
    """One `Reader` look-up (`corpus_stats`, `candidates`, ...) as a job of its own."""
    return await archive.store.read(lambda reader: getattr(reader, step)(*args, **kwargs))
