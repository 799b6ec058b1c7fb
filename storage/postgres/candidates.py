"""A candidate plan (storage/candidates.py) carried out in PostgreSQL.

The SQLite store scores a plan's rare terms and pairs with FTS5's bm25(); for the same
answers this store computes the same numbers from the counts it keeps: FTS5's constants
(k1 1.2, b 0.75), its idf floored at 1e-6, the passage count and average length of the
whole archive, each passage's term counts (`passage_terms`, found through its GIN index)
and length, summed phrase by phrase in the order FTS5 sums them. PostgreSQL's own text
ranking is not BM25 and its `dutch` stemmer is not ours, so neither is used.

A phrase of an OR-of-ANDs query counts only where its AND matches: FTS5 reports no
instances of a branch that fails, so "(a AND b) OR (a AND c)" scores a passage holding a
and b (not c) as a + b, and one holding all three as a + b + a + c.

The reader connections plan every statement once for any values (connections.py sets
`plan_cache_mode = force_generic_plan`), so a question's statement is not planned anew
each time it is asked. Two rules keep those plans sound at any size: each table is reached
through a LATERAL subquery that cannot be flattened (OFFSET 0), an index look-up per
term or passage whatever the planner guesses of the parameters; and where how many rows
a value matches decides the plan (the term ids the pairs, all three rarest terms and the
full ranking look for in the GIN index), the value is written into the statement, so
the planner sees it as it would in a plan made for those values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import psycopg

from storage.candidates import IMPACT_STEPS, CandidatePlan
from storage.models import ArticleSummary, Filters
from storage.postgres.articles import visible
from storage.rows import CANDIDATE_COLUMNS, PASSAGE_COLUMNS, SUMMARY_COLUMNS, passages_of
from storage.rows import candidates as candidates_from_rows
from storage.store import Candidate

# FTS5's bm25() (ext/fts5/fts5_aux.c): its constants, and the idf of a term in more than
# half the passages.
K1 = 1.2
B = 0.75
IDF_FLOOR = 1e-6
# Ends a subquery the planner must keep as it is: one that counts terms in each passage
# (else the counting is copied into every place the score uses a count, a dozen times a
# term), and a LATERAL look-up (else it is flattened into a join the plan may hash).
_ONCE = "OFFSET 0"


@dataclass(frozen=True)
class Index:
    """What scoring needs of the archive: its passage count and total length, and of each
    known term its id in `passage_terms` and its document frequency."""

    passages: int
    total_length: int
    terms: Mapping[str, tuple[int, int]]

    def idf(self, term: str) -> float:
        """FTS5's idf: the log of a quotient, not a difference of logs as in rank.idf."""
        n = self.terms[term][1]
        value = math.log((self.passages - n + 0.5) / (n + 0.5))
        return value if value > 0.0 else IDF_FLOOR

    @property
    def avgdl(self) -> float:
        return self.total_length / self.passages


def candidates(
    db: psycopg.Connection, index: Index, plan: CandidatePlan, filters: Filters
) -> list[Candidate]:
    """The passages `plan` picks that `filters` let through, the likeliest first."""
    if not plan.terms or not index.passages:
        return []
    if not plan.full:
        found = _planned(db, index, plan, filters)
        if len(found) >= plan.enough:
            return found
    return _ranked(db, index, plan.terms, filters, plan.limit)


