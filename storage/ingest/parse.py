"""One file in, parsed articles (or the verdicts on why there are none) out.

Files come from people who are not developers: scraped pages, Markdown notes, JSON exports,
saved web pages. Whatever they send, the answer is a list that says for every article or
record what was found or, as a rejected `Verdict` precise enough for one plain sentence,
why nothing was. Nothing here raises, so an import of a thousand files never stops at the
first odd one.

Body paragraphs stay verbatim (after decoding): the bot quotes them, and a quote must match
the article word for word. Only page furniture ("Delen", "Terug naar boven") is dropped and
an agency dateline ("DEN HAAG (ANP) - ") is moved out of the first paragraph into its own
fields.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import PurePosixPath

from storage.ingest.decode import decode, has_surrogates, tidy, without_surrogates
from storage.ingest.formats import SUPPORTED_EXTENSIONS, extension
from storage.language.dates import parse_date_and_time, parse_date_line
from storage.language.text import split_sentences
from storage.models import (
    ArticleWarning,
    ImportLimits,
    JsonLines,
    ParsedArticle,
    SourceFile,
    Verdict,
    warning_from_json,
)
from storage.store import check_scope

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 90
MIN_BODY_LETTERS = 20

_Result = ParsedArticle | Verdict


def parse_file(file: SourceFile, limits: ImportLimits | None = None) -> list[_Result]:
    """The articles in `file`: one entry for most formats, one per record for JSON and JSONL.

    An entry that holds no article is a rejected verdict; the functions below leave its file
    name empty and this one fills it in (the caller numbers the records).
    """
    limits = limits or ImportLimits()
    try:
        results = _parse(file, limits)
    except Exception:
        log.exception("parsing %r failed", file.name)
        results = [Verdict("", "rejected", "error")]
    return [replace(r, file=file.name) if isinstance(r, Verdict) else r for r in results]


def parse_lines(part: JsonLines, limits: ImportLimits | None = None) -> list[_Result]:
    """The records of a part of a JSON-lines file, one entry per record, as `parse_file`
    gives them for a whole file; the lines and records of the file before it were counted
    where it was cut (storage.ingest.sources)."""
    limits = limits or ImportLimits()
    try:
        text = decode(part.data)
        if isinstance(text, Verdict):
            results: list[_Result] = [text] * part.records
        else:
            results = _parse_jsonl(text, limits, first_line=part.first_line, whole=False)
    except Exception:
        log.exception("parsing lines %d- of %r failed", part.first_line, part.name)
        results = [Verdict("", "rejected", "error")] * part.records
    return [replace(r, file=part.name) if isinstance(r, Verdict) else r for r in results]


def _parse(file: SourceFile, limits: ImportLimits) -> list[_Result]:
    ext = extension(file.name)
    if ext not in SUPPORTED_EXTENSIONS:
        return [Verdict("", "rejected", "unsupported")]
    size, limit = len(file.data), limits.max_bytes(ext)
    if size > limit:
        return [Verdict("", "rejected", "too_large", size=size, limit=limit)]
    text = decode(file.data)
    if isinstance(text, Verdict):
        return [text]
    if ext == ".json":
        return _parse_json(text, limits)
    if ext == ".jsonl":
        return _parse_jsonl(text, limits)
    if ext in (".html", ".htm"):
        return [_parse_html(text)]
    if ext in (".md", ".markdown"):
        return [_parse_markdown(text)]
    return [_parse_txt(text)]


# --- paragraphs and page furniture ----------------------------------------------------------

# Lines that are buttons and links of the site the text was copied from, never article text.
_CHROME = frozenset(
    {
        "delen",
        "deel",
        "deel dit artikel",
        "deel dit bericht",
        "terug naar boven",
        "naar boven",
        "lees ook",
        "lees meer",
        "lees verder",
        "advertentie",
        "reageer",
        "reageren",
        "share",
        "share this article",
        "print",
        "tweet",
    }
)
_GLUED_TAIL = ("Terug naar boven", "Delen")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def _is_chrome(line: str) -> bool:
    return " ".join(line.split()).rstrip(":").casefold() in _CHROME


def _blocks(text: str) -> tuple[list[list[str]], bool]:
    """Blank-line separated blocks as their stripped lines, without page furniture.

    Also says whether any furniture was dropped, which tells an empty page of buttons
    apart from a file that simply has too little text.
    """
    end = len(text.rstrip())
    start = end
    while suffix := next((s for s in _GLUED_TAIL if text.endswith(s, 0, end)), None):
        end -= len(suffix)
        while end and text[end - 1].isspace():
            end -= 1
    dropped = end < start
    text = text[:end]
    blocks: list[list[str]] = []
    for block in _BLANK_LINE.split(text):
        lines: list[str] = []
        for line in block.split("\n"):
            line = line.strip()
            if line and _is_chrome(line):
                dropped = True
            elif line:
                lines.append(line)
        if lines:
            blocks.append(lines)
    return blocks, dropped


def _paragraphs(text: str) -> tuple[list[str], bool]:
    blocks, dropped = _blocks(text)
    return [" ".join(lines) for lines in blocks], dropped


# --- datelines and titles -------------------------------------------------------------------

_DATELINE = re.compile(
    r"(?P<places>['’]?[^\W\d_][\w'’.\-/ ]{0,60}?)\s*+"
    r"(?:\((?P<agency>[^()\n]{1,30})\)\s*+)?[-–—]\s++(?=\S)"
)
_LOWER_PARTICLES = frozenset(
    {"aan", "bij", "de", "den", "der", "het", "in", "op", "ten", "ter", "van"}
)


def _cut_dateline(paragraph: str) -> tuple[str | None, tuple[str, ...], str | None, str]:
    """Split "BRUSSEL/BRUGGE (ANP) - Voor de NAVO ..." into its dateline and the sentence.

    Only ALL-CAPS place names count, so a kicker such as "Belasting - " stays in the text.
    Returns (dateline, places, agency, rest).
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return None, (), None, paragraph
    raw_places = match["places"].strip()
    names = [name.strip() for name in raw_places.split("/")]
    if (
        raw_places != raw_places.upper()
        or any(ch.isdigit() for ch in raw_places)
        or not all(sum(ch.isalpha() for ch in name) >= 2 for name in names)
    ):
        return None, (), None, paragraph
    agency = match["agency"].strip() if match["agency"] else None
    places = tuple(_place_name(name) for name in names)
    return match.group(), places, agency or None, paragraph[match.end() :]


