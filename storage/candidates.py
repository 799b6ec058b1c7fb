"""Which passages a question considers: the candidate policy every store shares.

A question's candidates must not cost more as the archive grows. A rare term's full
posting list is short and is scored whole; a common term's is not ("kabinet" may occur in
a hundred thousand passages), so for each term in more than COMMON passages a store keeps
its champion list, the LIST_SIZE passages where it weighs most, each with its impact
(`impact`). `plan_candidates` decides, from the question's terms and their statistics,
what a store reads for them; the store carries out the plan its own way (SQLite:
storage/sqlite/candidates.py) and hands the passages to exact scoring.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storage.models import Filters

LIST_SIZE = 256
# A term gets a list once it is in more than COMMON passages: lists of terms just past
# LIST_SIZE would change on nearly every import, and scoring such a term's whole posting
# list costs about as much as reading a list.
COMMON = 512

# The impact is BM25Okapi's term-frequency factor with k1 = 1.5 and b = 0.75 (the defaults
# of storage.search.rank.ArchiveBM25), tf (k1 + 1) / (tf + k1 (1 - b + b len / REFERENCE_LENGTH)),
# in steps of 1 / IMPACT_STEPS as an integer. A fixed reference length keeps a stored impact
# valid forever, and integers let a database compute exactly the same numbers. The steps
# are coarse on purpose: more ties at a list's floor make list upkeep on import cheaper.
REFERENCE_LENGTH = 40
IMPACT_STEPS = 20

# With a date or source filter, fewer champion candidates than this sends the question to
# the full ranking, which costs more but misses nothing the filter lets through.
ENOUGH = 10
# A question with more than three terms, and at least this many passages holding all of
# its three rarest, takes those passages instead of ranking the pairs (one with three
# terms only when more than its limit hold them) ...
ALL_THREE = 16
# ... unless its three rarest terms are in fewer passages than this between them: then
# ranking the pairs costs less than looking for all three first.
CHEAP_PAIRS = 10_000


def impact(tf: int, length: int) -> int:
    """How strongly a term that occurs `tf` times marks a passage of `length` terms."""
    r = REFERENCE_LENGTH
    return (IMPACT_STEPS * 20 * tf * r) // (8 * tf * r + 3 * r + 9 * length)


@dataclass(frozen=True)
class CandidatePlan:
    """What a store reads to find a question's `limit` likeliest passages.

    The candidates are the best passages by the sum, over `listed` terms, of impact x
    weight from their champion lists and, over `rare` terms, BM25 over their whole posting
    lists; joined by the passages holding both terms of one of `pairs`, the best `limit` of
    them by BM25. When `all_three` is set and at least `all_three_min` passages hold all
    of its terms, up to `limit` of those (the best by BM25 if there are more) are taken
    instead of the pairs.

    Without a date or source filter the best `limit` passages by score go on to the
    visibility check; with one (`narrowed`) all of them do, best first, and if fewer than
    `enough` pass, the store ranks every passage holding any of `terms` instead. `full`
    asks for that ranking straight away.
    """

    terms: tuple[str, ...]
    limit: int
    listed: tuple[tuple[str, float], ...] = ()
    rare: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    all_three: tuple[str, str, str] | None = None
    all_three_min: int = ALL_THREE
    narrowed: bool = False
    enough: int = 0
    full: bool = False


def plan_candidates(
    terms: Sequence[str],
    df: Mapping[str, int],
    weights: Mapping[str, float],
    limit: int,
    filters: Filters,
    pairable: frozenset[str] | None = None,
) -> CandidatePlan:
    """The plan for `terms`, given their document frequencies and weights (idf).

    A champion list keeps a common term's strongest passages, which misses the passage that
    holds several of the question's common words once each: often the best answer to a
    question without a rare word. Such a passage holds at least two of the question's
    three rarest terms, so those pairs are searched too. A pair of two rare terms adds
    nothing: a passage holding both already scores high over the rare terms' posting lists.

    Ranking the pairs is what grows with the archive, as every passage holding each term is
    counted, each term once for every pair it is in. When the question has further terms
    to tell passages apart and enough passages hold all three rarest terms, those are the
    ones exact scoring wants, and finding them costs an intersection. With three terms a
    short passage holding two of them often beats longer ones holding all three, so the
    pairs stay while the passages holding all three are few. When more than `limit` hold
    them, the pairs' ranking, which scores each of their terms twice, mostly puts them
    first anyway, and ranking them alone counts each term's passages once instead of
    twice. The pairs also stay when they are cheap to rank (CHEAP_PAIRS).

    Pairs and all three come from `pairable` terms when given: the question's own words,
    not the alternatives the query adds (a joined compound stands for two of its words at
    once, a split one's parts for one), so that they join different things it asks about.
    """
    used = {t: weights[t] for t in terms if t in weights}
    rare = tuple(t for t in used if df.get(t, 0) <= COMMON)
    listed = tuple((t, w) for t, w in used.items() if t not in rare)
    paired = [t for t in used if pairable is None or t in pairable]
    rarest = sorted(paired if len(paired) >= 2 else used, key=lambda t: (-used[t], t))[:3]
    pairs = tuple(
        (a, b)
        for a, b in itertools.combinations(rarest, 2)
        if max(df.get(a, 0), df.get(b, 0)) > COMMON
    )
    all_three = None
    held = sum(df.get(t, 0) for t in rarest)
    if pairs and len(rarest) == 3 and held >= CHEAP_PAIRS:
        all_three = (rarest[0], rarest[1], rarest[2])
    narrowed = bool(filters.since or filters.until or filters.source)
    return CandidatePlan(
        terms=tuple(terms),
        limit=limit,
        listed=listed,
        rare=rare,
        pairs=pairs,
        all_three=all_three,
        all_three_min=ALL_THREE if len(used) > 3 else limit + 1,
        narrowed=narrowed,
        enough=min(limit, ENOUGH) if narrowed else 0,
    )


def full_ranking(terms: Sequence[str], limit: int) -> CandidatePlan:
    """The plan that ranks every passage holding any of `terms`: sound at any cost."""
    return CandidatePlan(terms=tuple(terms), limit=limit, full=True)
