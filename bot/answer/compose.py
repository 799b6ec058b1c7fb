"""From ranked passages to an answer: which articles to cite and which sentences to quote.

The output is plain data (text plus highlight offsets); the terminal, JSON and Discord
renderers decide how to show it. Composition is deterministic: the same archive and
question always give the same quotes in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from storage.archive import (
    Ask,
    Expect,
    Hit,
    Mention,
    SearchResult,
    aligned_spans,
    in_passage,
    says_planned,
    says_unknown,
    sentence_spans,
    term_spans,
)
from storage.models import ArticleSummary

MAX_SENTENCES = 3
MAX_EXCERPT_CHARS = 450
# A quote of two stretches of one article shares this many characters between them.
MAX_QUOTE_CHARS = 800
ELLIPSIS = "…"
# Passages of one article considered for its quote: its best few by score.
PASSAGES = 5
# A second stretch of the first article is quoted when it adds at least this share of an
# average question concept (or the kind of answer asked for).
SECOND = 0.5
# What an answer of the kind asked for, fitting fully, is worth in average concepts.
ANSWER = 1.0
# The direct answer line: a mention that fits at least this well (storage/search/mentions/:
# a quantity of some unit, a month with its year, a name of two words), at most this long.
DIRECT = 0.8
MAX_DIRECT = 120
# A direct line for a question that asks two things holds an answer to each when each
# fits at least partially (storage/search/mentions/) and one at least DIRECT.
EACH = 0.5
# How well the sentence after one that matches a why-question fits as its answer when it
# has no causal connective: as well as a partial answer (storage/search/mentions/).
ELABORATION = 0.5
# A mention that fits the kind asked for fully (storage/search/mentions/).
FULL_FIT = 1.0
# The shortest word of the question that a compound ending in it is read as naming too
# ("songfestival" in "Eurovisiesongfestival"); shorter endings are suffixes (-ing, -heid),
# as storage/search/mentions/ reads a shared compound head.
_HEAD_WORD = 5
_NEXT_WORD = re.compile(r" +([^\W\d_]+)")
# What may close a sentence after its question mark, and open one before its first word.
_CLOSING = " \"'”’»)"
_OPENING = " \n\"'‘“„«(,"

# Share of the question's weight the best article must match before we cite it. Below
# it the archive most likely does not answer the question, and saying so beats quoting
# something that merely shares a word with it.
MIN_COVERAGE = 0.4
# Further articles are quoted only while their best passage scores at least this share of
# the first article's: past that they share a word with the question, not its subject.
MIN_RELATIVE_SCORE = 0.5


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
        lead = _latest(result, articles[:limit])
    if lead is not None:
        articles.remove(lead)
        articles.insert(0, lead)
    articles = articles[:limit]
    if abstain(result, focus, *articles[0], dated=dated):
        return silent
    quotes, direct = _quoted(articles, focus)
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
        articles.append((hits, _around_answer(hits, focus) or _best(hits, focus)))
    return articles


def _latest(
    result: SearchResult, articles: list[tuple[list[Hit], tuple[Hit, Window]]]
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
    return max(full, key=lambda a: a[0][0].article.published or datetime.min)


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
    articles: list[tuple[list[Hit], tuple[Hit, Window]]], focus: Focus
) -> tuple[tuple[Quote, ...], str | None]:
    """The quote of each article, the first at two places when that adds enough, and the
    direct answer line."""
    quotes = []
    direct = None
    for rank, (hits, first) in enumerate(articles):
        picks = [first]
        if rank == 0:
            second = _best(hits, focus, after=first)
            worth = second[1].value >= SECOND * focus.mean_weight > 0
            if worth and _length(first) + _length(second) <= MAX_QUOTE_CHARS - 9:
                picks.append(second)
        quote = _quote_of(hits, picks, focus)
        if rank == 0:
            direct, span = _direct(quote.excerpt, first, focus, *picks[1:])
            quote = replace(quote, answer=span)
        quotes.append(quote)
    return tuple(quotes), direct


def _quote_of(hits: list[Hit], picks: list[tuple[Hit, Window]], focus: Focus) -> Quote:
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


def abstain(
    result: SearchResult,
    focus: Focus,
    hits: list[Hit],
    pick: tuple[Hit, Window] | None = None,
    dated: bool = False,
) -> bool:
    """Say "not found" when the first article to quote (its passages `hits`, its chosen
    stretch `pick`) most likely does not answer the question:

    - it matches too little of the question. The kind of answer asked for counts as one
      more concept of the question (ANSWER times an average one), present as far as the
      stretch's mention fits: "Hoeveel wietplanten ...?" is answered by "2600
      hennepplanten" though the article never says wietplanten;
    - it lacks the very name or number the question is about (the 2022 World Cup in an
      archive that only mentions other World Cups);
    - the question asks for a name, number, date or place and there is none beside the
      sentences that match (the article's own date answers a when-question when
      `dated`, see `compose`); a name the question gives itself, an adjective of
      origin or what a question of the article asks about is none (`_answer_strength`);
    - it says itself that what is asked is not known ("Hoe hoog die boete is, wil de
      gemeente niet zeggen", "Yale heeft de identiteit van de student niet
      bekendgemaakt"; `_told_unknown`);
    - the question asks what happened, and the article tells only what was wanted
      (`_only_wanted`) or planned (`_only_planned`).
    """
    strength = 1.0 if dated else _answer_strength(result, focus, hits, pick) if pick else 0.0
    return (
        result.evidence.lacks_specific
        or covered(result, focus, strength) < MIN_COVERAGE
        or _no_answer_kind(focus, strength)
        or _told_unknown(result, focus, hits)
        or _only_wanted(focus, hits)
        or _only_planned(focus, hits)
    )


def _answer_strength(
    result: SearchResult, focus: Focus, hits: list[Hit], pick: tuple[Hit, Window]
) -> float:
    """How well the chosen stretch answers: the fit of its mention, or, when that mention
    is no answer after all (`_no_answer`), of the best other one in the stretch."""
    hit, window = pick
    given = _Given.of(result, hits)
    mention = window.mention
    if mention is None or not _no_answer(hit.text, window, mention, focus, given):
        return window.answer
    said = _sentences(hit.text, hit.terms, focus)[2][window.first : window.last + 1]
    fits = [
        m.strength for ms in said for m in ms if not _no_answer(hit.text, window, m, focus, given)
    ]
    return max(fits, default=0.0)


@dataclass(frozen=True)
class _Given:
    """What tells the question's own names from an answer: the terms of each name of
    several words the question gives ("Max Verstappen"), and the article's passages."""

    names: tuple[frozenset[str], ...] = ()
    texts: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: SearchResult, hits: list[Hit]) -> _Given:
        runs: dict[int, set[str]] = {}
        for concept in result.query.concepts:
            if concept.name is not None:
                runs.setdefault(concept.name, set()).add(concept.terms[0])
        return cls(tuple(map(frozenset, runs.values())), tuple(h.text for h in hits))


