"""The archive in one SQLite file: WAL mode, one writer connection, a small pool of readers.

WAL lets questions be answered from the reader connections while an import holds the
writer, so a big upload never makes the bot wait for the database. BM25 statistics
(passage count, total length, per-term document frequency) are kept in tables and updated
in the same transaction as the passages they describe, so ranking never scans the corpus.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from .models import Article, ArticleSummary, Filters, Stats
from .schema import migrate
from .store import Candidate, CorpusStats, PreparedArticle, Stored
from .text import ANALYZER_VERSION

_SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.agency, a.published, a.time_known, a.updated, a.file, a.scope"
)
_CACHE_KIB = 16 * 1024


class SQLiteStore:
    """The `Store` over one SQLite file. Open with `await SQLiteStore.open(path)`."""

    def __init__(
        self, path: Path, writer: aiosqlite.Connection, readers: list[aiosqlite.Connection]
    ) -> None:
        self.path = path
        self._writer = writer
        self._write_lock = asyncio.Lock()
        self._readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._all_readers = readers
        for reader in readers:
            self._readers.put_nowait(reader)

    @classmethod
    async def open(cls, path: str | Path, readers: int = 2) -> SQLiteStore:
        path = Path(path)
        await asyncio.to_thread(_initialise, path)
        writer = await _connect(path)
        pool = [await _connect(path, read_only=True) for _ in range(readers)]
        return cls(path, writer, pool)

    async def close(self) -> None:
        for connection in [self._writer, *self._all_readers]:
            await connection.close()

    @asynccontextmanager
    async def _reader(self) -> AsyncIterator[aiosqlite.Connection]:
        connection = await self._readers.get()
        try:
            yield connection
        finally:
            self._readers.put_nowait(connection)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")

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
        async with self._transaction() as db:
            return await _insert(db, articles, scope, added_by)

    async def delete(self, article_id: int, scope: int | None) -> bool:
        async with self._transaction() as db:
            row = await _fetchone(
                db, "SELECT id FROM articles WHERE id = ? AND scope IS ?", (article_id, scope)
            )
            if row is None:
                return False
            rows = await _fetchall(
                db, "SELECT terms, length FROM passages WHERE article_id = ?", (article_id,)
            )
            df: Counter[str] = Counter()
            for terms, _ in rows:
                df.update(set(terms.split()))
            await db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            await db.executemany(
                "UPDATE terms SET df = df - ? WHERE term = ?", [(n, t) for t, n in df.items()]
            )
            await db.execute("DELETE FROM terms WHERE df <= 0")
            await db.execute(
                "UPDATE corpus SET passages = passages - ?, total_length = total_length - ?",
                (len(rows), sum(length for _, length in rows)),
            )
            return True

    # --- reading --------------------------------------------------------------------------

    async def corpus_stats(self, terms: Sequence[str]) -> CorpusStats:
        async with self._reader() as db:
            passages, total = await _fetchone(db, "SELECT passages, total_length FROM corpus")
            df: dict[str, int] = {}
            if terms:
                marks = ",".join("?" * len(terms))
                sql = f"SELECT term, df FROM terms WHERE term IN ({marks})"
                df = dict(await _fetchall(db, sql, tuple(terms)))
        return CorpusStats(passages=passages, avgdl=total / passages if passages else 0.0, df=df)

    async def candidates(
        self, terms: Sequence[str], filters: Filters, limit: int
    ) -> list[Candidate]:
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        where, params = _visible(filters)
        sql = (
            f"SELECT p.id, p.position, p.text, p.terms, {_SUMMARY_COLUMNS} "
            "FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
            "JOIN articles a ON a.id = p.article_id "
            f"WHERE passages_fts MATCH ? AND {where} "
            "ORDER BY passages_fts.rank, p.id LIMIT ?"
        )
        async with self._reader() as db:
            rows = await _fetchall(db, sql, (match, *params, limit))
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

    async def recent(self, filters: Filters, limit: int) -> list[ArticleSummary]:
        where, params = _visible(filters)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE {where} "
            "ORDER BY a.published_ts IS NULL, a.published_ts DESC, a.id DESC LIMIT ?"
        )
        async with self._reader() as db:
            rows = await _fetchall(db, sql, (*params, limit))
        return [_summary(row) for row in rows]

    async def article(self, article_id: int, scope: int | None) -> Article | None:
        where, params = _visible(Filters(scope=scope))
        sql = (
            f"SELECT {_SUMMARY_COLUMNS}, a.body, a.places, a.dateline, a.url, a.added_by, "
            f"a.added_at, a.warnings FROM articles a WHERE a.id = ? AND {where}"
        )
        async with self._reader() as db:
            row = await _fetchone(db, sql, (article_id, *params))
        if row is None:
            return None
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

    async def stats(self, scope: int | None) -> Stats:
        where, params = _visible(Filters(scope=scope))
        async with self._reader() as db:
            articles, sources, oldest, newest = await _fetchone(
                db,
                "SELECT count(*), count(DISTINCT a.source), min(a.published_ts), "
                f"max(a.published_ts) FROM articles a WHERE {where}",
                params,
            )
            (passages,) = await _fetchone(
                db,
                "SELECT count(*) FROM passages p JOIN articles a ON a.id = p.article_id "
                f"WHERE {where}",
                params,
            )
            pages, page_size = await _fetchone(
                db, "SELECT * FROM pragma_page_count(), pragma_page_size()"
            )
        return Stats(
            articles=articles,
            passages=passages,
            sources=sources,
            oldest=_from_ts(oldest),
            newest=_from_ts(newest),
            database_bytes=pages * page_size,
        )

    async def articles(self, owners: Sequence[int | None] | None = None) -> AsyncIterator[Article]:
        """Pages through the articles by id, so an export never holds the archive in RAM."""
        last = 0
        while True:
            async with self._reader() as db:
                rows = await _fetchall(
                    db, "SELECT id, scope FROM articles WHERE id > ? ORDER BY id LIMIT 500", (last,)
                )
            if not rows:
                return
            for article_id, scope in rows:
                if owners is None or scope in owners:
                    article = await self.article(article_id, scope)
                    if article is not None:
                        yield article
            last = rows[-1][0]

    async def backup(self, target: Path) -> None:
        await asyncio.to_thread(_backup, self.path, target)

    # --- for query understanding (storage/query.py) ------------------------------------

    async def newest_published(self, filters: Filters) -> datetime | None:
        async with self._reader() as db:
            return await _newest_published(db, filters)


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


def _initialise(path: Path) -> None:
    """Create the file if needed, switch it to WAL and run pending migrations."""
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
    finally:
        connection.close()


async def _connect(path: Path, read_only: bool = False) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(path, isolation_level=None)
    for pragma in (
        "PRAGMA foreign_keys = ON",
        "PRAGMA synchronous = NORMAL",
        "PRAGMA busy_timeout = 30000",
        f"PRAGMA cache_size = -{_CACHE_KIB}",
        "PRAGMA temp_store = MEMORY",
        *(["PRAGMA query_only = ON"] if read_only else []),
    ):
        await connection.execute(pragma)
    return connection


async def _fetchone(db: aiosqlite.Connection, sql: str, params: Sequence[object] = ()) -> tuple:
    async with db.execute(sql, params) as cursor:
        return await cursor.fetchone()


async def _fetchall(
    db: aiosqlite.Connection, sql: str, params: Sequence[object] = ()
) -> list[tuple]:
    async with db.execute(sql, params) as cursor:
        return list(await cursor.fetchall())


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


def _summary(row: Sequence) -> ArticleSummary:
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


async def _insert(
    db: aiosqlite.Connection,
    articles: Sequence[PreparedArticle],
    scope: int | None,
    added_by: str | None,
) -> list[Stored]:
    """Insert what is new; runs inside the caller's transaction."""
    hashes = sorted({a.body_hash for a in articles})
    marks = ",".join("?" * len(hashes))
    existing = dict(
        await _fetchall(
            db,
            f"SELECT body_hash, min(id) FROM articles WHERE body_hash IN ({marks}) "
            "AND (scope IS NULL OR scope IS ?) GROUP BY body_hash",
            (*hashes, scope),
        )
    )
    (next_article,) = await _fetchone(db, "SELECT coalesce(max(id), 0) + 1 FROM articles")
    (next_passage,) = await _fetchone(db, "SELECT coalesce(max(id), 0) + 1 FROM passages")
    now = datetime.now(UTC).isoformat(timespec="seconds")

    results: list[Stored] = []
    article_rows, passage_rows = [], []
    df: Counter[str] = Counter()
    total_length = 0
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
            passage_rows.append(
                (
                    next_passage,
                    article_id,
                    position,
                    passage.text,
                    " ".join(passage.terms),
                    len(passage.terms),
                )
            )
            next_passage += 1
            df.update(set(passage.terms))
            total_length += len(passage.terms)

    await db.executemany(
        "INSERT INTO articles (id, scope, title, source, agency, places, dateline, url, "
        "published, published_ts, time_known, updated, body, body_hash, file, added_by, "
        "added_at, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        article_rows,
    )
    await db.executemany(
        "INSERT INTO passages (id, article_id, position, text, terms, length) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        passage_rows,
    )
    await db.executemany(
        "INSERT INTO terms (term, df) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        sorted(df.items()),
    )
    await db.execute(
        "UPDATE corpus SET passages = passages + ?, total_length = total_length + ?",
        (len(passage_rows), total_length),
    )
    return results


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


async def _newest_published(db: aiosqlite.Connection, filters: Filters) -> datetime | None:
    """Walks the published_ts index from the newest end: one probe at any archive size."""
    where, params = _visible(filters)
    sql = (
        f"SELECT a.published FROM articles a WHERE a.published_ts IS NOT NULL AND {where} "
        "ORDER BY a.published_ts DESC LIMIT 1"
    )
    row = await _fetchone(db, sql, params)
    return datetime.fromisoformat(row[0]) if row else None
