"""A question's candidates from SQLite, in one statement.

FTS5 scores the rare terms over their posting lists and intersects the pairs in C; the
champion lists are rows of `champions`. One statement reads at most COMMON rows per term
whatever the size of the archive, and joins the passages it picks to their articles.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Mapping, Sequence

from storage.models import Filters
from storage.sqlite import champions
from storage.sqlite.articles import SUMMARY_COLUMNS, summary, visible
from storage.sqlite.champions import quote
from storage.store import Candidate

# Candidates join their articles through the covering index of schema migration 6: the
# planner would look each one up in the table, whose rows carry the whole body.
_ARTICLE_JOIN = "JOIN articles a INDEXED BY articles_summary ON a.id = p.article_id"
# A passage's columns, then its article's summary (`_candidates` reads them in this order).
_COLUMNS = f"p.id, p.position, p.text, p.terms, {SUMMARY_COLUMNS}"
# With a date or source filter, fewer champion candidates than this sends the question
# to the full FTS5 ranking, which costs more but misses nothing the filter lets through.
_ENOUGH = 10
# A question with more than three terms, and at least this many passages holding all of
# its three rarest, takes `together` from those passages (see `_together_choice`) ...
_ALL_THREE = 16
# ... unless its three rarest terms are in fewer passages than this between them: then
# ranking the pairs costs less than looking for all three first.
_CHEAP_PAIRS = 10_000


def candidates(
    db: sqlite3.Connection,
    terms: Sequence[str],
    filters: Filters,
    limit: int,
    weights: Mapping[str, float] | None = None,
    df: Mapping[str, int] | None = None,
) -> list[Candidate]:
    """The `limit` passages most likely to rank best for `terms`.

    With `weights` (idf per term) they come from the champion lists, at a cost that
    does not grow with the archive; without, or when a date or source filter leaves
    too few of those, from an FTS5 ranking over every matching passage.
    """
    if not terms:
        return []
    if weights is not None:
        found = _champion_candidates(db, terms, filters, limit, weights, df)
        narrowed = filters.since or filters.until or filters.source
        if len(found) >= min(limit, _ENOUGH) or not narrowed:
            return found
    return _ranked(db, terms, filters, limit)


def _champion_candidates(
    db: sqlite3.Connection,
    terms: Sequence[str],
    filters: Filters,
    limit: int,
    weights: Mapping[str, float],
    df: Mapping[str, int] | None,
) -> list[Candidate]:
    """Candidates by champion lists and rare terms, plus passages with two rarest terms.

    A champion list keeps a common term's strongest passages, which misses the passage
    that holds several of the question's common words once each: often the best answer
    to a question without a rare word. Such a passage holds at least two of the question's
    three rarest terms: FTS5 intersects those posting lists in C and ranks the passages in
    the intersection by its own BM25 (`together`), or takes the passages holding all three
    when that is enough (`_together_choice`). Without a date or source filter the best
    `limit` passages by list score are joined to their passages; with one, all are (still
    at most COMMON per term).
    """
    used = {t: weights[t] for t in terms if t in weights}
    if not used:
        return []
    if df is None:
        df = dict(
            db.execute(
                "SELECT t.term, t.df FROM json_each(?) j JOIN terms t ON t.term = j.value",
                (json.dumps(sorted(used)),),
            ).fetchall()
        )
    rare = [t for t in used if df.get(t, 0) <= champions.COMMON]
    common = {t: w for t, w in used.items() if t not in rare}
    if filters.scope is None:
        scope_clause, scope_params = "c.scope IS NULL", ()
    else:
        scope_clause, scope_params = "(c.scope IS NULL OR c.scope = ?)", (filters.scope,)
    narrowed = bool(filters.since or filters.until or filters.source)
    rarest = sorted(used, key=lambda t: (-used[t], t))[:3]
    choice, choice_params = _together_choice(rarest, df, len(used) > 3, limit)
    where, params = visible(filters)
    best = _scored_sql(scope_clause, rare=len(rare), limited=not narrowed)
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
        + f"SELECT {_COLUMNS} "
        f"FROM picked JOIN passages p ON p.id = picked.id {_ARTICLE_JOIN} WHERE {where} "
        + ("ORDER BY picked.score DESC, p.id DESC " if narrowed else "")
        + "LIMIT ?"
    )
    best_params = (
        json.dumps(common),
        *scope_params,
        *map(quote, rare),
        *([] if narrowed else [limit]),
    )
    together_params = (*choice_params, limit) if choice else ()
    rows = db.execute(sql, (*best_params, *together_params, *params, 2 * limit)).fetchall()
    return _candidates(rows)


def _scored_sql(scope_clause: str, rare: int, limited: bool) -> str:
    """SQL for (passage_id, score), best first: the question's terms' BM25 weight.

    Parameters: a JSON object {common term: idf}, those of `scope_clause` (a condition
    on `c.scope`, checked on the list rows so visibility costs no join), an FTS5 query for
    each of the `rare` rare terms, and if `limited` the number of rows. FTS5's BM25 is a
    sum over the query's terms, so scoring each rare term on its own and summing gives the
    scores of one OR query, more cheaply: each passage is scored for its own terms only.
    """
    parts = [
        "SELECT c.passage_id AS passage_id, "
        f"c.impact * q.value / {champions.IMPACT_STEPS}.0 AS weight "
        f"FROM json_each(?) q JOIN champions c ON c.term = q.key WHERE {scope_clause}"
    ]
    parts += [
        "SELECT rowid, -bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?"
    ] * rare
    return (
        f"SELECT passage_id, sum(weight) AS score FROM ({' UNION ALL '.join(parts)}) "
        "GROUP BY passage_id ORDER BY score DESC, passage_id DESC" + (" LIMIT ?" if limited else "")
    )


def _together_choice(
    rarest: Sequence[str], df: Mapping[str, int], more_terms: bool, limit: int
) -> tuple[str, tuple[object, ...]]:
    """SQL for the CTE `choice (query, ranked)`: which passages `together` takes, and
    whether it must rank them to pick `limit`; empty when `best` already has them all.

    Ranking the passages that hold two of the three rarest terms is what grows with the
    archive: FTS5's BM25 counts every passage holding each term, twice, and scores every
    passage in the intersection. When the question has further terms to tell passages
    apart and at least _ALL_THREE passages hold all three rarest terms, those are the ones
    exact scoring wants, and up to `limit` of them need no ranking at all: finding them
    costs an intersection, not a count of every passage holding each term. With three
    terms or fewer, a short passage holding two of them often beats longer ones holding
    all three, so the pairs stay; they also stay when they are cheap to rank (_CHEAP_PAIRS).

    A pair of two rare terms adds nothing: `best` scores every passage holding a rare term
    by FTS5's BM25 over all the question's rare terms, so one holding two of them ranks
    high there already. Only pairs with a common term, whose champion list may lack the
    passage, are searched.
    """
    pairs = " OR ".join(
        f"({quote(a)} AND {quote(b)})"
        for a, b in itertools.combinations(rarest, 2)
        if max(df.get(a, 0), df.get(b, 0)) > champions.COMMON
    )
    if not pairs:
        return "", ()
    held = sum(df.get(t, 0) for t in rarest)
    if len(rarest) < 3 or not more_terms or held < _CHEAP_PAIRS:
        return "choice AS (SELECT ? AS query, 1 AS ranked)", (pairs,)
    all_three = " AND ".join(map(quote, rarest))
    return (
        "choice AS (SELECT CASE WHEN n >= ? THEN ? ELSE ? END AS query, "
        "n < ? OR n > ? AS ranked FROM (SELECT count(*) AS n FROM "
        "(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)))",
        (_ALL_THREE, all_three, pairs, _ALL_THREE, limit, all_three, limit + 1),
    )


def _ranked(
    db: sqlite3.Connection, terms: Sequence[str], filters: Filters, limit: int
) -> list[Candidate]:
    """Candidates by FTS5's own BM25 over every passage that matches any of `terms`."""
    match = " OR ".join(map(quote, terms))
    where, params = visible(filters)
    sql = (
        f"SELECT {_COLUMNS} "
        f"FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid {_ARTICLE_JOIN} "
        f"WHERE passages_fts MATCH ? AND {where} "
        "ORDER BY passages_fts.rank, p.id LIMIT ?"
    )
    return _candidates(db.execute(sql, (match, *params, limit)).fetchall())


def _candidates(rows: Sequence[tuple]) -> list[Candidate]:
    """Candidates from rows of `_COLUMNS`."""
    return [
        Candidate(
            passage_id=passage_id,
            position=position,
            text=text,
            terms=tuple(terms.split()),
            article=summary(*article),
        )
        for passage_id, position, text, terms, *article in rows
    ]