def _no_answer(
    passage: str, window: Window, mention: Mention, focus: Focus, given: _Given = _Given()
) -> bool:
    """A mention found as the answer that cannot be one: the question's own name
    (`_echoes`), an adjective of origin (`_attributive`), or one a question of the
    article asks about (`_asked`)."""
    return (
        _echoes(passage, window, mention, focus, given)
        or _attributive(passage, mention, focus)
        or _asked(passage, window, mention)
    )


def _asked(passage: str, window: Window, mention: Mention) -> bool:
    """Whether the mention stands in a sentence that is a question: a question asserts
    nothing, so "Wordt het Johnson of Hunt?" says of neither that he became premier."""
    a, b = window.spans[_sentence_of(window, mention.start)]
    return passage[a:b].rstrip(_CLOSING).endswith("?")


def _attributive(passage: str, mention: Mention, focus: Focus) -> bool:
    """Whether a mention is one capitalised adjective before its noun: Dutch capitalises
    the adjectives it derives from names of places and peoples (`Belgische activiteiten`,
    `Amerikaanse topuniversiteiten`), and they end in -se or -sche once inflected. Such an
    adjective says where something is from; it names no one and nothing, unless its noun
    is the one the question asks about (`de Duitse nationaliteit` for `welke
    nationaliteit`). Where something is from is a partial answer to where, so a
    question for a place keeps it (`een Duitse toerist` for `uit welk land`)."""
    if focus.expects == "place":
        return False
    word = passage[mention.start : mention.end]
    following = _NEXT_WORD.match(passage, mention.end)
    if not (word.isalpha() and word.lower().endswith(("se", "sche")) and following):
        return False
    noun = following.group(1)
    return noun.islower() and not any(_headed_by(t, focus.measure) for _, _, t in term_spans(noun))


