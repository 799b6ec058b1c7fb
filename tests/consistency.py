"""What "nothing lost, nothing half-stored" means for an archive file, as one check."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from storage import candidates


def assert_archive_consistent(target: str | Path) -> None:
    """`assert_consistent` or `assert_postgres_consistent`, as `target` names a file or a
    database."""
    if isinstance(target, str) and target.startswith("postgres"):
        assert_postgres_consistent(target)
    else:
        assert_consistent(Path(target))


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
    _assert_lists(expected, stored, floors)


def _assert_lists(
    expected: dict[str, set[tuple[int, int, int | None]]],
    stored: dict[str, set[tuple[int, int, int | None]]],
    floors: dict[str, tuple[int, int, int]],
) -> None:
    """The champion-list invariant (storage/sqlite/champions.py), given every posting
    (impact, passage, scope) of each term, the stored lists and their floors."""
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


def assert_postgres_consistent(dsn: str) -> None:
    """As `assert_consistent`, for an archive in PostgreSQL: every derived table (term
    counts and ids, corpus figures, passage_terms, champion lists) agrees with the passages."""
    import psycopg

    with psycopg.connect(dsn) as db:
        bare = db.execute(
            "SELECT count(*) FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id)"
        ).fetchone()[0]
        assert bare == 0, f"{bare} articles have no passages"
        orphans = db.execute(
            "SELECT count(*) FROM passages p LEFT JOIN articles a ON a.id = p.article_id "
            "WHERE a.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0, f"{orphans} passages have no article"
        ids = dict(db.execute("SELECT term, id FROM terms"))
        assert len(set(ids.values())) == len(ids)
        df: Counter[str] = Counter()
        total = count = 0
        expected: dict[str, set[tuple[int, int, int | None]]] = {}
        rows = db.execute(
            "SELECT p.id, p.terms, p.length, a.scope, t.scope, t.length, t.terms FROM passages p "
            "JOIN articles a ON a.id = p.article_id LEFT JOIN passage_terms t ON t.id = p.id"
        )
        for passage_id, text, length, scope, indexed_scope, indexed_length, indexed in rows:
            terms = text.split()
            assert (len(terms), scope, indexed_scope, indexed_length) == (
                length,
                scope,
                scope,
                length,
            ), passage_id
            assert indexed == [ids[t] for t in terms], passage_id
            df.update(set(terms))
            total += length
            count += 1
            for term, tf in Counter(terms).items():
                value = candidates.impact(tf, len(terms))
                expected.setdefault(term, set()).add((value, passage_id, scope))
        assert db.execute("SELECT count(*) FROM passage_terms").fetchone()[0] == count
        assert dict(db.execute("SELECT term, df FROM terms")) == dict(df)
        assert db.execute("SELECT passages, total_length FROM corpus").fetchone() == (count, total)
        stored: dict[str, set[tuple[int, int, int | None]]] = {}
        for term, value, passage_id, scope in db.execute(
            "SELECT term, impact, passage_id, scope FROM champions"
        ):
            stored.setdefault(term, set()).add((value, passage_id, scope))
        floors = {
            t: (i, p, n)
            for t, i, p, n in db.execute(
                "SELECT term, impact, passage_id, listed FROM champion_floors"
            )
        }
    _assert_lists(expected, stored, floors)
