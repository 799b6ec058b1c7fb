"""How the sentences of a passage meet a question: what of it each holds, which answers
of the kind asked for it mentions, and the stretch of one to three sentences worth quoting.

Composing (compose.py), abstaining (abstention.py) and the direct line (direct.py) all
read passages through these."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from storage.archive import (
    FULL,
    Ask,
    Concept,
    Expect,
    Hit,
    Mention,
    Reading,
    SearchResult,
    aligned_spans,
    in_passage,
    negates,
    placed_in,
    sentence_spans,
    term_spans,
)

MAX_SENTENCES = 3
MAX_EXCERPT_CHARS = 450
ELLIPSIS = "…"

# What an answer of the kind asked for, fitting fully, is worth in average concepts.
ANSWER = 1.0

# The shortest word of the question that a compound ending in it is read as naming too
# ("songfestival" in "Eurovisiesongfestival"); shorter endings are suffixes (-ing, -heid),
# as storage/search/mentions/ reads a shared compound head.
HEAD_WORD = 5


def sentence_of(window: Window, offset: int) -> int:
    return next(
        (i for i, (a, b) in enumerate(window.spans) if a <= offset < b), len(window.spans) - 1
    )


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
    names: tuple[tuple[frozenset[str], ...], ...] = ()
    """Each name of several words the question gives ("Max Verstappen"), as the terms of
    each of its words."""
    kind: frozenset[str] = frozenset()
    """The noun naming the kind of thing asked for (`Query.kind`)."""
    negated: bool = False
    """The question holds a negation of its own (`mentions.negates`)."""
    ahead: bool = False
    """The question asks when something still to come will be (`Query.ahead`)."""
    places: frozenset[str] = frozenset()
    """The names the question places something in (`mentions.placed_in`)."""

    @classmethod
    def of(cls, result: SearchResult) -> Focus:
        concepts = tuple(
            (frozenset(c.terms), max(result.weights.get(t, 0.0) for t in c.terms))
            for c in result.query.concepts
        )
        query = result.query
        topic = frozenset(i for i, c in enumerate(query.concepts) if query.topic in c.terms)
        topic |= _named_after(query.concepts, topic, result.question)
        runs: dict[int, list[frozenset[str]]] = {}
        for concept in query.concepts:
            if concept.name is not None:
                runs.setdefault(concept.name, []).append(frozenset(concept.terms))
        names = tuple(map(tuple, runs.values()))
        measure = query.measure
        if query.expects == "person" and not measure:
            measure = role_asked(result.question)
        return cls(
            concepts,
            query.expects,
            measure,
            query.further,
            query.outcome,
            topic,
            names,
            query.kind,
            negates(result.question),
            query.ahead,
            placed_in(result.question),
        )

    @classmethod
    def plain(cls, weights: dict[str, float]) -> Focus:
        return cls(tuple((frozenset([t]), w) for t, w in weights.items()))

    def reading(self, written: datetime | None = None) -> Reading | None:
        """How this question reads a passage of an article `written` on that day for its
        answers; None when it asks for no kind of answer."""
        if self.expects is None:
            return None
        ahead_of = written.date() if self.ahead and written is not None else None
        return Reading(
            self.expects,
            self.terms,
            self.measure,
            self.outcome,
            self.negated,
            ahead_of,
            self.places,
            written.date() if written is not None else None,
        )

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for terms, _ in self.concepts for t in terms)

    def weight(self, concepts: Iterable[int]) -> float:
        """What the question's `concepts` (indices) weigh together."""
        return sum(self.concepts[c][1] for c in concepts)

    @property
    def mean_weight(self) -> float:
        return sum(w for _, w in self.concepts) / len(self.concepts) if self.concepts else 0.0

    @property
    def answer_weight(self) -> float:
        """What an answer of the expected kind that fits fully is worth: ANSWER times an
        average concept of the question."""
        return ANSWER * self.mean_weight if self.expects else 0.0


