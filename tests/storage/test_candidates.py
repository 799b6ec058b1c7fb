"""The candidate policy: which terms come from lists, which are scored whole, which pairs."""

from __future__ import annotations

from datetime import datetime

from storage.candidates import (
    ALL_THREE,
    CHEAP_PAIRS,
    COMMON,
    ENOUGH,
    CandidatePlan,
    impact,
    plan_candidates,
)
from storage.models import Filters
from storage.search.rank import idf

PASSAGES = 1_000_000


def plan_for(
    df: dict[str, int], filters: Filters | None = None, limit: int = 48, **weights: float
) -> CandidatePlan:
    """The plan for the terms of `df`, in that order, weighted by idf unless given."""
    weight = {t: weights.get(t, idf(PASSAGES, n)) for t, n in df.items()}
    return plan_candidates(tuple(df), df, weight, limit, filters or Filters())


def test_rare_terms_are_scored_whole_and_common_ones_from_their_lists() -> None:
    plan = plan_for({"daarle": 3, "wolf": COMMON, "schaap": COMMON + 1})
    assert plan.rare == ("daarle", "wolf")
    assert plan.listed == (("schaap", idf(PASSAGES, COMMON + 1)),)


def test_only_pairs_with_a_common_term_are_searched() -> None:
    """Two rare terms together already score high over their posting lists."""
    plan = plan_for({"daarle": 3, "wolf": 40, "schaap": 2_000})
    assert set(plan.pairs) == {("daarle", "schaap"), ("wolf", "schaap")}
    assert plan_for({"daarle": 3, "wolf": 40, "hond": 90}).pairs == ()


def test_pairs_come_from_the_three_weightiest_terms() -> None:
    df = {"kabinet": 5_000, "minister": 4_000, "raad": 3_000, "gemeente": 2_000}
    plan = plan_for(df)
    assert {t for pair in plan.pairs for t in pair} == {"minister", "raad", "gemeente"}
    lifted = plan_for(df, kabinet=100.0)
    assert {t for pair in lifted.pairs for t in pair} == {"kabinet", "raad", "gemeente"}


def test_pairs_join_the_questions_own_words_not_their_alternatives() -> None:
    """A joined compound (`veiligstel` for "veilig stellen") stands for two of the
    question's words at once: a passage holding it and one of them holds no more of the
    question than the compound alone, so pairing it spends a pair for nothing."""
    df = {"veiligstel": 900, "veil": 5_000, "hoop": 6_000, "stel": 9_000}
    weights = {t: idf(PASSAGES, n) for t, n in df.items()}
    own = frozenset({"veil", "hoop", "stel"})

    plan = plan_candidates(tuple(df), df, weights, 48, Filters(), pairable=own)

    assert {t for pair in plan.pairs for t in pair} == own
    assert ("veiligstel", weights["veiligstel"]) in plan.listed
    assert "veiligstel" in {t for pair in plan_for(df).pairs for t in pair}


def test_all_three_rarest_are_tried_only_when_the_pairs_are_costly() -> None:
    """When the pairs are cheap to rank, ranking them misses nothing."""
    many = CHEAP_PAIRS // 3 + 1
    four = plan_for({"haven": many, "schip": many, "kade": many, "regen": 3 * many})
    assert set(four.all_three or ()) == {"haven", "schip", "kade"}
    assert four.pairs
    few = COMMON + 1
    assert plan_for({"haven": few, "schip": few, "kade": few, "regen": few}).all_three is None
    assert plan_for({"haven": few, "schip": few, "kade": few}).all_three is None


def test_a_three_term_question_takes_all_three_only_when_more_than_its_limit_hold_them() -> None:
    """With three terms a short passage holding two of them often beats a long one holding
    all three, so a few passages holding all three do not replace the pairs; more than
    `limit` do, ranked, as the pairs' ranking counts each of their terms twice."""
    many = CHEAP_PAIRS // 3 + 1
    three = plan_for({"haven": many, "schip": many, "kade": many}, limit=48)
    assert set(three.all_three or ()) == {"haven", "schip", "kade"}
    assert three.all_three_min == 49
    four = plan_for({"haven": many, "schip": many, "kade": many, "regen": 3 * many})
    assert four.all_three_min == ALL_THREE


def test_a_date_or_source_filter_narrows_the_plan_and_a_scope_does_not() -> None:
    df = {"storm": 2_000, "zee": 30}
    assert not plan_for(df, Filters(scope=7)).narrowed
    assert plan_for(df, Filters(scope=7)).enough == 0
    since = plan_for(df, Filters(since=datetime(2024, 1, 1)))
    assert since.narrowed and since.enough == ENOUGH
    assert plan_for(df, Filters(source="NOS"), limit=4).enough == 4


def test_terms_without_a_weight_are_left_to_the_full_ranking() -> None:
    plan = plan_candidates(
        ("storm", "zee"), {"storm": 2_000, "zee": 30}, {"zee": 3.0}, 48, Filters()
    )
    assert plan.terms == ("storm", "zee")
    assert (plan.rare, plan.listed, plan.pairs) == (("zee",), (), ())


def test_impact_grows_with_the_count_and_shrinks_with_the_length() -> None:
    assert impact(2, 40) > impact(1, 40) > 0
    assert impact(1, 10) > impact(1, 40) > impact(1, 200)
    assert impact(50, 50) > impact(10, 50)
