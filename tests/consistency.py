"""What "nothing lost, nothing half-stored" means for an archive file, as one check."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from storage import candidates


def assert_consistent(db: Path) -> None:
    """The file is sound and every derived structure agrees with the articles it came from."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")
        bare = connection.execute(
            "SELECT count(*) FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id)"
        ).fetchone()[0]
        assert bare == 0, f"{bare} articles have no passages"

        df: Counter[str] = Counter()
        total = count = 0
        for terms, length in connection.execute("SELECT terms, length FROM passages"):
            df.update(set(terms.split()))
            total += length
            count += 1
        assert dict(connection.execute("SELECT term, df FROM terms")) == dict(df)
        assert connection.execute("SELECT passages, total_length FROM corpus").fetchone() == (
            count,
            total,
        )
    finally:
        connection.close()
    assert_champions_consistent(db)


def assert_champions_consistent(path: Path) -> None:
    """Common terms have exactly the passages at or above their floor; rare ones no list."""
    with sqlite3.connect(path) as db:
        expected: dict[str, set[tuple[int, int, int | None]]] = {}
        rows = db.execute(
            "SELECT p.id, p.terms, a.scope FROM passages p JOIN articles a ON a.id = p.article_id"
        )
        for passage_id, text, scope in rows:
            terms = text.split()
            for term, tf in Counter(terms).items():
                value = candidates.impact(tf, len(terms))
                expected.setdefault(term, set()).add((value, passage_id, scope))
        stored: dict[str, set[tuple[int, int, int | None]]] = {}
        for term, value, passage_id, scope in db.execute("SELECT * FROM champions"):
            stored.setdefault(term, set()).add((value, passage_id, scope))
        floors = {t: (i, p, n) for t, i, p, n in db.execute("SELECT * FROM champion_floors")}
        derived = (
            "SELECT p.id, p.length, a.scope FROM passages p JOIN articles a ON a.id = p.article_id"
        )
        assert set(db.execute("SELECT * FROM passage_stats")) == set(db.execute(derived))
    common = {t for t, postings in expected.items() if len(postings) > candidates.COMMON}
    assert set(stored) == common
    assert set(floors) == common
    for term in common:
        kept = stored[term]
        floor_impact, floor_passage, listed = floors[term]
        assert kept == {
            p for p in expected[term] if (p[0], -p[1]) >= (floor_impact, -floor_passage)
        }, term
        assert candidates.LIST_SIZE // 2 <= len(kept) <= candidates.LIST_SIZE, term
        assert listed == len(kept), term
