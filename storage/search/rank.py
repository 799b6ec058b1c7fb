"""From a question to ranked passages: FTS5 finds candidates, rank_bm25 scores them.

rank_bm25's BM25Okapi is the scorer of record, but it wants the whole corpus in RAM and
rebuilds its statistics on every change. Here FTS5 narrows the archive to a few hundred
passages that contain the question's rarer terms, and `ArchiveBM25` scores just those with
the archive-wide passage count, average length and document frequencies that the store
keeps up to date. The scores equal what BM25Okapi over the whole archive would give those
passages, except for the idf floor (see `idf`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import partial

import numpy as np
from rank_bm25 import BM25Okapi

from storage.candidates import plan_candidates
from storage.language.text import STOP_WORDS, fold, question_spans
from storage.models import Filters
from storage.search.query import Concept, Query, understand
from storage.search.result import Evidence, Hit, SearchResult
from storage.search.timehints import Period
from storage.store import Candidate, CorpusStats, Reader, Store

CANDIDATES = 48
CANDIDATE_TERMS = 8
MAX_QUERY_TERMS = 48
IDF_FLOOR = 0.01
# The articles whose every passage a search hands to answer composition (`SearchResult.context`):
# the three it quotes and one it may quote for a follow-up.
CONTEXT_ARTICLES = 4

# How much a relative time phrase ("vorig jaar") lifts passages from its period.
NUDGE = 1.1
# What a question concept found elsewhere in the same article adds to a passage's score,
# as a share of what finding it in the passage itself would add (about its idf).
ARTICLE_WEIGHT = 0.5
# Stem families for abstention: `kind`/`kinder` are one word, `kind`/`kindermishandeling` not.
MIN_NEAR = 4
NEAR = 3
# A name this long that opens a compound (`eredivisieschap`) is its modifier, not a prefix
# a shorter word shares by chance.
MIN_MODIFIER = 6
_WORD = re.compile(r"[^\W\d_]+")


def idf(passages: int, df: int) -> float:
    """BM25Okapi's idf, floored at a small constant instead of rank_bm25's epsilon rule.

    rank_bm25 replaces a negative idf (a term in more than half the passages) by 0.25 x
    the average idf, which makes such a term weigh more than a moderately common one.
    A small constant floor keeps idf falling as a term gets more common.
    """
    return max(math.log(passages - df + 0.5) - math.log(df + 0.5), IDF_FLOOR)


class ArchiveBM25(BM25Okapi):
    """BM25Okapi over candidate passages, with statistics of the whole archive.

    It sets the attributes BM25Okapi's own constructor would compute and inherits its
    scoring (`get_scores`, `get_batch_scores`) unchanged. With `only`, just those terms
    are counted in each passage: scoring looks up the question's terms and nothing else,
    and counting a few terms is much cheaper than counting every word of 200 passages.
    """

    def __init__(
        self,
        candidates: Sequence[Sequence[str]],
        stats: CorpusStats,
        weights: dict[str, float],
        k1: float = 1.5,
        b: float = 0.75,
        only: Sequence[str] | None = None,
    ) -> None:
        self.k1 = k1
        self.b = b
        self.epsilon = 0.0
        self.tokenizer = None
        self.corpus_size = len(candidates)
        self.doc_len = [len(terms) for terms in candidates]
        wanted = None if only is None else frozenset(only)
        self.doc_freqs = [
            Counter(terms)
            if wanted is None
            else {t: terms.count(t) for t in wanted.intersection(terms)}
            for terms in candidates
        ]
        self.avgdl = stats.avgdl or 1.0
        self.idf = dict(weights)
        self.average_idf = sum(weights.values()) / len(weights) if weights else 0.0


def query_terms(question: str) -> tuple[str, ...]:
    """The question's distinct index terms, in order of appearance, capped for huge input."""
    return tuple(dict.fromkeys(t for _, _, t in question_spans(question)))[:MAX_QUERY_TERMS]


async def search(
    store: Store,
    question: str,
    filters: Filters | None = None,
    limit: int = 50,
    carried: Sequence[Concept] = (),
) -> SearchResult:
    """Rank the archive's passages for a question, as one job off the event loop;
    `carried` as for `understand`."""
    job = partial(search_with, question=question, filters=filters, limit=limit, carried=carried)
    return await store.read(job)