def _place_name(raw: str) -> str:
    """Title case as a Dutch reader writes it: "'S-HERTOGENBOSCH" -> "'s-Hertogenbosch"."""
    words = raw.split()
    named = [
        word.lower()
        if i > 0 and word.lower() in _LOWER_PARTICLES
        else "-".join(_capitalise(part) for part in word.split("-"))
        for i, word in enumerate(words)
    ]
    return " ".join(named)


def _capitalise(part: str) -> str:
    lower = part.lower()
    if "." in part:
        return part
    if lower in ("'s", "’s", "'t", "’t"):
        return lower
    if lower.startswith("ij"):
        return "IJ" + lower[2:]
    if lower[:1] in ("'", "’"):
        return lower[0] + _capitalise(lower[1:])
    return lower[:1].upper() + lower[1:]


def _title_from_lead(paragraph: str) -> str:
    """A headline stand-in for pages that have none: the first sentence, shortened."""
    sentences = split_sentences(paragraph)
    first = " ".join((sentences[0] if sentences else paragraph).split())
    if first.endswith(".") and not first.endswith(".."):
        first = first[:-1]
    if len(first) <= MAX_TITLE_CHARS:
        return first
    cut = first.rfind(" ", 0, MAX_TITLE_CHARS)
    if cut < MAX_TITLE_CHARS // 2:
        cut = MAX_TITLE_CHARS - 1
    return first[:cut].rstrip(" ,;:-–—") + "…"


def _looks_like_title(line: str) -> bool:
    closing = line.rstrip("\"'”’»)]")
    return len(line) <= 150 and not closing.endswith((".", "!", "?", "…", ":", ";", ","))


# --- building the result --------------------------------------------------------------------


