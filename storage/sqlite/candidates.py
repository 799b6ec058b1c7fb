"""A candidate plan (storage/candidates.py) carried out in SQLite, as one statement.

FTS5 scores the rare terms over their posting lists and intersects the pairs in C; the
champion lists are rows of `champions`. One statement reads at most COMMON rows per term
whatever the size of the archive, and joins the passages it picks to their articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from storage.candidates import IMPACT_STEPS, CandidatePlan
from storage.models import ArticleSummary, Filters
from storage.rows import CANDIDATE_COLUMNS, PASSAGE_COLUMNS, passages_of
from storage.rows import candidates as candidates_from_rows
from storage.sqlite.articles import visible
from storage.sqlite.champions import quote
from storage.store import Candidate

# Candidates join their articles through the covering index of schema migration 6: the
# planner would look each one up in the table, whose rows carry the whole body.
_ARTICLE_JOIN = "JOIN articles a INDEXED BY articles_summary ON a.id = p.article_id"


def candidates(db: sqlite3.Connection, plan: CandidatePlan, filters: Filters) -> list[Candidate]:
    """The passages `plan` picks that `filters` let through, the likeliest first."""
    if not plan.terms:
        return []
    if not plan.full:
        found = _planned(db, plan, filters)
        if len(found) >= plan.enough:
            return found
    return _ranked(db, plan.terms, filters, plan.limit)


def _planned(db: sqlite3.Connection, plan: CandidatePlan, filters: Filters) -> list[Candidate]:
    """Candidates by champion lists and rare terms (`best`), plus those `together` finds
    for the pairs or all three rarest terms.

    Without a date or source filter the best `limit` passages by list score are joined to
    their passages; with one, all are (still at most COMMON per term), best first.
    """
    if not plan.listed and not plan.rare:
        return []
    if filters.scope is None:
        scope_clause, scope_params = "c.scope IS NULL", ()
    else:
        scope_clause, scope_params = "(c.scope IS NULL OR c.scope = ?)", (filters.scope,)
    narrowed, limit = plan.narrowed, plan.limit
    choice, choice_params = _together_choice(plan)
    where, params = visible(filters)
    best = _scored_sql(scope_clause, rare=len(plan.rare), limited=not narrowed)
    sql = (
        f"WITH best AS ({best}), "
        + (
            f"{choice}, together AS (SELECT rowid FROM passages_fts "
            "WHERE passages_fts MATCH (SELECT query FROM choice) "
            "ORDER BY CASE WHEN (SELECT ranked FROM choice) THEN rank END LIMIT ?), "
            if choice
            else "together AS (SELECT NULL AS rowid WHERE 0), "
        )
        + (
            "picked AS (SELECT id, max(score) AS score FROM (SELECT passage_id AS id, score "
            "FROM best UNION ALL SELECT rowid, 1e18 FROM together) GROUP BY id) "
            if narrowed
            else "picked AS (SELECT passage_id AS id FROM best UNION SELECT rowid FROM together) "
        )
        + f"SELECT {CANDIDATE_COLUMNS} "
        f"FROM picked JOIN passages p ON p.id = picked.id {_ARTICLE_JOIN} WHERE {where} "
        + ("ORDER BY picked.score DESC, p.id DESC " if narrowed else "")
        + "LIMIT ?"
    )
    best_params = (
        json.dumps(dict(plan.listed)),
        *scope_params,
        *map(quote, plan.rare),
        *([] if narrowed else [limit]),
    )
    together_params = (*choice_params, limit) if choice else ()
    rows = db.execute(sql, (*best_params, *together_params, *params, 2 * limit)).fetchall()
    return candidates_from_rows(rows)


def _scored_sql(scope_clause: str, rare: int, limited: bool) -> str:
    """SQL for (passage_id, score), best first: the question's terms' BM25 weight.

    Parameters: a JSON object {listed term: weight}, those of `scope_clause` (a condition
    on `c.scope`, checked on the list rows so visibility costs no join), an FTS5 query for
    each of the `rare` rare terms, and if `limited` the number of rows. FTS5's BM25 is a
    sum over the query's terms, so scoring each rare term on its own and summing gives the
    scores of one OR query, more cheaply: each passage is scored for its own terms only.
    """
    parts = [
        f"SELECT c.passage_id AS passage_id, c.impact * q.value / {IMPACT_STEPS}.0 AS weight "
        f"FROM json_each(?) q JOIN champions c ON c.term = q.key WHERE {scope_clause}"
    ]
    parts += [
        "SELECT rowid, -bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?"
    ] * rare
    return (
        f"SELECT passage_id, sum(weight) AS score FROM ({' UNION ALL '.join(parts)}) "
        "GROUP BY passage_id ORDER BY score DESC, passage_id DESC" + (" LIMIT ?" if limited else "")
    )


def _together_choice(plan: CandidatePlan) -> tuple[str, tuple[object, ...]]:
    """SQL for the CTE `choice (query, ranked)`: which passages `together` takes, and
    whether it must rank them to pick `limit`; empty when the plan has no pairs.

    Up to `limit` passages holding all three rarest terms need no ranking: finding them
    costs an intersection, not a count of every passage holding each term. More of them
    are ranked by the AND query, which counts each term's passages once, where the pairs'
    OR-of-ANDs counts them once for every pair a term is in.
    """
    if not plan.pairs:
        return "", ()
    pairs = " OR ".join(f"({quote(a)} AND {quote(b)})" for a, b in plan.pairs)
    if plan.all_three is None:
        return "choice AS (SELECT ? AS query, 1 AS ranked)", (pairs,)
    all_three = " AND ".join(map(quote, plan.all_three))
    limit, least = plan.limit, plan.all_three_min
    return (
        "choice AS (SELECT CASE WHEN n >= ? THEN ? ELSE ? END AS query, "
        "n < ? OR n > ? AS ranked FROM (SELECT count(*) AS n FROM "
        "(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)))",
        (least, all_three, pairs, least, limit, all_three, limit + 1),
    )


def _ranked(
    db: sqlite3.Connection, terms: Sequence[str], filters: Filters, limit: int
) -> list[Candidate]:
    """Candidates by FTS5's own BM25 over every passage that matches any of `terms`."""
    match = " OR ".join(map(quote, terms))
    where, params = visible(filters)
    sql = (
        f"SELECT {CANDIDATE_COLUMNS} "
        f"FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid {_ARTICLE_JOIN} "
        f"WHERE passages_fts MATCH ? AND {where} "
        "ORDER BY passages_fts.rank, p.id LIMIT ?"
    )
    return candidates_from_rows(db.execute(sql, (match, *params, limit)).fetchall())


def passages(db: sqlite3.Connection, articles: Sequence[ArticleSummary]) -> list[Candidate]:
    """Every passage of these articles, by article and position (`Reader.passages`)."""
    sql = (
        f"SELECT {PASSAGE_COLUMNS} FROM passages p "
        "WHERE p.article_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY p.article_id, p.position"
    )
    ids = json.dumps([a.id for a in articles])
    return passages_of(db.execute(sql, (ids,)).fetchall(), {a.id: a for a in articles})