def search_with(
    reader: Reader,
    question: str,
    filters: Filters | None = None,
    limit: int = 50,
    carried: Sequence[Concept] = (),
) -> SearchResult:
    """`search` on a reader the caller holds: understand, pick candidates, score them."""
    query, stats, weights = analysed(reader, question, filters or Filters(), carried)
    filters = query.filters
    terms = query.terms
    if not terms:
        return SearchResult(question=question, terms=(), query=query)
    known = candidate_terms(terms, stats.df, weights)
    own = frozenset(c.terms[0] for c in query.concepts if not c.split)
    plan = plan_candidates(known, stats.df, weights, CANDIDATES, filters, own)
    candidates = reader.candidates(plan, filters)
    if not candidates:
        return SearchResult(question=question, terms=terms, weights=weights, query=query)
    hits, evidence = rank_candidates(candidates, query, stats, weights, limit)
    ranked = list({h.article.id: h.article for h in hits}.values())[:CONTEXT_ARTICLES]
    context = tuple(_hit(c, 0.0) for c in reader.passages(ranked))
    return SearchResult(
        question=question,
        terms=terms,
        weights=weights,
        hits=hits,
        coverage=evidence.coverage,
        query=query,
        evidence=evidence,
        context=context,
    )


def analysed(
    reader: Reader, question: str, filters: Filters, carried: Sequence[Concept] = ()
) -> tuple[Query, CorpusStats, dict[str, float]]:
    """The question as the ranking reads it: its concepts, their statistics and weights.

    Public so that a benchmark can rank every passage exhaustively by the very query the
    search ranks its candidates by (bench/baselines.py).
    """
    query = understand(reader, question, filters, carried)
    if not query.terms:
        return query, query.stats or CorpusStats(passages=0, avgdl=0.0, df={}), {}
    stats = query.stats or reader.corpus_stats(query.terms)
    return query, stats, concept_weights(query, stats)


def concept_weights(query: Query, stats: CorpusStats) -> dict[str, float]:
    """Each term weighs what its concept weighs: the idf of the concept's most common term.

    A concept with alternatives (a translation, a joined compound) matches a passage when
    any of them does, so its rarity is that of the commonest alternative, and one concept
    never counts twice however many of its alternatives a passage holds.
    """
    weights: dict[str, float] = {}
    for concept in query.concepts:
        df = max(stats.df.get(t, 0) for t in concept.terms)
        weight = idf(stats.passages, df)
        for t in concept.terms:
            weights[t] = max(weight, weights.get(t, 0.0))
    return weights


def rank_candidates(
    candidates: list[Candidate],
    query: Query,
    stats: CorpusStats,
    weights: dict[str, float],
    limit: int,
) -> tuple[tuple[Hit, ...], Evidence]:
    """Passages by BM25 over concepts plus the evidence the rest of their article adds.

    A passage's score depends only on its own terms and on which concepts the other
    passages of its article among `candidates` hold.
    """
    mass = [max(weights.get(t, 0.0) for t in c.terms) for c in query.concepts]
    scorer = ArchiveBM25([c.terms for c in candidates], stats, weights, only=query.terms)
    owners: dict[str, list[int]] = {}
    for i, concept in enumerate(query.concepts):
        for t in concept.terms:
            owners.setdefault(t, []).append(i)
    found = [
        _matched(query, c, tf, owners) for c, tf in zip(candidates, scorer.doc_freqs, strict=True)
    ]
    in_article: dict[int, set[int]] = {}
    for candidate, held in zip(candidates, found, strict=True):
        in_article.setdefault(candidate.article.id, set()).update(held)

    scores = _scores(candidates, query, scorer, weights)
    for i, candidate in enumerate(candidates):
        elsewhere = in_article[candidate.article.id] - found[i]
        scores[i] += ARTICLE_WEIGHT * sum(mass[k] for k in elsewhere)

    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], candidates[i].passage_id))
    hits = tuple(_hit(candidates[i], float(scores[i])) for i in order[:limit])
    best = candidates[order[0]].article.id
    words = {t for c in candidates if c.article.id == best for t in c.terms}
    texts = [c.text for c in candidates if c.article.id == best]
    unheard = _unheard(query, stats)
    return hits, _evidence(query, mass, in_article[best], words, texts, unheard)


def _unheard(query: Query, stats: CorpusStats) -> frozenset[int]:
    """The concepts of an English question that neither the word list nor the archive
    knows (`orcas`, `electrocuted`): words that could not be carried into Dutch, so no
    article holds them, and their absence says nothing about whether one answers. Names
    and numbers are kept: those are written alike in both languages."""
    if query.language != "en":
        return frozenset()
    return frozenset(
        i
        for i, c in enumerate(query.concepts)
        if not c.specific and not any(stats.df.get(t) for t in c.terms)
    )