def _headed_by(term: str, words: Collection[str]) -> bool:
    """The term is one of `words` or a compound whose head is one of them (of _HEAD_WORD
    letters or more)."""
    return any(term == w or (len(w) >= _HEAD_WORD and term.endswith(w)) for w in words)


def _echoes(
    passage: str, window: Window, mention: Mention, focus: Focus, given: _Given = _Given()
) -> bool:
    """Whether a name found as the answer is one the question gives itself: every
    capitalised word of it is a word of the question, or a compound whose head is one
    ("Eurovisiesongfestival" for a question about the songfestival). A question names
    what it asks about, so that name is not what it asks for ("Kledingketen CoolCat" does
    not say who took CoolCat over). The noun the answer is of (`welk hotel`: the TWA
    Hotel) is what an answer is named after, not an echo.

    A sentence's first word is capitalised for its place, and is left out unless the
    article capitalises it inside a sentence too: "Kledingketen" and "Topuniversiteit"
    are nouns in apposition, "Jos" in "Jos Verstappen" is a name. A name of several
    words the question gives is echoed only whole: "Jos Verstappen" shares a word with
    "Max Verstappen" but is someone else."""
    opening = window.spans[_sentence_of(window, mention.start)][0]
    spans = list(term_spans(passage[mention.start : mention.end]))
    named = [
        t
        for s, e, t in spans
        if passage[mention.start + s].isupper()
        and (
            mention.start + s > opening
            or _named_inside(passage[mention.start + s : mention.start + e], given.texts)
        )
    ]
    own = focus.terms - focus.measure
    held = {t for _, _, t in spans}
    return (
        bool(named)
        and all(_headed_by(t, own) for t in named)
        and all(name <= held for name in given.names if name & held)
    )