class _Sql:
    """A statement built piece by piece with its positional parameters, in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[object] = []

    def add(self, sql: str, *params: object) -> _Sql:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def run(self, db: psycopg.Connection) -> list[tuple]:
        return db.execute("".join(self.parts), self.params).fetchall()


def _planned(
    db: psycopg.Connection, index: Index, plan: CandidatePlan, filters: Filters
) -> list[Candidate]:
    """Candidates by champion lists and rare terms (`best`), plus those `together` finds
    for the pairs or all three rarest terms, as storage/sqlite/candidates.py picks them."""
    listed = [(t, w) for t, w in plan.listed if t in index.terms]
    rare = [t for t in plan.rare if t in index.terms]
    if not plan.listed and not plan.rare:
        return []
    narrowed, limit = plan.narrowed, plan.limit
    sql = _Sql().add("WITH ")
    _best(sql, index, listed, rare, filters, limited=not narrowed, limit=limit)
    _together(sql, db, index, plan)
    if narrowed:
        sql.add(
            "picked AS (SELECT id, max(score) AS score FROM (SELECT id, score FROM best "
            "UNION ALL SELECT id, 1e18::float8 FROM together) s GROUP BY id) "
        )
    else:
        sql.add("picked AS (SELECT id FROM best UNION SELECT id FROM together) ")
    _select(sql, filters, "DESC" if narrowed else None)
    sql.add("LIMIT %s", 2 * limit)
    return candidates_from_rows(sql.run(db))


def _select(sql: _Sql, filters: Filters, ties: str | None) -> None:
    """The statement's end: each row of `picked` with its passage and article, when
    `filters` let it through. Two look-ups by key per row, however many rows the planner
    expects `picked` or the filters to hold; and given the order of `ties` (the best score
    first, then passage ids in that order), taken in that order, so that a LIMIT stops
    the look-ups once it has its rows."""
    where, params = visible(filters)
    if ties is None:
        sql.add(f"SELECT {CANDIDATE_COLUMNS} FROM picked ")
    else:
        sql.add(
            f"SELECT {CANDIDATE_COLUMNS} FROM "
            f"(SELECT id, score FROM picked ORDER BY score DESC, id {ties}) picked "
        )
    sql.add(
        "CROSS JOIN LATERAL (SELECT p.id, p.position, p.text, p.terms, p.article_id "
        f"FROM passages p WHERE p.id = picked.id {_ONCE}) p "
        f"CROSS JOIN LATERAL (SELECT {SUMMARY_COLUMNS} FROM articles a "
        f"WHERE a.id = p.article_id AND {where} {_ONCE}) a ",
        *params,
    )
    if ties is not None:
        sql.add(f"ORDER BY picked.score DESC, picked.id {ties} ")


def _best(
    sql: _Sql,
    index: Index,
    listed: Sequence[tuple[str, float]],
    rare: Sequence[str],
    filters: Filters,
    limited: bool,
    limit: int,
) -> None:
    """The CTE `best (id, score)`: the question's terms' weight in each passage, from the
    listed terms' champion lists (impact x weight) and the rare terms' whole posting
    lists (FTS5's BM25 of each alone), summed in that order; `limited`, the best `limit` of them.

    Visibility is checked on the list rows only, as in SQLite: the rare terms' postings
    carry no scope, and the final join checks every passage.
    """
    scope = "c.scope IS NULL" if filters.scope is None else "(c.scope IS NULL OR c.scope = %s)"
    scope_params = () if filters.scope is None else (filters.scope,)
    sql.add(
        "listed AS (SELECT l.k, c.id, c.weight "
        "FROM unnest(%s::text[], %s::float8[]) WITH ORDINALITY l (term, w, k) "
        "CROSS JOIN LATERAL (SELECT c.passage_id AS id, c.impact * l.w / %s::float8 AS weight "
        f"FROM champions c WHERE c.term = l.term AND {scope} {_ONCE}) c), ",
        [t for t, _ in listed],
        [w for _, w in listed],
        float(IMPACT_STEPS),
        *scope_params,
    )
    score = _bm25("p.tf", "p.length", "r.idf", "%s::float8")
    sql.add(
        f"rare AS (SELECT r.k + %s::integer AS k, p.id, {score} AS weight "
        "FROM unnest(%s::integer[], %s::float8[]) WITH ORDINALITY r (term, idf, k) "
        "CROSS JOIN LATERAL (SELECT id, length, "
        "cardinality(array_positions(terms, r.term))::float8 AS tf "
        f"FROM passage_terms WHERE terms @> ARRAY[r.term] {_ONCE}) p), ",
        len(listed),
        index.avgdl,
        [index.terms[t][0] for t in rare],
        [index.idf(t) for t in rare],
    )
    sql.add(
        f"best AS (SELECT id, {_in_order(len(listed) + len(rare))} AS score "
        "FROM (SELECT * FROM listed UNION ALL SELECT * FROM rare) s GROUP BY id"
    )
    if limited:
        sql.add(" ORDER BY score DESC, id DESC LIMIT %s", limit)
    sql.add("), ")


def _in_order(terms: int) -> str:
    """SQL for the sum of a passage's `weight`s in the order of their term's `k` (1 to
    `terms`, at most one row each), as FTS5 adds them up: each term's weight in its own
    column, the missing ones 0, which adds nothing to a double. Cheaper than an ordered
    aggregate, which sorts the rows of every passage on its own."""
    total = "0.0::float8"
    for k in range(1, terms + 1):
        total = f"({total} + coalesce(sum(weight) FILTER (WHERE k = {k}), 0.0::float8))"
    return total


def _together(sql: _Sql, db: psycopg.Connection, index: Index, plan: CandidatePlan) -> None:
    """The CTE `together (id)`: the passages holding both terms of one of the plan's pairs,
    the best `limit` by FTS5's BM25 of the OR-of-ANDs query; or, when the plan asks and at
    least its `all_three_min` passages hold all three rarest terms, up to `limit` of those
    (ranked by the AND query's BM25 if there are more)."""
    pairs = [(a, b) for a, b in plan.pairs if a in index.terms and b in index.terms]
    if not pairs:
        sql.add("together AS (SELECT NULL::bigint AS id WHERE false), ")
        return
    limit = plan.limit
    if plan.all_three is not None and all(t in index.terms for t in plan.all_three):
        held = _ids([index.terms[t][0] for t in plan.all_three])
        (n,) = db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM passage_terms "
            f"WHERE terms @> {held} LIMIT {int(limit) + 1}) s"
        ).fetchone()
        if plan.all_three_min <= n <= limit:
            sql.add(f"together AS (SELECT id FROM passage_terms WHERE terms @> {held}), ")
            return
        if n > limit and n >= plan.all_three_min:
            phrases = [((t,), t) for t in plan.all_three]
            _ranked_matches(sql, index, plan.all_three, phrases, limit, all_of=True)
            return
    terms = list(dict.fromkeys(t for pair in pairs for t in pair))
    phrases = [(pair, t) for pair in pairs for t in pair]
    _ranked_matches(sql, index, terms, phrases, limit, all_of=False, pairs=pairs)


def _ranked_matches(
    sql: _Sql,
    index: Index,
    terms: Sequence[str],
    phrases: Sequence[tuple[Sequence[str], str]],
    limit: int,
    all_of: bool,
    pairs: Sequence[tuple[str, str]] = (),
) -> None:
    """`together` as the best `limit` passages matching the query (all of `terms`, or any
    of `pairs`), by the sum over `phrases` (the AND they belong to, their term) of each
    phrase's BM25 where its AND matches, ties to the older passage as FTS5 sorts them."""
    column, counts = _counted(index, terms)
    score = "0.0::float8"
    score_params: list[object] = []
    for branch, term in phrases:
        phrase = _bm25(f"m.{column[term]}", "m.length", "%s::float8", "%s::float8")
        matched = " AND ".join(f"m.{column[t]} > 0" for t in branch)
        score = f"({score} + CASE WHEN {matched} THEN {phrase} ELSE 0.0::float8 END)"
        score_params += [index.idf(term), index.avgdl]
    if all_of:
        match = f"terms @> {_ids([index.terms[t][0] for t in terms])}"
    else:
        match = " OR ".join(
            f"terms @> {_ids([index.terms[a][0], index.terms[b][0]])}" for a, b in pairs
        )
    sql.add(
        f"together AS (SELECT m.id FROM (SELECT id, length, {counts} FROM passage_terms "
        f"WHERE {match} {_ONCE}) m ORDER BY {score} DESC, m.id LIMIT {int(limit)}), ",
        *score_params,
    )


def _ranked(
    db: psycopg.Connection,
    index: Index,
    terms: Sequence[str],
    filters: Filters,
    limit: int,
) -> list[Candidate]:
    """Candidates by FTS5's BM25 of the OR query over every passage holding any of `terms`:
    the passages by score, each joined to its article until `limit` pass the filters."""
    known = [t for t in terms if t in index.terms]
    if not known:
        return []
    column, counts = _counted(index, known)
    score = "0.0::float8"
    for t in known:
        score = f"({score} + {_bm25(f'm.{column[t]}', 'm.length', '%s::float8', '%s::float8')})"
    sql = _Sql().add(
        f"WITH picked AS (SELECT m.id, {score} AS score FROM (SELECT id, length, {counts} "
        f"FROM passage_terms WHERE terms && {_ids([index.terms[t][0] for t in known])} "
        f"{_ONCE}) m) ",
        *(value for t in known for value in (index.idf(t), index.avgdl)),
    )
    _select(sql, filters, "ASC")
    sql.add("LIMIT %s", limit)
    return candidates_from_rows(sql.run(db))


def _counted(index: Index, terms: Sequence[str]) -> tuple[dict[str, str], str]:
    """Each term's column name, and the SQL select list that counts each term in a
    `passage_terms` row under that name."""
    column = {t: f"t{i}" for i, t in enumerate(terms)}
    counts = ", ".join(
        f"cardinality(array_positions(terms, {int(index.terms[t][0])}))::float8 AS {column[t]}"
        for t in terms
    )
    return column, counts


def _bm25(tf: str, length: str, idf: str, avgdl: str) -> str:
    """SQL for one phrase's term of FTS5's BM25: idf x tf (k1 + 1) / (tf + k1 (1 - b + b
    length / avgdl)), operation by operation as FTS5 computes it, in double precision.
    `tf`, `length`, `idf` and `avgdl` are SQL expressions; the constants are written in as
    exact decimal forms of the doubles FTS5 uses."""
    return (
        f"({idf} * (({tf} * {_double(K1 + 1.0)}) / ({tf} + {_double(K1)} * "
        f"({_double(1 - B)} + {_double(B)} * {length} / {avgdl}))))"
    )


def _double(value: float) -> str:
    """A float as a float8 literal that reads back as exactly the same double."""
    return f"{value!r}::float8"


def _ids(values: Sequence[int]) -> str:
    """Term ids written into a statement as an integer[] literal (see the module's
    docstring: the planner sees which terms a GIN search looks for)."""
    return f"'{{{','.join(str(int(v)) for v in values)}}}'::integer[]"


def passages(db: psycopg.Connection, articles: Sequence[ArticleSummary]) -> list[Candidate]:
    """Every passage of these articles, by article and position (`Reader.passages`)."""
    sql = (
        f"SELECT {PASSAGE_COLUMNS} FROM passages p "
        "WHERE p.article_id = ANY(%s) ORDER BY p.article_id, p.position"
    )
    rows = db.execute(sql, ([a.id for a in articles],)).fetchall()
    return passages_of(rows, {a.id: a for a in articles})
