"""Mentions: the words of a sentence that could answer a question, and how well they fit.

The sentence that repeats the question's words is often not the one that answers it:
news gives the answer in the sentence before or after ("De twee Zweedse politici Jens
Holm en ..." follows the sentence that repeats the question). So answer composition
looks, around the sentences that match, for the words that could be the answer of the
kind asked for (storage/search/asking.py): *mentions*, each with a strength that says
how well it fits what was asked. The grades follow what a reader would accept as an
answer: FULL, GOOD, PARTIAL, WEAK (1, 0.8, 0.5, 0.2); what a sentence denies ("X is niet
de winnaar", but not the Y of "niet X, maar Y") fits partially at most. Each kind of
answer has its module:

- quantities.py: a number with what it counts;
- moments.py: a date, a month, a year, a day;
- names.py: a person, a name, a place;
- reasons.py: a clause a causal connective opens, or what moves someone to act.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from storage.search.asking import Expect
from storage.search.mentions import moments, names, quantities, reasons
from storage.search.mentions.base import (
    FULL,
    GOOD,
    PARTIAL,
    WEAK,
    Mention,
    Token,
    denied,
    described,
    elsewhen,
    folded,
    former,
    habitual,
    headed,
    negates,
    persons,
    qualified,
    rate_asked,
    tokens,
    unrealised,
)
from storage.search.mentions.reasons import DEMONSTRATIVES

__all__ = [
    "DEMONSTRATIVES",
    "FULL",
    "GOOD",
    "PARTIAL",
    "WEAK",
    "Mention",
    "Reading",
    "headed",
    "holds",
    "in_passage",
    "mentions",
    "negates",
    "persons",
    "placed_in",
]


@dataclass(frozen=True)
class Reading:
    """How a question reads a sentence for its answers: the kind it asks for, and what
    of the question decides whether a mention of that kind answers it."""

    expect: Expect
    question_terms: frozenset[str]
    """The question's own words, which are no answer to it."""
    measure: frozenset[str] = frozenset()
    """What the answer is counted or classed by (`Query.measure`): `jaar`, `directeur`."""
    outcome: bool = False
    """The question asks what happened (`asking.about_outcome`): a sentence that says
    what is wanted, demanded or expected does not answer it (a demand of 16 years is no
    verdict), nor one set in another year than the one the question names."""
    negated: bool = False
    """The question holds a negation of its own (`negates`), so what a sentence denies
    may be what it asks about."""
    ahead_of: date | None = None
    """The article's day, when the question asks about what is still to come
    (`asking.looks_ahead`): a date before it answers nothing."""
    places: frozenset[str] = frozenset()
    """The names the question places something in (`placed_in`)."""
    written: date | None = None
    """The article's day, which places its dates (`_past_told`)."""


def holds(sentence: str, expect: Expect | None, question_terms: Collection[str]) -> bool:
    """Whether the sentence contains an answer of the expected kind that the question lacks."""
    if expect is None:
        return False
    return bool(mentions(sentence, Reading(expect, frozenset(question_terms))))


def mentions(sentence: str, reading: Reading | None) -> tuple[Mention, ...]:
    """The words of `sentence` that could answer the question `reading` stands for,
    strongest first; none when the question asks for no kind of answer."""
    if reading is None:
        return ()
    return _read(sentence, tokens(sentence), reading)


def _read(sentence: str, found: list[Token], reading: Reading) -> tuple[Mention, ...]:
    """`mentions` of a sentence already split into its tokens."""
    expect, question_terms, measure = reading.expect, reading.question_terms, reading.measure
    outcome, negated, ahead_of = reading.outcome, reading.negated, reading.ahead_of
    realised_from = 0
    past_only = False
    if outcome and expect != "reason":
        if elsewhen(found, question_terms):
            return ()
        if unrealised(found, sentence):
            # What the sentence wants is no outcome; a relative clause in the past after it is.
            realised_from = described(found)
            past_only = not realised_from and _past_told(expect, reading.written)
            if not realised_from and not past_only:
                return ()
    if expect == "number":
        said = quantities.find(sentence, found, question_terms, measure)
    elif expect == "date":
        said = moments.find(found, question_terms, measure)
        if ahead_of is not None:
            said = [m for m in said if not moments.before(found, m, ahead_of)]
        if past_only and reading.written is not None:
            said = [m for m in said if moments.before(found, m, reading.written)]
    elif expect == "reason":
        said = reasons.find(sentence, found, question_terms)
    else:
        said = names.find(sentence, found, expect, question_terms, measure)
    if realised_from:
        said = [m for m in said if m.start >= realised_from]
    if expect != "reason" and not negated:
        # "X is niet de winnaar": what the sentence says of an answer there is denied (a
        # negation within a reason is part of it: "omdat ze niet verder kon"; one the
        # question shares is what it asks about: "Sinds wanneer zijn ze niet meer ...").
        start, end = denied(found, sentence)
        said = [
            Mention(m.start, m.end, min(m.strength, PARTIAL)) if start <= m.start < end else m
            for m in said
        ]
    if outcome and expect == "number" and habitual(found):
        # What happens every year is no count of what happened.
        said = [Mention(m.start, m.end, min(m.strength, PARTIAL)) for m in said]
    if expect == "number" and rate_asked(question_terms) and not habitual(found):
        # "How much will he earn per year?": a sum without a rate is no yearly sum.
        said = [Mention(m.start, m.end, min(m.strength, PARTIAL)) for m in said]
    if expect != "reason" and (then := former(found)):
        # "Waren ze toen twee keer zo duur, nu ...": how it was, not how it is.
        said = [
            Mention(m.start, m.end, min(m.strength, PARTIAL)) if m.start < then else m for m in said
        ]
    return tuple(
        sorted(said, key=lambda m: (-m.strength, not qualified(found, m, question_terms), m.start))
    )