def candidate_terms(
    terms: Sequence[str], df: Mapping[str, int], weights: Mapping[str, float]
) -> list[str]:
    """The CANDIDATE_TERMS terms candidates are looked for by: those of the heaviest
    concepts, the rarest first within one. A concept weighs as its most common
    alternative, so the rare senses a dictionary gives an English word (`banvloek` for
    ban, `conducteur` for driver) do not push the question's rare words (Stuttgart,
    diesel) out of the search, as they would if the rarest terms were taken."""
    known = [t for t in terms if df.get(t)]
    return sorted(known, key=lambda t: (-weights.get(t, 0.0), df[t], t))[:CANDIDATE_TERMS]


def _hit(candidate: Candidate, score: float) -> Hit:
    return Hit(
        article=candidate.article,
        passage_id=candidate.passage_id,
        position=candidate.position,
        text=candidate.text,
        score=score,
        terms=candidate.terms,
    )


def _matched(
    query: Query, candidate: Candidate, present: Mapping[str, int], owners: Mapping[str, list[int]]
) -> frozenset[int]:
    """The concepts (by index) of which the passage has a term, or for a year the date.

    `present` holds the passage's counts of the question's terms, `owners` the concepts
    each term belongs to.
    """
    held: Iterable[str] = present
    if query.years:
        published = candidate.article.published
        held = [*present, *(year for year, period in query.years if _within(published, period))]
    return frozenset(i for t in held for i in owners.get(t, ()))


def _evidence(
    query: Query,
    mass: list[float],
    article: set[int],
    words: set[str],
    texts: list[str],
    unheard: frozenset[int],
) -> Evidence:
    """How much of the question the best article answers, and what it leaves out.

    For this judgement a concept also counts as present when the article has a word of
    the same stem family (`kind`/`kinder`, `schiedam`/`schiedams`): the stemmer does not
    always reduce them to one term, and neither is a sign that the article is off topic.
    An abbreviation counts as present when the article spells it out (`NK`, `Nederlands
    kampioenschap`), an adjective of origin when the article names its place (`Friese`,
    `in Friesland`; `_of_place`), an ordinal when the article has its number (`95ste`, `95`). A name
    of several words (Cardinal George Pell) is not missing while the article has another
    of its names or numbers (Pell). For an English question, the coverage is at least the
    share of its names and numbers the article holds, and a word that could not be
    carried into Dutch (`unheard`, see `_unheard`) is left out of it. The parts of a split
    compound count only together: `voetbal` without `bond` is not the `voetbalbond` asked
    about.
    """
    present = [
        i in article
        or _near(c.terms, words)
        or (c.specific and _modifies(c.terms, words))
        or _spelled_out(c.text, texts)
        or _same_number(c.text, words)
        or (c.specific and _of_place(c.text, texts))
        for i, c in enumerate(query.concepts)
    ]
    groups: dict[str | int, list[int]] = {}
    for i, concept in enumerate(query.concepts):
        if i not in unheard:
            groups.setdefault(concept.text if concept.split else i, []).append(i)
    counted = [mass[i] for members in groups.values() for i in members]
    total = sum(counted)
    top = max(counted, default=0.0)
    found = 0.0
    missing: list[str] = []
    specific = False
    named = {c.name for i, c in enumerate(query.concepts) if c.name and c.specific and present[i]}
    for members in groups.values():
        if all(present[i] for i in members):
            found += sum(mass[i] for i in members)
            continue
        missing.append(query.concepts[members[0]].text)
        specific |= any(
            query.concepts[i].specific and mass[i] >= top and query.concepts[i].name not in named
            for i in members
        )
    coverage = found / total if total else 0.0
    if query.language == "en":
        coverage = max(coverage, _names_found(query, mass, present))
    return Evidence(
        coverage=coverage,
        missing=tuple(dict.fromkeys(missing)),
        lacks_specific=specific,
    )


def _names_found(query: Query, mass: list[float], present: list[bool]) -> float:
    """The share of the question's names and numbers (by weight) an article holds: what
    an English question's coverage rests on, since those are written alike in both
    languages while the rest of it reaches Dutch only through a small dictionary."""
    names = [i for i, c in enumerate(query.concepts) if c.specific]
    total = sum(mass[i] for i in names)
    return sum(mass[i] for i in names if present[i]) / total if total else 0.0


def _same_number(surface: str, words: set[str]) -> bool:
    """An ordinal is the number it is made of: the 95ste birthday is in an article about
    turning 95."""
    digits = surface.rstrip("stedSTED")
    return digits != surface and digits.isdigit() and digits in words


