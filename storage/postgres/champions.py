"""Champion lists kept in PostgreSQL: for every common term, the passages where it weighs most.

The same lists, with the same invariant, as storage/sqlite/champions.py keeps (its
docstring states it; tests/consistency.py checks it), decided by the same functions
(storage/champions.py). What differs is only the database's side: a term's postings come
from the GIN index over `passage_terms`, and each step is one statement for all the
batch's terms, as a round trip to the server costs what SQLite's step costs in-process.
The functions run inside the caller's write transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import psycopg

from storage import candidates
from storage.champions import Floor, Fresh, admitted, at_or_above, in_key_order, postings

_COPY = "COPY champions (term, impact, passage_id, scope) FROM STDIN"


def add(
    db: psycopg.Connection, passages: Sequence[Fresh], scope: int | None, df: Mapping[str, int]
) -> None:
    """Enter new passages into the lists; `df` holds their terms' counts including them.

    A term that has just become common gets its list built from the index; a posting
    enters an existing list only if it ranks at or above the floor.
    """
    common = sorted(term for term, n in df.items() if n > candidates.COMMON)
    floors: dict[str, Floor] = {
        term: (floor_impact, floor_passage, listed)
        for term, floor_impact, floor_passage, listed in db.execute(
            "SELECT term, impact, passage_id, listed FROM champion_floors WHERE term = ANY(%s)",
            (common,),
        )
    }
    refill(db, [term for term in common if term not in floors])
    if not floors:
        return
    by_term: dict[str, list[tuple[int, int]]] = {}
    for term, value, passage_id in admitted(passages, floors):
        by_term.setdefault(term, []).append((value, passage_id))
    _write(db, in_key_order(by_term, scope))
    _trim(db, {term: len(entries) for term, entries in by_term.items()}, floors)


def remove(db: psycopg.Connection, passages: Sequence[tuple[int, Sequence[str]]]) -> None:
    """Take deleted passages out of the lists; call after passages and df are updated.

    A list that falls below half its size while its term is still common is refilled,
    and a term that became rare loses its list.
    """
    gone = postings(passages)
    if not gone:
        return
    rows = db.execute(
        "SELECT f.term, f.impact, f.passage_id, f.listed, t.df FROM champion_floors f "
        "LEFT JOIN terms t ON t.term = f.term WHERE f.term = ANY(%s)",
        (sorted({term for term, _, _ in gone}),),
    ).fetchall()
    floors = {term: (value, passage_id) for term, value, passage_id, _, _ in rows}
    listed = [
        (term, value, passage_id)
        for term, value, passage_id in gone
        if term in floors and at_or_above((value, passage_id), floors[term])
    ]
    _delete(db, listed)
    removed = Counter(term for term, _, _ in listed)
    dropped, refilled, shorter = [], [], []
    for term, _, _, count, df in rows:
        if not df or df <= candidates.COMMON:
            dropped.append(term)
        elif count - removed[term] < candidates.LIST_SIZE // 2:
            refilled.append(term)
        elif removed[term]:
            shorter.append((term, count - removed[term]))
    db.execute("DELETE FROM champions WHERE term = ANY(%s)", (dropped,))
    db.execute("DELETE FROM champion_floors WHERE term = ANY(%s)", (dropped,))
    refill(db, refilled)
    if shorter:
        db.execute(
            "UPDATE champion_floors f SET listed = u.listed "
            "FROM unnest(%s::text[], %s::integer[]) u (term, listed) WHERE f.term = u.term",
            ([t for t, _ in shorter], [n for _, n in shorter]),
        )


def refill(db: psycopg.Connection, terms: Sequence[str]) -> None:
    """Build the lists of common terms from every passage that holds each (costs their df).

    Each term's count in a passage is counted in its `passage_terms` row, which the GIN
    index finds; the impact is storage/candidates.py's, in integers as there.
    """
    if not terms:
        return
    r, steps = candidates.REFERENCE_LENGTH, candidates.IMPACT_STEPS
    rows = db.execute(
        "SELECT t.term, s.impact, s.id, s.scope FROM terms t CROSS JOIN LATERAL ("
        f"SELECT ({steps * 20 * r} * tf) / ({8 * r} * tf + {3 * r} + 9 * length) AS impact, "
        "id, scope FROM (SELECT p.id, p.scope, p.length, "
        "cardinality(array_positions(p.terms, t.id)) AS tf FROM passage_terms p "
        "WHERE p.terms @> ARRAY[t.id]) counted ORDER BY 1 DESC, id LIMIT %s) s "
        "WHERE t.term = ANY(%s)",
        (candidates.LIST_SIZE, list(terms)),
    ).fetchall()
    kept: dict[str, list[tuple[int, int, int | None]]] = {term: [] for term in terms}
    for term, value, passage_id, scope in rows:
        kept[term].append((value, passage_id, scope))
    db.execute("DELETE FROM champions WHERE term = ANY(%s)", (list(terms),))
    _write(
        db,
        [
            (term, value, passage_id, scope)
            for term in sorted(kept)
            for value, passage_id, scope in sorted(kept[term], key=lambda e: (-e[0], e[1]))
        ],
    )
    floors = [
        (term, *min(entries, key=lambda e: (e[0], -e[1]))[:2], len(entries))
        for term, entries in kept.items()
        if entries
    ]
    db.execute(
        "INSERT INTO champion_floors (term, impact, passage_id, listed) "
        "SELECT * FROM unnest(%s::text[], %s::integer[], %s::bigint[], %s::integer[]) "
        "ON CONFLICT (term) DO UPDATE SET impact = excluded.impact, "
        "passage_id = excluded.passage_id, listed = excluded.listed",
        [list(column) for column in zip(*floors, strict=True)] if floors else ([], [], [], []),
    )


def _trim(db: psycopg.Connection, added: Mapping[str, int], floors: Mapping[str, Floor]) -> None:
    """Cut lists longer than LIST_SIZE back to their best LIST_SIZE and raise their floors.

    `added` counts the entries each list just gained. One statement reads, for every list
    now too long, its entries from the worst end: those beyond LIST_SIZE and the new floor.
    """
    size = candidates.LIST_SIZE
    listed = {term: floors[term][2] + n for term, n in added.items()}
    long = sorted(term for term, n in listed.items() if n > size)
    worst: dict[str, list[tuple[int, int]]] = {term: [] for term in long}
    for term, value, passage_id in db.execute(
        "SELECT u.term, c.impact, c.passage_id FROM unnest(%s::text[], %s::integer[]) u (term, n) "
        "CROSS JOIN LATERAL (SELECT impact, passage_id FROM champions WHERE term = u.term "
        "ORDER BY impact, passage_id DESC LIMIT u.n) c",
        (long, [listed[term] - size + 1 for term in long]),
    ):
        worst[term].append((value, passage_id))
    extra, updated = [], []
    for term in sorted(added):
        floor, floor_passage, _ = floors[term]
        if term in worst:
            rows = sorted(worst[term], key=lambda e: (e[0], -e[1]))
            (floor, floor_passage), cut = rows[-1], rows[:-1]
            extra += [(term, value, passage_id) for value, passage_id in cut]
            listed[term] = size
        updated.append((term, floor, floor_passage, listed[term]))
    _delete(db, extra)
    db.execute(
        "UPDATE champion_floors f SET impact = u.impact, passage_id = u.passage_id, "
        "listed = u.listed FROM unnest(%s::text[], %s::integer[], %s::bigint[], %s::integer[]) "
        "u (term, impact, passage_id, listed) WHERE f.term = u.term",
        [list(column) for column in zip(*updated, strict=True)] if updated else ([], [], [], []),
    )


def _write(db: psycopg.Connection, rows: Iterable[tuple]) -> None:
    with db.cursor().copy(_COPY) as copy:
        for row in rows:
            copy.write_row(row)


def _delete(db: psycopg.Connection, entries: Sequence[tuple[str, int, int]]) -> None:
    if not entries:
        return
    db.execute(
        "DELETE FROM champions c USING unnest(%s::text[], %s::integer[], %s::bigint[]) "
        "d (term, impact, passage_id) WHERE c.term = d.term AND c.impact = d.impact "
        "AND c.passage_id = d.passage_id",
        [list(column) for column in zip(*entries, strict=True)],
    )
