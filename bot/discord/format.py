"""Archive content as Discord shows it: escaped, highlighted and cut to fit Discord's limits.

Everything that comes from an article or an upload (title, source, text, file name) is
untrusted: it may hold markdown, mentions, or be megabytes long. It is escaped here, and
every piece is fitted to its own share of a message, so Discord never refuses a reply for
its size. What stops pings is AllowedMentions.none() on every send (reply.py);
escaping keeps hostile text from even looking like a mention or like formatting.

Pure functions without I/O: the cogs fetch, this module lays out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import discord
from discord.utils import escape_mentions

from bot.answer.compose import Answer, Quote
from bot.answer.messages import Lang, number, reason, say, tally, verdict_name, warnings_text
from bot.answer.reading import ELLIPSIS
from bot.answer.render import (
    citation_parts,
    direct_line,
    format_date,
    mark,
    marks,
    stats_lines,
)
from storage.models import Article, ArticleSummary, Stats, Verdict

CONTENT_LIMIT = 2000
EMBED_TITLE_LIMIT = 256
EMBED_DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
EMBEDS_TOTAL_LIMIT = 6000
BUTTON_LABEL_LIMIT = 80
URL_LIMIT = 2048
# Discord's largest integer option: article ids in slash commands stay below it.
MAX_ID = 2**53 - 1

# An article page's description; title (256) and footer (CITATION_CHARS, WARNING_CHARS and
# the page number) take the rest of an embed's 6,000 characters.
PAGE_CHARS = 3800
CITATION_CHARS = 400
WARNING_CHARS = 400
RECENT_PER_PAGE = 10
# The most articles /recent lists, in ten pages.
MAX_RECENT = 100
COLOUR = discord.Colour(0x2F6F9F)

# Private-use characters that mark highlights through escaping; they become ** afterwards.
_OPEN, _CLOSE = "\ue000", "\ue001"


# --- escaping and cutting ---------------------------------------------------------------------


# Characters that format anywhere in a line, and what formats only at the start of one.
_INLINE = re.compile(r"([\\*_~|`\[\]<])")
_LINE_START = re.compile(r"^(\s*)([#>-])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)\.(?=\s)", re.MULTILINE)


def escape(text: str) -> str:
    """Shown exactly as written: no formatting, no links, no mentions, no channel links.

    Every special character gets a backslash. discord.py's escape_markdown is not enough:
    it treats everything from the first `[` to the last `)` as one link and escapes only
    its first bracket, so markdown between two links stayed live.
    """
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _NUMBERED.sub(r"\1\\.", _LINE_START.sub(r"\1\\\2", escaped))
    return escape_mentions(escaped)


def unescape(text: str) -> str:
    """What `escape` was given (the backslashes and the mention breakers taken out)."""
    return re.sub(r"\\(.)", r"\1", text.replace("@\u200b", "@"))


def one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int, render: Callable[[str], str] = escape) -> str:
    """`render(text)`, or the longest cut of `text` (at a word, with …) whose render fits.

    The cut is made before rendering, so it never splits an escape sequence or a mention.
    """
    full = render(text)
    if len(full) <= limit:
        return full
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(render(_cut(text, middle))) <= limit:
            low = middle
        else:
            high = middle - 1
    return render(_cut(text, low))


def _cut(text: str, length: int) -> str:
    head = text[:length]
    space = head.rfind(" ", max(0, length - 30))
    if space > 0 and length < len(text):
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def safe_url(url: str | None) -> str | None:
    """A link Discord accepts on an embed: http(s), no spaces, not too long."""
    if not url or len(url) > URL_LIMIT or any(ch.isspace() for ch in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def citation(article: ArticleSummary, lang: Lang) -> str:
    """Source, date, updated flag and article id, without the title (which is shown apart)."""
    return one_line(" · ".join(citation_parts(article, lang)[1:]))


# --- answers ----------------------------------------------------------------------------------


def answer_embeds(answer: Answer, lang: Lang) -> list[discord.Embed]:
    """One embed per quote (the first article may have two): its title, the quote with
    question words in bold, and the citation. Each embed gets an equal share of the 6,000
    characters a message may hold."""
    quotes = answer.quotes[:10]
    share = EMBEDS_TOTAL_LIMIT // max(len(quotes), 1)
    embeds = []
    for quote in quotes:
        title = shorten(one_line(quote.article.title), min(EMBED_TITLE_LIMIT, share // 4))
        cite = "— " + shorten(citation(quote.article, lang), min(CITATION_CHARS, share // 4))
        room = min(EMBED_DESCRIPTION_LIMIT, share - len(title) - len(cite)) - 4
        text = shorten(_marked(quote), room, render=_bold_markers)
        embeds.append(discord.Embed(title=title, description=f"“{text}”\n{cite}", colour=COLOUR))
    return embeds


def answer_notes(answer: Answer, lang: Lang) -> str:
    """What the bot read into the question: the spelling it corrected, the direct answer
    when it has one and, when nothing was found, the period a date in the question limited
    the search to."""
    lines = []
    if answer.corrected:
        question = shorten(one_line(answer.corrected.rstrip("?!. ")), 300)
        lines.append(say("did_you_mean", lang, question=question))
    direct = direct_line(answer, lang, lambda text: f"**{escape(one_line(text))}**")
    if answer.answered and direct:
        lines.append(direct)
    if not answer.answered and answer.period:
        since, until = (format_date(moment, False, lang) for moment in answer.period)
        lines.append(say("searched_period", lang, since=since, until=until))
    return "\n".join(lines)


def answer_content(answer: Answer, lang: Lang, room: int = CONTENT_LIMIT) -> str:
    """The same answer as plain message text, for channels where the bot may not embed.

    The quotes share the room by what they need: short ones leave theirs to a long one,
    whose answer may sit at its end."""
    parts = [
        (
            shorten(one_line(quote.article.title), 150),
            shorten(citation(quote.article, lang), CITATION_CHARS),
            quote,
        )
        for quote in answer.quotes
    ]
    needs = [len(title) + len(cite) + len(quote.excerpt) + 20 for title, cite, quote in parts]
    shares = _shares(needs, room - 2 * max(len(parts) - 1, 0))
    blocks = []
    for (title, cite, quote), share in zip(parts, shares, strict=True):
        title = shorten(title, min(len(title), share // 5), render=str)
        cite = shorten(cite, min(len(cite), share // 4), render=str)
        text = _fitted(quote, share - len(title) - len(cite) - 20)
        blocks.append(f"**{title}**\n> “{text}”\n> — {cite}")
    return "\n\n".join(blocks)


def _shares(needs: Sequence[int], room: int) -> list[int]:
    """Each part's room: all it needs when everything fits, else the same cap for all, the
    largest with which the parts fit (what a short part leaves goes to the long ones)."""
    if sum(needs) <= room:
        return list(needs)
    low, high = 0, max(needs, default=0)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(need, cap) for need in needs) <= room:
            low = cap
        else:
            high = cap - 1
    return [min(need, low) for need in needs]


def _fitted(quote: Quote, room: int) -> str:
    """The quote's marked text in `room`, cut after its start or, when that would cut away
    the direct answer, from a little before the answer."""
    text = shorten(_marked(quote), room, render=_bold_markers)
    if quote.answer is None or _bold_markers(_marked(quote)) == text:
        return text
    start, end = quote.answer
    if _answer_kept(quote, text):
        return text
    cut = quote.excerpt.rfind(" ", 0, max(start - room // 3, 0)) + 1
    tail = Quote(
        article=quote.article,
        excerpt=f"{ELLIPSIS} {quote.excerpt[cut:]}",
        highlights=tuple((s - cut + 2, e - cut + 2) for s, e in quote.highlights if s >= cut),
        score=quote.score,
        passage_id=quote.passage_id,
        answer=(start - cut + 2, end - cut + 2),
    )
    return shorten(_marked(tail), room, render=_bold_markers)


def _answer_kept(quote: Quote, text: str) -> bool:
    assert quote.answer is not None
    start, end = quote.answer
    return escape(one_line(quote.excerpt[start:end])) in text


def not_found_content(lang: Lang, recent: str) -> str:
    return say("not_found", lang, recent=recent)


def question_line(question: str, lang: Lang) -> str:
    return say("asked", lang, question=shorten(one_line(question), 300))


def _marked(quote: Quote) -> str:
    """The excerpt on one line, highlights wrapped in markers that survive escaping."""
    text = quote.excerpt.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd").replace("\n", " ")
    return mark(text, marks(quote), lambda word: f"{_OPEN}{word}{_CLOSE}")


def _bold_markers(marked: str) -> str:
    escaped = escape(marked)
    if escaped.count(_OPEN) > escaped.count(_CLOSE):
        escaped += _CLOSE
    return escaped.replace(_OPEN, "**").replace(_CLOSE, "**")


# --- articles and listings --------------------------------------------------------------------


def article_pages(article: Article, lang: Lang) -> list[discord.Embed]:
    """The whole article as embeds of at most PAGE_CHARS of text each, numbered in the footer."""
    texts = page_texts(article.paragraphs)
    title = shorten(one_line(article.summary.title), EMBED_TITLE_LIMIT)
    cite = shorten(citation(article.summary, lang), CITATION_CHARS, render=str)
    if article.warnings:
        # A footer shows no markdown, so the warning's quoted input needs no escaping.
        cite += " · " + shorten(warnings_text(article.warnings, lang), WARNING_CHARS, render=str)
    url = safe_url(article.url)
    pages = []
    for page, text in enumerate(texts, start=1):
        embed = discord.Embed(title=title, description=text, url=url, colour=COLOUR)
        footer = cite
        if len(texts) > 1:
            footer += " · " + say("page", lang, page=page, pages=len(texts))
        embed.set_footer(text=footer)
        pages.append(embed)
    return pages


def page_texts(paragraphs: Sequence[str], limit: int = PAGE_CHARS) -> list[str]:
    """Escaped paragraphs packed into pages of at most `limit` characters.

    A paragraph longer than a page is cut at a space (escaped text is safe to cut there:
    no escape spans a space); the continuation starts with an ellipsis, which also keeps a
    cut from landing at a line start that Discord would read as a heading or a list.
    """
    pieces = [piece for paragraph in paragraphs for piece in _split(escape(paragraph), limit)]
    pages: list[str] = []
    current = ""
    for piece in pieces:
        joined = f"{current}\n\n{piece}" if current else piece
        if len(joined) <= limit:
            current = joined
        else:
            pages.append(current)
            current = piece
    if current or not pages:
        pages.append(current)
    return pages


def _split(text: str, limit: int) -> list[str]:
    pieces = []
    while len(text) > limit:
        room = limit - 2
        cut = text.rfind(" ", 0, room)
        if cut < room // 2:
            cut = room
            while cut > 1 and text[cut - 1] == "\\":
                cut -= 1
        pieces.append(text[:cut].rstrip())
        text = f"{ELLIPSIS} {text[cut:].lstrip()}"
    pieces.append(text)
    return pieces


def recent_embed(
    articles: Sequence[ArticleSummary], page: int, lang: Lang, source: str | None = None
) -> tuple[discord.Embed, int]:
    """Page `page` (from 0) of a newest-first listing, and the number of pages."""
    pages = max(1, math.ceil(len(articles) / RECENT_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = articles[page * RECENT_PER_PAGE : (page + 1) * RECENT_PER_PAGE]
    if source:
        heading = say("recent_title_source", lang, source=one_line(source))
    else:
        heading = say("recent_title", lang)
    embed = discord.Embed(
        title=shorten(heading, EMBED_TITLE_LIMIT),
        description="\n".join(_recent_line(article, lang) for article in shown),
        colour=COLOUR,
    )
    if pages > 1:
        embed.set_footer(text=say("page", lang, page=page + 1, pages=pages))
    return embed, pages


def _recent_line(article: ArticleSummary, lang: Lang) -> str:
    when = format_date(article.published, article.time_known, lang)
    source = f" · {shorten(one_line(article.source), 60)}" if article.source else ""
    return f"**{article.id}** · {shorten(one_line(article.title), 150)}\n{when}{source}"


def button_label(text: str) -> str:
    return shorten(one_line(text), BUTTON_LABEL_LIMIT, render=str)


# --- administration ---------------------------------------------------------------------------


def upload_progress(name: str, counts: Counter[str], lang: Lang) -> str:
    return _tally("upload_progress", name, counts, lang)


def _tally(key: str, name: str, counts: Counter[str], lang: Lang) -> str:
    return say(key, lang, name=shorten(one_line(name), 100), tally=tally(counts, lang))


def upload_summary(name: str, verdicts: Sequence[Verdict], lang: Lang) -> tuple[str, str | None]:
    """The summary message and, when not every problem fits in it, a full plain-text report."""
    counts = Counter(verdict.status for verdict in verdicts)
    lines = [_tally("upload_done", name, counts, lang)]
    added = [v.article_id for v in verdicts if v.status == "added" and v.article_id is not None]
    if added:
        lines.append(say("upload_new_ids", lang, ids=shorten(id_ranges(added), 300, render=str)))
    problems = [v for v in verdicts if v.status != "added" or v.warnings]
    reserve = len(say("upload_more", lang, count=number(len(problems), lang))) + 1
    shown = 0
    for verdict in problems:
        line = shorten(_problem_line(verdict, lang), 300)
        if len("\n".join([*lines, line])) + reserve > CONTENT_LIMIT:
            break
        lines.append(line)
        shown += 1
    if shown == len(problems):
        return "\n".join(lines), None
    lines.append(say("upload_more", lang, count=number(len(problems) - shown, lang)))
    report = "\n".join(_report_line(verdict, lang) for verdict in verdicts) + "\n"
    return "\n".join(lines), report


def refusal(verdict: Verdict, lang: Lang) -> str:
    """Why a file was turned away before it was imported at all."""
    return f"{shorten(one_line(verdict.file), 100)}: {reason(verdict, lang)}"


def id_ranges(ids: Sequence[int]) -> str:
    """`3–7, 9, 12–13`: thousands of new ids read as a few ranges."""
    ordered = sorted(set(ids))
    parts, start = [], None
    for index, value in enumerate(ordered):
        start = value if start is None else start
        if index + 1 == len(ordered) or ordered[index + 1] != value + 1:
            parts.append(str(value) if start == value else f"{start}–{value}")
            start = None
    return ", ".join(parts)


def _problem_line(verdict: Verdict, lang: Lang) -> str:
    return f"• {one_line(_report_line(verdict, lang))}"


def _report_line(verdict: Verdict, lang: Lang) -> str:
    """What became of one file or record; an added article's warnings follow its number."""
    if verdict.status != "added":
        status = say(f"status_{verdict.status}", lang)
        return f"{verdict_name(verdict)}: {status}. {reason(verdict, lang)}"
    status = say("status_warned" if verdict.warnings else "status_added", lang)
    line = f"{verdict_name(verdict)}: {status} ({say('article', lang)} {verdict.article_id})"
    return f"{line}. {warnings_text(verdict.warnings, lang)}" if verdict.warnings else line


def stats_content(visible: Stats, shared: Stats, lang: Lang) -> str:
    """What a server's admin sees: its own uploads and the global collection, apart."""
    own = max(visible.articles - shared.articles, 0)
    lines = [
        f"**{say('stats_title', lang)}**",
        say(
            "stats_articles",
            lang,
            total=number(visible.articles, lang),
            own=number(own, lang),
            shared=number(shared.articles, lang),
        ),
        *stats_lines(visible, lang),
    ]
    return "\n".join(lines)
