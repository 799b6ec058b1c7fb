"""The archive in one SQLite file: WAL mode, one writer thread, a small pool of readers.

WAL lets readers answer from their snapshots while an import holds the writer, so a big
upload never makes the bot wait for the database. BM25 statistics
(passage count, total length, per-term document frequency) and the champion lists are
kept in tables and updated in the same transaction as the passages they describe, so
ranking never scans the corpus. Every write is one synchronous function run as one
transaction on the writer's own thread: the Python work of a big batch (rows, counts,
list upkeep) then never runs on the event loop.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import queue
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from storage.language.text import ANALYZER_VERSION
from storage.models import Article, ArticleSummary, Filters, Stats
from storage.responsive import no_full_collections
from storage.sqlite import champions
from storage.sqlite.schema import migrate
from storage.store import Candidate, CorpusStats, PreparedArticle, Reader, Stored, T

R = TypeVar("R")

_SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.agency, a.published, a.time_known, a.updated, a.file, a.scope"
)
_CACHE_KIB = 16 * 1024
# Candidates join their articles through the covering index of schema migration 6: the
# planner would look each one up in the table, whose rows carry the whole body.
_ARTICLE_JOIN = "JOIN articles a INDEXED BY articles_summary ON a.id = p.article_id"
# With a date or source filter, fewer champion candidates than this sends the question
# to the full FTS5 ranking, which costs more but misses nothing the filter lets through.
_ENOUGH = 10
# The WAL may grow to this many pages before a commit copies it back into the database;
# the default (1,000) made every other commit of a big import a checkpoint.
_WAL_PAGES = 10_000
# A question with more than three terms, and at least this many passages holding all of
# its three rarest, takes `together` from those passages (see `_together_choice`).
_ALL_THREE = 16
# ... unless its three rarest terms are in fewer passages than this between them: then
# ranking the pairs costs less (under about 0.7 ms) than looking for all three first.
_CHEAP_PAIRS = 10_000
# After an import the full-text index is merged into one segment when it has more than
# _MAX_SEGMENTS, or when those besides the largest hold 1 / _NEW_SHARE of it (`_compact`).
_MAX_SEGMENTS = 8
_NEW_SHARE = 10
# Article summaries kept built: a question's candidates come from up to 96 articles.
_SUMMARIES = 4096
# Term counts sent to SQLite per statement on import: each is one short call into C (see
# `_key_ranges`).
_TERMS_PER_STATEMENT = 2000
# Articles per read job of an export: a page is held in memory, never the archive.
_EXPORT_PAGE = 100


class SQLiteStore:
    """The `Store` over one SQLite file. Open with `await SQLiteStore.open(path)`.

    Questions and browsing alike are jobs on the reader threads, each job holding one
    read connection in one read transaction (`_read`).
    """

    def __init__(
        self,
        path: Path,
        writer: sqlite3.Connection,
        write_thread: ThreadPoolExecutor,
        readers: list[sqlite3.Connection],
        read_threads: ThreadPoolExecutor,
    ) -> None:
        self.path = path
        self._writer = writer
        self._write_thread = write_thread
        self._all_readers = readers
        # Last in, first out: one question at a time keeps using the connection whose page
        # cache it warmed.
        self._readers: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        for reader in readers:
            self._readers.put(reader)
        self._read_threads = read_threads

    @classmethod
    async def open(cls, path: str | Path, readers: int = 2) -> SQLiteStore:
        path = Path(path)
        write_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archivaris-writer")
        loop = asyncio.get_running_loop()
        writer = await loop.run_in_executor(write_thread, _open_writer, path)
        read_threads = ThreadPoolExecutor(readers, thread_name_prefix="archivaris-reader")
        pool = [
            await loop.run_in_executor(read_threads, _open_reader, path) for _ in range(readers)
        ]
        return cls(path, writer, write_thread, pool, read_threads)

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        for connection in self._all_readers:
            await loop.run_in_executor(self._read_threads, connection.close)
        self._read_threads.shutdown()
        await loop.run_in_executor(self._write_thread, self._writer.close)
        self._write_thread.shutdown()

    async def _write(self, work: Callable[..., object], *args: object):
        """Run `work(connection, *args)` as one transaction on the writer thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._write_thread, _in_transaction, self._writer, work, args
        )

    # --- writing --------------------------------------------------------------------------

    async def add(
        self, articles: Sequence[PreparedArticle], scope: int | None, added_by: str | None
    ) -> list[Stored]:
        """Store a batch in one transaction: it lands whole or, on any error, not at all.

        One transaction per batch is what makes big imports fast; articles never span
        batches, so no article is ever half-stored.
        """
        if not articles:
            return []
        return await self._write(_insert, articles, scope, added_by)

    async def delete(self, article_id: int, scope: int | None) -> bool:
        return await self._write(_delete, article_id, scope)

    async def compact(self) -> bool:
        """Merge the full-text index into one segment when that pays (see `_compact`)."""
        return await self._write(_compact)

    # --- reading --------------------------------------------------------------------------

    async def read(self, job: Callable[[Reader], T]) -> T:
        return await self._read(_as_reader, job)

    async def _read(self, job: Callable[..., R], *args: object) -> R:
        """`job(connection, *args)` on a reader thread, with a read connection to itself."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._read_threads, self._run_read, job, args)

    def _run_read(self, job: Callable[..., R], args: tuple) -> R:
        """One job on a free read connection, in one read transaction: every look-up of the
        job sees the archive as it was when the first one ran (runs on a reader thread).
        """
        connection = self._readers.get()
        try:
            connection.execute("BEGIN")
            try:
                return job(connection, *args)
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")
        finally:
            self._readers.put(connection)

    async def recent(self, filters: Filters, limit: int) -> list[ArticleSummary]:
        return await self._read(_recent, filters, limit)

    async def article(self, article_id: int, scope: int | None) -> Article | None:
        return await self._read(_article, article_id, scope)

    async def stats(self, scope: int | None) -> Stats:
        return await self._read(_stats, scope)

    async def articles(self, owners: Sequence[int | None] | None = None) -> AsyncIterator[Article]:
        """Pages through the articles by id, so an export never holds the archive in RAM."""
        last = 0
        while page := await self._read(_article_page, last, owners, _EXPORT_PAGE):
            for article in page:
                yield article
            last = page[-1].summary.id

    async def backup(self, target: Path) -> None:
        await asyncio.to_thread(_backup, self.path, target)


def _as_reader(db: sqlite3.Connection, job: Callable[[Reader], T]) -> T:
    return job(SQLiteReader(db))


@dataclass(frozen=True)
class SQLiteReader:
    """The `Reader` over one read connection, which its job has to itself."""

    db: sqlite3.Connection

    def corpus_stats(self, terms: Sequence[str]) -> CorpusStats:
        sql = (
            "SELECT NULL, passages, total_length FROM corpus UNION ALL "
            "SELECT t.term, t.df, NULL FROM json_each(?) j JOIN terms t ON t.term = j.value"
        )
        rows = self.db.execute(sql, (json.dumps(list(terms)),)).fetchall()
        passages, total = rows[0][1:]
        df = {term: n for term, n, _ in rows[1:]}
        return CorpusStats(passages=passages, avgdl=total / passages if passages else 0.0, df=df)

    def candidates(
        self,
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
            found = _champion_candidates(self.db, terms, filters, limit, weights, df)
            narrowed = filters.since or filters.until or filters.source
            if len(found) >= min(limit, _ENOUGH) or not narrowed:
                return found
        return _fts_candidates(self.db, terms, filters, limit)

    def newest_published(self, filters: Filters) -> datetime | None:
        """Walks the published_ts index from the newest end: one probe at any archive size."""
        where, params = _visible(filters)
        sql = (
            f"SELECT a.published FROM articles a WHERE a.published_ts IS NOT NULL AND {where} "
            "ORDER BY a.published_ts DESC LIMIT 1"
        )
        row = self.db.execute(sql, params).fetchone()
        return datetime.fromisoformat(row[0]) if row else None


# --- browsing: read jobs --------------------------------------------------------------------

# What an article holds besides its summary (`_article_from` reads them in this order).
_ARTICLE_COLUMNS = (
    f"{_SUMMARY_COLUMNS}, a.body, a.places, a.dateline, a.url, a.added_by, a.added_at, a.warnings"
)


def _recent(db: sqlite3.Connection, filters: Filters, limit: int) -> list[ArticleSummary]:
    where, params = _visible(filters)
    sql = (
        f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE {where} "
        "ORDER BY a.published_ts IS NULL, a.published_ts DESC, a.id DESC LIMIT ?"
    )
    return [_summary(row) for row in db.execute(sql, (*params, limit)).fetchall()]


def _article(db: sqlite3.Connection, article_id: int, scope: int | None) -> Article | None:
    where, params = _visible(Filters(scope=scope))
    sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ? AND {where}"
    row = db.execute(sql, (article_id, *params)).fetchone()
    return _article_from(row) if row else None


def _article_page(
    db: sqlite3.Connection, after: int, owners: Sequence[int | None] | None, size: int
) -> list[Article]:
    """The first `size` articles after id `after`, in id order; of the `owners` scopes only,
    if given."""
    owned, params = "", ()
    if owners is not None:
        scopes = [scope for scope in owners if scope is not None]
        owned = "AND (a.scope IN (SELECT value FROM json_each(?)) OR (? AND a.scope IS NULL))"
        params = (json.dumps(scopes), None in owners)
    sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id > ? {owned} ORDER BY a.id LIMIT ?"
    return [_article_from(row) for row in db.execute(sql, (after, *params, size))]


def _article_from(row: tuple) -> Article:
    body, places, dateline, url, added_by, added_at, warnings = row[9:]
    return Article(
        summary=_summary(row[:9]),
        body=tuple(body.split("\n\n")) if body else (),
        places=tuple(json.loads(places)),
        dateline=dateline,
        url=url,
        added_by=added_by,
        added_at=datetime.fromisoformat(added_at),
        warnings=tuple(json.loads(warnings)),
    )


def _stats(db: sqlite3.Connection, scope: int | None) -> Stats:
    where, params = _visible(Filters(scope=scope))
    articles, sources, oldest, newest = db.execute(
        "SELECT count(*), count(DISTINCT a.source), min(a.published_ts), "
        f"max(a.published_ts) FROM articles a WHERE {where}",
        params,
    ).fetchone()
    (passages,) = db.execute(
        f"SELECT count(*) FROM passages p JOIN articles a ON a.id = p.article_id WHERE {where}",
        params,
    ).fetchone()
    pages, page_size = db.execute(
        "SELECT * FROM pragma_page_count(), pragma_page_size()"
    ).fetchone()
    return Stats(
        articles=articles,
        passages=passages,
        sources=sources,
        oldest=_from_ts(oldest),
        newest=_from_ts(newest),
        database_bytes=pages * page_size,
    )


# --- helpers ------------------------------------------------------------------------------


def _backup(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent snapshot even while the bot writes.

    Copies in steps so writers are held up for milliseconds at a time, then checks the
    copy before reporting success.
    """
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=1024)
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError(f"the backup at {target} failed its integrity check")
    finally:
        dst.close()
        src.close()