def _named_inside(word: str, texts: Collection[str]) -> bool:
    """Whether `word` stands capitalised inside a sentence of `texts`, not first in it."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    for text in texts:
        for match in pattern.finditer(text):
            before = text[: match.start()].rstrip(_OPENING)
            if before and before[-1] not in ".!?:":
                return True
    return False


def covered(result: SearchResult, focus: Focus, strength: float) -> float:
    """The share of the question the best article holds, the kind of answer asked for
    counting as one more concept (ANSWER average ones), held as far as `strength` says."""
    total = sum(w for _, w in focus.concepts)
    slot = focus.answer_weight
    return (result.coverage * total + slot * strength) / (total + slot) if total + slot else 0.0


def _no_answer_kind(focus: Focus, strength: float) -> bool:
    """A name, number, date or place is asked for and none stands beside what matches."""
    return focus.expects not in (None, "reason") and strength == 0.0


def _only_wanted(focus: Focus, hits: list[Hit]) -> bool:
    """The question asks what happened, and the sentence of the article that matches it
    best gives an answer of the kind asked for only as what is wanted, demanded or
    planned ("Justitie wil 16 jaar cel voor ..." for "Hoeveel jaar cel heeft de rechter
    gegeven?"): the article reports the demand, not the outcome."""
    if not focus.outcome or focus.expects in (None, "reason"):
        return False
    anyhow = replace(focus, outcome=False)
    best: tuple[float, bool] = (0.0, False)
    for hit in hits:
        _, found, said = _sentences(hit.text, hit.terms, focus)
        wanted = _sentences(hit.text, hit.terms, anyhow)[2]
        for concepts, ms, ws in zip(found, said, wanted, strict=True):
            weight = sum(focus.concepts[c][1] for c in concepts)
            if weight > best[0] + 1e-9:
                best = (weight, bool(ws) and not ms)
    return best[1]


def _only_planned(focus: Focus, hits: list[Hit]) -> bool:
    """The question asks what happened, and every sentence of the article that speaks of
    the thing it asks about (the noun of `welke` or `hoeveel` that the question has:
    "Welke nummers heeft Madonna gezongen?") says what is wanted, expected or planned
    ("De zangeres zal naar alle waarschijnlijkheid twee nummers zingen"): the article
    was written before it happened and cannot say what came of it."""
    asked = focus.measure & focus.terms
    if not focus.outcome or not asked:
        return False
    held = {i for i, (alternatives, _) in enumerate(focus.concepts) if alternatives & asked}
    about = [
        hit.text[a:b]
        for hit in hits
        for (a, b), concepts in zip(*_sentences(hit.text, hit.terms, focus)[:2], strict=True)
        if concepts & held
    ]
    return bool(about) and all(map(says_planned, about))


def _told_unknown(result: SearchResult, focus: Focus, hits: list[Hit]) -> bool:
    """A sentence of the article that matches the question says the asked is not known."""
    for hit in hits:
        spans, found, _ = _sentences(hit.text, hit.terms, focus)
        for (a, b), concepts in zip(spans, found, strict=True):
            if concepts and says_unknown(hit.text[a:b], result.question, focus.expects):
                return True
    return False


def _direct(
    excerpt: str, pick: tuple[Hit, Window], focus: Focus, *more: tuple[Hit, Window]
) -> tuple[str | None, tuple[int, int] | None]:
    """The few words of the first quote that answer, and where they are in it: the
    mention its stretch was built around, when it fits the kind asked for well (at least
    DIRECT), cut to MAX_DIRECT characters at a word. A question that asks two things gets
    both answers: in one sentence when each fits at least partially (EACH) and one well,
    as the words from the first to the last; in neighbouring sentences when each fits
    well, one after the other.

    When the stretch holds no such answer, the quote's second stretch (`more`) may: it
    is quoted for what the first lacks, of the question or of the kind of answer asked
    for ("Volgens de rechter is Smit overleden doordat ..." further down the article)."""
    words, span = _answer_in(excerpt, pick, focus)
    if words is not None:
        return words, span
    for other in more:
        if _of_the_subject(other, focus):
            # Its answer decides even when it fits only partly: a partial reason about the
            # topic outranks a reason guessed from the order of sentences.
            return _answer_in(excerpt, other, focus)
    return None, None


def _of_the_subject(pick: tuple[Hit, Window], focus: Focus) -> bool:
    """Whether the sentence of a further stretch's answer names what the question is about
    (its subject, `Focus.topic`): away from the sentences that match the question, an
    answer is about what is asked only where the article names it again ("Shell slaat de
    uitnodiging af, omdat ..." for "Waarom komt Shell niet ..."); elsewhere it may be the
    reason or the number of something else ("Brazilië ... omdat de klimaatcrisis ...")."""
    hit, window = pick
    mention = _strongest(hit, window, focus)
    if mention is None or not focus.topic:
        return False
    found = _sentences(hit.text, hit.terms, focus)[1][_sentence_of(window, mention.start)]
    return bool(found & focus.topic)


def _answer_in(
    excerpt: str, pick: tuple[Hit, Window], focus: Focus
) -> tuple[str | None, tuple[int, int] | None]:
    """The direct line one stretch of the quote gives (`_direct`)."""
    hit, window = pick
    mention = _strongest(hit, window, focus)
    if mention is None:
        return None, None
    said = sorted([mention, *_answers_beside(hit, window, focus, mention)], key=lambda m: m.start)
    if len(said) == 1 + len(focus.further) > 1:
        one = _sentence_of(window, said[0].start) == _sentence_of(window, said[-1].start)
        weakest = min(m.strength for m in said)
        whole = hit.text[said[0].start : said[-1].end]
        pieces = [hit.text[m.start : m.end].strip() for m in said]
        together = one and weakest >= EACH and max(m.strength for m in said) >= DIRECT
        if together and len(whole) <= MAX_DIRECT and whole in excerpt:
            start = excerpt.find(whole)
            return whole, (start, start + len(whole))
        if (together or weakest >= DIRECT) and all(p in excerpt for p in pieces):
            start = excerpt.find(pieces[0])
            return f" {ELLIPSIS} ".join(pieces), (start, start + len(pieces[0]))
    if mention.strength < DIRECT:
        return None, None
    words = hit.text[mention.start : mention.end].strip()
    start = excerpt.find(words)
    if start < 0:
        return None, None
    if len(words) > MAX_DIRECT:
        cut = words.rfind(" ", 0, MAX_DIRECT)
        words = words[: cut if cut > 0 else MAX_DIRECT - 1].rstrip(" ,;:") + ELLIPSIS
        return words, (start, start + len(words) - 1)
    return words, (start, start + len(words))


def _strongest(hit: Hit, window: Window, focus: Focus) -> Mention | None:
    """The mention the direct line gives: the one the stretch was built around, or, when
    that one fits only partially, the best in the stretch that fits well. The stretch is
    the one to three sentences that hold the question; a partial answer in its middle
    ("in Rockanje", where the swan was caught) does not outweigh a full one beside it
    ("naar Vogelklas Karel Schot", where it was taken)."""
    mention = window.mention
    if mention is None or mention.strength >= DIRECT or focus.further:
        return mention
    said = _sentences(hit.text, hit.terms, focus)[2][window.first : window.last + 1]
    best = max((m for ms in said for m in ms), key=lambda m: (m.strength, -m.start), default=None)
    return best if best is not None and best.strength >= DIRECT else mention


def _answers_beside(hit: Hit, window: Window, focus: Focus, mention: Mention) -> list[Mention]:
    """For each further thing the question asks for, its best answer in the sentence of
    `mention` or next to it, if there is one that does not overlap what is said already."""
    i = _sentence_of(window, mention.start)
    found: list[Mention] = []
    for said in _further(hit.text, hit.terms, focus):
        near = [m for ms in said[max(0, i - 1) : i + 2] for m in ms]
        free = [
            m for m in near if all(m.end <= o.start or m.start >= o.end for o in [mention, *found])
        ]
        best = max(free, key=lambda m: (m.strength, -abs(m.start - mention.start)), default=None)
        if best is not None:
            found.append(best)
    return found


def _sentence_of(window: Window, offset: int) -> int:
    return next(
        (i for i, (a, b) in enumerate(window.spans) if a <= offset < b), len(window.spans) - 1
    )


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


@dataclass(frozen=True)
class Focus:
    """What a quote should hold: the question's concepts (alternative terms and a weight
    each), the kind of answer asked for, and what else a question that asks two things
    asks for (`further`)."""

    concepts: tuple[tuple[frozenset[str], float], ...]
    expects: Expect | None = None
    measure: frozenset[str] = frozenset()
    further: tuple[Ask, ...] = ()
    outcome: bool = False
    topic: frozenset[int] = frozenset()
    """The concept the question is about (`Query.topic`)."""

    @classmethod
    def of(cls, result: SearchResult) -> Focus:
        concepts = tuple(
            (frozenset(c.terms), max(result.weights.get(t, 0.0) for t in c.terms))
            for c in result.query.concepts
        )
        query = result.query
        topic = frozenset(i for i, c in enumerate(query.concepts) if query.topic in c.terms)
        return cls(concepts, query.expects, query.measure, query.further, query.outcome, topic)

    @classmethod
    def plain(cls, weights: dict[str, float]) -> Focus:
        return cls(tuple((frozenset([t]), w) for t, w in weights.items()))

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for terms, _ in self.concepts for t in terms)

    @property
    def mean_weight(self) -> float:
        return sum(w for _, w in self.concepts) / len(self.concepts) if self.concepts else 0.0

    @property
    def answer_weight(self) -> float:
        """What an answer of the expected kind that fits fully is worth: ANSWER times an
        average concept of the question."""
        return ANSWER * self.mean_weight if self.expects else 0.0