def _spelled_out(surface: str, texts: list[str]) -> bool:
    """`surface` is an abbreviation (2 to 6 capitals) written out word by word in `texts`:
    consecutive words, the first capitalised, none a stop word, with its letters as initials."""
    if not (2 <= len(surface) <= 6 and surface.isalpha() and surface.isupper()):
        return False
    letters = surface.lower()
    for text in texts:
        words = _WORD.findall(text)
        for start in range(len(words) - len(letters) + 1):
            run = words[start : start + len(letters)]
            if (
                run[0][0].isupper()
                and "".join(w[0].lower() for w in run) == letters
                and not any(fold(w) in STOP_WORDS for w in run)
            ):
                return True
    return False


# An adjective of origin and the place it derives from share the place's stem and differ
# in their endings (Fries-e, Fries-land; Oekraï-ense, Oekraï-ne; Nijme-egse, Nijme-gen):
# at least this much in common, at most DERIVED_ENDING letters apart on either side. Only
# the inflected adjective, which a question uses before its noun (`de Friese familie`):
# inhabitant nouns in -er and bare forms in -s end as many surnames do (Bakker, Peters).
PLACE_STEM = 5
DERIVED_ENDING = 4
_DERIVED = ("se", "sche")


def _of_place(surface: str, texts: list[str]) -> bool:
    """A capitalised adjective of origin in the question (`de Friese familie`) is not
    missing from an article that names the place it derives from ("De in
    Friesland geboren broers"): what the question says of the family, the article says
    of where its sons were born. Only for this judgement: for ranking, an adjective read
    as its place would count every mention of the place (storage/search/places.py)."""
    if not surface[:1].isupper() or not surface.isalpha():
        return False
    asked = fold(surface)
    if len(asked) < PLACE_STEM + 1 or not asked.endswith(_DERIVED):
        return False
    for text in texts:
        for word in _WORD.findall(text):
            if not word[:1].isupper():
                continue
            place = fold(word)
            shared = next(
                (k for k, (a, b) in enumerate(zip(asked, place, strict=False)) if a != b),
                min(len(asked), len(place)),
            )
            if (
                place != asked
                and shared >= PLACE_STEM
                and len(asked) - shared <= DERIVED_ENDING
                and len(place) - shared <= DERIVED_ENDING
            ):
                return True
    return False


def _near(terms: Sequence[str], words: set[str]) -> bool:
    """One term extends another by at most NEAR letters (both at least MIN_NEAR long)."""
    for t in terms:
        if len(t) < MIN_NEAR or not t.isalpha():
            continue
        for w in words:
            short, long_ = (t, w) if len(t) <= len(w) else (w, t)
            if (
                len(short) >= MIN_NEAR
                and len(long_) - len(short) <= NEAR
                and long_.startswith(short)
            ):
                return True
    return False


def _modifies(terms: Sequence[str], words: set[str]) -> bool:
    """A name is the first part of a compound the article writes solid: Dutch compounds
    are right-headed, so their first part says what the head is of, and
    `eredivisieschap` (a place in the Eredivisie) speaks of the Eredivisie."""
    return any(
        len(t) >= MIN_MODIFIER and t.isalpha() and len(w) > len(t) + NEAR and w.startswith(t)
        for t in terms
        for w in words
    )


def _scores(
    candidates: list[Candidate], query: Query, scorer: ArchiveBM25, weights: dict[str, float]
) -> list[float]:
    """BM25 summed over concepts, each concept scoring its best alternative.

    With one term per concept this is exactly BM25Okapi's score. A year the passage does
    not mention counts as mentioned once when its article ran in or just after that year;
    a relative time phrase nudges passages from its period up a little.
    """
    per_term = {t: scorer.get_scores([t]) for t in query.terms}
    years = dict(query.years)
    total = np.zeros(len(candidates))
    for concept in query.concepts:
        best = np.maximum.reduce([per_term[t] for t in concept.terms])
        for t in concept.terms:
            if t in years:
                dated = _published_within(candidates, years[t])
                best = np.where(dated, np.maximum(best, weights[t]), best)
        total += best
    if query.nudge:
        total = np.where(_published_within(candidates, query.nudge), total * NUDGE, total)
    return total.tolist()


def _published_within(candidates: list[Candidate], period: Period) -> np.ndarray:
    return np.array([_within(c.article.published, period) for c in candidates], dtype=bool)


def _within(moment: datetime | None, period: Period) -> bool:
    return moment is not None and period.since <= moment <= period.until
