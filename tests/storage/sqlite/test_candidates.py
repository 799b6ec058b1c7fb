"""Candidate plans carried out in SQLite: lists, rare terms, pairs, filters and fallback."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from storage import candidates
from storage.archive import Archive
from storage.candidates import full_ranking, plan_candidates
from storage.language.text import analyse
from storage.models import Filters
from storage.search.rank import idf
from storage.store import Candidate
from tests.corpus import AMSTERDAM, parsed
from tests.fixtures import look_up
from tests.storage.sqlite.helpers import add, article, small_lists


async def candidates_for(
    archive: Archive,
    question: str,
    filters: Filters | None = None,
    limit: int = 64,
    full: bool = False,
) -> list[Candidate]:
    """The store's candidates for `question` by its plan, or by the full ranking."""
    filters = filters or Filters()
    terms = tuple(dict.fromkeys(analyse(question)))
    stats = await look_up(archive, "corpus_stats", terms)
    weights = {t: idf(stats.passages, stats.df.get(t, 0)) for t in terms}
    plan = (
        full_ranking(terms, limit)
        if full
        else plan_candidates(terms, stats.df, weights, limit, filters)
    )
    return await look_up(archive, "candidates", plan, filters)


async def test_on_a_small_archive_the_plan_finds_what_the_full_ranking_finds(
    filled: Archive,
) -> None:
    """On a small archive every term is rare, so both ways agree exactly."""
    for question in ("wolf schapen hond", "navo kernwapens", "bibliotheek zwolle boeken"):
        planned = await candidates_for(filled, question, limit=50)
        full = await candidates_for(filled, question, limit=50, full=True)
        assert planned and {c.passage_id for c in planned} == {c.passage_id for c in full}


async def test_common_and_rare_terms_both_find_candidates(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4)
    rng = random.Random(2)
    await add(archive, *(article(rng, n) for n in range(40)))
    result = await archive.search("haven nummer17")
    assert result.hits[0].article.title == "a17"
    wanted = set(analyse("haven nummer17"))
    assert all(wanted & set(h.terms) for h in result.hits)


async def test_date_filter_applies_to_champion_candidates(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_lists(monkeypatch, 4)
    rng = random.Random(4)
    for number in range(60):
        year = 2019 if number % 2 else 2024
        body = article(rng, number).body
        await add(
            archive, parsed(f"a{number}", *body, published=datetime(year, 5, 1, tzinfo=AMSTERDAM))
        )
    since = Filters(since=datetime(2024, 1, 1, tzinfo=AMSTERDAM))
    hits = (await archive.search("storm regen wind", since)).hits
    assert hits and all(h.article.published.year == 2024 for h in hits)


async def test_a_filter_that_leaves_too_few_list_candidates_falls_back_to_the_full_ranking(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list of a common term holds its strongest passages, which may all fall outside
    the question's period; the passages inside it must still be found."""
    small_lists(monkeypatch, 4)
    filler = " ".join(f"woord{n}" for n in range(60))
    for number in range(10):
        at = datetime(2019, 5, 1 + number, tzinfo=AMSTERDAM)
        await add(archive, parsed(f"kort{number}", f"Storm nummer{number}.", published=at))
    for number in range(2):
        at = datetime(2024, 5, 1 + number, tzinfo=AMSTERDAM)
        await add(archive, parsed(f"lang{number}", f"Storm {filler} nummer{number}.", published=at))
    unfiltered = await candidates_for(archive, "storm")
    assert {c.article.title for c in unfiltered} <= {f"kort{n}" for n in range(10)}

    since = Filters(since=datetime(2024, 1, 1, tzinfo=AMSTERDAM))
    assert {c.article.title for c in await candidates_for(archive, "storm", since)} == {
        "lang0",
        "lang1",
    }
    assert {h.article.title for h in (await archive.search("storm", since)).hits} == {
        "lang0",
        "lang1",
    }


async def add_harbour(
    archive: Archive, path: Path, all_three: int, two: int, other: str = "Regen"
) -> dict:
    """Long passages holding `haven schip kade`, short ones holding only `haven schip`, and
    more holding `regen` (or `other`); every term in more than the (small) list size, so
    all are common. Returns the ids of the passages holding `haven`, by kind."""
    filler = " ".join(f"woord{n}" for n in range(120))
    texts = {
        "all_three": [f"Haven schip kade {filler} nummer{n}." for n in range(all_three)],
        "two": [f"Haven schip nummer{n}." for n in range(two)],
        "other": [f"{other} nummer{n}." for n in range(400)],
    }
    for kind, passages in texts.items():
        await add(archive, *(parsed(f"{kind}-{n}", text) for n, text in enumerate(passages)))
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT a.title, p.id FROM passages p JOIN articles a ON a.id = p.article_id "
            "WHERE p.text LIKE 'Haven%'"
        )
        ids: dict[str, set[int]] = {kind: set() for kind in texts}
        for title, passage_id in rows:
            ids[title.split("-")[0]].add(passage_id)
    return ids


async def candidate_ids(archive: Archive, question: str) -> set[int]:
    return {c.passage_id for c in await candidates_for(archive, question)}


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
    monkeypatch.setattr(candidates, "CHEAP_PAIRS", 0)
    assert ids["all_three"] <= await candidate_ids(archive, question)


async def test_a_three_term_question_still_finds_passages_holding_two_of_them(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without further terms, a short passage holding two of the three can be the best."""
    small_lists(monkeypatch, 4)
    monkeypatch.setattr(candidates, "CHEAP_PAIRS", 0)
    ids = await add_harbour(archive, tmp_path / "archive.db", all_three=20, two=30)
    assert ids["two"] | ids["all_three"] <= await candidate_ids(archive, "haven schip kade")


async def test_a_three_term_question_takes_the_best_of_many_passages_holding_all_three(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More passages than the limit holding all three terms are the candidates, the best of
    them by BM25, without ranking the pairs. Here that loses the short passages holding
    two of the terms, which the pairs' ranking would put first as the third is in most
    passages and weighs next to nothing; more often a passage's third term is what makes
    it the answer, and ranking the pairs costs twice as much as ranking these."""
    small_lists(monkeypatch, 4)
    monkeypatch.setattr(candidates, "CHEAP_PAIRS", 0)
    ids = await add_harbour(archive, tmp_path / "archive.db", 70, 80, other="Regen kade")
    found = await candidate_ids(archive, "haven schip kade")
    assert len(ids["all_three"] & found) >= 64