@dataclass(frozen=True)
class Window:
    """Sentences `first`..`last` of a passage, what of the question they hold, their worth.

    `answer` is how well the best mention in it fits the kind of answer asked for (0 for
    none), `mention` that mention, in passage offsets.
    """

    spans: tuple[tuple[int, int], ...]
    first: int
    last: int
    concepts: frozenset[int]
    answer: float
    value: float
    mention: Mention | None = None


def best_window(
    passage: str,
    focus: Focus,
    terms: tuple[str, ...] = (),
    covered: frozenset[int] = frozenset(),
    answered: float = 0.0,
    avoid: tuple[int, int] | None = None,
    must: int | None = None,
) -> Window:
    """The one to three consecutive sentences that add most to what is `covered` already.

    A stretch is worth the weight of the question's concepts it holds, plus what an
    answer of the kind asked for adds (a name for who, a number with its unit for how
    many, a reason for why; storage/search/mentions/) beyond the `answered` strength
    reached already, because the sentence that repeats the question's words is often not
    the one that answers it. Stretches start and end with a sentence that holds
    something. Ties go to the earlier stretch (news puts what matters first), then to the
    shorter. `avoid` is a sentence range not to touch, `must` a sentence to hold. `terms`
    are the passage's stored terms, when known, which spare analysing it again.
    """
    spans, found, said = _sentences(passage, terms, focus)
    best_said = [max((m.strength for m in ms), default=0.0) for ms in said]
    useful = [bool(f - covered) or a > answered for f, a in zip(found, best_said, strict=True)]
    best = Window(spans, 0, 0, frozenset(), 0.0, 0.0)
    for first in range(len(spans)):
        for last in range(first, min(first + MAX_SENTENCES, len(spans))):
            if last > first and spans[last][1] - spans[first][0] > MAX_EXCERPT_CHARS:
                break
            if avoid and first <= avoid[1] and last >= avoid[0]:
                continue
            if must is not None and not first <= must <= last:
                continue
            if not ((useful[first] or first == must) and (useful[last] or last == must)):
                continue
            concepts = frozenset().union(*found[first : last + 1])
            mention = max(
                (m for ms in said[first : last + 1] for m in ms),
                key=lambda m: (m.strength, -m.start),
                default=None,
            )
            if must is not None and said[must]:
                mention = said[must][0]
            strength = mention.strength if mention else 0.0
            value = sum(focus.concepts[i][1] for i in concepts - covered)
            value += focus.answer_weight * max(0.0, strength - answered)
            if value > best.value + 1e-9:
                best = Window(spans, first, last, concepts, strength, value, mention)
    return best


