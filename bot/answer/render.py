"""Answers and articles as text a person reads: for the terminal, and the pieces Discord reuses.

Nothing here escapes markup; the Discord side escapes every piece of article text itself,
because only it knows which characters are special there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot.answer.compose import Answer, Quote
from bot.answer.messages import Lang, number, say, size, warnings_text
from storage.archive import format_date as written_date
from storage.models import Article, ArticleSummary, Stats


def format_date(moment: datetime | None, time_known: bool, lang: Lang = "nl") -> str:
    """`vrijdag 14 oktober 2022, 08:47` (Dutch) or `Friday 14 October 2022, 08:47`."""
    if moment is None:
        return say("date_unknown", lang)
    return written_date(moment, time_known, lang)


def citation_parts(article: ArticleSummary, lang: Lang = "nl") -> list[str]:
    """Title, source and agency, date, updated flag and id: the citation, piece by piece."""
    source = article.source or ""
    if article.agency:
        source = f"{source} ({article.agency})" if source else article.agency
    parts = [article.title]
    if source:
        parts.append(f"{say('source', lang)}: {source}")
    parts.append(format_date(article.published, article.time_known, lang))
    if article.updated:
        parts.append(say("updated", lang))
    parts.append(f"{say('article', lang)} {article.id}")
    return parts


def mark(text: str, spans: Sequence[tuple[int, int]], wrap: Callable[[str], str]) -> str:
    """`text` with each highlighted span passed through `wrap`, the rest left as it is."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(wrap(text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def marks(quote: Quote) -> list[tuple[int, int]]:
    """Where to mark a quote: the question's words and the direct answer, overlaps merged."""
    spans = sorted([*quote.highlights, *([quote.answer] if quote.answer else [])])
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def answer_text(
    answer: Answer, lang: Lang = "nl", bold: Callable[[str], str] = str, recent: str = "/recent"
) -> str:
    header = ""
    if answer.corrected:
        header = say("did_you_mean", lang, question=answer.corrected.rstrip("?!. "))
    if not answer.answered:
        text = say("not_found", lang, recent=recent)
        if answer.period:
            since, until = (format_date(moment, False, lang) for moment in answer.period)
            text += " " + say("searched_period", lang, since=since, until=until)
        return f"{header}\n\n{text}" if header else text
    blocks = [header] if header else []
    if direct := direct_line(answer, lang, bold):
        blocks.append(direct)
    for place, quote in enumerate(answer.quotes, start=1):
        excerpt = mark(quote.excerpt, marks(quote), bold)
        blocks.append(
            f"{place}. “{excerpt}”\n   — {' · '.join(citation_parts(quote.article, lang))}"
        )
    return "\n\n".join(blocks)


def direct_line(answer: Answer, lang: Lang = "nl", bold: Callable[[str], str] = str) -> str | None:
    """The line with the few words that answer, or the first article's date when that is
    the answer (`Answer.dated`); None when there is neither."""
    if answer.dated and answer.quotes:
        article = answer.quotes[0].article
        date = format_date(article.published, article.time_known, lang)
        return say("direct_dated", lang, date=bold(date))
    if answer.direct:
        return say("direct", lang, answer=bold(answer.direct))
    return None


def quoted(questions: Sequence[str]) -> str:
    """Questions as a conversation shows them: “first” → “second”."""
    return " → ".join(f"“{question}”" for question in questions)


def summary_line(article: ArticleSummary, lang: Lang = "nl") -> str:
    date = format_date(article.published, article.time_known, lang)
    source = f" · {article.source}" if article.source else ""
    return f"[{article.id}] {date}{source} · {article.title}"


def article_text(article: Article, lang: Lang = "nl") -> str:
    """The citation, what the import warned about the article (a date it could not read
    is why its date is missing), then the text."""
    header = " · ".join(citation_parts(article.summary, lang))
    if article.warnings:
        header += "\n" + warnings_text(article.warnings, lang)
    return header + "\n\n" + "\n\n".join(article.paragraphs)


def stats_lines(stats: Stats, lang: Lang = "nl") -> list[str]:
    """Passages, sources, period and file size of an archive, a line each."""
    lines = [
        say("stats_passages", lang, count=number(stats.passages, lang)),
        say("stats_sources", lang, count=number(stats.sources, lang)),
    ]
    if stats.oldest and stats.newest:
        oldest = format_date(stats.oldest, False, lang)
        newest = format_date(stats.newest, False, lang)
        lines.append(say("stats_period", lang, oldest=oldest, newest=newest))
    lines.append(say("stats_size", lang, size=size(stats.database_bytes, lang)))
    return lines
