"""The narrow interface between the archive's logic and the database that holds it.

Ranking, importing and the bot only ever talk to a `Store`: SQLite (storage/sqlite/store.py)
or PostgreSQL (storage/postgres/store.py), and nothing above this line knows which.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from storage.candidates import CandidatePlan
from storage.models import Article, ArticleSummary, Filters, ParsedArticle, Stats, Vote

T = TypeVar("T")

# The largest id there is: Discord's ids, like SQLite's and PostgreSQL's integers, are
# signed 64-bit numbers.
MAX_ID = 2**63 - 1


def is_article_id(number: int) -> bool:
    """Could an article have this id? A number past the stores' integers (a forged button's,
    a typed one) names no article, and a store need not be asked about it."""
    return 0 < number <= MAX_ID


def check_scope(scope: int | None) -> None:
    """A scope is a Discord server's id; None is the global collection.

    Duplicates are keyed on the scope with the global collection as 0, so an article
    stored under scope 0 would hide the same text from the global collection.
    """
    if scope is not None and not 0 < scope <= MAX_ID:
        raise ValueError(f"a scope is a Discord server id, not {scope}")


def is_dsn(target: str | Path) -> bool:
    """Does `target` name a PostgreSQL database rather than an SQLite file?"""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def shown(target: str | Path) -> str:
    """`target` as it may be printed or logged: a PostgreSQL URI without its password."""
    if not is_dsn(target):
        return str(target)
    scheme, _, rest = str(target).partition("://")
    login, at, place = rest.rpartition("@")
    return f"{scheme}://{login.partition(':')[0]}{at}{place}" if at else str(target)


# What can make an archive unusable, each worded in bot/answer/messages.py as
# "archive_CODE": the file or database is no archive or damaged, cannot be opened (SQLite)
# or reached (PostgreSQL: no server, no login, no database), was written by a newer
# Archivaris, was indexed by another analyser, may not be changed, refuses this database
# user, is busy with another writer for too long, or needs a driver not installed.
PROBLEMS = frozenset(
    "damaged cannot_open unreachable newer outdated_index read_only not_allowed busy "
    "no_driver disk".split()
)


class ArchiveError(Exception):
    """The archive cannot be used, or not for this: the one error every store raises for
    the problems in PROBLEMS, whichever store it is.

    `code` names the problem, `path` the archive as it may be shown (`shown`), and
    `figures` what the sentence about it needs, so the front ends say it in the reader's
    language (bot/answer/messages.py); the exception's own text is for logs.
    """

    def __init__(self, code: str, path: str, detail: str = "", **figures: object) -> None:
        if code not in PROBLEMS:
            raise ValueError(f"no such archive problem: {code}")
        super().__init__(f"{path}: {code}" + (f" ({detail})" if detail else ""))
        self.code = code
        self.path = path
        self.figures = figures


@dataclass(frozen=True)
class PreparedPassage:
    text: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class PreparedArticle:
    """A parsed article with everything the store needs, computed once, off the event loop."""

    article: ParsedArticle
    file: str
    body_hash: str
    passages: tuple[PreparedPassage, ...]


@dataclass(frozen=True)
class Stored:
    """The store's answer for one prepared article: its id, and whether it was new."""

    article_id: int
    duplicate: bool


@dataclass(frozen=True)
class Candidate:
    """A passage that matched the index, with its analysed terms for exact BM25 scoring."""

    passage_id: int
    article: ArticleSummary
    position: int
    text: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class CorpusStats:
    """Corpus-wide BM25 statistics: passage count, average length, document frequencies."""

    passages: int
    avgdl: float
    df: dict[str, int]


class Reader(Protocol):
    """What answering a question reads: synchronous look-ups, inside a `Store.read` job."""

    def corpus_stats(self, terms: Sequence[str]) -> CorpusStats: ...

    def candidates(self, plan: CandidatePlan, filters: Filters) -> list[Candidate]:
        """About `plan.limit` passages that `filters` let through, found as `plan` says
        (storage/candidates.py), the likeliest best first."""
        ...

    def newest_published(self, filters: Filters) -> datetime | None:
        """The publication date of the newest visible article: the archive's "now"."""
        ...

    def passages(self, articles: Sequence[ArticleSummary]) -> list[Candidate]:
        """Every passage of these articles (found among the candidates, so visible), by
        article and position: what matched is only part of an article, and answer
        composition reads the rest (storage/search/result.py, `SearchResult.context`)."""
        ...


