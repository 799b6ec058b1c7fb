"""The SQLite store: schema, WAL, provenance, duplicates, scopes, deletes and statistics."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest

from storage.archive import Archive
from storage.ingest.prepare import prepare_article
from storage.language.text import analyse
from storage.models import Filters
from storage.sqlite import champions
from storage.sqlite import store as sqlite_store
from storage.sqlite.schema import MIGRATIONS
from storage.sqlite.store import SQLiteStore
from tests.consistency import assert_consistent
from tests.corpus import AMSTERDAM, page, parsed
from tests.fixtures import look_up, undo_migration_6, undo_migrations_5_and_6


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


async def add(archive: Archive, *articles, scope=None, added_by="tester"):
    prepared = [prepare_article(a, f"{a.title}.txt") for a in articles]
    return await archive.store.add(prepared, scope, added_by)


async def test_new_file_is_wal_with_current_schema(tmp_path: Path) -> None:
    store = await SQLiteStore.open(tmp_path / "a.db")
    await store.close()
    with connect(tmp_path / "a.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        analyzer = db.execute("SELECT value FROM meta WHERE key = 'analyzer'").fetchone()[0]
        assert "snowball" in analyzer


async def test_reopening_runs_no_migration_twice(tmp_path: Path) -> None:
    for _ in range(2):
        store = await SQLiteStore.open(tmp_path / "a.db")
        await store.close()
    with connect(tmp_path / "a.db") as db:
        assert db.execute("SELECT count(*) FROM corpus").fetchone()[0] == 1


async def test_archive_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    with connect(tmp_path / "a.db") as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(RuntimeError, match="newer Archivaris"):
        await SQLiteStore.open(tmp_path / "a.db")


async def test_article_keeps_provenance_and_fields(archive: Archive) -> None:
    published = datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    article = parsed(
        "Stoltenberg over kernwapens",
        "Voor de NAVO zou overwegen kernwapens in te zetten moet er veel gebeuren.",
        "Tweede alinea over Oekraïne.",
        published=published,
        time_known=True,
        updated=True,
        source="ANP-bron",
        agency="ANP",
        places=("Brussel", "Brugge"),
        dateline="BRUSSEL/BRUGGE (ANP) - ",
    )
    [stored] = await add(archive, article, added_by="member#1")
    got = await archive.article(stored.article_id)
    assert got is not None
    assert got.summary.title == "Stoltenberg over kernwapens"
    assert got.summary.published == published
    assert got.summary.time_known and got.summary.updated
    assert (got.summary.source, got.summary.agency) == ("ANP-bron", "ANP")
    assert got.places == ("Brussel", "Brugge")
    assert got.body == article.body
    assert got.paragraphs[0].startswith("BRUSSEL/BRUGGE (ANP) - Voor de NAVO")
    assert got.summary.file == "Stoltenberg over kernwapens.txt"
    assert got.added_by == "member#1"
    assert got.added_at is not None


async def test_passages_keep_their_position(archive: Archive, tmp_path: Path) -> None:
    [stored] = await add(archive, parsed("t", "Eerste alinea hier.", "Tweede alinea daar."))
    with connect(tmp_path / "archive.db") as db:
        rows = db.execute(
            "SELECT position, text FROM passages WHERE article_id = ? ORDER BY position",
            (stored.article_id,),
        ).fetchall()
    assert rows == [(0, "Eerste alinea hier."), (1, "Tweede alinea daar.")]


async def test_same_body_is_a_duplicate_even_with_other_whitespace(archive: Archive) -> None:
    [first] = await add(archive, parsed("a", "De raad  besloot gisteren\tlaat."))
    [second] = await add(archive, parsed("b", "De raad besloot gisteren laat."))
    assert not first.duplicate
    assert second.duplicate and second.article_id == first.article_id
    assert (await archive.stats()).articles == 1


async def test_duplicate_inside_one_batch_is_stored_once(archive: Archive) -> None:
    results = await add(archive, parsed("a", "Zelfde tekst."), parsed("b", "Zelfde tekst."))
    assert [r.duplicate for r in results] == [False, True]
    assert results[0].article_id == results[1].article_id


async def test_servers_see_their_own_and_the_global_collection(archive: Archive) -> None:
    [glob] = await add(archive, parsed("g", "Globaal nieuws over de haven."))
    [own] = await add(archive, parsed("s1", "Nieuws van server een."), scope=1)
    [other] = await add(archive, parsed("s2", "Nieuws van server twee."), scope=2)
    seen = {a.id for a in await archive.recent(Filters(scope=1), limit=10)}
    assert seen == {glob.article_id, own.article_id}
    assert await archive.article(other.article_id, scope=1) is None
    assert await archive.article(own.article_id, scope=None) is None
    assert (await archive.stats(scope=2)).articles == 2


async def test_server_copy_of_global_text_is_a_duplicate_but_not_the_reverse(
    archive: Archive,
) -> None:
    [glob] = await add(archive, parsed("g", "Dezelfde tekst overal."))
    [copy] = await add(archive, parsed("s", "Dezelfde tekst overal."), scope=5)
    assert copy.duplicate and copy.article_id == glob.article_id
    [mine] = await add(archive, parsed("m", "Alleen op server zes."), scope=6)
    [glob2] = await add(archive, parsed("g2", "Alleen op server zes."))
    assert not glob2.duplicate and glob2.article_id != mine.article_id


async def test_an_archive_from_before_schema_7_drops_a_hash_index_and_still_finds_copies(
    tmp_path: Path,
) -> None:
    """Duplicates are looked up through the unique (scope, hash) index alone since schema 7."""
    path = tmp_path / "old.db"
    async with await Archive.open(path) as archive:
        [glob] = await add(archive, parsed("g", "Dezelfde tekst overal."))
        [mine] = await add(archive, parsed("m", "Alleen op server zes."), scope=6)
    with connect(path) as db:
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
    with connect(path) as db:
        indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        assert "articles_hash" not in indexes and "articles_scope_hash" in indexes
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


async def test_a_server_cannot_delete_global_or_foreign_articles(archive: Archive) -> None:
    [glob] = await add(archive, parsed("g", "Globaal artikel."))
    [foreign] = await add(archive, parsed("f", "Artikel van een andere server."), scope=2)
    assert not await archive.delete(glob.article_id, scope=1)
    assert not await archive.delete(foreign.article_id, scope=1)
    assert not await archive.delete(999, scope=None)
    assert await archive.delete(foreign.article_id, scope=2)
    assert await archive.article(foreign.article_id, scope=2) is None


async def test_delete_removes_passages_index_entries_and_statistics(
    archive: Archive, tmp_path: Path
) -> None:
    [keep] = await add(archive, parsed("k", "Wethouder opent de brug."))
    [gone] = await add(archive, parsed("g", "Wethouder sluit de sluis.", "Sluis dicht."))
    assert await archive.delete(gone.article_id)
    with connect(tmp_path / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM passages").fetchone()[0] == 1
        kept_terms = analyse("Wethouder opent de brug.")
        assert dict(db.execute("SELECT term, df FROM terms")) == dict.fromkeys(kept_terms, 1)
        assert db.execute("SELECT passages, total_length FROM corpus").fetchone() == (1, 3)
        matches = db.execute(
            "SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'sluis'"
        ).fetchall()
        assert matches == []
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [a.id for a in await archive.recent()] == [keep.article_id]


async def test_an_article_id_used_again_after_a_delete_is_cited_as_the_new_article(
    archive: Archive,
) -> None:
    """Candidates' article summaries are kept built between questions; SQLite gives the
    next article the id of the newest one when that was deleted."""
    [old] = await add(archive, parsed("Oude brug", "De brug over de sluis gaat dicht."))
    assert (await archive.search("brug sluis")).hits[0].article.title == "Oude brug"
    assert await archive.delete(old.article_id)
    [new] = await add(archive, parsed("Nieuwe brug", "De brug bij de sluis gaat open."))
    assert new.article_id == old.article_id
    [hit] = (await archive.search("brug sluis")).hits
    assert (hit.article.id, hit.article.title) == (new.article_id, "Nieuwe brug")


async def test_a_big_batch_counts_its_terms_in_short_statements(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2,000-article batch counts some 35,000 distinct terms. Encoded as one JSON object
    they held the GIL, and the bot's event loop, for 50 to 175 ms; in ranges of
    _TERMS_PER_STATEMENT each encoding is short, and every count still lands."""
    monkeypatch.setattr(sqlite_store, "_TERMS_PER_STATEMENT", 20)
    encoded: list[int] = []
    dumps = sqlite_store.json.dumps

    def counting(value, **options):
        if isinstance(value, dict):
            encoded.append(len(value))
        return dumps(value, **options)

    monkeypatch.setattr(sqlite_store.json, "dumps", counting)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = [a + b + c + "woord" for a in letters for b in letters[:12] for c in "xyz"]
    articles = [parsed(f"t{n}", " ".join(words[n : n + 40])) for n in range(0, len(words), 40)]
    await add(archive, *articles)
    assert sum(encoded) == len(analyse(" ".join(words)))
    assert len(encoded) > 10 and max(encoded) <= 2 * 20
    assert_consistent(tmp_path / "archive.db")


