"""The archive's public face: what the CLI, the terminal chat and the Discord bot call.

It ties the pieces together without owning any of them: files are read and prepared in a
worker (storage/sources.py, storage/ingest.py), stored through a `Store`, and questions
are ranked by storage/rank.py. Every method is a coroutine that keeps the event loop free.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from .ingest import PreparedFile, prepare_batch
from .models import (
    Article,
    ArticleSummary,
    Filters,
    ImportLimits,
    Rejection,
    SearchResult,
    SourceFile,
    Stats,
    Verdict,
)
from .rank import search
from .sources import expand_paths, unpack
from .sqlite import SQLiteStore
from .store import PreparedArticle, Store

log = logging.getLogger(__name__)

BATCH_FILES = 64


class Archive:
    """An archive of articles over a `Store`. Open one with `await Archive.open(path)`."""

    def __init__(self, store: Store, limits: ImportLimits | None = None) -> None:
        self.store = store
        self.limits = limits or ImportLimits()

    @classmethod
    async def open(cls, path: str | Path, limits: ImportLimits | None = None) -> Archive:
        return cls(await SQLiteStore.open(path), limits)

    async def close(self) -> None:
        await self.store.close()

    async def __aenter__(self) -> Archive:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- adding ---------------------------------------------------------------------------

    def import_paths(
        self, paths: Iterable[str | Path], scope: int | None = None, added_by: str | None = None
    ) -> AsyncIterator[Verdict]:
        """Import files, folders and zips; yields one verdict per file, zip entry or record."""
        return self._import(expand_paths(paths, self.limits), scope, added_by)

    def import_file(
        self, file: SourceFile, scope: int | None = None, added_by: str | None = None
    ) -> AsyncIterator[Verdict]:
        """Import one uploaded file (a zip is unpacked); yields verdicts as `import_paths`."""
        return self._import(unpack(file, self.limits), scope, added_by)

    async def _import(
        self, sources: Iterator[SourceFile | Verdict], scope: int | None, added_by: str | None
    ) -> AsyncIterator[Verdict]:
        while batch := await asyncio.to_thread(_next_batch, sources):
            articles = [
                item
                for prepared in batch
                if isinstance(prepared, PreparedFile)
                for item in prepared.items
                if isinstance(item, PreparedArticle)
            ]
            try:
                stored = iter(await self.store.add(articles, scope, added_by))
                failure = None
            except Exception as error:
                log.exception("storing a batch of %d articles failed", len(articles))
                stored, failure = iter(()), f"It could not be stored ({error})."
            for prepared in batch:
                if isinstance(prepared, Verdict):
                    yield prepared
                    continue
                for verdict in _verdicts(prepared, stored, failure):
                    yield verdict

    # --- asking and browsing --------------------------------------------------------------

    async def search(
        self, question: str, filters: Filters | None = None, limit: int = 50
    ) -> SearchResult:
        return await search(self.store, question, filters or Filters(), limit)

    async def recent(self, filters: Filters | None = None, limit: int = 10) -> list[ArticleSummary]:
        return await self.store.recent(filters or Filters(), limit)

    async def article(self, article_id: int, scope: int | None = None) -> Article | None:
        return await self.store.article(article_id, scope)

    async def delete(self, article_id: int, scope: int | None = None) -> bool:
        """Delete an article owned by `scope` (a server cannot delete the global collection)."""
        return await self.store.delete(article_id, scope)

    async def stats(self, scope: int | None = None) -> Stats:
        return await self.store.stats(scope)

    # --- safe keeping -----------------------------------------------------------------------

    def export(self, owners: Sequence[int | None] | None = None) -> AsyncIterator[Article]:
        """Every article (or those of the given owner scopes), oldest id first."""
        return self.store.articles(owners)

    async def backup(self, target: str | Path) -> None:
        """Copy the whole archive to `target`, which must not exist yet."""
        target = Path(target)
        if await asyncio.to_thread(target.exists):
            raise FileExistsError(f"{target} already exists; choose a new file name")
        await self.store.backup(target)


def _next_batch(sources: Iterator[SourceFile | Verdict]) -> list[PreparedFile | Verdict]:
    return prepare_batch(list(islice(sources, BATCH_FILES)))


def _verdicts(prepared: PreparedFile, stored: Iterator, failure: str | None) -> Iterator[Verdict]:
    record_numbers = len(prepared.items) > 1
    for number, item in enumerate(prepared.items, start=1):
        record = number if record_numbers else None
        if isinstance(item, Rejection):
            yield Verdict(prepared.name, "rejected", item.reason, code=item.code, record=record)
        elif failure:
            yield Verdict(prepared.name, "rejected", failure, code="store_failed", record=record)
        else:
            result = next(stored)
            yield Verdict(
                prepared.name,
                "duplicate" if result.duplicate else "added",
                "The same text is already in the archive." if result.duplicate else None,
                article_id=result.article_id,
                warnings=item.article.warnings,
                code="duplicate" if result.duplicate else None,
                record=record,
            )
