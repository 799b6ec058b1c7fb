"""Writing: passages and their positions, duplicates, deletes, term counts, index merging."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.archive import Archive
from storage.language.text import analyse
from storage.sqlite import write
from tests.consistency import assert_consistent
from tests.corpus import page, parsed
from tests.storage.sqlite.helpers import add


async def test_passages_keep_their_position(archive: Archive, tmp_path: Path) -> None:
    [stored] = await add(archive, parsed("t", "Eerste alinea hier.", "Tweede alinea daar."))
    with sqlite3.connect(tmp_path / "archive.db") as db:
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


async def test_server_copy_of_global_text_is_a_duplicate_but_not_the_reverse(
    archive: Archive,
) -> None:
    [glob] = await add(archive, parsed("g", "Dezelfde tekst overal."))
    [copy] = await add(archive, parsed("s", "Dezelfde tekst overal."), scope=5)
    assert copy.duplicate and copy.article_id == glob.article_id
    [mine] = await add(archive, parsed("m", "Alleen op server zes."), scope=6)
    [glob2] = await add(archive, parsed("g2", "Alleen op server zes."))
    assert not glob2.duplicate and glob2.article_id != mine.article_id


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
    with sqlite3.connect(tmp_path / "archive.db") as db:
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
    """A big batch counts tens of thousands of distinct terms; encoded as one JSON object
    they would hold the GIL, and the bot's event loop, too long. In ranges of
    TERMS_PER_STATEMENT each encoding is short, and every count still lands."""
    monkeypatch.setattr(write, "TERMS_PER_STATEMENT", 20)
    encoded: list[int] = []
    dumps = write.json.dumps

    def counting(value, **options):
        if isinstance(value, dict):
            encoded.append(len(value))
        return dumps(value, **options)

    monkeypatch.setattr(write.json, "dumps", counting)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = [a + b + c + "woord" for a in letters for b in letters[:12] for c in "xyz"]
    articles = [parsed(f"t{n}", " ".join(words[n : n + 40])) for n in range(0, len(words), 40)]
    await add(archive, *articles)
    assert sum(encoded) == len(analyse(" ".join(words)))
    assert len(encoded) > 10 and max(encoded) <= 2 * 20
    assert_consistent(tmp_path / "archive.db")


def segments(path: Path) -> int:
    """How many segments the archive's full-text index has."""
    with sqlite3.connect(path) as db:
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
    assert not write.worth_merging([])
    assert not write.worth_merging([500])
    assert not write.worth_merging([500, 20, 20])
    assert write.worth_merging([500, 30, 30])
    assert write.worth_merging([500] + [1] * write.MAX_SEGMENTS)
    assert not write.worth_merging([500] + [1] * (write.MAX_SEGMENTS - 1))


async def test_many_small_imports_are_merged_once_there_are_too_many_segments(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write, "NEW_SHARE", 1_000_000)
    monkeypatch.setattr(write, "MAX_SEGMENTS", 2)
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
