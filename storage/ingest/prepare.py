"""File to storable article: read, parse, cut into passages, analyse.

Everything here runs in a worker (thread or process), never on the event loop, and is
done once per article: the store keeps the analysed terms, so nothing is re-analysed at
question time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from storage.ingest.parse import parse_file
from storage.ingest.sources import read_file
from storage.language.text import analyse, split_passages
from storage.models import FileOnDisk, ImportLimits, ParsedArticle, SourceFile, Verdict
from storage.store import PreparedArticle, PreparedPassage

# What an import hands to `prepare_batch`: a file to read, a file in memory (an upload,
# a zip's entry), or the verdict on an input that could not be had.
Source = FileOnDisk | SourceFile | Verdict


@dataclass(frozen=True)
class PreparedFile:
    """One input and what came of it: its articles and rejected verdicts, in file order."""

    name: str
    items: tuple[PreparedArticle | Verdict, ...]


def body_hash(article: ParsedArticle) -> str:
    """Identity of an article's text: the same words in the same order, however encoded."""
    text = "\n".join([article.dateline or "", *article.body])
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def prepare_article(article: ParsedArticle, file: str) -> PreparedArticle:
    passages = []
    for text in split_passages(article.body):
        terms = tuple(analyse(text))
        if terms:
            passages.append(PreparedPassage(text=text, terms=terms))
    return PreparedArticle(
        article=article, file=file, body_hash=body_hash(article), passages=tuple(passages)
    )


def prepare_file(file: SourceFile, limits: ImportLimits) -> PreparedFile:
    items: list[PreparedArticle | Verdict] = []
    for parsed in parse_file(file, limits):
        if isinstance(parsed, Verdict):
            items.append(parsed)
        else:
            items.append(prepare_article(parsed, parsed.file or file.name))
    return PreparedFile(name=file.name, items=tuple(items))


def prepare_batch(sources: list[Source], limits: ImportLimits) -> list[PreparedFile | Verdict]:
    """Prepare a batch in one call, so a worker hop is paid per batch, not per file."""
    prepared: list[PreparedFile | Verdict] = []
    for source in sources:
        files = read_file(source, limits) if isinstance(source, FileOnDisk) else (source,)
        prepared += [f if isinstance(f, Verdict) else prepare_file(f, limits) for f in files]
    return prepared