def _open_writer(path: Path) -> sqlite3.Connection:
    """Create the file if needed, switch it to WAL, migrate, and keep the connection to write.

    Runs on the writer thread, which owns the connection from then on.
    """
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        migrate(connection)
        connection.execute(
            "INSERT INTO meta (key, value) VALUES ('analyzer', ?) ON CONFLICT (key) DO NOTHING",
            (ANALYZER_VERSION,),
        )
        for pragma in (*_PRAGMAS, f"PRAGMA wal_autocheckpoint = {_WAL_PAGES}"):
            connection.execute(pragma)
    except BaseException:
        connection.close()
        raise
    return connection


_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA busy_timeout = 30000",
    f"PRAGMA cache_size = -{_CACHE_KIB}",
    "PRAGMA temp_store = MEMORY",
)
_READ_PRAGMAS = (*_PRAGMAS, "PRAGMA query_only = ON")


def _open_reader(path: Path) -> sqlite3.Connection:
    """A read connection for read jobs; any reader thread may use it, one at a time."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in _READ_PRAGMAS:
        connection.execute(pragma)
    return connection


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
    where, params = _visible(filters)
    best = champions.scored_sql(scope_clause, rare=len(rare), limited=not narrowed)
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
        + f"SELECT p.id, p.position, p.text, p.terms, {_SUMMARY_COLUMNS} "
        f"FROM picked JOIN passages p ON p.id = picked.id {_ARTICLE_JOIN} WHERE {where} "
        + ("ORDER BY picked.score DESC, p.id DESC " if narrowed else "")
        + "LIMIT ?"
    )
    best_params = (
        json.dumps(common),
        *scope_params,
        *map(champions.quote, rare),
        *([] if narrowed else [limit]),
    )
    together_params = (*choice_params, limit) if choice else ()
    rows = db.execute(sql, (*best_params, *together_params, *params, 2 * limit)).fetchall()
    return _candidates(rows)


def _together_choice(
    rarest: Sequence[str], df: Mapping[str, int], more_terms: bool, limit: int
) -> tuple[str, tuple[object, ...]]:
    """SQL for the CTE `choice (query, ranked)`: which passages `together` takes, and
    whether it must rank them to pick `limit`; empty when `best` already has them all.

    Ranking the passages that hold two of the three rarest terms is what grows with the
    archive: FTS5's BM25 counts every passage holding each term, twice, and scores every
    passage in the intersection (1-3 ms at 100,000 articles, 0.3 at 10,000). When the
    question has further terms to tell passages apart and at least _ALL_THREE passages
    hold all three rarest terms, those are the ones exact scoring wants, and up to `limit`
    of them need no ranking at all: finding them costs an intersection, not a count of
    every passage holding each term. With three terms or fewer, a short passage holding
    two of them often beats longer ones holding all three, so the pairs stay; they also
    stay when they are cheap to rank (_CHEAP_PAIRS).

    A pair of two rare terms adds nothing: `best` scores every passage holding a rare term
    by FTS5's BM25 over all the question's rare terms, so one holding two of them ranks
    high there already. Only pairs with a common term, whose champion list may lack the
    passage, are searched.
    """
    pairs = " OR ".join(
        f"({champions.quote(a)} AND {champions.quote(b)})"
        for a, b in itertools.combinations(rarest, 2)
        if max(df.get(a, 0), df.get(b, 0)) > champions.COMMON
    )
    if not pairs:
        return "", ()
    held = sum(df.get(t, 0) for t in rarest)
    if len(rarest) < 3 or not more_terms or held < _CHEAP_PAIRS:
        return "choice AS (SELECT ? AS query, 1 AS ranked)", (pairs,)
    all_three = " AND ".join(map(champions.quote, rarest))
    return (
        "choice AS (SELECT CASE WHEN n >= ? THEN ? ELSE ? END AS query, "
        "n < ? OR n > ? AS ranked FROM (SELECT count(*) AS n FROM "
        "(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)))",
        (_ALL_THREE, all_three, pairs, _ALL_THREE, limit, all_three, limit + 1),
    )


def _fts_candidates(
    db: sqlite3.Connection, terms: Sequence[str], filters: Filters, limit: int
) -> list[Candidate]:
    """Candidates by FTS5's own BM25 over every passage that matches any of `terms`."""
    match = " OR ".join(map(champions.quote, terms))
    where, params = _visible(filters)
    sql = (
        f"SELECT p.id, p.position, p.text, p.terms, {_SUMMARY_COLUMNS} "
        f"FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid {_ARTICLE_JOIN} "
        f"WHERE passages_fts MATCH ? AND {where} "
        "ORDER BY passages_fts.rank, p.id LIMIT ?"
    )
    return _candidates(db.execute(sql, (match, *params, limit)).fetchall())