def _past_told(expect: Expect, written: date | None) -> bool:
    """Whether a date before the article's day answers from a sentence that wants
    something: what is wanted lies ahead of the day of writing, so such a date tells when
    something else the sentence names happened ("Justitie wil 16 jaar cel voor het
    doodschieten van ... in november 2017")."""
    return expect == "date" and written is not None


def in_passage(
    passage: str, spans: Sequence[tuple[int, int]], reading: Reading | None
) -> tuple[tuple[Mention, ...], ...]:
    """The mentions of each sentence (`spans` of the passage) in passage offsets,
    strongest first. For a why-question, a sentence that says it follows from the one
    before (`reasons.points_back`: "Daarom is de AIVD tegen ...") makes that one a reason
    that fits well (`Mention.explains_next`), the whole of it: the anaphor says that it
    is the reason, not which words of it are. A sentence that announces a reason
    (`reasons.announces`: "..., heeft een reden.") makes the next one a reason that fits
    fully."""
    if reading is None:
        return tuple(() for _ in spans)
    said: list[tuple[Mention, ...]] = []
    pointing: list[bool] = []
    alone: list[bool] = []
    announcing: list[bool] = []
    for a, b in spans:
        found = tokens(passage[a:b])
        own = _read(passage[a:b], found, reading)
        said.append(tuple(Mention(a + m.start, a + m.end, m.strength) for m in own))
        if reading.expect == "reason":
            words = [folded(t[2]) for t in found]
            pointing.append(reasons.points_back(words))
            alone.append(reasons.standing_alone(words))
            announcing.append(reasons.announces(passage[a:b], words))
    if reading.expect == "person" or (reading.expect == "name" and persons(reading.measure)):
        said = _places_alike(passage, said, reading.places)
    for i in range(1, len(pointing)):
        if pointing[i] and alone[i - 1] and not any(m.strength >= GOOD for m in said[i - 1]):
            reason = _whole(passage, spans[i - 1], GOOD, explains_next=True)
            said[i - 1] = tuple(sorted([reason, *said[i - 1]], key=lambda m: -m.strength))
        if announcing[i - 1] and not any(m.strength >= FULL for m in said[i]):
            reason = _whole(passage, spans[i], FULL)
            said[i] = tuple(sorted([reason, *said[i]], key=lambda m: -m.strength))
    return tuple(said)


def _places_alike(
    passage: str, said: list[tuple[Mention, ...]], places_asked: frozenset[str] = frozenset()
) -> list[tuple[Mention, ...]]:
    """For a question for a person: the passage's places (the single names right after
    `in`, which a reader takes for places without a doubt) and those the question places
    something in (`placed_in`) make a coordination that holds one of them a place too,
    wherever it stands ("op de grens van Arnhem en Huissen", with "in Arnhem" in the next
    sentence). Conjuncts are alike in kind (the coordination of likes), and a name keeps
    one sense throughout a text."""
    places = set(places_asked) | {
        passage[m.start : m.end]
        for ms in said
        for m in ms
        if m.strength <= WEAK
        and passage[m.start : m.end].isalpha()
        and passage.endswith((" in ", " In "), 0, m.start)
    }
    if not places:
        return said
    return [
        tuple(
            sorted(
                (
                    Mention(m.start, m.end, WEAK, m.explains_next)
                    if m.strength > WEAK and _coordinates_place(passage[m.start : m.end], places)
                    else m
                    for m in ms
                ),
                key=lambda m: -m.strength,
            )
        )
        for ms in said
    ]


_PLACED_IN = re.compile(r"\b[Ii]n ([^\W\d_][^\W_]*)")


def placed_in(question: str) -> frozenset[str]:
    """The single capitalised words right after `in` in a question ("Wie won de
    verkiezing in Ankara?"): places, as the passage's own are (`_places_alike`)."""
    return frozenset(w for w in _PLACED_IN.findall(question) if w[:1].isupper())


def _coordinates_place(text: str, places: set[str]) -> bool:
    """Whether a mention is a list of names joined by `en` or `of` with a place among them."""
    words = text.replace(",", " ").split()
    joined = any(w in ("en", "of") for w in words)
    return joined and any(w in places for w in words)


def _whole(passage: str, span: tuple[int, int], strength: float, **kind: bool) -> Mention:
    """A whole sentence of the passage as a mention, its closing punctuation left out."""
    a, b = span
    return Mention(a, a + len(passage[a:b].rstrip().rstrip(".!?;:")), strength, **kind)
