"""The archive's public face: what the CLI, the terminal chat and the Discord bot call.

It ties the pieces together without owning any of them: files are read and prepared in a
worker (storage/ingest/), stored through a `Store`, and questions are ranked by
storage/search/. Every method is a coroutine that keeps the event loop free.

A big import is a pipeline: while one batch is stored, the next ones are parsed and
analysed in worker processes (threads would hold the GIL the event loop needs), so on
two cores parsing and storing overlap and questions are still answered meanwhile. The
garbage collector's full collections wait until the import is over, and threads take
the GIL in short turns meanwhile (storage/responsive.py): the event loop shares the GIL
with the writer and the threads that receive parsed batches.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from storage.ingest.formats import UPLOAD_EXTENSIONS, extension
from storage.ingest.prepare import PreparedFile, Source, prepare_batch
from storage.ingest.sources import count_files, expand_paths, has_files, unpack
from storage.language.dates import format_date, parse_period
from storage.language.text import (
    ANALYZER_VERSION,
    aligned_spans,
    analyse,
    sentence_spans,
    term_spans,
)
from storage.models import (
    Article,
    ArticleSummary,
    Filters,
    ImportLimits,
    JsonLines,
    SourceFile,
    Stats,
    Verdict,
    Vote,
)
from storage.responsive import no_full_collections, short_gil_turns
from storage.search.asking import Ask, Expect
from storage.search.mentions import (
    DEMONSTRATIVES,
    FULL,
    Mention,
    Reading,
    headed,
    holds,
    in_passage,
    mentions,
    negates,
    persons,
    placed_in,
)
from storage.search.query import Concept
from storage.search.rank import search
from storage.search.result import Hit, SearchResult
from storage.search.unknown import says_planned, says_unknown
from storage.search.wordclasses import PENALTY
from storage.sqlite.store import SQLiteStore
from storage.store import (
    MAX_ID,
    MOVED,
    ArchiveError,
    PreparedArticle,
    Store,
    Stored,
    check_scope,
    is_dsn,
    shown,
)

# Besides `Archive`, what the front ends (bot/) may use; they import nothing else from
# storage/ but storage.models (an import-linter contract in pyproject.toml).
__all__ = [
    "DEMONSTRATIVES",
    "FULL",
    "MAX_ID",
    "PENALTY",
    "UPLOAD_EXTENSIONS",
    "Archive",
    "ArchiveError",
    "Ask",
    "Concept",
    "Expect",
    "Hit",
    "Mention",
    "Reading",
    "SearchResult",
    "aligned_spans",
    "count_files",
    "extension",
    "format_date",
    "has_files",
    "headed",
    "holds",
    "in_passage",
    "is_dsn",
    "mentions",
    "negates",
    "parse_period",
    "persons",
    "placed_in",
    "says_planned",
    "says_unknown",
    "sentence_spans",
    "shown",
    "term_spans",
]

log = logging.getLogger(__name__)

# Files parsed as one job by a worker; a part of a big JSON-lines file counts as the
# records it holds, and so do the records of a JSON file when they are stored.
BATCH_FILES = 64
# Batches parsed ahead of the one being stored, and the processes that parse them (one per
# core besides the importing process's, at most two). The batches already parsed are
# stored together, up to STORE_FILES in one transaction, and the writer waits for at least
# MIN_STORE files unless the import ends sooner: a commit rewrites most pages of the
# champion lists whatever its size, so bigger commits cost less writer CPU per article, at
# the price of the importing process's memory (figures in docs/performance-history.md).
PREPARE_AHEAD = 32
STORE_FILES = 2048
MIN_STORE = STORE_FILES // 2
PREPARE_WORKERS = max(1, min(2, (os.cpu_count() or 2) - 1))
# A stored batch's verdicts (one per file or JSON record) reach the caller this many at a
# time, with the event loop free in between: handing out thousands at once holds the loop.
VERDICTS_PER_TURN = 256


class Archive:
    """An archive of articles over a `Store`. Open one with `await Archive.open(target)`."""

    def __init__(self, store: Store, limits: ImportLimits | None = None) -> None:
        self.store = store
        self.limits = limits or ImportLimits()
        self._workers: asyncio.Future[ProcessPoolExecutor] | None = None
        self._workers_broken = False
        self._outdated: ArchiveError | None = None

    @classmethod
    async def open(
        cls,
        target: str | Path,
        limits: ImportLimits | None = None,
        *,
        read_only: bool = False,
        outdated_ok: bool = False,
        replicas: Sequence[str] = (),
    ) -> Archive:
        """The archive in the SQLite file at `target`, or in the PostgreSQL database it
        names (a postgresql:// or postgres:// URI, `is_dsn`), created if need be;
        ArchiveError if it cannot be used.

        `read_only` for asking and browsing, which then never wait for another process's
        import, and work on read-only storage. An archive indexed by another analyser than
        this version's (`_check_index`) is refused unless `outdated_ok`: browsing, copying
        and re-indexing it are fine, questions and imports still raise. `replicas` names
        streaming replicas of a PostgreSQL archive's server, which then take the questions
        and browsing while writes go to `target`.
        """
        store = await open_store(target, read_only, replicas)
        archive = cls(store, limits)
        try:
            await archive._check_index(str(target), read_only)
            if archive._outdated is not None and not outdated_ok:
                raise archive._outdated
        except BaseException:
            await store.close()
            raise
        return archive

    async def _check_index(self, path: str, read_only: bool) -> None:
        """Stored terms are only found by questions analysed the same way: an archive
        indexed by another analyser (another stemmer, other stop words) would be searched
        wrongly without a word. A new archive records this version's."""
        built = await self.store.analyzer()
        if built is None and not read_only:
            await self.store.reindex(analyse, ANALYZER_VERSION)
        elif built is not None and built != ANALYZER_VERSION:
            detail = f"indexed with {built}, this version analyses with {ANALYZER_VERSION}"
            self._outdated = ArchiveError(
                "outdated_index", path, detail, built=built, current=ANALYZER_VERSION
            )

    def _refuse_outdated(self) -> None:
        if self._outdated is not None:
            raise self._outdated

    async def reindex(self) -> int:
        """Analyse every passage again with this version's analyser; returns how many."""
        passages = await self.store.reindex(analyse, ANALYZER_VERSION)
        self._outdated = None
        await self._compact()
        return passages

    async def close(self) -> None:
        if self._workers is not None:
            try:
                workers = await self._workers
            except (OSError, RuntimeError):
                workers = None
            if workers is not None:
                await asyncio.to_thread(workers.shutdown, cancel_futures=True)
            self._workers = None
        await self.store.close()

    async def __aenter__(self) -> Archive:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- adding ---------------------------------------------------------------------------

    def import_paths(
        self, paths: Iterable[str | Path], scope: int | None = None, added_by: str | None = None
    ) -> AsyncIterator[Verdict]:
        """Import files, folders and zips; yields one verdict per file, zip entry or record.

        The operator's import restores an export: a JSON record that says who added it and
        when keeps that (`added_by` and now are for those that do not), and without a
        `scope` of the import's own, each record goes to the collection it names.
        """
        check_scope(scope)
        self._refuse_outdated()
        return self._import(expand_paths(paths, self.limits), scope, added_by, restore=True)

    def import_file(
        self, file: SourceFile, scope: int | None = None, added_by: str | None = None
    ) -> AsyncIterator[Verdict]:
        """Import one uploaded file (a zip is unpacked); yields verdicts as `import_paths`.

        What its records say of who added them, when and for which collection is ignored:
        an upload must not forge its provenance or publish into another server's articles.
        """
        check_scope(scope)
        self._refuse_outdated()
        return self._import(unpack(file, self.limits), scope, added_by, restore=False)

    async def _import(
        self, sources: Iterator[Source], scope: int | None, added_by: str | None, restore: bool
    ) -> AsyncIterator[Verdict]:
        preparing: deque[asyncio.Future[list[PreparedFile | Verdict]]] = deque()
        more = True
        added = False

        async def top_up() -> None:
            nonlocal more
            while more and len(preparing) < PREPARE_AHEAD:
                raw, more = await asyncio.to_thread(_take, sources)
                if raw:
                    preparing.append(self._prepare(raw, alone=not preparing and not more))

        try:
            with no_full_collections(), short_gil_turns():
                while True:
                    await top_up()
                    if not preparing:
                        break
                    batch = await preparing.popleft()
                    size = _size(batch)
                    while preparing and size < STORE_FILES:
                        if not preparing[0].done() and size >= MIN_STORE:
                            break
                        parsed = await preparing.popleft()
                        batch += parsed
                        size += _size(parsed)
                    await top_up()
                    async for verdict in self._store(batch, scope, added_by, restore):
                        added |= verdict.status == "added"
                        yield verdict
                    await asyncio.to_thread(_let_go, batch)
        finally:
            for waiting in preparing:
                waiting.cancel()
        if added:
            await self._compact()

    async def _compact(self) -> None:
        """Tidy the index after an import; the articles are stored whether or not this works."""
        try:
            await self.store.compact()
        except Exception:
            log.exception("compacting the full-text index after an import failed")

    def _prepare(
        self, raw: list[Source], alone: bool
    ) -> asyncio.Future[list[PreparedFile | Verdict]]:
        """Parse a batch in a worker process, or in a thread when it is the whole import.

        An upload of a few files is done before a process pool would have started. If
        worker processes cannot run here (a script without an `if __name__ ==
        "__main__":` guard, a sandbox without fork), threads take over.
        """
        if alone or self._workers_broken:
            return asyncio.ensure_future(asyncio.to_thread(prepare_batch, raw, self.limits))
        if self._workers is None:
            self._workers = asyncio.ensure_future(asyncio.to_thread(_start_workers))
        return asyncio.ensure_future(self._prepare_in_process(raw))

    async def _prepare_in_process(self, raw: list[Source]) -> list[PreparedFile | Verdict]:
        loop = asyncio.get_running_loop()
        try:
            workers = await asyncio.shield(self._workers)
            return await loop.run_in_executor(workers, prepare_batch, raw, self.limits)
        except (BrokenProcessPool, OSError, RuntimeError):
            if not self._workers_broken:
                log.warning("worker processes failed; preparing imports in a thread instead")
            self._workers_broken = True
            return await asyncio.to_thread(prepare_batch, raw, self.limits)

    async def _store(
        self,
        batch: list[PreparedFile | Verdict],
        scope: int | None,
        added_by: str | None,
        restore: bool,
    ) -> AsyncIterator[Verdict]:
        articles = [
            item if restore else _as_uploaded(item)
            for prepared in batch
            if isinstance(prepared, PreparedFile)
            for item in prepared.items
            if isinstance(item, PreparedArticle)
        ]
        stored = iter(await self._add(articles, scope, added_by))
        handed = 0
        for prepared in batch:
            verdicts = (prepared,) if isinstance(prepared, Verdict) else _verdicts(prepared, stored)
            for verdict in verdicts:
                yield verdict
                handed += 1
                if handed % VERDICTS_PER_TURN == 0:
                    await asyncio.sleep(0)

    async def _add(
        self, articles: list[PreparedArticle], scope: int | None, added_by: str | None
    ) -> list[Stored | None]:
        """Store a batch, each article in its collection: `scope`, or else the one its
        record names. One transaction per collection the batch holds, so the new ids
        follow the collections, then the order within each. None for the articles of a
        transaction that failed (the log says why); an `ArchiveError` ends the import."""
        owners: dict[int | None, list[int]] = {}
        for index, prepared in enumerate(articles):
            owner = scope if scope is not None else prepared.article.scope
            owners.setdefault(owner, []).append(index)
        results: list[Stored | None] = [None] * len(articles)
        for owner, indices in owners.items():
            try:
                stored = await self.store.add([articles[i] for i in indices], owner, added_by)
            except ArchiveError:
                raise  # the archive's state (busy, read-only, gone), which no later batch escapes
            except Exception:
                log.exception("storing a batch of %d articles failed", len(indices))
                continue
            for index, result in zip(indices, stored, strict=True):
                results[index] = result
        return results

    # --- asking and browsing --------------------------------------------------------------

    async def search(
        self,
        question: str,
        filters: Filters | None = None,
        limit: int = 50,
        *,
        carried: Sequence[Concept] = (),
    ) -> SearchResult:
        """Rank passages for `question`. `carried` are concepts of an earlier question of
        the same conversation (`SearchResult.query.concepts`) that this one leaves unsaid:
        "wanneer was dat?" after "Wat zei Stoltenberg over kernwapens?"."""
        self._refuse_outdated()
        return await search(self.store, question, filters or Filters(), limit, carried)

    async def recent(self, filters: Filters | None = None, limit: int = 10) -> list[ArticleSummary]:
        return await self.store.recent(filters or Filters(), limit)

    async def article(self, article_id: int, scope: int | None = None) -> Article | None:
        return await self.store.article(article_id, scope)

    async def delete(self, article_id: int, scope: int | None = None) -> bool:
        """Delete an article owned by `scope` (a server cannot delete the global collection)."""
        return await self.store.delete(article_id, scope)

    async def stats(self, scope: int | None = None) -> Stats:
        return await self.store.stats(scope)

    # --- members' feedback (README, "Privacy") --------------------------------------------

    async def vote(self, vote: Vote) -> None:
        """Keep a member's 👍 or 👎 on an answer. A second press by the same member on the
        same answer replaces the first; each server's votes are its own. ValueError for
        a vote no Discord button can send (an id out of range)."""
        await self.store.vote(vote)

    async def votes(self, since: datetime | None = None) -> list[Vote]:
        """Every server's votes (pressed at or after `since`), oldest first. The archive
        does not keep who voted: `Vote.member` is 0."""
        return await self.store.votes(since)

    async def forget_votes(
        self, *, before: datetime | None = None, member: int | None = None
    ) -> int:
        """Delete the votes pressed before `before` (every vote, if None), only those of
        `member` (a Discord user id) if given; returns how many were deleted."""
        return await self.store.forget_votes(before, member)

    # --- safe keeping -----------------------------------------------------------------------

    def export(self, owners: Sequence[int | None] | None = None) -> AsyncIterator[Article]:
        """Every article (or those of the given owner scopes), oldest id first."""
        return self.store.articles(owners)

    async def copy_into(self, target: Archive) -> dict[str, int]:
        """Copy every article, passage and champion list into the empty archive `target`
        (either store), ids and all; returns the rows copied per table (MOVED).

        The copy reads page by page, so imports and deletes must wait until it is done;
        questions need not.
        """
        copied = dict.fromkeys(MOVED, 0)
        for table in MOVED:
            async for rows in self.store.dump(table):
                await target.store.load(table, rows)
                copied[table] += len(rows)
        await target._compact()
        return copied

    async def counts(self) -> dict[str, int]:
        """The rows the archive holds per table (MOVED): what a copy must match."""
        return {table: await self.store.count(table) for table in MOVED}

    async def clear(self) -> None:
        """Delete every article, of every server: only ever before a copy replaces them."""
        await self.store.clear()

    async def same_as(self, other: Archive) -> bool:
        """Whether `other` is this very archive under another name (a link, another
        spelling of the URI): clearing one would clear both."""
        return await self.store.identity() == await other.store.identity()

    async def backup(self, target: str | Path) -> None:
        """Copy the whole archive to `target`, a new file in a folder that exists; OSError
        if it cannot be written (FileExistsError if it exists). A copy that fails part-way
        is removed: it is no backup and must not look like one."""
        target = Path(target)
        await asyncio.to_thread(_create_new, target)
        try:
            await self.store.backup(target)
        except BaseException:
            await asyncio.to_thread(target.unlink, missing_ok=True)
            raise


def _create_new(path: Path) -> None:
    """Create an empty file at `path`, which must not exist (checked and created at once)."""
    path.open("xb").close()


async def open_store(
    target: str | Path, read_only: bool = False, replicas: Sequence[str] = ()
) -> Store:
    """The store `target` names. PostgreSQL's driver is an extra (archivaris[postgres]),
    imported only when a database is named. Only a PostgreSQL archive has `replicas`."""
    if not is_dsn(target):
        if replicas:
            raise ValueError("read replicas need an archive in PostgreSQL, not an SQLite file")
        return await SQLiteStore.open(target, read_only=read_only)
    try:
        from storage.postgres.store import PostgresStore
    except ImportError as missing:
        raise ArchiveError("no_driver", shown(target), str(missing)) from missing
    return await PostgresStore.open(str(target), read_only=read_only, replicas=replicas)


def _let_go(batch: list) -> None:
    """Free a stored batch one file at a time (runs in a thread).

    Dropping the whole batch at once frees its hundreds of thousands of objects in one
    call into C, which holds the GIL (and so the event loop) throughout; one file's objects
    at a time, other threads get the GIL in between.
    """
    while batch:
        batch.pop()


def _take(sources: Iterator[Source]) -> tuple[list[Source], bool]:
    """The next batch of inputs (files still to read, a zip's entries, parts of a big
    JSON-lines file), and whether more may follow (runs in a thread)."""
    batch: list[Source] = []
    weight = 0
    for source in sources:
        batch.append(source)
        weight += source.records if isinstance(source, JsonLines) else 1
        if weight >= BATCH_FILES:
            return batch, True
    return batch, False


def _size(batch: list[PreparedFile | Verdict]) -> int:
    """How many verdicts a parsed batch will give: one per file, zip entry or record."""
    return sum(len(item.items) if isinstance(item, PreparedFile) else 1 for item in batch)


def _start_workers() -> ProcessPoolExecutor:
    """A pool whose processes are already running: starting them takes a tenth of a second,
    which must not happen on the event loop (runs in a thread)."""
    workers = ProcessPoolExecutor(
        PREPARE_WORKERS, mp_context=_process_context(), initializer=_exit_with_parent
    )
    for started in [workers.submit(int) for _ in range(PREPARE_WORKERS)]:
        started.result()
    return workers


def _exit_with_parent() -> None:
    """A worker ends when the process that started it does, however that ends.

    A pool's workers wait on a queue whose writing end they hold themselves, so when the
    bot or the CLI is killed (kill -9, out of memory) they would wait forever, and with
    them the forkserver. Runs in each worker as it starts.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="archivaris-parent-watch", daemon=True).start()


def _process_context() -> multiprocessing.context.BaseContext:
    """Fresh worker processes, never forks of this one.

    A fork copies the locks other threads hold at that moment (the stemmer's, SQLite's)
    and the child could wait on them forever.
    """
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _as_uploaded(prepared: PreparedArticle) -> PreparedArticle:
    """The article without what its record said of who added it, when and for whom."""
    article = prepared.article
    if article.added_by is None and article.added_at is None and article.scope is None:
        return prepared
    return replace(prepared, article=replace(article, added_by=None, added_at=None, scope=None))


def _verdicts(prepared: PreparedFile, stored: Iterator[Stored | None]) -> Iterator[Verdict]:
    """A verdict for each article and rejection of a file, numbered when the file held
    several records; an article stored as None could not be stored (the log says why)."""
    record_numbers = prepared.first_record is not None or len(prepared.items) > 1
    for number, item in enumerate(prepared.items, start=prepared.first_record or 1):
        record = number if record_numbers else None
        if isinstance(item, Verdict):
            yield replace(item, record=record)
            continue
        result = next(stored)
        if result is None:
            yield Verdict(prepared.name, "rejected", "store_failed", record=record)
        else:
            yield Verdict(
                prepared.name,
                "duplicate" if result.duplicate else "added",
                "duplicate" if result.duplicate else None,
                article_id=result.article_id,
                warnings=item.article.warnings,
                record=record,
            )
