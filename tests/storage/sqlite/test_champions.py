"""Champion lists: consistent after any inserts and deletes, built by migration 2 as by inserts."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from storage.archive import Archive
from storage.ingest.prepare import prepare_article
from storage.language.text import analyse
from storage.models import Filters
from storage.search.rank import idf
from storage.sqlite import champions
from storage.sqlite import store as sqlite_store
from storage.sqlite.schema import MIGRATIONS
from tests import corpus
from tests.consistency import assert_champions_consistent as check_invariant
from tests.corpus import AMSTERDAM, parsed
from tests.fixtures import import_all, look_up, undo_migrations_5_and_6

WORDS = (
    "haven schip kade sluis brug dijk water storm regen wind zon wolk kabinet minister "
    "wethouder raad gemeente provincie"
).split()


def small_lists(monkeypatch: pytest.MonkeyPatch, size: int, common: int | None = None) -> None:
    """Lists of `size` passages for terms in more than `common` (default: `size`) passages,
    so a small archive shows what a big one does."""
    monkeypatch.setattr(champions, "LIST_SIZE", size)
    monkeypatch.setattr(champions, "COMMON", size if common is None else common)


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


def article(rng: random.Random, number: int):
    """An article of a few passages with skewed word counts, so some terms get common."""
    passages = []
    for _ in range(rng.randint(1, 3)):
        words = rng.choices(WORDS, weights=range(len(WORDS), 0, -1), k=rng.randint(3, 12))
        passages.append(" ".join(words).capitalize() + f" nummer{number}.")
    return parsed(f"a{number}", *passages)


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


async def test_champion_candidates_rank_like_the_full_text_index(
    filled: Archive,
) -> None:
    """On a small archive every term is rare, so both candidate paths agree exactly."""
    for question in ("wolf schapen hond", "navo kernwapens", "bibliotheek zwolle boeken"):
        terms = tuple(dict.fromkeys(analyse(question)))
        stats = await look_up(filled, "corpus_stats", terms)
        weights = {t: idf(stats.passages, stats.df.get(t, 0)) for t in terms}
        fast = await look_up(filled, "candidates", terms, Filters(), 50, weights=weights)
        full = await look_up(filled, "candidates", terms, Filters(), 50)
        assert {c.passage_id for c in fast} == {c.passage_id for c in full}


async def test_common_and_rare_terms_both_find_candidates(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4)
    rng = random.Random(2)
    prepared = [prepare_article(article(rng, n), f"{n}.txt") for n in range(40)]
    await archive.store.add(prepared, None, "t")
    result = await archive.search("haven nummer17")
    assert result.hits[0].article.title == "a17"
    wanted = set(analyse("haven nummer17"))
    assert all(wanted & set(h.terms) for h in result.hits)


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


async def test_date_filter_applies_to_champion_candidates(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4)
    rng = random.Random(4)
    for number in range(60):
        year = 2019 if number % 2 else 2024
        body = article(rng, number).body
        dated = parsed(f"a{number}", *body, published=datetime(year, 5, 1, tzinfo=AMSTERDAM))
        await archive.store.add([prepare_article(dated, f"{number}.txt")], None, "t")
    since = Filters(since=datetime(2024, 1, 1, tzinfo=AMSTERDAM))
    hits = (await archive.search("storm regen wind", since)).hits
    assert hits and all(h.article.published.year == 2024 for h in hits)


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
            kept = sorted(fallback, key=lambda row: (-row[0], row[1]))[: champions.LIST_SIZE]
            assert listed == sorted((term, v, p, s) for v, p, s in kept)


async def add_harbour(archive: Archive, path: Path, all_three: int, two: int) -> dict:
    """Long passages holding `haven schip kade`, short ones holding only `haven schip`, and
    more holding `regen`; every term in more than the (small) list size, so all are
    common. Returns the ids of the passages holding `haven`, by kind."""
    filler = " ".join(f"woord{n}" for n in range(120))
    texts = {
        "all_three": [f"Haven schip kade {filler} nummer{n}." for n in range(all_three)],
        "two": [f"Haven schip nummer{n}." for n in range(two)],
        "other": [f"Regen nummer{n}." for n in range(400)],
    }
    for kind, passages in texts.items():
        articles = [parsed(f"{kind}-{n}", text) for n, text in enumerate(passages)]
        await archive.store.add([prepare_article(a, f"{a.title}.txt") for a in articles], None, "t")
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT a.title, p.id FROM passages p JOIN articles a ON a.id = p.article_id "
            "WHERE p.text LIKE 'Haven%'"
        )
        ids: dict[str, set[int]] = {kind: set() for kind in texts}
        for title, passage_id in rows:
            ids[title.split("-")[0]].add(passage_id)
    return ids


async def candidate_ids(archive: Archive, question: str, limit: int = 64) -> set[int]:
    terms = tuple(dict.fromkeys(analyse(question)))
    stats = await look_up(archive, "corpus_stats", terms)
    weights = {t: idf(stats.passages, stats.df.get(t, 0)) for t in terms}
    found = await look_up(
        archive, "candidates", terms, Filters(), limit, weights=weights, df=stats.df
    )
    return {c.passage_id for c in found}


async def test_passages_holding_all_three_rarest_terms_are_all_candidates(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a fourth term to tell passages apart, enough passages holding all three rarest
    terms are taken whole instead of ranked among the many short ones holding two; while
    the pairs are cheap to rank, as in this small archive, they are ranked."""
    small_lists(monkeypatch, 4)
    ids = await add_harbour(archive, tmp_path / "archive.db", all_three=20, two=80)
    question = "haven schip kade regen"
    assert len(ids["two"] & await candidate_ids(archive, question)) >= 40
    monkeypatch.setattr(sqlite_store, "_CHEAP_PAIRS", 0)
    assert ids["all_three"] <= await candidate_ids(archive, question)


async def test_a_three_term_question_still_finds_passages_holding_two_of_them(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without further terms, a short passage holding two of the three can be the best."""
    small_lists(monkeypatch, 4)
    ids = await add_harbour(archive, tmp_path / "archive.db", all_three=20, two=30)
    assert ids["two"] | ids["all_three"] <= await candidate_ids(archive, "haven schip kade")