async def test_statistics_follow_inserts(archive: Archive) -> None:
    await add(archive, parsed("a", "Kernwapens en de NAVO.", "De NAVO vergadert."))
    stats = await look_up(archive, "corpus_stats", ["navo", "kernwapen", "onbekend"])
    assert stats.passages == 2
    assert stats.df == {"navo": 2, "kernwapen": 1}
    assert stats.avgdl == pytest.approx(2.0)


async def test_recent_is_newest_first_and_undated_last(archive: Archive) -> None:
    def at(day: int) -> datetime:
        return datetime(2024, 1, day, tzinfo=AMSTERDAM)

    await add(archive, parsed("oud", "Oud nieuws.", published=at(1)))
    await add(archive, parsed("geen datum", "Zonder datum."))
    await add(archive, parsed("nieuw", "Nieuw nieuws.", published=at(9)))
    assert [a.title for a in await archive.recent()] == ["nieuw", "oud", "geen datum"]
    assert [a.title for a in await archive.recent(limit=1)] == ["nieuw"]


async def test_stats_count_what_the_scope_sees(archive: Archive) -> None:
    await add(archive, parsed("a", "Regen.", "Wind.", source="Trouw"))
    await add(archive, parsed("b", "Zon.", source="NOS"), scope=9)
    stats = await archive.stats()
    assert (stats.articles, stats.passages, stats.sources) == (1, 2, 1)
    assert stats.database_bytes > 0
    assert (await archive.stats(scope=9)).articles == 2


