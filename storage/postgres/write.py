"""What the writer does to the archive: insert a batch, delete an article, analyse every
passage again, tidy after an import.

Each function runs inside the caller's write transaction, which holds the archive's write
lock (storage/postgres/connections.py). As in storage/sqlite/write.py, BM25 statistics and
the champion lists change in the same transaction as the passages they describe. New
rows go in by COPY, the fastest way into PostgreSQL; ids are allotted the way the SQLite
store allots them (the highest so far plus one), so one import gives the same ids in both.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

import psycopg

from storage import candidates
from storage.champions import Fresh
from storage.postgres import champions
from storage.rows import ArticleRow, article_row
from storage.store import PreparedArticle, Stored

# After an import the planner's statistics are renewed once the passages have grown by
# this share since they were last gathered: a plan made for an empty table reads a big
# one the slow way.
REANALYSE_GROWTH = 0.2
# Passages analysed again per step of a re-index.
_REINDEX_PAGE = 2000

_COPY_ARTICLES = f"COPY articles ({', '.join(ArticleRow._fields)}) FROM STDIN"
_COPY_PASSAGES = "COPY passages (id, article_id, position, text, terms, length) FROM STDIN"
_COPY_PASSAGE_TERMS = "COPY passage_terms (id, scope, length, terms) FROM STDIN"


def insert(
    db: psycopg.Connection,
    articles: Sequence[PreparedArticle],
    scope: int | None,
    added_by: str | None,
) -> list[Stored]:
    """Insert what is new; duplicates (same body in a visible scope) are not stored."""
    hashes = sorted({a.body_hash for a in articles})
    existing = dict(
        db.execute(
            "SELECT body_hash, min(id) FROM articles "
            "WHERE coalesce(scope, 0) = ANY(%s) AND body_hash = ANY(%s) GROUP BY body_hash",
            ([0, scope or 0], hashes),
        )
    )
    (next_article,) = db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()
    (next_passage,) = db.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()
    now = datetime.now(UTC).isoformat(timespec="seconds")

    results: list[Stored] = []
    article_rows: list[ArticleRow] = []
    passage_rows: list[tuple[int, int, int, str, str, int]] = []
    new_passages: list[Fresh] = []
    for prepared in articles:
        if prepared.body_hash in existing:
            results.append(Stored(existing[prepared.body_hash], duplicate=True))
            continue
        article_id = next_article
        next_article += 1
        existing[prepared.body_hash] = article_id
        results.append(Stored(article_id, duplicate=False))
        article_rows.append(article_row(article_id, prepared, scope, added_by, now))
        for position, passage in enumerate(prepared.passages):
            terms = passage.terms
            passage_rows.append(
                (next_passage, article_id, position, passage.text, " ".join(terms), len(terms))
            )
            new_passages.append((next_passage, terms))
            next_passage += 1
    if not article_rows:
        return results
    df = Counter(itertools.chain.from_iterable(set(terms) for _, terms in new_passages))
    ids, counted = count_terms(db, df)

    with db.cursor() as cursor:
        with cursor.copy(_COPY_ARTICLES) as copy:
            for row in article_rows:
                copy.write_row(row)
        with cursor.copy(_COPY_PASSAGES) as copy:
            for row in passage_rows:
                copy.write_row(row)
        with cursor.copy(_COPY_PASSAGE_TERMS) as copy:
            for passage_id, terms in new_passages:
                copy.write_row((passage_id, scope, len(terms), [ids[t] for t in terms]))
    db.execute(
        "UPDATE corpus SET passages = passages + %s, total_length = total_length + %s",
        (len(passage_rows), sum(row[5] for row in passage_rows)),
    )
    champions.add(db, new_passages, scope, counted)
    return results


def count_terms(
    db: psycopg.Connection, df: Mapping[str, int]
) -> tuple[dict[str, int], dict[str, int]]:
    """Add `df` to the terms' document frequencies; new terms get the next ids.

    Returns each term's id and its count after the batch.
    """
    terms = sorted(df)
    ids: dict[str, int] = {}
    counted: dict[str, int] = {}
    for term, term_id, n in db.execute(
        "UPDATE terms t SET df = t.df + u.n FROM unnest(%s::text[], %s::integer[]) u (term, n) "
        "WHERE t.term = u.term RETURNING t.term, t.id, t.df",
        (terms, [df[t] for t in terms]),
    ):
        ids[term], counted[term] = term_id, n
    new = [t for t in terms if t not in ids]
    if new:
        (next_id,) = db.execute("SELECT coalesce(max(id), 0) + 1 FROM terms").fetchone()
        with db.cursor().copy("COPY terms (term, id, df) FROM STDIN") as copy:
            for number, term in enumerate(new, start=next_id):
                copy.write_row((term, number, df[term]))
                ids[term], counted[term] = number, df[term]
    return ids, counted


def delete(db: psycopg.Connection, article_id: int, scope: int | None) -> bool:
    row = db.execute(
        "SELECT id FROM articles WHERE id = %s AND scope IS NOT DISTINCT FROM %s",
        (article_id, scope),
    ).fetchone()
    if row is None:
        return False
    rows = db.execute(
        "DELETE FROM passages WHERE article_id = %s RETURNING id, terms", (article_id,)
    ).fetchall()
    passages = [(passage_id, terms.split()) for passage_id, terms in rows]
    df: Counter[str] = Counter()
    for _, terms in passages:
        df.update(set(terms))
    db.execute("DELETE FROM passage_terms WHERE id = ANY(%s)", ([p for p, _ in passages],))
    db.execute("DELETE FROM articles WHERE id = %s", (article_id,))
    gone = sorted(df)
    db.execute(
        "UPDATE terms t SET df = t.df - u.n FROM unnest(%s::text[], %s::integer[]) u (term, n) "
        "WHERE t.term = u.term",
        (gone, [df[t] for t in gone]),
    )
    db.execute("DELETE FROM terms WHERE term = ANY(%s) AND df <= 0", (gone,))
    db.execute(
        "UPDATE corpus SET passages = passages - %s, total_length = total_length - %s",
        (len(passages), sum(len(terms) for _, terms in passages)),
    )
    champions.remove(db, passages)
    return True


def reindex(db: psycopg.Connection, analyse: Callable[[str], Sequence[str]], analyzer: str) -> int:
    """Every passage's terms again, from its text, and all that is made of them, as
    storage/sqlite/write.py's `reindex` does.

    The term ids, the passages' term arrays (and with them the GIN index), the document
    frequencies, the corpus figures and the champion lists are rebuilt from the new
    terms; articles and passages keep their ids, so every citation and button stays
    valid. Rows are deleted, not truncated, so questions keep reading the old index
    until this commits. Returns the number of passages.
    """
    for table in ("passage_terms", "champions", "champion_floors", "terms"):
        db.execute(f"DELETE FROM {table}")
    ids: dict[str, int] = {}
    df: Counter[str] = Counter()
    passages = total = last = 0
    while rows := db.execute(
        "SELECT p.id, p.text, a.scope FROM passages p JOIN articles a ON a.id = p.article_id "
        "WHERE p.id > %s ORDER BY p.id LIMIT %s",
        (last, _REINDEX_PAGE),
    ).fetchall():
        analysed = [(passage_id, list(analyse(text)), scope) for passage_id, text, scope in rows]
        db.execute(
            "UPDATE passages p SET terms = u.terms, length = u.length "
            "FROM unnest(%s::bigint[], %s::text[], %s::integer[]) u (id, terms, length) "
            "WHERE p.id = u.id",
            (
                [passage_id for passage_id, _, _ in analysed],
                [" ".join(terms) for _, terms, _ in analysed],
                [len(terms) for _, terms, _ in analysed],
            ),
        )
        with db.cursor().copy(_COPY_PASSAGE_TERMS) as copy:
            for passage_id, terms, scope in analysed:
                numbered = [ids.setdefault(term, len(ids) + 1) for term in terms]
                copy.write_row((passage_id, scope, len(terms), numbered))
                df.update(set(terms))
                total += len(terms)
        passages += len(rows)
        last = rows[-1][0]
    with db.cursor().copy("COPY terms (term, id, df) FROM STDIN") as copy:
        for term, term_id in ids.items():
            copy.write_row((term, term_id, df[term]))
    db.execute("UPDATE corpus SET passages = %s, total_length = %s", (passages, total))
    champions.refill(db, sorted(term for term, n in df.items() if n > candidates.COMMON))
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('analyzer', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (analyzer,),
    )
    return passages


def compact(db: psycopg.Connection) -> bool:
    """After an import: fold the GIN index's pending entries into it, and renew the
    planner's statistics once the passages have grown by REANALYSE_GROWTH."""
    db.execute("SELECT gin_clean_pending_list('passage_terms_index'::regclass)")
    (known, passages) = db.execute(
        "SELECT c.reltuples, (SELECT passages FROM corpus) FROM pg_class c "
        "WHERE c.oid = 'passage_terms'::regclass"
    ).fetchone()
    if known >= 0 and passages <= known * (1 + REANALYSE_GROWTH):
        return False
    for table in ("articles", "passages", "passage_terms", "terms", "champions"):
        db.execute(f"ANALYZE {table}")
    return True