class Store(Protocol):
    async def add(
        self, articles: Sequence[PreparedArticle], scope: int | None, added_by: str | None
    ) -> list[Stored]:
        """Store the batch all-or-nothing; duplicates (same body, visible scope) are not stored.

        `scope` is None or passes `check_scope`, else ValueError. `added_by` and the
        present moment are for the articles that do not say who added them and when
        (`ParsedArticle.added_by`, `added_at`)."""
        ...

    async def compact(self) -> bool:
        """Called after an import: make the index fast to search again, if it needs it."""
        ...

    async def read(self, job: Callable[[Reader], T]) -> T:
        """`job(reader)`, run off the event loop: all the look-ups of one question.

        A question is a chain of look-ups with Python work between them (the vocabulary,
        candidates, exact scoring). As one job on one thread it costs one hand-off
        between threads instead of one per step.
        """
        ...

    async def recent(self, filters: Filters, limit: int) -> list[ArticleSummary]: ...

    async def article(self, article_id: int, scope: int | None) -> Article | None: ...

    async def delete(self, article_id: int, scope: int | None) -> bool: ...

    async def stats(self, scope: int | None) -> Stats: ...

    async def analyzer(self) -> str | None:
        """The version of the analyser whose terms the archive's index holds (None before
        any was recorded)."""
        ...

    async def reindex(self, analyse: Callable[[str], Sequence[str]], analyzer: str) -> int:
        """Analyse every passage's text again with `analyse` and rebuild all that is made of
        its terms, all-or-nothing; record `analyzer` as the index's. Returns the passages."""
        ...

    def articles(self, owners: Sequence[int | None] | None = None) -> AsyncIterator[Article]:
        """Every article in id order (of the given owner scopes only, if any), for exports."""
        ...

    async def backup(self, target: Path) -> None:
        """A consistent copy of the whole archive, made while it stays in use."""
        ...

    # Members' votes on answers (README, "Privacy").

    async def vote(self, vote: Vote) -> None:
        """Store `vote` in place of the member's earlier vote on that answer in that scope;
        ValueError if it names ids no Discord button sends."""
        ...

    async def votes(self, since: datetime | None) -> list[Vote]:
        """Every scope's votes pressed at or after `since`, oldest first (`member` 0)."""
        ...

    async def forget_votes(self, before: datetime | None, member: int | None) -> int:
        """Delete the votes pressed before `before` (all, if None), only `member`'s if
        given; returns how many."""
        ...

    # Moving an archive to another store (`Archive.copy_into`): the rows of MOVED's tables
    # as they are, ids included, so the copy cites the same ids and, holding the same
    # champion lists (which depend on the order articles came in), gives the same answers.

    def dump(self, table: str) -> AsyncIterator[list[tuple]]:
        """The rows of `table` (a key of MOVED), in MOVED's columns, page by page in key
        order; each page is read in one snapshot."""
        ...

    async def count(self, table: str) -> int:
        """How many rows `table` (a key of MOVED) holds: what a copy checks."""
        ...

    async def load(self, table: str, rows: Sequence[tuple]) -> None:
        """Add rows `dump` gave, in one transaction. Loading "passages" after their
        "articles" also derives what the store keeps of them (term counts, corpus
        figures, its index); the champion lists are loaded as they were."""
        ...

    async def clear(self) -> None:
        """Delete everything the archive holds (before a copy replaces it)."""
        ...

    async def identity(self) -> tuple[object, ...]:
        """What tells this archive from every other: two names of one archive (a file and
        a link to it, two spellings of one URI) give the same identity, which a copy that
        would empty its own source must see."""
        ...

    async def close(self) -> None: ...


# What `Store.dump` and `Store.load` move, table by table in this order, in these columns.
MOVED: dict[str, tuple[str, ...]] = {
    "articles": tuple(
        (
            "id scope title source agency places dateline url published published_ts "
            "time_known updated body body_hash file added_by added_at warnings"
        ).split()
    ),
    "passages": ("id", "article_id", "position", "text", "terms", "length"),
    "champions": ("term", "impact", "passage_id", "scope"),
    "champion_floors": ("term", "impact", "passage_id", "listed"),
    "votes": tuple("id scope answer voter question asked_after article_ids helpful at".split()),
}
# Rows per page of a dump: articles carry their bodies, champion lists come whole (a page
# of those is that many terms' lists).
PAGE = {"articles": 200, "passages": 5000, "champions": 100, "champion_floors": 5000, "votes": 1000}
