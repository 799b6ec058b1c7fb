"""Champion lists kept in SQLite: for every common term, the passages where it weighs most.

Which terms get a list, how long it is and what a passage's impact is are the candidate
policy (storage/candidates.py); this module keeps the lists in the tables `champions` and
`champion_floors` as passages come and go. The invariant, per term t, that inserts and
deletes keep (tests/consistency.py):
- t in at most COMMON passages: no list and no floor (FTS5 holds all of them);
- t in more: a floor (impact, passage_id), and the list holds exactly the passages
  containing t that rank at or above the floor (by impact, then the older passage first):
  at most LIST_SIZE and at least LIST_SIZE // 2 of them, as many as the floor's `listed`.
Ties go to the passage already listed: impacts take few distinct values, and letting a
new passage displace an equal old one would rewrite busy lists on every import.
The writing functions run inside the caller's write transaction, so the lists change
atomically with the passages they describe.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence

from storage import candidates
from storage.champions import Floor, Fresh, admitted, at_or_above, in_key_order, postings


def add(
    db: sqlite3.Connection, passages: Sequence[Fresh], scope: int | None, df: Mapping[str, int]
) -> None:
    """Enter new passages into the lists; `df` holds their terms' counts including them.

    A term that has just become common gets its list built from FTS5; a posting enters an
    existing list only if it ranks at or above the floor. That happens about twice per
    passage, to terms whose lists are short beside their df, so the work per passage stays
    the same however big the archive is.
    """
    common = sorted(term for term, n in df.items() if n > candidates.COMMON)
    floors: dict[str, Floor] = {
        term: (floor_impact, floor_passage, listed)
        for term, floor_impact, floor_passage, listed in db.execute(
            "SELECT f.term, f.impact, f.passage_id, f.listed FROM json_each(?) j "
            "JOIN champion_floors f ON f.term = j.value",
            (json.dumps(common),),
        )
    }
    for term in common:
        if term not in floors:
            refill(db, term)
    if not floors:
        return
    by_term: dict[str, list[tuple[int, int]]] = {}
    for term, value, passage_id in admitted(passages, floors):
        by_term.setdefault(term, []).append((value, passage_id))
    db.executemany(
        "INSERT INTO champions (term, impact, passage_id, scope) VALUES (?, ?, ?, ?)",
        in_key_order(by_term, scope),
    )
    _trim(db, {term: len(entries) for term, entries in by_term.items()}, floors)


def remove(db: sqlite3.Connection, passages: Sequence[tuple[int, Sequence[str]]]) -> None:
    """Take deleted passages out of the lists; call after passages and df are updated.

    A list that falls below half its size while its term is still common is refilled
    from FTS5, and a term that became rare loses its list, so the invariant holds after
    any sequence of deletes.
    """
    gone = postings(passages)
    if not gone:
        return
    terms = sorted({term for term, _, _ in gone})
    rows = db.execute(
        "SELECT f.term, f.impact, f.passage_id, f.listed, t.df FROM json_each(?) j "
        "JOIN champion_floors f ON f.term = j.value LEFT JOIN terms t ON t.term = f.term",
        (json.dumps(terms),),
    ).fetchall()
    floors = {term: (value, passage_id) for term, value, passage_id, _, _ in rows}
    listed = [
        (term, value, passage_id)
        for term, value, passage_id in gone
        if term in floors and at_or_above((value, passage_id), floors[term])
    ]
    db.executemany("DELETE FROM champions WHERE term = ? AND impact = ? AND passage_id = ?", listed)
    removed = Counter(term for term, _, _ in listed)
    for term, _, _, count, df in rows:
        if not df or df <= candidates.COMMON:
            db.execute("DELETE FROM champions WHERE term = ?", (term,))
            db.execute("DELETE FROM champion_floors WHERE term = ?", (term,))
        elif count - removed[term] < candidates.LIST_SIZE // 2:
            refill(db, term)
        elif removed[term]:
            db.execute(
                "UPDATE champion_floors SET listed = ? WHERE term = ?",
                (count - removed[term], term),
            )


def refill(db: sqlite3.Connection, term: str) -> None:
    """Build one common term's list from every passage that contains it (costs its df).

    The term's count in each passage comes from the full-text index's own postings
    (fts5vocab), and each passage's length and scope from `passage_stats`, all in SQL.
    Should the index's tokenizer (Unicode 6.1) ever split a term that our analysis (the
    Unicode of this Python) keeps whole, the term is counted in the stored terms of the
    passages the index finds for it instead; if it finds none, the term gets no list.
    """
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_postings "
        "USING fts5vocab(main, passages_fts, instance)"
    )
    r, steps, size = candidates.REFERENCE_LENGTH, candidates.IMPACT_STEPS, candidates.LIST_SIZE
    scored = db.execute(
        f"SELECT ({steps * 20 * r} * v.tf) / ({8 * r} * v.tf + {3 * r} + 9 * s.length), "
        "s.id, s.scope FROM (SELECT doc, count(*) AS tf FROM temp.passage_postings "
        "WHERE term = ? GROUP BY doc) v JOIN passage_stats s ON s.id = v.doc "
        "ORDER BY 1 DESC, s.id LIMIT ?",
        (term, size),
    ).fetchall() or _counted_in_passages(db, term)
    if not scored:
        return
    kept = sorted(scored, key=lambda row: (-row[0], row[1]))[:size]
    db.execute("DELETE FROM champions WHERE term = ?", (term,))
    db.executemany(
        "INSERT INTO champions (term, impact, passage_id, scope) VALUES (?, ?, ?, ?)",
        [(term, value, passage_id, scope) for value, passage_id, scope in kept],
    )
    value, passage_id, _ = kept[-1]
    db.execute(
        "INSERT INTO champion_floors (term, impact, passage_id, listed) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (term) DO UPDATE SET impact = excluded.impact, "
        "passage_id = excluded.passage_id, listed = excluded.listed",
        (term, value, passage_id, len(kept)),
    )


def _counted_in_passages(db: sqlite3.Connection, term: str) -> list[tuple[int, int, int | None]]:
    rows = db.execute(
        "SELECT p.id, p.terms, s.scope FROM passages_fts "
        "JOIN passages p ON p.id = passages_fts.rowid JOIN passage_stats s ON s.id = p.id "
        "WHERE passages_fts MATCH ?",
        (quote(term),),
    ).fetchall()
    scored = []
    for passage_id, text, scope in rows:
        terms = text.split()
        tf = terms.count(term)
        if tf:
            scored.append((candidates.impact(tf, len(terms)), passage_id, scope))
    return scored


def quote(term: str) -> str:
    """A term as an FTS5 string, whatever characters it holds."""
    return '"' + term.replace('"', '""') + '"'


def _trim(db: sqlite3.Connection, added: Mapping[str, int], floors: Mapping[str, Floor]) -> None:
    """Cut lists longer than LIST_SIZE back to their best LIST_SIZE and raise their floors.

    `added` counts the entries each list just gained. The list's length says how many
    entries are now too many, and the primary key, walked from the worst end, finds
    those and the new floor in as many steps.
    """
    extra, updated = [], []
    for term, n in sorted(added.items()):
        floor, floor_passage, listed = floors[term]
        listed += n
        if listed > candidates.LIST_SIZE:
            rows = db.execute(
                "SELECT impact, passage_id FROM champions WHERE term = ? "
                "ORDER BY impact, passage_id DESC LIMIT ?",
                (term, listed - candidates.LIST_SIZE + 1),
            ).fetchall()
            (floor, floor_passage), cut = rows[-1], rows[:-1]
            extra += [(term, value, passage_id) for value, passage_id in cut]
            listed = candidates.LIST_SIZE
        updated.append((floor, floor_passage, listed, term))
    db.executemany("DELETE FROM champions WHERE term = ? AND impact = ? AND passage_id = ?", extra)
    db.executemany(
        "UPDATE champion_floors SET impact = ?, passage_id = ?, listed = ? WHERE term = ?",
        updated,
    )
