"""An article as every store keeps it: its row, and the values read back from it.

The stores hold the same columns (storage/sqlite/schema.py, storage/postgres/schema.py),
so one definition of the row and of what it reads back serves both, and an archive moved
from one store to the other keeps every field as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple

from storage.language.dates import AMSTERDAM
from storage.models import Article, ArticleSummary, Vote, warning_from_json, warning_json
from storage.store import MAX_ID, Candidate, PreparedArticle, check_scope

# The columns of `summary`, in its order of parameters.
SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.agency, a.published, a.time_known, a.updated, a.file, a.scope"
)
# What an article holds besides its summary (`article` reads them in this order).
ARTICLE_COLUMNS = (
    f"{SUMMARY_COLUMNS}, a.body, a.places, a.dateline, a.url, a.added_by, a.added_at, a.warnings"
)
# A passage's columns, then its article's summary (`candidates` reads them in this order).
CANDIDATE_COLUMNS = f"p.id, p.position, p.text, p.terms, {SUMMARY_COLUMNS}"
# A passage's columns with its article's id (`passages_of` reads them in this order).
PASSAGE_COLUMNS = "p.id, p.article_id, p.position, p.text, p.terms"
# Article summaries kept built: a question's candidates come from up to 96 articles.
_SUMMARIES = 4096


class ArticleRow(NamedTuple):
    """A row of `articles`, field by column."""

    id: int
    scope: int | None
    title: str
    source: str | None
    agency: str | None
    places: str
    dateline: str | None
    url: str | None
    published: str | None
    published_ts: int | None
    time_known: int
    updated: int
    body: str
    body_hash: str
    file: str
    added_by: str | None
    added_at: str
    warnings: str


def article_row(
    article_id: int, prepared: PreparedArticle, scope: int | None, added_by: str | None, now: str
) -> ArticleRow:
    """The row of a new article; who added it and when are the article's own if it says
    (an exported record that Archive.import_paths restores), else the import's."""
    a = prepared.article
    return ArticleRow(
        id=article_id,
        scope=scope,
        title=a.title,
        source=a.source,
        agency=a.agency,
        places=json.dumps(list(a.places), ensure_ascii=False),
        dateline=a.dateline,
        url=a.url,
        published=a.published.isoformat() if a.published else None,
        published_ts=int(a.published.timestamp()) if a.published else None,
        time_known=int(a.time_known),
        updated=int(a.updated),
        body="\n\n".join(a.body),
        body_hash=prepared.body_hash,
        file=prepared.file,
        added_by=a.added_by if a.added_by is not None else added_by,
        added_at=a.added_at.astimezone(UTC).isoformat(timespec="seconds") if a.added_at else now,
        warnings=json.dumps([warning_json(w) for w in a.warnings], ensure_ascii=False),
    )


@lru_cache(maxsize=_SUMMARIES)
def summary(
    article_id: int,
    title: str,
    source: str | None,
    agency: str | None,
    published: str | None,
    time_known: int,
    updated: int,
    file: str | None,
    scope: int | None,
) -> ArticleSummary:
    """An article's summary from its SUMMARY_COLUMNS, a pure function of them.

    Questions keep meeting the same articles, and building a summary (a date parsed, nine
    fields set) was most of the work of turning candidate rows into candidates.
    """
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


def article_from_row(row: tuple) -> Article:
    """An article from a row of ARTICLE_COLUMNS."""
    *columns, body, places, dateline, url, added_by, added_at, warnings = row
    return Article(
        summary=summary(*columns),
        body=tuple(body.split("\n\n")) if body else (),
        places=tuple(json.loads(places)),
        dateline=dateline,
        url=url,
        added_by=added_by,
        added_at=datetime.fromisoformat(added_at),
        warnings=tuple(w for w in map(warning_from_json, json.loads(warnings)) if w is not None),
    )


def from_timestamp(ts: int | None) -> datetime | None:
    """A stored timestamp (published_ts) in Amsterdam's time, as every date the archive
    hands out."""
    return datetime.fromtimestamp(ts, AMSTERDAM) if ts is not None else None


def candidates(rows: Iterable[tuple]) -> list[Candidate]:
    """Candidates from rows of CANDIDATE_COLUMNS."""
    return [
        Candidate(passage_id, summary(*article), position, text, tuple(terms.split()))
        for passage_id, position, text, terms, *article in rows
    ]


def passages_of(rows: Iterable[tuple], articles: Mapping[int, ArticleSummary]) -> list[Candidate]:
    """Candidates from rows of PASSAGE_COLUMNS, of `articles` already summarised: the
    passages around what matched come from articles the search has in hand, and joining
    their rows to the articles table again was half the cost of reading them."""
    return [
        Candidate(passage_id, articles[article_id], position, text, tuple(terms.split()))
        for passage_id, article_id, position, text, terms in rows
    ]


# The columns of a vote, in `vote_row`'s order; `id` (the order votes came in) besides.
VOTE_COLUMNS = "scope, answer, voter, question, asked_after, article_ids, helpful, at"
# What a member's second press on an answer changes of their vote (an upsert's SET).
VOTE_REPLACED = ", ".join(
    f"{column} = excluded.{column}"
    for column in ("question", "asked_after", "article_ids", "helpful", "at")
)


def vote_row(vote: Vote) -> tuple[object, ...]:
    """The row of VOTE_COLUMNS that stores `vote`: its member only as `voter`'s digest.
    ValueError for what no Discord button can send (an id out of range)."""
    check_scope(vote.scope)
    ids = (vote.answer, vote.member, *vote.article_ids)
    if not all(isinstance(n, int) and 0 < n <= MAX_ID for n in ids):
        raise ValueError(f"a vote names Discord and article ids, not {ids}")
    return (
        vote.scope,
        vote.answer,
        voter(vote.answer, vote.member),
        _without_nul(vote.question),
        json.dumps([_without_nul(q) for q in vote.asked_after], ensure_ascii=False),
        json.dumps(list(vote.article_ids)),
        int(vote.helpful),
        vote_time(vote.at),
    )


def _without_nul(text: str) -> str:
    """PostgreSQL's text holds no NUL character; both stores keep the same text without it."""
    return text.replace("\x00", "")


def vote_from_row(row: tuple) -> Vote:
    """A vote from a row of VOTE_COLUMNS; who cast it is not in it (`member` is 0)."""
    scope, answer, _, question, asked_after, article_ids, helpful, at = row
    return Vote(
        scope=scope,
        answer=answer,
        member=0,
        question=question,
        asked_after=tuple(json.loads(asked_after)),
        article_ids=tuple(json.loads(article_ids)),
        helpful=bool(helpful),
        at=datetime.fromisoformat(at),
    )


def voter(answer: int, member: int) -> str:
    """Who voted on `answer`, as far as the archive keeps it: enough to count one vote
    per member, never the member's id, and different on every answer, so one member's
    votes cannot be linked to each other without trying every member's id on each."""
    text = f"{answer}:{member}".encode()
    return hashlib.blake2b(text, digest_size=16, person=b"archivaris-vote").hexdigest()


def vote_time(at: datetime) -> str:
    """A moment as votes store it: UTC, to the microsecond, always as long, so the text
    sorts as the time does. A time without a zone is taken as UTC."""
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return at.isoformat(timespec="microseconds")
