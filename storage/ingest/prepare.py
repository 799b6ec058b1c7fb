"""File to storable article: read, parse, cut into passages, analyse.

Everything here runs in a worker (thread or process), never on the event loop, and is
done once per article: the store keeps the analysed terms, so nothing is re-analysed at
question time.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from storage.ingest.parse import parse_file, parse_lines
from storage.ingest.sources import read_file
from storage.language.text import analyse, split_passages
from storage.models import (
    FileOnDisk,
    ImportLimits,
    JsonLines,
    ParsedArticle,
    SourceFile,
    Verdict,
)
from storage.store import PreparedArticle, PreparedPassage

# What an import hands to `prepare_batch`: a file to read, a file in memory (an upload,
# a zip's entry), a part of a big JSON-lines file, or the verdict on an input that could
# not be had.
Source = FileOnDisk | SourceFile | JsonLines | Verdict

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedFile:
    """One input and what came of it: its articles and rejected verdicts, in file order."""

    name: str
    items: tuple[PreparedArticle | Verdict, ...]
    first_record: int | None = None
    """The number of the first item's record, for a part of a JSON-lines file (whose
    records are numbered however many a part holds)."""


def body_hash(article: ParsedArticle) -> str:
    """Identity of an article's text: the same words in the same order, however encoded."""
    text = "\n".join([article.dateline or "", *article.body])
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def prepare_article(article: ParsedArticle, file: str) -> PreparedArticle:
    _storable(article, file)
    passages = []
    for text in split_passages(article.body):
        terms = tuple(analyse(text))
        if terms:
            passages.append(PreparedPassage(text=text, terms=terms))
    return PreparedArticle(
        article=article, file=file, body_hash=body_hash(article), passages=tuple(passages)
    )


def prepare_file(file: SourceFile | JsonLines, limits: ImportLimits) -> PreparedFile:
    """The file's articles and verdicts; an article that fails unexpectedly gets an
    "error" verdict of its own (the log says why) and the others are kept."""
    if isinstance(file, JsonLines):
        parsed_items, first_record = parse_lines(file, limits), file.first_record
    else:
        parsed_items, first_record = parse_file(file, limits), None
    items: list[PreparedArticle | Verdict] = []
    for parsed in parsed_items:
        if isinstance(parsed, Verdict):
            items.append(parsed)
            continue
        try:
            items.append(prepare_article(parsed, parsed.file or file.name))
        except Exception:
            log.exception("preparing an article of %r failed", file.name)
            items.append(Verdict(file.name, "rejected", "error"))
    return PreparedFile(name=file.name, items=tuple(items), first_record=first_record)


def prepare_batch(sources: list[Source], limits: ImportLimits) -> list[PreparedFile | Verdict]:
    """Prepare a batch in one call, so a worker hop is paid per batch, not per file.

    Nothing one file does costs the others their place: a file that cannot be read for a
    reason nobody foresaw gets an "error" verdict of its own.
    """
    prepared: list[PreparedFile | Verdict] = []
    for source in sources:
        if not isinstance(source, FileOnDisk):
            prepared.append(source if isinstance(source, Verdict) else _guarded(source, limits))
            continue
        try:
            files = list(read_file(source, limits))
        except Exception:
            log.exception("reading %r failed", source.path)
            files = [Verdict(Path(source.path).name, "rejected", "error")]
        prepared += [f if isinstance(f, Verdict) else _guarded(f, limits) for f in files]
    return prepared


def _guarded(file: SourceFile | JsonLines, limits: ImportLimits) -> PreparedFile | Verdict:
    try:
        return prepare_file(file, limits)
    except Exception:
        log.exception("preparing %r failed", file.name)
        return Verdict(file.name, "rejected", "error")


def _storable(article: ParsedArticle, file: str) -> None:
    """Raise here, for this article alone, on text that the store would refuse for its
    whole batch: a string that is not valid Unicode."""
    texts = (file, article.title, article.source, article.agency, article.url, article.dateline)
    warned = [text for w in article.warnings for text in (w.code, w.found)]
    for text in (*texts, article.added_by, *article.places, *warned):
        if text is not None:
            text.encode("utf-8")