@lru_cache(maxsize=64)
def _words(passage: str, passage_terms: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """The passage's tokens and their terms. Lining up a passage's stored terms with its
    words is most of quoting's work, and a quote asks for the same passage twice."""
    if passage_terms:
        return tuple(aligned_spans(passage, passage_terms))
    return tuple(term_spans(passage))


@lru_cache(maxsize=256)
def _sentences(
    passage: str, passage_terms: tuple[str, ...], focus: Focus
) -> tuple[
    tuple[tuple[int, int], ...], tuple[frozenset[int], ...], tuple[tuple[Mention, ...], ...]
]:
    """Per sentence of the passage: its span, the concepts it holds, its mentions of an
    answer of the kind asked for (in passage offsets)."""
    spans = tuple(sentence_spans(passage) or [(0, len(passage))])
    terms = focus.terms
    words = _words(passage, passage_terms)
    found = []
    for a, b in spans:
        present = {t for s, e, t in words if a <= s and e <= b and t in terms}
        found.append(frozenset(i for i, (alts, _) in enumerate(focus.concepts) if alts & present))
    said = in_passage(passage, spans, focus.expects, terms, focus.measure, focus.outcome)
    return spans, tuple(found), said


@lru_cache(maxsize=64)
def _further(
    passage: str, passage_terms: tuple[str, ...], focus: Focus
) -> tuple[tuple[tuple[Mention, ...], ...], ...]:
    """Per further thing the question asks for, per sentence of the passage, its mentions
    (in passage offsets)."""
    spans = _sentences(passage, passage_terms, focus)[0]
    return tuple(
        in_passage(passage, spans, ask.expects, focus.terms, ask.measure, focus.outcome)
        for ask in focus.further
    )


def _both(focus: Focus, hit: Hit, i: int, main: float) -> float:
    """How well sentence `i` answers a question that asks two things: the mean fit of its
    best answer to each ("Welke partij won, en met hoeveel procent?" - "GroenLinks krijgt
    de voorkeur van 20 procent"), `main` being that of the first."""
    fits = [main]
    taken = _sentences(hit.text, hit.terms, focus)[2][i][:1]
    for said in _further(hit.text, hit.terms, focus):
        free = [m for m in said[i] if all(m.end <= t.start or m.start >= t.end for t in taken)]
        fits.append(max((m.strength for m in free), default=0.0))
    return sum(fits) / len(fits)


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
    """
    if focus.expects is None:
        return None
    best: tuple[float, Hit, int] | None = None
    before_passage: frozenset[int] = frozenset()
    previous = None
    for hit in sorted(hits, key=lambda h: h.position):
        _, found, said = _sentences(hit.text, hit.terms, focus)
        carried = before_passage if previous == hit.position - 1 else frozenset()
        for i, ms in enumerate(said):
            before = found[i - 1] if i > 0 else carried
            context = found[i] | before
            if focus.expects != "reason" and i + 1 < len(found):
                context |= found[i + 1]
            if focus.expects == "reason" and i > 1:
                context |= found[i - 2]
            strength = ms[0].strength if ms else 0.0
            if focus.expects == "reason" and before:
                strength = max(strength, ELABORATION)
            if focus.further:
                strength = _both(focus, hit, i, strength)
            score = strength * sum(focus.concepts[c][1] for c in context)
            if score > 0 and (best is None or score > best[0] + 1e-9):
                best = (score, hit, i)
        before_passage, previous = found[-1], hit.position
    if best is None:
        return None
    _, hit, i = best
    return hit, best_window(hit.text, focus, hit.terms, must=i)


def _best(
    hits: list[Hit], focus: Focus, after: tuple[Hit, Window] | None = None
) -> tuple[Hit, Window]:
    """The best stretch over the article's passages (ties: the one earlier in the article,
    where news puts what matters); with `after`, the best one that adds to that pick."""
    best: tuple[Hit, Window] | None = None
    for hit in hits:
        if after is None:
            window = best_window(hit.text, focus, hit.terms)
        else:
            done, chosen = after
            window = best_window(
                hit.text,
                focus,
                hit.terms,
                covered=chosen.concepts,
                answered=chosen.answer,
                avoid=(chosen.first - 1, chosen.last + 1)
                if hit.passage_id == done.passage_id
                else None,
            )
        better = best is None or window.value > best[1].value + 1e-9
        tie = best is not None and abs(window.value - best[1].value) <= 1e-9
        if better or (tie and best is not None and hit.position < best[0].position):
            best = (hit, window)
    assert best is not None
    return best


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
    known = {h.text[s:e]: t for h, _ in picks if h.terms for s, e, t in _words(h.text, h.terms)}
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
