"""Champion-list upkeep that does not depend on the database: which new postings enter a
list, in which order entries are written, and how a posting ranks against a list's floor.

The lists' policy is storage/candidates.py's; each store keeps them in its own tables
(storage/sqlite/champions.py, storage/postgres/champions.py) with these decisions, so the
same imports leave the same lists, and the same candidates, in either store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from storage import candidates

Posting = tuple[str, int, int]  # term, impact, passage id


def postings(passages: Iterable[tuple[int, Sequence[str]]]) -> list[Posting]:
    """Every (term, impact, passage id) of passages given as (id, analysed terms)."""
    return [
        (term, candidates.impact(tf, len(terms)), passage_id)
        for passage_id, terms in passages
        for term, tf in Counter(terms).items()
    ]


Fresh = tuple[int, Sequence[str]]  # a new passage's id and its analysed terms
Floor = tuple[int, int, int]  # a list's lowest impact and passage id, and its length


def in_key_order(by_term: Mapping[str, list[tuple[int, int]]], scope: int | None) -> list[tuple]:
    """The new entries as rows, ordered by term and then impact and passage.

    Sorted term by term: one sort of a big import's entries holds the GIL, and with it the
    event loop, too long.
    """
    return [
        (term, value, passage_id, scope)
        for term in sorted(by_term)
        for value, passage_id in sorted(by_term[term])
    ]


def admitted(passages: Sequence[Fresh], floors: Mapping[str, Floor]) -> list[Posting]:
    """The new postings that rank at or above their list's floor.

    This runs for every posting of an import. Nearly every posting has tf 1, and its
    impact then depends on the passage's length alone; the terms whose floor that impact
    beats are one set per impact value, so most passages take one set intersection in C
    instead of a comparison per common term and a Counter. Terms that repeat in a passage,
    and floors a new passage can tie (its id reused after the newest article was
    deleted), are checked one by one.
    """
    first = min(passage_id for passage_id, _ in passages)
    ties = frozenset(
        term for term, (_, floor_passage, _) in floors.items() if floor_passage >= first
    )
    beaten: dict[int, frozenset[str]] = {}
    found: list[Posting] = []
    for passage_id, terms in passages:
        length = len(terms)
        once = candidates.impact(1, length)
        beats = beaten.get(once)
        if beats is None:
            beats = beaten[once] = frozenset(t for t, floor in floors.items() if floor[0] < once)
        hits = beats.intersection(terms)
        if len(set(terms)) == length and not ties:
            found += [(term, once, passage_id) for term in hits]
            continue
        for term, tf in Counter(terms).items():
            if term in hits or ((tf > 1 or term in ties) and term in floors):
                value = candidates.impact(tf, length)
                if at_or_above((value, passage_id), floors[term][:2]):
                    found.append((term, value, passage_id))
    return found


def at_or_above(posting: tuple[int, int], floor: tuple[int, int]) -> bool:
    """Does (impact, passage id) rank at or above the floor: by impact, then older first?"""
    return (posting[0], -posting[1]) >= (floor[0], -floor[1])