def _candidates(rows: Sequence[tuple]) -> list[Candidate]:
    """Candidates from rows of passage and article columns."""
    return [
        Candidate(
            passage_id=row[0],
            position=row[1],
            text=row[2],
            terms=tuple(row[3].split()),
            article=_summary(row[4:]),
        )
        for row in rows
    ]


def _visible(filters: Filters) -> tuple[str, tuple[object, ...]]:
    """SQL condition on `articles a` for what a server (or the operator) may see."""
    if filters.scope is None:
        clauses, params = ["a.scope IS NULL"], []
    else:
        clauses, params = ["(a.scope IS NULL OR a.scope = ?)"], [filters.scope]
    if filters.since is not None:
        clauses.append("a.published_ts >= ?")
        params.append(int(filters.since.timestamp()))
    if filters.until is not None:
        clauses.append("a.published_ts <= ?")
        params.append(int(filters.until.timestamp()))
    if filters.source:
        escaped = filters.source.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append("a.source LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    return " AND ".join(clauses), tuple(params)


@lru_cache(maxsize=_SUMMARIES)
def _summary(row: tuple) -> ArticleSummary:
    """An article's summary, a pure function of its row.

    Questions keep meeting the same articles, and building a summary (a date parsed, nine
    fields set) was most of the work of turning candidate rows into candidates.
    """
    article_id, title, source, agency, published, time_known, updated, file, scope = row
    return ArticleSummary(
        id=article_id,
        title=title,
        source=source,
        agency=agency,
        published=datetime.fromisoformat(published) if published else None,
        time_known=bool(time_known),
        updated=bool(updated),
        file=file,
        scope=scope,
    )


def _from_ts(ts: int | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC) if ts is not None else None


def _in_transaction(db: sqlite3.Connection, work: Callable[..., object], args: tuple) -> object:
    """Run `work` as one transaction, with the garbage collector's full collections held off.

    A big batch puts hundreds of thousands of objects in the collector's care, and every
    full collection walked them all (30-85 ms, about 20 times in a 10,000-article import).
    Pausing the collector altogether during a write left the young objects of the whole
    write to the first collection after it: 50-85 ms, and loop stalls of 103 and 113 ms.
    """
    with no_full_collections():
        db.execute("BEGIN IMMEDIATE")
        try:
            result = work(db, *args)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return result


def _compact(db: sqlite3.Connection) -> bool:
    """Merge FTS5's segments into one, if there are many or the newer ones are big.

    Each write transaction adds a segment to the full-text index, and FTS5's own merging
    leaves a dozen or so after a big import. Every search looks its terms up in each one:
    with 13 segments at 10,000 articles the candidate statement took 13% longer than with
    one. Merging rewrites the whole index (0.2 s at 10,000 articles, 1.6 s at 100,000),
    so it runs after an import, never per batch, and only when the segments besides the
    largest hold a good share of the index (a bulk import) or there are many of them (a
    long run of small uploads): the cost of merging stays in proportion to what was added.
    """
    pages = [n for (n,) in db.execute("SELECT count(*) FROM passages_fts_idx GROUP BY segid")]
    if not _worth_merging(pages):
        return False
    db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')")
    return True


def _worth_merging(pages: Sequence[int]) -> bool:
    """Given the size of each segment (in leaf pages), is one merge of them all worth it?"""
    if len(pages) < 2:
        return False
    newer = sum(pages) - max(pages)
    return len(pages) > _MAX_SEGMENTS or newer * _NEW_SHARE >= sum(pages)


def _delete(db: sqlite3.Connection, article_id: int, scope: int | None) -> bool:
    row = db.execute(
        "SELECT id FROM articles WHERE id = ? AND scope IS ?", (article_id, scope)
    ).fetchone()
    if row is None:
        return False
    rows = db.execute(
        "SELECT id, terms FROM passages WHERE article_id = ?", (article_id,)
    ).fetchall()
    passages = [(passage_id, terms.split()) for passage_id, terms in rows]
    df: Counter[str] = Counter()
    for _, terms in passages:
        df.update(set(terms))
    db.executemany(
        "INSERT INTO passages_fts (passages_fts, rowid, terms) VALUES ('delete', ?, ?)", rows
    )
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    db.executemany("UPDATE terms SET df = df - ? WHERE term = ?", [(n, t) for t, n in df.items()])
    db.executemany("DELETE FROM terms WHERE term = ? AND df <= 0", [(t,) for t in df])
    db.execute(
        "UPDATE corpus SET passages = passages - ?, total_length = total_length - ?",
        (len(passages), sum(len(terms) for _, terms in passages)),
    )
    champions.remove(db, passages)
    return True


def _insert(
    db: sqlite3.Connection,
    articles: Sequence[PreparedArticle],
    scope: int | None,
    added_by: str | None,
) -> list[Stored]:
    """Insert what is new; runs inside the caller's transaction.

    The full-text index gets the batch's passages in one statement (schema migration 3
    says why not by trigger), and `_delete` takes them out likewise.
    """
    hashes = sorted({a.body_hash for a in articles})
    existing = dict(
        db.execute(
            "SELECT j.value, min(a.id) FROM json_each(?) j JOIN articles a "
            "ON coalesce(a.scope, 0) IN (0, ?) AND a.body_hash = j.value GROUP BY j.value",
            (json.dumps(hashes), scope or 0),
        )
    )
    (next_article,) = db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()
    (next_passage,) = db.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()
    now = datetime.now(UTC).isoformat(timespec="seconds")

    results: list[Stored] = []
    article_rows, passage_rows = [], []
    new_passages: list[champions.Fresh] = []
    for prepared in articles:
        if prepared.body_hash in existing:
            results.append(Stored(existing[prepared.body_hash], duplicate=True))
            continue
        article_id = next_article
        next_article += 1
        existing[prepared.body_hash] = article_id
        results.append(Stored(article_id, duplicate=False))
        article_rows.append(_article_row(article_id, prepared, scope, added_by, now))
        for position, passage in enumerate(prepared.passages):
            terms = passage.terms
            passage_rows.append(
                (next_passage, article_id, position, passage.text, " ".join(terms), len(terms))
            )
            new_passages.append((next_passage, terms))
            next_passage += 1
    df = Counter(itertools.chain.from_iterable(set(terms) for _, terms in new_passages))
    total_length = sum(row[5] for row in passage_rows)

    db.executemany(
        "INSERT INTO articles (id, scope, title, source, agency, places, dateline, url, "
        "published, published_ts, time_known, updated, body, body_hash, file, added_by, "
        "added_at, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        article_rows,
    )
    db.executemany(
        "INSERT INTO passages (id, article_id, position, text, terms, length) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        passage_rows,
    )
    db.executemany(
        "INSERT INTO passage_stats (id, length, scope) VALUES (?, ?, ?)",
        [(row[0], row[5], scope) for row in passage_rows],
    )
    db.executemany(
        "INSERT INTO passages_fts (rowid, terms) VALUES (?, ?)",
        [(row[0], row[4]) for row in passage_rows],
    )
    counted: dict[str, int] = {}
    for counts in _key_ranges(df, _TERMS_PER_STATEMENT):
        counted.update(
            db.execute(
                "INSERT INTO terms (term, df) SELECT key, value FROM json_each(?) WHERE true "
                "ORDER BY key ON CONFLICT (term) DO UPDATE SET df = df + excluded.df "
                "RETURNING term, df",
                (json.dumps(counts),),
            ).fetchall()
        )
    db.execute(
        "UPDATE corpus SET passages = passages + ?, total_length = total_length + ?",
        (len(passage_rows), total_length),
    )
    champions.add(db, new_passages, scope, counted)
    return results


def _key_ranges(counts: Mapping[str, int], size: int) -> Iterator[dict[str, int]]:
    """`counts` in dicts of about `size` terms, each a range of terms, in term order.

    A big batch counts some 35,000 distinct terms, and encoding them as one JSON object
    was one call into C that held the GIL, and with it the event loop, for 50 to 175 ms.
    Grouped by their first two letters, the terms still reach the index in ranges that
    each touch a run of neighbouring pages; SQLite sorts each range itself.
    """
    groups: dict[str, list[str]] = {}
    for term in counts:
        groups.setdefault(term[:2], []).append(term)
    chunk: dict[str, int] = {}
    for prefix in sorted(groups):
        for term in groups[prefix]:
            chunk[term] = counts[term]
        if len(chunk) >= size:
            yield chunk
            chunk = {}
    if chunk:
        yield chunk


def _article_row(
    article_id: int, prepared: PreparedArticle, scope: int | None, added_by: str | None, now: str
) -> tuple:
    a = prepared.article
    return (
        article_id,
        scope,
        a.title,
        a.source,
        a.agency,
        json.dumps(list(a.places), ensure_ascii=False),
        a.dateline,
        a.url,
        a.published.isoformat() if a.published else None,
        int(a.published.timestamp()) if a.published else None,
        int(a.time_known),
        int(a.updated),
        "\n\n".join(a.body),
        prepared.body_hash,
        prepared.file,
        added_by,
        now,
        json.dumps(list(a.warnings), ensure_ascii=False),
    )