def _finish(
    paragraphs: Iterable[str],
    *,
    had_header: bool,
    dropped_chrome: bool,
    title: str | None = None,
    published: datetime | None = None,
    time_known: bool = False,
    updated: bool = False,
    source: str | None = None,
    url: str | None = None,
    agency: str | None = None,
    warnings: Iterable[ArticleWarning] = (),
    file: str | None = None,
) -> _Result:
    """The article, or a rejected verdict that says what was missing."""
    body = [stripped for p in paragraphs if (stripped := p.strip())]
    if not _has_letters(body, MIN_BODY_LETTERS):
        return _no_body(had_header, dropped_chrome)

    dateline, places, dateline_agency, first = _cut_dateline(body[0])
    body[0] = first
    title = " ".join(tidy(title).split()) if title else ""
    return ParsedArticle(
        title=title or _title_from_lead(body[0]),
        body=tuple(body),
        published=published,
        time_known=time_known and published is not None,
        updated=updated,
        source=_clean_field(source),
        agency=_clean_field(agency) or dateline_agency,
        places=places,
        dateline=dateline,
        url=_clean_field(url),
        warnings=tuple(warnings),
        file=PurePosixPath(file.replace("\\", "/")).name or None if file else None,
    )


def _has_letters(paragraphs: list[str], needed: int) -> bool:
    """Whether the paragraphs hold `needed` letters; stops counting once they do."""
    for paragraph in paragraphs:
        needed -= sum(map(str.isalpha, paragraph))
        if needed <= 0:
            return True
    return False


def _no_body(had_header: bool, dropped_chrome: bool) -> Verdict:
    if had_header:
        return Verdict("", "rejected", "no_body", detail="header_only")
    if dropped_chrome:
        return Verdict("", "rejected", "boilerplate")
    return Verdict("", "rejected", "no_body")


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(tidy(value).split()) or None


def _date_field(value: str | None) -> tuple[datetime | None, bool, list[ArticleWarning]]:
    if not value:
        return None, False, []
    published, time_known = parse_date_and_time(value)
    if published is None:
        return None, False, [ArticleWarning("date_unreadable", found=value)]
    return published, time_known, []


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "ja", "1", "on", "gewijzigd")
    return value is True or value == 1


# --- .txt -----------------------------------------------------------------------------------

_DATE_HEADER = re.compile(r"\s*date\s+(?:\d|[^\W\d_]+\s+\d)")
_SOURCE_HEADER = re.compile(r"\s*bron\s*:(?P<source>.*)", re.IGNORECASE)


def _is_header_line(line: str) -> bool:
    return bool(
        _DATE_HEADER.match(line)
        or _SOURCE_HEADER.fullmatch(line)
        or line.strip().casefold() == "gewijzigd"
    )


def _parse_txt(text: str) -> _Result:
    lines = text.split("\n")
    start = 0
    while start < len(lines) and (not lines[start].strip() or _is_header_line(lines[start])):
        start += 1
    header = [line for line in lines[:start] if line.strip()]
    rest = "\n".join(lines[start:])
    if header:
        return _parse_scraped(header, rest)

    blocks, dropped = _blocks(rest)
    title = None
    if len(blocks) > 1 and len(blocks[0]) == 1 and _looks_like_title(blocks[0][0]):
        title = blocks.pop(0)[0]
    return _finish(
        (" ".join(lines) for lines in blocks),
        had_header=False,
        dropped_chrome=dropped,
        title=title,
    )


def _parse_scraped(header: list[str], body: str) -> _Result:
    """The layout of the seed page: date, gewijzigd and Bron lines, then paragraphs."""
    published, time_known, updated, source = None, False, False, None
    warnings: list[ArticleWarning] = []
    for line in header:
        if _DATE_HEADER.match(line):
            published, time_known, line_warnings = parse_date_line(line)
            warnings.extend(line_warnings)
        elif match := _SOURCE_HEADER.fullmatch(line):
            source = match["source"].strip() or None
        else:
            updated = True
    paragraphs, dropped = _paragraphs(body)
    return _finish(
        paragraphs,
        had_header=True,
        dropped_chrome=dropped,
        published=published,
        time_known=time_known,
        updated=updated,
        source=source,
        warnings=warnings,
    )


