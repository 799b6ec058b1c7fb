"""Migrations: every archive on disk, however old, reaches the current schema with its articles.

An older archive is built the way that version of Archivaris built it: the first N
migrations on a fresh file (migrations are append-only, so those are exactly the ones it
had), then articles written as its store wrote them.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from storage.archive import Archive
from storage.ingest.prepare import prepare_article
from storage.models import Filters, ParsedArticle, SourceFile
from storage.sqlite import schema
from storage.sqlite.schema import MIGRATIONS
from storage.store import ArchiveError
from tests.consistency import assert_consistent
from tests.corpus import AMSTERDAM, page, parsed
from tests.fixtures import import_all

LATEST = len(MIGRATIONS)
# The schema versions that changed how a store writes: from 3 on it fills the full-text
# index itself (1 and 2 had triggers), from 5 on it keeps `passage_stats`.
STORE_WRITES_FTS = 3
STORE_KEEPS_PASSAGE_STATS = 5


@contextmanager
def connected(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        yield db


def version_of(path: Path) -> int:
    with connected(path) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def tables_of(path: Path) -> set[str]:
    with connected(path) as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master")}


def migrate_to(db: sqlite3.Connection, version: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """What Archivaris at schema `version` ran: the migrations it knew, no more."""
    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", MIGRATIONS[:version])
        assert schema.migrate(db) == version


def write_articles(
    db: sqlite3.Connection, version: int, articles: list[tuple[ParsedArticle, int | None]]
) -> None:
    """Store articles as the store of schema `version` did, in one transaction.

    No term here is common enough for a champion list, so none is written.
    """
    db.execute("BEGIN")
    df: Counter[str] = Counter()
    for article, scope in articles:
        prepared = prepare_article(article, f"{article.title}.txt")
        published = article.published
        article_id = db.execute(
            "INSERT INTO articles (scope, title, source, places, published, published_ts, "
            "time_known, body, body_hash, file, added_by, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'oud', '2020-01-01T00:00:00+00:00')",
            (
                scope,
                article.title,
                article.source,
                json.dumps(list(article.places)),
                published.isoformat() if published else None,
                int(published.timestamp()) if published else None,
                int(article.time_known),
                "\n\n".join(article.body),
                prepared.body_hash,
                prepared.file,
            ),
        ).lastrowid
        for position, passage in enumerate(prepared.passages):
            terms = " ".join(passage.terms)
            passage_id = db.execute(
                "INSERT INTO passages (article_id, position, text, terms, length) "
                "VALUES (?, ?, ?, ?, ?)",
                (article_id, position, passage.text, terms, len(passage.terms)),
            ).lastrowid
            if version >= STORE_WRITES_FTS:
                db.execute(
                    "INSERT INTO passages_fts (rowid, terms) VALUES (?, ?)", (passage_id, terms)
                )
            if version >= STORE_KEEPS_PASSAGE_STATS:
                db.execute(
                    "INSERT INTO passage_stats (id, length, scope) VALUES (?, ?, ?)",
                    (passage_id, len(passage.terms), scope),
                )
            df.update(set(passage.terms))
            db.execute(
                "UPDATE corpus SET passages = passages + 1, total_length = total_length + ?",
                (len(passage.terms),),
            )
    db.executemany(
        "INSERT INTO terms (term, df) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        df.items(),
    )
    db.execute("COMMIT")


def old_archive(
    path: Path,
    version: int,
    articles: list[tuple[ParsedArticle, int | None]],
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    with connected(path) as db:
        migrate_to(db, version, monkeypatch)
        write_articles(db, version, articles)
    assert version_of(path) == version
    return path


BRUG = parsed(
    "Brug open",
    "De nieuwe brug over de IJssel bij Zwolle gaat op 4 mei open voor auto's.",
    published=datetime(2019, 4, 2, 9, 30, tzinfo=AMSTERDAM),
    time_known=True,
    source="Zwolse Courant",
)
SLUIS = parsed("Sluis dicht", "De sluis bij Terneuzen is sinds dinsdag dicht voor schepen.")
VEER = parsed(
    "Veer vaart",
    "Het veer naar Texel vaart deze zomer elk uur.",
    published=datetime(2020, 6, 1, tzinfo=AMSTERDAM),
)
ARTICLES = [(BRUG, None), (SLUIS, None), (VEER, 3)]
NEW = SourceFile(
    "dijk.txt", page(["De dijk bij Urk is dit voorjaar een meter hoger gemaakt."]).encode()
)


@pytest.mark.parametrize("version", range(1, LATEST))
async def test_an_archive_of_each_older_version_upgrades_and_keeps_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: int
) -> None:
    path = old_archive(tmp_path / "oud.db", version, ARTICLES, monkeypatch)

    async with await Archive.open(path) as archive:
        assert version_of(path) == LATEST
        brug = (await archive.search("Wanneer gaat de brug over de IJssel open?")).hits[0]
        assert brug.article.title == "Brug open"
        assert brug.article.published == BRUG.published and brug.article.time_known
        sluis = (await archive.search("sluis Terneuzen")).hits[0].article
        assert sluis.title == "Sluis dicht"
        assert not (await archive.search("veer Texel")).hits
        texel = (await archive.search("veer Texel", Filters(scope=3))).hits
        assert [h.article.title for h in texel] == ["Veer vaart"]
        assert [a.title for a in await archive.recent(Filters(scope=3))] == [
            "Veer vaart",
            "Brug open",
            "Sluis dicht",
        ]

        copy = SourceFile("kopie.txt", page([SLUIS.body[0]], date=None, source=None).encode())
        [again] = await import_all(archive, [copy])
        assert (again.status, again.article_id) == ("duplicate", sluis.id)
        [new] = await import_all(archive, [NEW])
        assert new.status == "added"
        assert (await archive.search("dijk Urk")).hits[0].article.id == new.article_id
        assert await archive.delete(brug.article.id)
        assert not (await archive.search("brug IJssel")).hits
    assert_consistent(path)


async def test_a_new_archive_starts_at_the_latest_version_and_stays_there(
    tmp_path: Path,
) -> None:
    path = tmp_path / "nieuw.db"
    async with await Archive.open(path) as archive:
        assert version_of(path) == LATEST
        [new] = await import_all(archive, [NEW])
    async with await Archive.open(path) as archive:
        assert version_of(path) == LATEST
        assert (await archive.search("dijk Urk")).hits[0].article.id == new.article_id
        assert (await archive.stats()).articles == 1
    assert_consistent(path)


async def test_an_archive_from_a_newer_archivaris_is_refused_and_left_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "nieuwer.db"
    async with await Archive.open(path) as archive:
        await import_all(archive, [NEW])
    with connected(path) as db:
        db.execute(f"PRAGMA user_version = {LATEST + 1}")
    before = path.read_bytes()

    for read_only in (False, True):
        with pytest.raises(ArchiveError) as refused:
            await Archive.open(path, read_only=read_only)
        assert refused.value.code == "newer"
        assert refused.value.figures == {"schema": LATEST + 1, "known": LATEST}
    assert path.read_bytes() == before
    assert version_of(path) == LATEST + 1


async def test_a_failing_migration_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each migration commits with its version number or not at all: opening again with a
    fixed Archivaris goes on from where the archive was."""
    path = old_archive(tmp_path / "oud.db", 4, ARTICLES, monkeypatch)
    tables = tables_of(path)
    broken = MIGRATIONS[4] + "\nINSERT INTO no_such_table VALUES (1);"
    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", (*MIGRATIONS[:4], broken, *MIGRATIONS[5:]))
        with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
            await Archive.open(path)
    assert version_of(path) == 4
    assert tables_of(path) == tables, "passage_stats of the failed migration is rolled back"
    with connected(path) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(champion_floors)")}
        assert "listed" not in columns
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)

    async with await Archive.open(path) as archive:
        assert version_of(path) == LATEST
        assert (await archive.search("sluis Terneuzen")).hits[0].article.title == "Sluis dicht"
    assert_consistent(path)


