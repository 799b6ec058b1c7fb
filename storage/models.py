"""The values that flow through the archive: file in, parsed article, stored article, ranked hit.

All of them are frozen dataclasses so that they can cross thread and process boundaries
(parsing and ranking run off the event loop) without anyone mutating them on the way.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from datetime import date, datetime
from typing import Literal


@dataclass(frozen=True)
class SourceFile:
    """One unit of input: a file on disk, a Discord attachment or an entry inside a zip."""

    name: str
    data: bytes


@dataclass(frozen=True)
class FileOnDisk:
    """A file found on disk and not read yet (see `storage.sources.read_file`).

    A big import hands these to the worker process that parses them: reading 100,000
    files cost the importing process 4-10 s of CPU beside the writer's 71-84 s, and that
    process (which also answers questions) is the one that sets the import's pace.
    """

    path: str
    named: bool


@dataclass(frozen=True)
class JsonLines:
    """A run of whole lines of a big JSON-lines file (see `storage.ingest.sources`).

    Such a file streams through an import in parts: each is parsed by a worker and stored
    with the records around it, so that no process holds the whole file and no single
    transaction stores all of it.
    """

    name: str
    data: bytes
    first_line: int
    """The file's line number of the first line in `data`."""
    first_record: int
    """The number of its first record in the file (records are the lines that are not blank)."""
    records: int


@dataclass(frozen=True)
class ArticleWarning:
    """Something an import noticed about an article it kept (a date it could not read, say).

    Stated like a `Verdict`: a stable `code` and the values its sentence names, worded by the
    front ends (bot/answer/messages.py) in the reader's language, so that an article stored
    once reads in Dutch to one reader and in English to another.
    """

    code: str
    _: KW_ONLY
    found: str | None = None
    """What the input said, as written: the date line, the date, the weekday or the month
    tag the warning is about. For code "sentence", the whole sentence that an earlier
    version stored instead of a code (it is shown as it is)."""
    day: date | None = None
    """The written date that `found` disagrees with (code "weekday_mismatch")."""


def warning_json(warning: ArticleWarning) -> dict[str, str]:
    """A warning as the stores keep it and `archivaris export` writes it: its code and the
    values it has."""
    data = {"code": warning.code}
    if warning.found is not None:
        data["found"] = warning.found
    if warning.day is not None:
        data["day"] = warning.day.isoformat()
    return data


def warning_from_json(value: object) -> ArticleWarning | None:
    """A warning as `warning_json` wrote it, or the plain sentence an earlier version
    stored (code "sentence"); None for anything else (an export record may hold anything)."""
    if isinstance(value, str):
        return ArticleWarning("sentence", found=value.strip()) if value.strip() else None
    if not isinstance(value, dict) or not isinstance(code := value.get("code"), str):
        return None
    if not code.strip():
        return None
    found = value.get("found")
    return ArticleWarning(
        code.strip(), found=found if isinstance(found, str) else None, day=_day(value.get("day"))
    )


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class ParsedArticle:
    """An article as read from one file, before the store gives it an id.

    `body` holds the paragraphs verbatim (after decoding and NFC normalisation) with the
    agency dateline cut from the first one, so that quotes start where the sentence starts.
    """

    title: str
    body: tuple[str, ...]
    published: datetime | None = None
    time_known: bool = False
    updated: bool = False
    source: str | None = None
    agency: str | None = None
    places: tuple[str, ...] = ()
    dateline: str | None = None
    url: str | None = None
    warnings: tuple[ArticleWarning, ...] = ()
    file: str | None = None
    """The original file's name when the input names it (an export record does)."""
    added_by: str | None = None
    """Who added the article, when the input says so (an export record does)."""
    added_at: datetime | None = None
    """When the article was first added, when the input says so (an export record does)."""
    scope: int | None = None
    """The server whose collection the article belongs to, when the input says so (an
    export record does); None for the global collection or when it does not."""