# --- .md ------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_YAML_SCALAR = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?P<value>.*)")
_H1 = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]*)")
_MARKDOWN_CLEANUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),
    (re.compile(r"^[ \t]*#{1,6}[ \t]+([^\n]*)", re.MULTILINE), r"\n\1\n"),
    (re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), "\n"),
    (re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\s]{0,500}\)"), ""),
    (re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{0,500}\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)([^\n]{1,300}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^\n*]{1,300})(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^\n_]{1,300})(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` pairs from YAML front matter; lists and nesting are ignored."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match["yaml"].split("\n"):
        pair = _YAML_SCALAR.fullmatch(line)
        value = pair["value"].strip() if pair else ""
        if not value or value[0] in "[{|>&*#":
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields.setdefault(pair["key"].lower(), value)
    return fields, text[match.end() :]


def _parse_markdown(text: str) -> _Result:
    fields, body = _front_matter(text)
    title = fields.get("title")
    heading = _H1.match(body)
    heading_text = heading["title"].rstrip(" \t#") if heading else ""
    if heading and (not title or heading_text.casefold() == title.casefold()):
        title = heading_text
        body = body[heading.end() :]
    for pattern, replacement in _MARKDOWN_CLEANUP:
        body = pattern.sub(replacement, body)
    published, time_known, warnings = _date_field(fields.get("date") or fields.get("published"))
    paragraphs, dropped = _paragraphs(body)
    return _finish(
        paragraphs,
        had_header=bool(fields) or title is not None,
        dropped_chrome=dropped,
        title=title,
        published=published,
        time_known=time_known,
        updated=_truthy(fields.get("updated", "")),
        source=fields.get("source") or fields.get("bron"),
        url=fields.get("url"),
        agency=fields.get("agency"),
        warnings=warnings,
    )


# --- .json / .jsonl -------------------------------------------------------------------------


def _parse_json(text: str, limits: ImportLimits) -> list[_Result]:
    try:
        data = json.loads(text)
    except RecursionError:
        return [Verdict("", "rejected", "bad_json", detail="too_deep")]
    except ValueError as error:
        line = error.lineno if isinstance(error, json.JSONDecodeError) else None
        return [Verdict("", "rejected", "bad_json", line=line)]
    if isinstance(data, dict):
        return [_from_record(data, limits)]
    if not isinstance(data, list):
        return [Verdict("", "rejected", "bad_json", detail="not_articles")]
    if not data:
        return [Verdict("", "rejected", "no_body", detail="empty_list")]
    results = [_from_record(record, limits) for record in data[: limits.max_records_per_file]]
    if len(data) > limits.max_records_per_file:
        results.append(_too_many_records(len(data), limits))
    return results


def _parse_jsonl(
    text: str, limits: ImportLimits, first_line: int = 1, whole: bool = True
) -> list[_Result]:
    """One entry per record (a line that is not blank); a part of a file (not `whole`) was
    cut at the file's record limit already."""
    lines = enumerate(text.split("\n"), start=first_line)
    numbered = [(n, line) for n, line in lines if line.strip()]
    if not whole:
        return [_from_line(line, number, limits) for number, line in numbered]
    results = [_from_line(line, n, limits) for n, line in numbered[: limits.max_records_per_file]]
    if len(numbered) > limits.max_records_per_file:
        results.append(_too_many_records(len(numbered), limits))
    return results


def _from_line(line: str, number: int, limits: ImportLimits) -> _Result:
    if len(line) > limits.max_line_bytes:
        size, limit = len(line), limits.max_line_bytes
        return Verdict("", "rejected", "too_large", size=size, limit=limit, line=number)
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return Verdict("", "rejected", "bad_json", line=number)
    return _from_record(record, limits)


def _too_many_records(count: int, limits: ImportLimits) -> Verdict:
    return Verdict(
        "", "rejected", "too_many_records", count=count, limit=limits.max_records_per_file
    )


def _from_record(record: object, limits: ImportLimits) -> _Result:
    """An article from a JSON record; every field that `archivaris export` writes is read
    back, so that an export imported into an empty archive gives the same articles."""
    if not isinstance(record, dict):
        return Verdict("", "rejected", "bad_json", detail="not_an_article")
    fields, mended = _mended({str(key).lower(): value for key, value in record.items()})
    body = next((fields[k] for k in ("body", "text", "content") if fields.get(k)), None)
    texts = body if isinstance(body, list) else [body]
    paragraphs: list[str] = []
    dropped = False
    for item in texts:
        if isinstance(item, str):
            found, item_dropped = _paragraphs(tidy(item))
            paragraphs.extend(found)
            dropped = dropped or item_dropped
    length = sum(map(len, paragraphs))
    if length > limits.max_text_chars:
        return Verdict(
            "", "rejected", "too_large", detail="text", size=length, limit=limits.max_text_chars
        )
    title = _scalar(fields.get("title"))
    published, time_known, warnings = _date_field(
        _scalar(fields.get("date")) or _scalar(fields.get("published"))
    )
    kept = fields.get("warnings")
    if isinstance(kept, list):
        warnings = [w for w in map(warning_from_json, kept) if w is not None] + warnings
    if mended:
        warnings.append(ArticleWarning("broken_character"))
    parsed = _finish(
        paragraphs,
        had_header=bool(title or published or warnings),
        dropped_chrome=dropped,
        title=title,
        published=published,
        time_known=time_known and fields.get("time_known") is not False,
        updated=_truthy(fields.get("updated")),
        source=_scalar(fields.get("source")),
        url=_scalar(fields.get("url")),
        agency=_scalar(fields.get("agency")),
        warnings=dict.fromkeys(warnings),
        file=_scalar(fields.get("file")),
    )
    if isinstance(parsed, Verdict):
        return parsed
    added_by = _clean_field(_scalar(fields.get("added_by")))
    return replace(
        parsed,
        added_by=added_by,
        added_at=_moment(fields.get("added_at")),
        scope=_server_id(fields.get("scope")),
    )


def _server_id(value: object) -> int | None:
    """A Discord server's id as an export writes it (a number; a string of digits is
    taken too); anything else names no server."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    try:
        check_scope(value)
    except ValueError:
        return None
    return value


def _moment(value: object) -> datetime | None:
    """An ISO 8601 time such as `archivaris export` writes (UTC when it names no zone)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _mended(fields: dict[str, object]) -> tuple[dict[str, object], bool]:
    """The record's fields without lone surrogates, and whether any were dropped.

    Only strings, lists of strings and the objects of a list of warnings are read as
    fields, so only those are mended.
    """
    mended = False

    def mend(value: object) -> object:
        nonlocal mended
        if isinstance(value, str) and has_surrogates(value):
            mended = True
            return without_surrogates(value)
        if isinstance(value, list):
            return [mend(item) if isinstance(item, str | dict) else item for item in value]
        if isinstance(value, dict):
            return {
                key: mend(item) if isinstance(item, str) else item for key, item in value.items()
            }
        return value

    return {key: mend(value) for key, value in fields.items()}, mended


def _scalar(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


# --- .html ----------------------------------------------------------------------------------

_SKIP_TAG = re.compile(
    r"script|style|nav|header|footer|aside|form|noscript|template|svg|iframe|button"
)
_VOID_TAG = re.compile(r"area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr")
_BLOCK_TAG = re.compile(
    r"p|div|section|article|main|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|td|th"
    r"|figure|figcaption|address|hr"
)
# The page's own containers; a class like "nav-open" on <body> must not hide the page.
_NEVER_SKIPPED_BY_CLASS = re.compile(r"html|body|main|article")
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|cookie|consent|share|sharing|social|footer|breadcrumb|sidebar"
    r"|newsletter|related|comment|advert|popup|modal)"
)
_HTML_SPACE = re.compile(r"\s+")
_MAX_UNTERMINATED = 4096
_DATE_META = ("date", "pubdate", "publishdate", "datepublished", "dc.date", "dcterms.created")


class _PageParser(HTMLParser):
    """Collects the readable blocks of a page, and where each sat (article, main, elsewhere)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, int]] = []
        self.meta: dict[str, str] = {}
        self.times: list[tuple[str, bool]] = []
        self.headings: list[tuple[str, bool]] = []
        self.page_title: str | None = None
        self.skipped_text = False
        self._buffer: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._article_depth = 0
        self._main_depth = 0
        self._heading: list[str] | None = None
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop", "")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"])
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower() and values.get("href"):
            self.meta.setdefault("canonical", values["href"])
            return
        if tag == "time" and values.get("datetime"):
            self.times.append((values["datetime"], self._in_content))
        if self._skip_tag:
            if tag == self._skip_tag:
                self._skip_depth += 1
            elif tag == "h1" and self._skip_tag == "header":
                self._heading = []
            return
        chrome_class = _CHROME_CLASS.search(
            f"{values.get('class', '')} {values.get('id', '')}".lower()
        )
        if _SKIP_TAG.fullmatch(tag) or (
            chrome_class
            and not _VOID_TAG.fullmatch(tag)
            and not _NEVER_SKIPPED_BY_CLASS.fullmatch(tag)
        ):
            self.flush()
            self._skip_tag, self._skip_depth = tag, 1
            return
        if _BLOCK_TAG.fullmatch(tag):
            self.flush()
        if tag == "br":
            self._buffer.append("\n")
        elif tag == "title":
            self._title = []
        elif tag == "h1":
            self._heading = []
        elif tag == "article":
            self._article_depth += 1
        elif tag == "main":
            self._main_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._heading is not None:
            self.headings.append((" ".join("".join(self._heading).split()), self._in_content))
            self._heading = None
        if self._skip_tag:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if _BLOCK_TAG.fullmatch(tag):
            self.flush()
        if tag == "title" and self._title is not None:
            self.page_title = " ".join("".join(self._title).split())
            self._title = None
        elif tag == "article":
            self._article_depth = max(0, self._article_depth - 1)
        elif tag == "main":
            self._main_depth = max(0, self._main_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        elif self._heading is not None:
            self._heading.append(data)
        elif self._skip_tag:
            self.skipped_text = self.skipped_text or bool(data.strip())
        else:
            self._buffer.append(_HTML_SPACE.sub(" ", data))

    def close(self) -> None:
        super().close()
        self.flush()

    @property
    def _in_content(self) -> bool:
        return self._article_depth > 0 or self._main_depth > 0

    def flush(self) -> None:
        text = tidy("".join(self._buffer)).replace("\xad", "")
        self._buffer.clear()
        weight = 2 if self._article_depth else 1 if self._main_depth else 0
        for part in _BLANK_LINE.split(text):
            paragraph = " ".join(part.split())
            if paragraph:
                self.blocks.append((paragraph, weight))


def _parse_html(text: str) -> _Result:
    page, complete = _read_page(text)
    best = max((weight for _, weight in page.blocks), default=0)
    paragraphs = [block for block, weight in page.blocks if weight == best]
    kept = [p for p in paragraphs if not _is_chrome(p)]

    site = page.meta.get("og:site_name")
    in_content = [heading for heading, inside in page.headings if inside and heading]
    any_heading = [heading for heading, _ in page.headings if heading]
    title = page.meta.get("og:title") or next(iter(in_content + any_heading), None)
    if not title and page.page_title:
        title = page.page_title.split(" | ")[0]
        if site and title.endswith(f" - {site}"):
            title = title.removesuffix(f" - {site}")

    candidates = [page.meta.get("article:published_time")]
    candidates += [value for value, inside in page.times if inside]
    candidates += [page.meta.get(key) for key in _DATE_META]
    candidates += [value for value, _ in page.times]
    published, time_known = None, False
    warnings: list[ArticleWarning] = []
    for candidate in filter(None, candidates):
        published, time_known, warnings = _date_field(candidate)
        if published:
            break
    if not complete:
        warnings.append(ArticleWarning("broken_html"))

    return _finish(
        kept,
        had_header=bool(in_content or any_heading or published),
        dropped_chrome=page.skipped_text or len(kept) < len(paragraphs),
        title=title,
        published=published,
        time_known=time_known,
        source=site,
        url=page.meta.get("og:url") or page.meta.get("canonical"),
        warnings=warnings,
    )


def _read_page(text: str) -> tuple[_PageParser, bool]:
    """The parsed page, and False when a broken tail of the markup had to be left unread.

    html.parser's close() re-scans an unterminated tag once for every "<" after it, which
    is quadratic: a crafted 2 MB page would hold a worker for hours. A browser shows nothing
    for such a tail either, so it is dropped instead.
    """
    page = _PageParser()
    try:
        page.feed(text)
        if len(page.rawdata) > _MAX_UNTERMINATED and page.cdata_elem is None:
            page.flush()
            return page, False
        page.close()
    except AssertionError:
        # Raised by html.parser for marked sections it does not know ("<![foo[").
        page.flush()
        return page, False
    return page, True