class _Overtaken:
    """A connection to an archive that another process migrates after this one read the
    schema version and before it took the write lock to migrate."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.overtaken = False

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "BEGIN IMMEDIATE" and not self.overtaken:
            self.overtaken = True
            with connected(self.path) as other:
                schema.migrate(other)
        return self.db.execute(sql, *args)


def test_a_migration_another_process_ran_meanwhile_is_not_run_again(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.db"
    late = _Overtaken(path)
    try:
        assert schema.migrate(late) == LATEST  # type: ignore[arg-type]
    finally:
        late.db.close()
    assert late.overtaken and version_of(path) == LATEST
    assert_consistent(path)


_OPEN_WHEN_TOLD = """
import asyncio, sys
from storage.archive import Archive
sys.stdin.readline()
async def main():
    async with await Archive.open(sys.argv[1]) as archive:
        print((await archive.stats()).articles)
asyncio.run(main())
"""


def test_processes_creating_one_archive_at_once_all_open_it(tmp_path: Path) -> None:
    """Four processes, ready and then released together, open one new archive: each gets it
    at the latest schema, none an error (it was "table articles already exists" or
    "database is locked" most rounds)."""
    for round in range(4):
        path = tmp_path / f"nieuw{round}.db"
        command = [sys.executable, "-c", _OPEN_WHEN_TOLD, str(path)]
        processes = [
            subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        for process in processes:
            process.stdin.write("\n")  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
        for process in processes:
            out, err = process.communicate(timeout=120)
            assert (process.returncode, out.strip()) == (0, "0"), err
        assert version_of(path) == LATEST


async def test_an_older_archive_opened_to_read_is_upgraded_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader queries the latest schema; upgrading is the one write a read-only open does."""
    path = old_archive(tmp_path / "oud.db", 4, ARTICLES, monkeypatch)
    async with await Archive.open(path, read_only=True) as archive:
        assert version_of(path) == LATEST
        sluis = (await archive.search("sluis Terneuzen")).hits[0].article
        assert sluis.title == "Sluis dicht"
    assert_consistent(path)