@dataclass(frozen=True)
class ImportLimits:
    """Bounds on what one import may unpack; the file, unpacked and zip-entry limits are
    settings (README, Configuration), the others fixed."""

    max_file_bytes: int = 2 * 1024 * 1024
    max_zip_bytes: int = 100 * 1024 * 1024
    max_unpacked_bytes: int = 500 * 1024 * 1024
    max_zip_entries: int = 20_000
    max_compression_ratio: int = 200
    max_records_per_file: int = 200_000
    max_collection_bytes: int = 256 * 1024 * 1024

    @property
    def max_text_chars(self) -> int:
        """The longest article text a JSON record may hold: as long as the longest article
        file may be, so that whatever was imported from a file can be restored from an
        export (a file of n bytes never holds more than n characters)."""
        return self.max_file_bytes

    @property
    def max_line_bytes(self) -> int:
        """The longest line of a JSON-lines file: JSON escapes can make an article's text up
        to six times longer ("\\u00e9" for "é"), and a record has fields besides its text."""
        return 8 * self.max_file_bytes

    def max_bytes(self, extension: str) -> int:
        """The size limit for a file of this type: JSON files hold many articles (an export
        holds all of them), zips hold many files, every other file holds one article."""
        if extension == ".zip":
            return self.max_zip_bytes
        if extension in (".json", ".jsonl"):
            return self.max_collection_bytes
        return self.max_file_bytes


Status = Literal["added", "duplicate", "rejected"]


@dataclass(frozen=True)
class Verdict:
    """What happened to one file, or to one entry of a zip or one record of a JSON file.

    The engine states it in stable terms and leaves the words to the front ends
    (bot/answer/messages.py), so that each sentence is written once, in each language:
    `code` says why a file was not added (scripts and translations key on it; see the
    README), and the fields after it carry the figures that sentence names.
    """

    file: str
    status: Status
    code: str | None = None
    _: KW_ONLY
    article_id: int | None = None
    record: int | None = None
    """The record's number, in a file that holds several (JSON, JSONL)."""
    warnings: tuple[ArticleWarning, ...] = ()
    detail: str | None = None
    """Which case of `code` it is, e.g. the format of a binary file ("pdf")."""
    size: int | None = None
    """Bytes: how big the file (or the line) is."""
    count: int | None = None
    """How many records or zip entries the file holds."""
    limit: int | None = None
    """The limit that was crossed: bytes, records or entries, as `code` says."""
    line: int | None = None
    """The line of the file where the problem is."""


@dataclass(frozen=True)
class ArticleSummary:
    """What a citation or a listing needs to know about an article."""

    id: int
    title: str
    source: str | None
    agency: str | None
    published: datetime | None
    time_known: bool
    updated: bool
    file: str | None
    scope: int | None


@dataclass(frozen=True)
class Article:
    """A stored article with its full text and provenance."""

    summary: ArticleSummary
    body: tuple[str, ...]
    places: tuple[str, ...] = ()
    dateline: str | None = None
    url: str | None = None
    added_by: str | None = None
    added_at: datetime | None = None
    warnings: tuple[ArticleWarning, ...] = ()

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body as the page showed it, dateline included."""
        if not self.body or not self.dateline:
            return self.body
        return (self.dateline + self.body[0], *self.body[1:])


@dataclass(frozen=True)
class Filters:
    """Which articles a question may be answered from.

    `scope` is a Discord server id: that server's articles plus the global collection are
    visible. `None` means the operator's global collection only.
    """

    scope: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    source: str | None = None


@dataclass(frozen=True)
class Stats:
    articles: int
    passages: int
    sources: int
    oldest: datetime | None
    newest: datetime | None
    database_bytes: int


@dataclass(frozen=True)
class Vote:
    """A member's 👍 or 👎 on one of the bot's answers (README, "Privacy").

    `scope` is the server's, as `Filters.scope` (None: outside a server). One vote counts
    per member per answer: a second press replaces the first. The store keeps a one-way
    digest of (`answer`, `member`) instead of the member's id, so a vote read back from
    the archive has `member` 0.
    """

    scope: int | None
    answer: int
    member: int
    question: str
    asked_after: tuple[str, ...]
    """The earlier questions of the conversation it was read with, oldest first."""
    article_ids: tuple[int, ...]
    """The articles the answer cited, in order."""
    helpful: bool
    at: datetime
    """When it was pressed, in UTC."""
