"""Champion lists: consistent after any inserts and deletes, built by migration 2 as by inserts."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from storage import candidates
from storage.archive import Archive
from storage.ingest.prepare import prepare_article
from storage.models import Filters
from storage.sqlite import champions
from storage.sqlite.schema import MIGRATIONS
from tests import corpus
from tests.consistency import assert_champions_consistent as check_invariant
from tests.corpus import parsed
from tests.fixtures import import_all, undo_migrations_5_and_6
from tests.storage.sqlite.helpers import article, small_lists


async def add_storms(archive: Archive, count: int, first: int = 0, word: str = "Storm") -> None:
    """Articles t{first}.. of one passage each, `word` followed by the article's number."""
    for number in range(first, first + count):
        prepared = prepare_article(parsed(f"t{number}", f"{word} nummer{number}."), "x.txt")
        await archive.store.add([prepared], None, "t")


def listed(path: Path, term: str | None = None) -> int:
    """How many list entries the archive holds, for one term or for all."""
    with sqlite3.connect(path) as db:
        if term is None:
            return db.execute("SELECT count(*) FROM champions").fetchone()[0]
        return db.execute("SELECT count(*) FROM champions WHERE term = ?", (term,)).fetchone()[0]


async def test_lists_stay_consistent_through_inserts_and_deletes(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 6)
    rng = random.Random(5)
    ids: list[int] = []
    for batch in range(8):
        articles = [article(rng, batch * 10 + i) for i in range(10)]
        prepared = [prepare_article(a, f"{a.title}.txt") for a in articles]
        scope = 7 if batch % 3 == 2 else None
        ids += [(s.article_id, scope) for s in await archive.store.add(prepared, scope, "t")]
        check_invariant(tmp_path / "archive.db")
    rng.shuffle(ids)
    for article_id, scope in ids[:60]:
        assert await archive.delete(article_id, scope)
        check_invariant(tmp_path / "archive.db")
    with sqlite3.connect(tmp_path / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM champion_floors").fetchone()[0] > 0


async def test_a_term_gets_a_list_once_it_is_common(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4)
    await add_storms(archive, 4)
    assert listed(tmp_path / "archive.db") == 0
    await add_storms(archive, 1, first=9, word="Storm storm")
    with sqlite3.connect(tmp_path / "archive.db") as db:
        floor = db.execute("SELECT * FROM champion_floors WHERE term = 'storm'").fetchone()
    assert floor is not None and listed(tmp_path / "archive.db", "storm") == 4
    check_invariant(tmp_path / "archive.db")
    assert (await archive.search("storm")).hits[0].article.title == "t9"


async def test_terms_between_list_size_and_common_have_no_list_yet(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4, common=8)
    await add_storms(archive, 8)
    assert listed(tmp_path / "archive.db") == 0
    assert {h.article.title for h in (await archive.search("storm")).hits} == {
        f"t{n}" for n in range(8)
    }
    await add_storms(archive, 1, first=9, word="Storm storm")
    assert listed(tmp_path / "archive.db", "storm") == 4
    check_invariant(tmp_path / "archive.db")
    assert (await archive.search("storm")).hits[0].article.title == "t9"


async def test_lists_stay_consistent_with_a_gap_before_common(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4, common=10)
    rng = random.Random(6)
    ids: list[int] = []
    for batch in range(8):
        prepared = [prepare_article(article(rng, batch * 10 + i), "x.txt") for i in range(10)]
        ids += [s.article_id for s in await archive.store.add(prepared, None, "t")]
        check_invariant(tmp_path / "archive.db")
    rng.shuffle(ids)
    for article_id in ids[:60]:
        assert await archive.delete(article_id)
        check_invariant(tmp_path / "archive.db")


async def test_a_new_passage_that_reuses_the_floor_passages_id_is_listed(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleting the newest article frees its passage ids for the next one. When the freed
    passage was a list's floor, a new passage with the same id and impact ranks at the
    floor, so the list must take it in."""
    small_lists(monkeypatch, 4, common=3)
    texts = ["Storm storm nummer1.", "Storm storm nummer2.", "Storm storm nummer3."]
    texts += ["Storm nummer4 lang verhaal.", "Storm nummer5."]
    ids = []
    for number, text in enumerate(texts, start=1):
        prepared = prepare_article(parsed(f"t{number}", text), "x.txt")
        ids += [s.article_id for s in await archive.store.add([prepared], None, "t")]
    with sqlite3.connect(tmp_path / "archive.db") as db:
        floor = db.execute("SELECT passage_id FROM champion_floors WHERE term = 'storm'").fetchone()
        (newest,) = db.execute("SELECT max(id) FROM passages").fetchone()
    assert floor == (newest,)
    assert await archive.delete(ids[-1])
    prepared = prepare_article(parsed("t6", "Storm nummer6."), "x.txt")
    await archive.store.add([prepared], None, "t")
    with sqlite3.connect(tmp_path / "archive.db") as db:
        assert db.execute("SELECT max(id) FROM passages").fetchone() == (newest,)
    check_invariant(tmp_path / "archive.db")
    assert listed(tmp_path / "archive.db", "storm") == 4


async def test_a_server_sees_only_its_own_and_global_champions(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4)
    for number in range(6):
        scope = 1 if number % 2 else None
        prepared = prepare_article(parsed(f"t{number}", f"Storm op zee {number}x."), "x.txt")
        await archive.store.add([prepared], scope, "t")
    seen = {h.article.scope for h in (await archive.search("storm zee", Filters(scope=1))).hits}
    assert seen == {None, 1}
    seen = {h.article.scope for h in (await archive.search("storm zee", Filters(scope=2))).hits}
    assert seen == {None}


async def test_migration_2_builds_the_same_lists_and_answers(tmp_path: Path) -> None:
    """An archive written before champion lists existed gets them on open, as inserts would."""
    rng = random.Random(9)
    path = tmp_path / "old.db"
    async with await Archive.open(path) as archive:
        prepared = [prepare_article(article(rng, n), f"{n}.txt") for n in range(1300)]
        await archive.store.add(prepared, None, "t")
        questions = ["storm haven", "kabinet minister raad", "brug sluis dijk nummer7"]
        before = [await archive.search(q) for q in questions]
    with sqlite3.connect(path) as db:
        built = sorted(db.execute("SELECT * FROM champions"))
        floors = sorted(db.execute("SELECT * FROM champion_floors"))
        assert floors, "the fixture should make some term common"
        undo_migrations_5_and_6(db)
        db.executescript("DROP TABLE champions; DROP TABLE champion_floors;")
        db.execute("PRAGMA user_version = 1")

    async with await Archive.open(path) as archive:
        after = [await archive.search(q) for q in questions]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert sorted(db.execute("SELECT * FROM champions")) == built
        assert sorted(db.execute("SELECT * FROM champion_floors")) == floors
    for old, new in zip(before, after, strict=True):
        assert [(h.passage_id, h.score) for h in new.hits] == [
            (h.passage_id, h.score) for h in old.hits
        ]


async def test_a_deleted_article_leaves_no_list_entries(filled: Archive, tmp_path: Path) -> None:
    found = (await filled.search("wolf schapen")).hits[0].article
    assert await filled.delete(found.id)
    with sqlite3.connect(tmp_path / "archive.db") as db:
        left = db.execute(
            "SELECT count(*) FROM champions c LEFT JOIN passages p ON p.id = c.passage_id "
            "WHERE p.id IS NULL"
        ).fetchone()[0]
    assert left == 0
    assert all(h.article.id != found.id for h in (await filled.search("wolf schapen")).hits)


async def test_import_keeps_lists_consistent(archive: Archive, tmp_path: Path) -> None:
    await import_all(archive, corpus.files())
    check_invariant(tmp_path / "archive.db")


async def test_index_postings_and_stored_terms_count_alike(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """refill counts a term with the index's postings; the fallback for terms the index
    would split counts the stored terms: both must give the same list."""
    small_lists(monkeypatch, 4)
    rng = random.Random(3)
    prepared = [prepare_article(article(rng, n), f"{n}.txt") for n in range(40)]
    await archive.store.add(prepared, None, "t")
    with sqlite3.connect(tmp_path / "archive.db") as db:
        terms = [t for (t,) in db.execute("SELECT term FROM champion_floors")]
        assert terms
        for term in terms:
            listed = sorted(db.execute("SELECT * FROM champions WHERE term = ?", (term,)))
            fallback = champions._counted_in_passages(db, term)
            kept = sorted(fallback, key=lambda row: (-row[0], row[1]))[: candidates.LIST_SIZE]
            assert listed == sorted((term, v, p, s) for v, p, s in kept)