def _named_after(
    concepts: tuple[Concept, ...], topic: frozenset[int], question: str
) -> frozenset[int]:
    """The concepts of the name that follows the topic's noun in the question: in
    "natuurgenezer Klaus Ross" the noun and the name are one person (a close apposition),
    whom an article goes on to call by name alone ("Ross diende ... toe")."""
    if not topic or max(topic) + 1 >= len(concepts):
        return frozenset()
    noun, after = concepts[max(topic)], concepts[max(topic) + 1]
    if not (after.specific and after.text[:1].isupper()):
        return frozenset()
    if not re.search(rf"{re.escape(noun.text)}\s+{re.escape(after.text)}\b", question):
        return frozenset()
    if after.name is None:
        return frozenset({max(topic) + 1})
    return frozenset(i for i, c in enumerate(concepts) if c.name == after.name)


# "Wie is de (nieuwe) directeur van ...": a copula and an article before the role noun.
_ROLE = re.compile(
    r"^\W*wie\s+(?:is|was|zijn|waren|wordt|werd)\s+(?:de|het)\s+(?:\w+e\s+)*(\w+)",
    re.IGNORECASE,
)


def role_asked(question: str) -> frozenset[str]:
    """The role a `wie is de X` question asks the holder of, as terms: "Wie is de
    directeur van de Zeeuwse Visveilingen?" asks for a person who is the director, so a
    name beside `directeur` answers it ("Foort Lokerse, directeur van ...", "Advocaat
    Umut Ural"), as one beside the noun of `welke directeur` does."""
    match = _ROLE.match(question)
    if match is None:
        return frozenset()
    return frozenset(t for _, _, t in term_spans(match.group(1)) if t)


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
    written: datetime | None = None,
) -> Window:
    """The one to three consecutive sentences that add most to what is `covered` already.

    A stretch is worth the weight of the question's concepts it holds, plus what an
    answer of the kind asked for adds (a name for who, a number with its unit for how
    many, a reason for why; storage/search/mentions/) beyond the `answered` strength
    reached already, because the sentence that repeats the question's words is often not
    the one that answers it. Stretches start and end with a sentence that holds
    something. Ties go to the earlier stretch (news puts what matters first), then to the
    shorter. `avoid` is a sentence range not to touch, `must` a sentence to hold. `terms`
    are the passage's stored terms, when known, which spare analysing it again; `written`
    the day of its article (`sentences`).
    """
    spans, found, said = sentences(passage, terms, focus, written)
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
            value = focus.weight(concepts - covered)
            value += focus.answer_weight * max(0.0, strength - answered)
            if value > best.value + 1e-9:
                best = Window(spans, first, last, concepts, strength, value, mention)
    return best


def most_worth(
    passage_terms: tuple[str, ...],
    focus: Focus,
    covered: frozenset[int] = frozenset(),
    answered: float = 0.0,
) -> float:
    """The most any stretch of a passage can be worth to `best_window`, from its stored
    terms alone: every concept it holds beyond `covered`, and an answer that fits fully.
    Reading a passage's sentences is most of composing's work; a passage that cannot beat
    the best stretch found so far need not be read. Infinite when its terms are unknown."""
    if not passage_terms:
        return math.inf
    present = focus.terms.intersection(passage_terms)
    held = sum(
        w for i, (alts, w) in enumerate(focus.concepts) if i not in covered and alts & present
    )
    return held + focus.answer_weight * max(0.0, FULL - answered)


