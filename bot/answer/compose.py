"""From ranked passages to an answer: which articles to cite and which sentences to quote.

The output is plain data (text plus highlight offsets); the terminal, JSON and Discord
renderers decide how to show it. Composition is deterministic: the same archive and
question always give the same quotes in the same order. What each sentence holds of the
question is read in reading.py, whether to say "not found" is abstention.py's call, and
the direct answer line is direct.py's.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.answer.abstention import abstain
from bot.answer.direct import DIRECT, direct_line
from bot.answer.reading import (
    ELLIPSIS,
    MAX_EXCERPT_CHARS,
    Focus,
    Window,
    best_window,
    both_fit,
    hit_sentences,
    most_worth,
    names_topic,
    passage_words,
)
from storage.archive import DEMONSTRATIVES, Hit, Mention, SearchResult, term_spans
from storage.models import ArticleSummary

# A quote of two stretches of one article shares this many characters between them.
MAX_QUOTE_CHARS = 800

# Passages of one article considered for its quote: its best few by score.
PASSAGES = 5

# A second stretch of the first article is quoted when it adds at least this share of an
# average question concept (or the kind of answer asked for).
SECOND = 0.5

# How well the sentence after one that matches a why-question fits as its answer when it
# has no causal connective: as well as a partial answer (storage/search/mentions/).
ELABORATION = 0.5

# A newer article revises the first one's count only when its stretch retells at least
# this share of the question's weight that the first one's holds: the same story, not
# another count in the same words ("procent", "kinderen").
RETOLD = 0.5

# A mention that fits the kind asked for fully (storage/search/mentions/).
FULL_FIT = 1.0

# A reason a connective, a causal noun or an anaphor states fits at least well
# (storage/search/mentions/reasons.py).
STATED = 0.8

# Further articles are quoted only while their best passage scores at least this share of
# the first article's: past that they share a word with the question, not its subject.
MIN_RELATIVE_SCORE = 0.5

# A further article keeps the last place before the first article's next paragraph
# (`_next_door`) when its best passage scores at least this share of the first's: so close
# a score is most likely the same story told by another paper.
STRONG = 0.8


@dataclass(frozen=True)
class Quote:
    article: ArticleSummary
    excerpt: str
    highlights: tuple[tuple[int, int], ...]
    score: float
    passage_id: int
    answer: tuple[int, int] | None = None


@dataclass(frozen=True)
class Answer:
    """What the bot says. `corrected` is the question with its typos corrected (for "did
    you mean"), `period` the dates a time hint in the question limited the search to."""

    question: str
    answered: bool
    quotes: tuple[Quote, ...] = ()
    corrected: str | None = None
    period: tuple[datetime, datetime] | None = None
    direct: str | None = None
    dated: bool = False
    """The answer to a when-question is the first quoted article's date: a follow-up asked
    when a statement quoted before was made, and the statement itself names no date."""
    more: bool = False
    """More articles than those quoted pass the bar for quoting (`further`)."""


def compose(result: SearchResult, limit: int = 3, cited: Collection[int] = ()) -> Answer:
    """Quote the top `limit` articles at their best sentences, or abstain.

    Each quote is built around the sentence most likely to answer (see `_around_answer`).
    The first article may be quoted at two places: when that stretch leaves out part of
    the question, or holds no answer of the kind asked for, and another stretch of the
    same article supplies that.

    `cited` are the articles quoted earlier in the conversation (a follow-up,
    bot/answer/conversation.py): one that holds an answer of the kind asked for is quoted
    first, even from further down the articles that pass the bar. A when-question about
    one whose matching sentences name no date is answered with the article's date
    (`Answer.dated`): "wanneer was dat?" about a statement asks when it was made, and a
    news article reports a statement on the day it was made or the day after.
    """
    corrected = did_you_mean(result)
    period = None
    if result.query.period is not None:
        period = (result.query.period.since, result.query.period.until)
    silent = Answer(result.question, answered=False, corrected=corrected, period=period)
    if not result.hits:
        return silent
    passing = further(result)
    chosen = passing[:limit] + [a for a in passing[limit:] if a in cited][:1]
    focus = Focus.of(result)
    articles = _picked(result, chosen, focus)
    typed = focus.expects not in (None, "reason")
    lead, dated = _cited_lead(articles, focus, cited) if cited else (None, False)
    if lead is None and typed and not articles[0][1][1].answer:
        # Quote first an article that has an answer of the kind asked for and the names.
        lead = next(
            (a for a in articles if a[1][1].answer and _names_held(result, a[0])), articles[0]
        )
    timeless = result.query.period is None and not result.query.years
    if lead is None and focus.expects == "number" and timeless:
        # The count as it stands: the newest of the articles that give it.
        lead = _latest(result, articles[:limit], focus)
    if lead is not None:
        articles.remove(lead)
        articles.insert(0, lead)
    articles = articles[:limit]
    if abstain(result, focus, *articles[0], dated=dated):
        return silent
    quotes, direct = _quoted(articles, focus, result.context, limit)
    shown = {hits[0].article.id for hits, _ in articles}
    return Answer(
        result.question,
        True,
        quotes,
        corrected,
        period,
        None if dated else direct,
        dated=dated,
        more=any(a not in shown for a in passing),
    )


def more(result: SearchResult, shown: Collection[int], limit: int = 3) -> Answer:
    """The next `limit` articles that pass the same bar as those quoted (`further`),
    leaving out the `shown` ones; not answered when there are none."""
    fresh = [a for a in further(result) if a not in shown]
    if not fresh:
        return Answer(result.question, answered=False)
    focus = Focus.of(result)
    articles = _picked(result, fresh[:limit], focus)
    quotes = tuple(_quote_of(hits, [pick], focus) for hits, pick in articles)
    return Answer(result.question, True, quotes, more=len(fresh) > limit)


def further(result: SearchResult) -> list[int]:
    """The articles worth quoting, best first: those whose best passage scores at least
    MIN_RELATIVE_SCORE of the best one's."""
    if not result.hits:
        return []
    floor = MIN_RELATIVE_SCORE * result.hits[0].score
    return list(dict.fromkeys(h.article.id for h in result.hits if h.score >= floor))


def _picked(
    result: SearchResult, chosen: list[int], focus: Focus
) -> list[tuple[list[Hit], tuple[Hit, Window]]]:
    """The `chosen` articles' passages (their best few) and the stretch to quote of each."""
    by_article: dict[int, list[Hit]] = {article: [] for article in chosen}
    for hit in result.hits:
        if hit.article.id in by_article:
            by_article[hit.article.id].append(hit)
    articles = []
    for hits in by_article.values():
        hits = hits[:PASSAGES]
        hits += _following(result, hits)
        articles.append((hits, _around_answer(hits, focus) or _best(hits, focus)))
    return articles


def _following(result: SearchResult, hits: list[Hit]) -> list[Hit]:
    """The paragraph right after the article's best passage, when it did not match itself
    (from `SearchResult.context`): a paragraph continues the one before it, and the
    answer often opens the next one without repeating the question's words ("Die
    werkzaamheden staan gepland voor 23 april"). It is scored 0, below every passage that
    matched, which wins a tie (`_best`)."""
    best, held = hits[0], {h.position for h in hits}
    return [
        c
        for c in result.context
        if c.article.id == best.article.id
        and c.position == best.position + 1
        and c.position not in held
    ]


def _latest(
    result: SearchResult, articles: list[tuple[list[Hit], tuple[Hit, Window]]], focus: Focus
) -> tuple[list[Hit], tuple[Hit, Window]] | None:
    """Of the articles to quote, when the first and others give a count that fits fully
    and hold the question's names, the newest: news revises a toll, a tally or a total as
    it develops ("zeker negentien mensen" on the first day, "zeker zeventig" weeks later),
    and a question that names no time asks for the count as it stands."""
    full = [
        a
        for a in articles
        if a[1][1].answer >= FULL_FIT
        and a[0][0].article.published is not None
        and _names_held(result, a[0])
    ]
    if len(full) < 2 or full[0] is not articles[0]:
        return None
    told = articles[0][1][1].concepts
    weight = focus.weight(told)
    same = [a for a in full if focus.weight(a[1][1].concepts & told) >= RETOLD * weight]
    return max(same, key=lambda a: a[0][0].article.published or datetime.min)


def _cited_lead(
    articles: list[tuple[list[Hit], tuple[Hit, Window]]], focus: Focus, cited: Collection[int]
) -> tuple[tuple[list[Hit], tuple[Hit, Window]] | None, bool]:
    """The article cited before that answers a follow-up, and whether its date is the
    answer (see `compose`)."""
    earlier = [a for a in articles if a[0][0].article.id in cited]
    # A date beside the statement answers only when it fits well: "rond 2030" in an
    # article about a bankruptcy is not when the bankruptcy was.
    least = DIRECT if focus.expects == "date" else 0.0
    answering = [
        a
        for a in earlier
        if focus.expects in (None, "reason") or a[1][1].answer >= max(least, 1e-9)
    ]
    if answering:
        return answering[0], False
    if focus.expects == "date":
        dated = [a for a in earlier if a[0][0].article.published is not None]
        if dated:
            return dated[0], True
    return None, False


def _quoted(
    articles: list[tuple[list[Hit], tuple[Hit, Window]]],
    focus: Focus,
    context: Sequence[Hit] = (),
    limit: int = 3,
) -> tuple[tuple[Quote, ...], str | None]:
    """The quote of each article, the first at two places when that adds enough, then its
    next paragraph (`_next_door`), and the direct answer line."""
    quotes = []
    direct = None
    beside = None
    for rank, (hits, first) in enumerate(articles):
        picks = [first]
        if rank == 0:
            second = _best(hits, focus, after=first)
            worth = second[1].value >= SECOND * focus.mean_weight > 0
            if worth and _length(first) + _length(second) <= MAX_QUOTE_CHARS - 9:
                picks.append(second)
        quote = _quote_of(hits, picks, focus)
        if rank == 0:
            direct, span = direct_line(quote.excerpt, first, focus, *picks[1:])
            quote = replace(quote, answer=span)
            beside = _next_door(hits, picks, focus, context)
        quotes.append(quote)
    if beside is not None and (len(quotes) < limit or quotes[-1].score < STRONG * quotes[0].score):
        quotes.insert(1, beside)
    return tuple(quotes[:limit]), direct


def _next_door(
    hits: list[Hit], picks: list[tuple[Hit, Window]], focus: Focus, context: Sequence[Hit]
) -> Quote | None:
    """The best stretch of the paragraph before or after the one the first quote is built
    around (ties: the one after), quoted on its own from the same article.

    A news paragraph is short and its neighbours carry on its story: the reason, the name
    or the date a question asks about is often one paragraph away from the one that
    repeats the question's words ("De reden: ..." opening the next one, the person
    introduced in the one before), and the first article, the one most about the
    question, is likelier to hold it there than a further article that shares a word or
    two with it. So it is quoted next, before further articles, and takes the last place
    only from a weak one (below STRONG of the first's score)."""
    held, done = picks[0][0], {hit.passage_id for hit, _ in picks}
    beside = [
        c
        for c in context
        if c.article.id == held.article.id
        and abs(c.position - held.position) == 1
        and c.passage_id not in done
    ]
    if not beside:
        return None
    best = max((_best([c], focus) for c in beside), key=lambda p: (p[1].value, p[0].position))
    return _quote_of(hits, [best], focus)


def _quote_of(hits: list[Hit], picks: list[tuple[Hit, Window]], focus: Focus) -> Quote:
    """The quote of `picks`, cited with the article of `hits` at its best passage's score."""
    text, highlights = _quote(picks, focus)
    return Quote(
        article=hits[0].article,
        excerpt=text,
        highlights=highlights,
        score=round(hits[0].score, 4),
        passage_id=picks[0][0].passage_id,
    )


def _length(pick: tuple[Hit, Window]) -> int:
    spans = pick[1].spans
    return spans[pick[1].last][1] - spans[pick[1].first][0]


def _names_held(result: SearchResult, hits: list[Hit]) -> bool:
    """Whether the passages hold every name and number of the question."""
    held = {t for hit in hits for t in hit.terms}
    return all(held.intersection(c.terms) for c in result.query.concepts if c.specific)


def did_you_mean(result: SearchResult) -> str | None:
    """The question with each corrected word replaced by how the archive writes it.

    The correction is an index term (a stem); the word shown is the first word in the
    ranked passages with that term, so the suggestion is a real word from the archive.
    Corrections with no such word in sight are left out.
    """
    if not result.query.corrections:
        return None
    text = result.question
    for correction in result.query.corrections:
        word = _written(correction.term, result.hits)
        if word is None:
            continue
        if correction.typed[:1].isupper():
            word = word[:1].upper() + word[1:]
        text = re.sub(rf"(?<!\w){re.escape(correction.typed)}(?!\w)", word, text)
    return text if text != result.question else None


def _written(term: str, hits: tuple[Hit, ...]) -> str | None:
    for hit in hits:
        if term in hit.terms:
            for start, end, t in term_spans(hit.text):
                if t == term:
                    return hit.text[start:end].lower()
    return None


def _around_answer(hits: list[Hit], focus: Focus) -> tuple[Hit, Window] | None:
    """The stretch built around the sentence most likely to answer, if one does.

    A sentence answers as well as its best mention fits the kind asked for, times how
    much of the question it and its neighbours hold: an answer sits in the sentence that
    repeats the question or next to it, before or after ("Paula Schot (25) gaat ..."
    after the sentence about the new councillor). A reason follows what it explains, so
    for why the two sentences before count instead, and a sentence right after a
    matching one is a reason of a kind even without a connective: news states what happened, then
    why ("..., de kijkcijfers waren van het begin af aan dramatisch"). Passages that
    follow each other in the article are read as one text.

    An answer the article tells in so many words wins over one read from where it
    stands, however much of the question the other one's neighbours hold, when its
    sentence names what the question is about (its topic, `names_topic`): for why, a
    reason stated by a connective, a causal noun or an anaphor that points back (fitting
    at least STATED), the topic in the clause it explains (the sentence after, for an
    anaphor); for who and which N, a name the article classes as the N asked about
    (fitting fully: `persbureau Associated Press`, `Mark Oosterveen, de advocaat van`)
    that holds no other word of the question (`_new_name`). The sentence after a
    statement is only often its reason, and a name beside the question's words only
    often the one asked for. Of such answers the one whose own sentence holds most of the
    question wins a tie.
    """
    if focus.expects is None:
        return None
    best: tuple[float, Hit, int] | None = None
    told: tuple[tuple[float, float], Hit, int] | None = None
    before_passage: frozenset[int] = frozenset()
    previous = None
    for hit in sorted(hits, key=lambda h: h.position):
        _, found, said = hit_sentences(hit, focus)
        carried = before_passage if previous == hit.position - 1 else frozenset()
        for i, ms in enumerate(said):
            before = found[i - 1] if i > 0 else carried
            context = found[i] | before
            if focus.expects != "reason" and i + 1 < len(found):
                context |= found[i + 1]
            if focus.expects == "reason" and i > 1:
                context |= found[i - 2]
            if ms and ms[0].explains_next and i + 1 < len(found):
                # "De Chinezen doen aan spionage. Daarom is de AIVD tegen ...": what the
                # reason explains is the sentence after it, and that is what must match.
                context = found[i + 1]
            strength = ms[0].strength if ms else 0.0
            if focus.expects == "reason" and before:
                strength = max(strength, ELABORATION)
            if focus.further:
                strength = both_fit(focus, hit, i, strength)
            score = strength * focus.weight(context)
            if score > 0 and (best is None or score > best[0] + 1e-9):
                best = (score, hit, i)
            if ms and _told(hit, ms[0], focus):
                k = i + 1 if ms[0].explains_next else i
                explained = context if ms[0].explains_next else found[i]
                rank = (score, focus.weight(explained))
                named = names_topic(hit, k, focus) or _said_of_before(hit, i, focus)
                if (told is None or rank > told[0]) and named:
                    told = (rank, hit, i)
        before_passage, previous = found[-1], hit.position
    if told is not None:
        _, hit, i = told
    elif best is not None:
        _, hit, i = best
    else:
        return None
    return hit, best_window(hit.text, focus, hit.terms, must=i, written=hit.article.published)


def _said_of_before(hit: Hit, i: int, focus: Focus) -> bool:
    """Whether the reason in sentence `i` is of what the sentence before says, which names
    the topic: "Hoe kon Michael P. zijn dossier gesloten houden? Dat komt door het medisch
    beroepsgeheim." names it through its demonstrative subject, which points back."""
    if i == 0 or focus.expects != "reason":
        return False
    a, b = hit_sentences(hit, focus)[0][i]
    first = hit.text[a:b].split(maxsplit=1)[:1]
    return bool(first) and first[0].lower() in DEMONSTRATIVES and names_topic(hit, i - 1, focus)


def _told(hit: Hit, mention: Mention, focus: Focus) -> bool:
    """Whether the article tells the answer in so many words (`_around_answer`): a stated
    reason, or a name classed as the noun asked about."""
    if focus.expects == "reason":
        return mention.strength >= STATED
    classed = focus.expects in ("person", "name") and bool(focus.measure)
    return classed and mention.strength >= FULL_FIT and _new_name(hit, mention, focus)


def _new_name(hit: Hit, mention: Mention, focus: Focus) -> bool:
    """Whether a name holds no word of the question but the noun it is asked of: the "Van
    Gogh Museum" is named after the painter the question gives, and may be another
    museum than the one asked for."""
    own = focus.terms - focus.measure
    return not any(t in own for _, _, t in term_spans(hit.text[mention.start : mention.end]))


def _best(
    hits: list[Hit], focus: Focus, after: tuple[Hit, Window] | None = None
) -> tuple[Hit, Window]:
    """The best stretch over the article's passages (ties: a passage that matched, then the
    one earlier in the article, where news puts what matters); with `after`, the best one
    that adds to that pick."""
    best: tuple[Hit, Window] | None = None
    covered, answered = (after[1].concepts, after[1].answer) if after else (frozenset(), 0.0)
    for hit in hits:
        if (
            best is not None
            and most_worth(hit.terms, focus, covered, answered) < best[1].value - 1e-9
        ):
            continue
        avoid = None
        if after is not None and hit.passage_id == after[0].passage_id:
            avoid = (after[1].first - 1, after[1].last + 1)
        window = best_window(
            hit.text, focus, hit.terms, covered, answered, avoid, written=hit.article.published
        )
        better = best is None or window.value > best[1].value + 1e-9
        tie = best is not None and abs(window.value - best[1].value) <= 1e-9
        if better or (tie and best is not None and _before(hit, best[0])):
            best = (hit, window)
    assert best is not None
    return best


def _before(hit: Hit, other: Hit) -> bool:
    """Whether `hit` goes before `other` at equal worth: a passage that matched the
    question before one that only follows such a passage (`_following`), then the one
    earlier in the article."""
    return (hit.score <= 0, hit.position) < (other.score <= 0, other.position)


def excerpt(passage: str, weights: dict[str, float]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The best stretch of `passage` for a question with these term weights, quoted."""
    focus = Focus.plain(weights)
    window = best_window(passage, focus)
    first, last = _grown(window.spans, window.first, window.last, MAX_EXCERPT_CHARS)
    text = _fragment(passage, window.spans, first, last, focus.terms)
    return text, _marks(text, focus)


def _quote(
    picks: list[tuple[Hit, Window]], focus: Focus
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The picked stretches in article order, each grown to the sentences around it, an
    ellipsis between them, and marked words. Two stretches of one passage grow towards
    each other at most until they meet, and are then quoted as one."""
    ordered = sorted(picks, key=lambda p: (p[0].position, p[1].first))
    # What the stretches may grow by together, shared out equally; the ellipses at the ends
    # and between them take up to three characters each.
    room = MAX_QUOTE_CHARS - 3 * (len(picks) + 1)
    slack = (room - sum(map(_length, picks))) // len(picks)
    stretches: list[tuple[Hit, tuple[tuple[int, int], ...], int, int]] = []
    for k, (hit, window) in enumerate(ordered):
        done = stretches[-1] if stretches else None
        before = done if done and done[0].passage_id == hit.passage_id else None
        following = ordered[k + 1] if k + 1 < len(ordered) else None
        lo = before[3] + 1 if before else 0
        hi = None
        if following and following[0].passage_id == hit.passage_id:
            hi = following[1].first - 1
        budget = min(MAX_EXCERPT_CHARS, _length((hit, window)) + max(slack, 0))
        first, last = _grown(window.spans, window.first, window.last, budget, lo, hi)
        if before and first <= before[3] + 1:
            stretches[-1] = (hit, window.spans, before[2], last)
        else:
            stretches.append((hit, window.spans, first, last))
    pieces = [
        _fragment(h.text, spans, first, last, focus.terms) for h, spans, first, last in stretches
    ]
    text = pieces[0]
    for piece in pieces[1:]:
        joint = ELLIPSIS in (text[-1], piece[0])
        text += " " + piece if joint else f" {ELLIPSIS} {piece}"
    text = text.replace(f"{ELLIPSIS} {ELLIPSIS}", ELLIPSIS)
    known = {
        h.text[s:e]: t for h, _ in picks if h.terms for s, e, t in passage_words(h.text, h.terms)
    }
    return text, _marks(text, focus, known)


def _fragment(
    passage: str,
    spans: tuple[tuple[int, int], ...],
    first: int,
    last: int,
    terms: frozenset[str],
) -> str:
    """Sentences `first`..`last` of the passage, verbatim, with ellipses where the passage
    was cut; a single over-long sentence is cut around its first question word."""
    start, end = spans[first][0], spans[last][1]
    if first == last and end - start > MAX_EXCERPT_CHARS:
        start, end = _window(passage, start, end, terms)
    text = passage[start:end].strip()
    prefix = f"{ELLIPSIS} " if start > 0 else ""
    suffix = f" {ELLIPSIS}" if end < len(passage.rstrip()) else ""
    return prefix + text + suffix


def _grown(
    spans: tuple[tuple[int, int], ...],
    first: int,
    last: int,
    budget: int,
    lo: int = 0,
    hi: int | None = None,
) -> tuple[int, int]:
    """Sentences `first`..`last` with their neighbours (no further than `lo`..`hi`), one
    after and one before in turn, while the stretch fits in `budget` characters: a
    paragraph is a unit of discourse, and the sentences around the answer say who "hij"
    is, what "dat" refers to, and often why."""
    hi = len(spans) - 1 if hi is None else hi
    while True:
        grown = first, last
        if last < hi and spans[last + 1][1] - spans[first][0] <= budget:
            last += 1
        if first > lo and spans[last][1] - spans[first - 1][0] <= budget:
            first -= 1
        if (first, last) == grown:
            return first, last


def _marks(
    text: str, focus: Focus, known: dict[str, str] | None = None
) -> tuple[tuple[int, int], ...]:
    """Offsets of question words in `text`; `known` maps words already analysed to terms."""
    terms = focus.terms
    return tuple((s, e) for s, e, t in term_spans(text, known) if t in terms)


def _window(passage: str, start: int, end: int, terms: frozenset[str]) -> tuple[int, int]:
    """Cut an over-long sentence to the stretch around its first question word."""
    matches = [s for s, _, t in term_spans(passage[start:end]) if t in terms]
    anchor = start + (matches[0] if matches else 0)
    left = max(start, anchor - MAX_EXCERPT_CHARS // 3)
    right = min(end, left + MAX_EXCERPT_CHARS)
    if left > start:
        space = passage.find(" ", left, anchor + 1)
        left = space + 1 if space != -1 else left
    if right < end:
        space = passage.rfind(" ", left, right)
        right = space if space > left else right
    return left, right