async def test_an_export_pages_through_the_owners_articles_in_id_order(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_store, "_EXPORT_PAGE", 2)
    owners = [None, 3, None, 4, 3, 3, None]
    ids = [
        stored.article_id
        for n, scope in enumerate(owners)
        for stored in await add(archive, parsed(f"a{n}", f"Nieuws nummer{n}."), scope=scope)
    ]
    assert [a.summary.id async for a in archive.store.articles()] == ids
    exported = [a async for a in archive.store.articles([None, 3])]
    assert [a.summary.id for a in exported] == [
        i for i, s in zip(ids, owners, strict=True) if s != 4
    ]
    assert [a.body for a in exported][:2] == [("Nieuws nummer0.",), ("Nieuws nummer1.",)]
    assert [a.summary.id async for a in archive.store.articles([4])] == [ids[3]]
    assert [a async for a in archive.store.articles([])] == []


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
    with connect(path) as db:
        undo_migrations_5_and_6(db)
        db.executescript(OLD_TRIGGERS)
        db.execute("PRAGMA user_version = 2")

    async with await Archive.open(path) as archive:
        with connect(path) as db:
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
    with connect(path) as db:
        undo_migration_6(db)
        db.execute("PRAGMA user_version = 5")

    async with await Archive.open(path) as archive:
        after = [(await archive.search("wethouder", Filters(scope=s))).hits for s in (None, 7)]
    assert [[h.article.title for h in hits] for hits in after] == [["b"], ["a", "b"]]
    assert after == before
    with connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


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


def segments(path: Path) -> int:
    """How many segments the archive's full-text index has."""
    with connect(path) as db:
        return db.execute("SELECT count(DISTINCT segid) FROM passages_fts_idx").fetchone()[0]


async def import_news(archive: Archive, tmp_path: Path, name: str, count: int) -> None:
    """One import of `count` short articles, all new (each import lands as one segment)."""
    folder = tmp_path / name
    folder.mkdir()
    for n in range(count):
        body = f"NIJMEGEN (ANP) - Bericht {n} van {name} over de sluis van Grave{n} en de dijk."
        (folder / f"{n:03d}.txt").write_text(page([body]), encoding="utf-8")
    verdicts = [v async for v in archive.import_paths([folder])]
    assert {v.status for v in verdicts} == {"added"}


async def test_imports_leave_the_full_text_index_in_one_segment(
    archive: Archive, tmp_path: Path
) -> None:
    for name in ("maandag", "dinsdag", "woensdag"):
        await import_news(archive, tmp_path, name, 20)
        assert segments(archive.store.path) == 1
    hits = (await archive.search("sluis van Grave7 dinsdag")).hits
    assert "Bericht 7 van dinsdag" in hits[0].text


def test_the_index_is_merged_when_new_segments_are_many_or_big() -> None:
    """Merging rewrites the whole index, so a small addition to a big one waits."""
    assert not sqlite_store._worth_merging([])
    assert not sqlite_store._worth_merging([500])
    assert not sqlite_store._worth_merging([500, 20, 20])
    assert sqlite_store._worth_merging([500, 30, 30])
    assert sqlite_store._worth_merging([500] + [1] * sqlite_store._MAX_SEGMENTS)
    assert not sqlite_store._worth_merging([500] + [1] * (sqlite_store._MAX_SEGMENTS - 1))


async def test_many_small_imports_are_merged_once_there_are_too_many_segments(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_store, "_NEW_SHARE", 1_000_000)
    monkeypatch.setattr(sqlite_store, "_MAX_SEGMENTS", 2)
    await import_news(archive, tmp_path, "archief", 40)
    for name in ("een", "twee", "drie"):
        await import_news(archive, tmp_path, name, 1)
        assert segments(archive.store.path) <= 2
    assert "Bericht 0 van drie" in (await archive.search("sluis Grave0 drie")).hits[0].text


async def test_an_import_stands_when_tidying_the_index_afterwards_fails(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    async def full_disk() -> bool:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(archive.store, "compact", full_disk)
    await import_news(archive, tmp_path, "vrijdag", 3)
    assert "Bericht 2 van vrijdag" in (await archive.search("sluis Grave2 vrijdag")).hits[0].text
    assert "compacting the full-text index" in caplog.text


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