@lru_cache(maxsize=64)
def passage_words(passage: str, passage_terms: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """The passage's tokens and their terms. Lining up a passage's stored terms with its
    words is most of quoting's work, and a quote asks for the same passage twice."""
    if passage_terms:
        return tuple(aligned_spans(passage, passage_terms))
    return tuple(term_spans(passage))


@lru_cache(maxsize=256)
def sentences(
    passage: str, passage_terms: tuple[str, ...], focus: Focus, written: datetime | None = None
) -> tuple[
    tuple[tuple[int, int], ...], tuple[frozenset[int], ...], tuple[tuple[Mention, ...], ...]
]:
    """Per sentence of the passage: its span, the concepts it holds, its mentions of an
    answer of the kind asked for (in passage offsets). `written` is the day of the
    passage's article, which places the dates it names for a question that looks ahead."""
    spans = tuple(sentence_spans(passage) or [(0, len(passage))])
    terms = focus.terms
    words = passage_words(passage, passage_terms)
    found = []
    for a, b in spans:
        present = {t for s, e, t in words if a <= s and e <= b and t in terms}
        found.append(frozenset(i for i, (alts, _) in enumerate(focus.concepts) if alts & present))
    said = in_passage(passage, spans, focus.reading(written))
    if focus.expects == "reason":
        # A reason of the next sentence (`Mention.explains_next`) only where that one names
        # what the question is about: "Daardoor kregen zij een boete" makes the sentence
        # before the reason of a fine, and "dat de man daardoor onnodige druk legde" the
        # reason of that pressure, not of the cut in his benefit asked about.
        said = tuple(
            ms[1:]
            if ms
            and ms[0].explains_next
            and not _names_topic(spans[i + 1], found[i + 1], words, focus)
            else ms
            for i, ms in enumerate(said)
        )
    return spans, tuple(found), said


def hit_sentences(
    hit: Hit, focus: Focus
) -> tuple[
    tuple[tuple[int, int], ...], tuple[frozenset[int], ...], tuple[tuple[Mention, ...], ...]
]:
    """`sentences` of a ranked passage, placed on its article's day."""
    return sentences(hit.text, hit.terms, focus, hit.article.published)


def names_topic(hit: Hit, i: int, focus: Focus) -> bool:
    """Whether sentence `i` of the passage names what the question is about (its topic, or
    any of its words when it has none), also by the head of a compound it is: a text
    names "de politierechter" once and then "de rechter" (a compound is a kind of its
    head, and its head refers back to it)."""
    spans, found, _ = hit_sentences(hit, focus)
    return _names_topic(spans[i], found[i], passage_words(hit.text, hit.terms), focus)


def _names_topic(
    span: tuple[int, int],
    found: frozenset[int],
    words: tuple[tuple[int, int, str], ...],
    focus: Focus,
) -> bool:
    """`names_topic` of the sentence at `span`, which holds the concepts `found`."""
    wanted = focus.topic or frozenset(range(len(focus.concepts)))
    if found & wanted:
        return True
    a, b = span
    heads = {t for s, e, t in words if a <= s and e <= b}
    return any(headed_by(t, heads) for c in wanted for t in focus.concepts[c][0])


def headed_by(term: str, words: Collection[str]) -> bool:
    """The term is one of `words` or a compound whose head is one of them (of HEAD_WORD
    letters or more)."""
    return any(term == w or (len(w) >= HEAD_WORD and term.endswith(w)) for w in words)


@lru_cache(maxsize=64)
def further_asks(hit: Hit, focus: Focus) -> tuple[tuple[tuple[Mention, ...], ...], ...]:
    """Per further thing the question asks for, per sentence of the passage, its mentions
    (in passage offsets)."""
    spans = hit_sentences(hit, focus)[0]
    return tuple(
        in_passage(
            hit.text,
            spans,
            Reading(ask.expects, focus.terms, ask.measure, focus.outcome, focus.negated),
        )
        for ask in focus.further
    )


def both_fit(focus: Focus, hit: Hit, i: int, main: float) -> float:
    """How well sentence `i` answers a question that asks two things: the mean fit of its
    best answer to each ("Welke partij won, en met hoeveel procent?" - "GroenLinks krijgt
    de voorkeur van 20 procent"), `main` being that of the first."""
    fits = [main]
    taken = hit_sentences(hit, focus)[2][i][:1]
    for said in further_asks(hit, focus):
        free = [m for m in said[i] if all(m.end <= t.start or m.start >= t.end for t in taken)]
        fits.append(max((m.strength for m in free), default=0.0))
    return sum(fits) / len(fits)
