"""From a question as typed to what the ranking looks for: the analysed query.

A question becomes a list of concepts, each the index terms that would match one thing
the question asks about. Usually that is one term per word; the archive's vocabulary adds
alternatives where the words as typed would miss:

- a word the archive has never seen is a typo of a known word one slip away (the cheapest
  slip wins, then the most frequent word, and the answer says "did you mean"); a compound
  the archive never or hardly writes as one word is split into parts it knows
  (`billendoekjes` finds `billen-doekjes`);
- two words written apart that the archive writes as one (`parkeer garage`) also match
  the joined word;
- a capitalised word also matches the adjectives and inhabitants Dutch derives from it
  (`Veenendaal`: `Veenendaalse`);
- an English question's words get their Dutch translations (storage/search/english.py), and
  neighbouring ones the Dutch compound of them (`metal thief`: `metaaldief`); names and
  numbers are the same in both languages and stay, but a name the archive does not know
  also matches the Dutch transliteration it uses (`Okhotsk`: `Ochotsk`).

Time hints become a date filter or a nudge (storage/search/timehints.py), and the kind of answer
the question wants (and for a number, what it counts) is noted for answer composition
(storage/search/asking.py); a question that asks two things ("..., en hoeveel geld?")
has a kind for each.

Every look-up is a batch of primary-key probes into the vocabulary table: one per
question, and one more each for its unknown or rare long words, its place names, an
English question's unknown names and its compounds (two when one is found), so the cost
does not grow with the archive. The statistics found stay with the query, and ranking
uses them as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

from storage.language import verbs
from storage.language.text import analyse, fold, question_spans, term
from storage.models import Filters
from storage.search import english, places, timehints
from storage.search.asking import (
    Ask,
    Expect,
    about_outcome,
    asks,
    looks_ahead,
    named_kind,
    topic,
)
from storage.search.spelling import Split, best_correction, best_split, edits, splits, word_edits
from storage.search.timehints import Period
from storage.search.wordclasses import DISTRIBUTIVES, RATE_ADVERBS, UNITS
from storage.store import CorpusStats, Reader

MAX_CONCEPTS = 48
MAX_TRANSLATIONS = 4
# Translations per English word that may join into a Dutch compound, and the linking
# sounds Dutch joins the parts of a compound with: none, or the s of `spanningskabel`.
JOIN_FORMS = 3
_LINKS = ("", "s")
# Unknown words per question that get spelling proposals (a few hundred probes each).
MAX_REPAIRS = 8
MIN_COMPOUND = 7
# A compound this rare in the archive is probably written another way there as well.
RARE_COMPOUND = 2
_WORDS = re.compile(r"[^\W_]+")
# A word that opens a hyphenated compound: `vvd` in `vvd-kamerlid`.
_COMPOUND_OPENING = re.compile(r"([^\W_]+)-(?=[^\W_])")

Language = Literal["nl", "en"]


@dataclass(frozen=True)
class Concept:
    """One thing the question asks about: the word(s) as typed and the terms that match it.

    `terms[0]` is the word's own term; any further ones are alternatives (a joined
    compound, Dutch translations). A passage matches the concept when it has any of them.
    `specific` marks names (capitalised inside the question) and numbers: what a question
    is about, and what a paraphrase keeps. `split` marks the parts of a compound the
    archive does not write as one word: they answer the question only together.
    """

    text: str
    terms: tuple[str, ...]
    specific: bool = False
    split: bool = False
    name: int | None = None


@dataclass(frozen=True)
class Correction:
    """A word the archive does not know, and the known term it was read as."""

    typed: str
    term: str


@dataclass(frozen=True)
class Query:
    """What a question was understood as. `expects` and `measure` say what kind of answer
    it asks for and what that answer is of (storage/search/asking.py); `further` holds
    the same for each further thing a question that asks two things asks for; `outcome`
    that it asks what happened, not what is wanted or planned; `ahead` that it asks when
    something still to come will be (`asking.looks_ahead`); `topic` the term of what it
    is about (`asking.topic`)."""

    question: str
    concepts: tuple[Concept, ...]
    filters: Filters
    language: Language = "nl"
    expects: Expect | None = None
    measure: frozenset[str] = frozenset()
    kind: frozenset[str] = frozenset()
    """The noun naming the kind of thing asked for (`asking.named_kind`), as the archive's
    terms."""
    further: tuple[Ask, ...] = ()
    outcome: bool = False
    ahead: bool = False
    topic: str | None = None
    corrections: tuple[Correction, ...] = ()
    period: Period | None = None
    years: tuple[tuple[str, Period], ...] = ()
    nudge: Period | None = None
    stats: CorpusStats | None = None

    @property
    def terms(self) -> tuple[str, ...]:
        """Every distinct term of every concept, in question order."""
        return tuple(dict.fromkeys(t for c in self.concepts for t in c.terms))


def understand(
    reader: Reader, question: str, filters: Filters, carried: Sequence[Concept] = ()
) -> Query:
    """What `question` asks. `carried` are concepts of an earlier question in the same
    conversation that this one leaves unsaid ("wanneer was dat?"): they join its own as
    understood then (corrected, translated), while what kind of answer is asked for comes
    from this question's own words alone."""
    folded = fold(question)
    words = _WORDS.findall(folded)
    language: Language = "en" if english.looks_english(words) else "nl"

    period = None
    if filters.since is None and filters.until is None:
        period = timehints.explicit(question)
    hint_terms = set(analyse(period.words)) if period else set()

    concepts = [c for c in _concepts(question, language) if c.terms[0] not in hint_terms]
    concepts = _rates(words, concepts)
    concepts = concepts[:MAX_CONCEPTS]
    own = {t for c in concepts for t in c.terms}
    carried = [c for c in carried if not own.intersection(c.terms)][: MAX_CONCEPTS - len(concepts)]

    joins = [_joined(a, b) for a, b in pairwise(concepts)] if language == "nl" else []
    stats = reader.corpus_stats(
        [*(t for c in [*concepts, *carried] for t in c.terms), *(j for j in joins if j)]
    )
    corrections: list[Correction] = []
    if language == "nl":
        concepts, corrections, stats = _repair(reader, concepts, joins, stats)
        concepts, stats = _placed(reader, concepts, stats)
    else:
        concepts = _translated(concepts, stats.df)
        concepts, stats = _transliterated(reader, concepts, stats)
        concepts, stats = _compounded(reader, concepts, stats)
    # A carried name of several words stays one name, apart from this question's names.
    runs = max((c.name or 0 for c in concepts), default=0)
    concepts += [replace(c, name=c.name + runs) if c.name else c for c in carried]

    years = tuple(
        (p.words, p)
        for p in timehints.years(question, skip=period.words if period else "")
        if any(p.words in c.terms for c in concepts)
    )
    nudge = None
    if timehints.mentions_relative(question):
        now = reader.newest_published(filters)
        nudge = timehints.relative(question, now) if now else None

    if period:
        filters = replace(filters, since=period.since, until=period.until)
    capitalised = frozenset(fold(w) for w in _WORDS.findall(question)[1:] if w[:1].isupper())
    translate = english.translations if language == "en" else None
    compounded = frozenset(_COMPOUND_OPENING.findall(folded))
    every = [
        replace(a, measure=_spelled(a.measure, corrections))
        for a in asks(words, translate, capitalised, compounded)
    ]
    # A noun the question's concepts lost (a typo, corrected) is not looked for.
    kind = _spelled(named_kind(words, translate, capitalised), corrections) & {
        t for c in concepts for t in c.terms
    }
    kinds = [a for a in every if a.expects] or list(every[:1])
    main, further = kinds[0], tuple(kinds[1:])
    return Query(
        question=question,
        concepts=tuple(concepts),
        filters=filters,
        language=language,
        expects=main.expects,
        measure=main.measure,
        kind=kind,
        further=further,
        outcome=about_outcome(words),
        ahead=looks_ahead(words),
        topic=_topic_term(topic(words), concepts),
        corrections=tuple(corrections),
        period=period,
        years=years,
        nudge=nudge,
        stats=stats,
    )


def _topic_term(about: str | None, concepts: Sequence[Concept]) -> str | None:
    """The term that stands for the question's topic among its concepts: the topic's own
    term, or, when the archive does not know it (an English word), the first term kept
    for the word it was read from, its Dutch translation."""
    if about is None or any(about in c.terms for c in concepts):
        return about
    return next((c.terms[0] for c in concepts if term(fold(c.text)) == about), about)


def _spelled(terms: frozenset[str], corrections: Sequence[Correction]) -> frozenset[str]:
    """Terms of the question's own words with a misspelt one as the archive spells it (its
    `Correction`): "hoeveel zettels" counts the zetels an article gives, "welke franse
    minster" asks for a minister. A word the archive does not know may be corrected to
    another word for the search's sake (`paartjes`, stem paar, to `jaar` in an archive
    without pairs); a unit is never the correction of a noun counted, since it would turn
    a count into a measure of another dimension."""
    fixed = {term(fold(c.typed)): c.term for c in corrections if c.term not in UNITS}
    return frozenset(fixed.get(t, t) for t in terms)


def _concepts(question: str, language: Language) -> list[Concept]:
    """One concept per distinct term of the question; English words get translations."""
    seen: set[str] = set()
    out: list[Concept] = []
    names = _name_runs(question)
    forms = _verb_forms(_WORDS.findall(fold(question))) if language == "nl" else {}
    for start, end, t in question_spans(question):
        if t in seen:
            continue
        seen.add(t)
        surface = question[start:end]
        specific = any(c.isdigit() for c in surface) or (
            surface[:1].isupper() and bool(question[:start].strip())
        )
        name = names.get(start)
        if language == "nl":
            others = forms.get(fold(surface), ())
            out.append(Concept(surface, tuple(dict.fromkeys([t, *others])), specific, name=name))
            continue
        word = fold(surface)
        if word in english.FUNCTION_WORDS:
            continue
        found = english.translations(word)
        if surface[:1].isupper():
            # English capitalises an adjective of origin; Dutch inflects it before a noun.
            found += tuple(a for w in found if (a := english.inflected(w)))
        dutch = [d for d in dict.fromkeys(term(w) for w in found) if d]
        if found and not dutch:
            continue
        # A word the dictionary translates is a common word or a country, whose Dutch
        # form varies (Iraq: Irak, Iraakse); only untranslated names are specific.
        out.append(
            Concept(surface, tuple(dict.fromkeys([t, *dutch])), specific and not found, name=name)
        )
    return out


def _verb_forms(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The terms of the particle verb a split separable verb makes, by its finite verb as
    typed: `liet ... toe` also matches `toegelaten`. (Every form of a strong verb as an
    alternative of each, `kreeg` matching `krijgt`, lost as many answers on the tuning
    sets as it gained and abstained on three fewer trap questions: a verb is rarely what
    tells the passage that answers from the others.)"""
    split = verbs.separated(words)
    if split is None:
        return {}
    verb, joined = split
    return {words[verb]: tuple(t for j in joined if (t := term(j)))}


def _rates(words: Sequence[str], concepts: list[Concept]) -> list[Concept]:
    """A unit of time after `per` or `elk` also matches the adverb Dutch derives from it:
    `per jaar` is `jaarlijks`, `per dag` `dagelijks`."""
    rates = {w for d, w in pairwise(words) if d in DISTRIBUTIVES and w in RATE_ADVERBS}
    if not rates:
        return concepts
    out = []
    for concept in concepts:
        unit = fold(concept.text)
        if unit in rates:
            concept = replace(concept, terms=(*concept.terms, term(RATE_ADVERBS[unit])))
        out.append(concept)
    return out


def _name_runs(question: str) -> dict[int, int]:
    """The start of each word that is part of a run of two or more capitalised words
    (spaces or a hyphen between), mapped to the run's number."""
    runs: dict[int, int] = {}
    words = [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(question)]
    number = 0
    for (a, b, word), (c, _, following) in pairwise(words):
        joined = question[b:c] in (" ", "-")
        if word[:1].isupper() and following[:1].isupper() and joined:
            if a not in runs:
                number += 1
                runs[a] = number
            runs[c] = runs[a]
    return runs


def _repair(
    reader: Reader, concepts: list[Concept], joins: list[str | None], stats: CorpusStats
) -> tuple[list[Concept], list[Correction], CorpusStats]:
    """Typos corrected, rare compounds split and split words joined, by the vocabulary.

    `stats` holds the concepts' and the joined words' frequencies; the statistics
    returned add those of the corrections and compound parts looked up here.
    """
    df = stats.df
    unknown = [c for c in concepts if not df.get(c.terms[0]) and c.terms[0].isalpha()]
    proposals: dict[str, dict[str, float]] = {}
    for concept in unknown[:MAX_REPAIRS]:
        own = concept.terms[0]
        slips = word_edits(fold(concept.text))
        for candidate, cost in edits(own).items():
            slips[candidate] = min(cost, slips.get(candidate, cost))
        slips.pop(own, None)
        proposals[own] = slips
    cuts: dict[str, list[Split]] = {
        c.terms[0]: list(splits(fold(c.text)))
        for c in concepts[: MAX_REPAIRS * 2]
        if len(c.text) >= MIN_COMPOUND and df.get(c.terms[0], 0) <= RARE_COMPOUND
    }
    probes = {p for ps in proposals.values() for p in ps}
    probes |= {t for ss in cuts.values() for s in ss for t in (s.left, s.right)}
    stats = _looked_up(reader, stats, probes)
    known = stats.df

    repaired: list[Concept] = []
    corrections: list[Correction] = []
    for i, concept in enumerate(concepts):
        own = concept.terms[0]
        fix = best_correction(proposals[own], known) if own in proposals else None
        split = None if fix else best_split(cuts.get(own, []), known)
        if fix:
            corrections.append(Correction(concept.text, fix))
            repaired.append(replace(concept, terms=(fix,)))
        elif split:
            whole = (own,) if known.get(own) else ()
            repaired.append(replace(concept, terms=(split.left, *whole), split=True))
            repaired.append(replace(concept, terms=(split.right, *whole), split=True))
        else:
            extra = [j for j in joins[max(i - 1, 0) : i + 1] if j and known.get(j)]
            repaired.append(replace(concept, terms=tuple(dict.fromkeys([*concept.terms, *extra]))))
    return repaired, corrections, stats


def _looked_up(reader: Reader, stats: CorpusStats, terms: set[str]) -> CorpusStats:
    """`stats` with the frequencies of `terms` it lacks, in one batch of term probes."""
    probes = terms - stats.df.keys()
    if not probes:
        return stats
    return replace(stats, df={**stats.df, **reader.corpus_stats(sorted(probes)).df})


def _placed(
    reader: Reader, concepts: list[Concept], stats: CorpusStats
) -> tuple[list[Concept], CorpusStats]:
    """A name the question capitalises also matches the adjectives and inhabitant nouns
    Dutch derives from it that the archive uses (storage/search/places.py): *Veenendaal*
    finds "de Veenendaalse baby", *Soest* "een Soester jongen"."""
    derived = {
        i: {t for f in places.derived(fold(c.text)) if (t := term(f)) and t not in c.terms}
        for i, c in enumerate(concepts)
        if c.specific and not c.split and c.text.isalpha()
    }
    stats = _looked_up(reader, stats, {t for ts in derived.values() for t in ts})
    known = stats.df
    out = list(concepts)
    for i, terms in derived.items():
        used = sorted(t for t in terms if known.get(t))
        if used:
            out[i] = replace(out[i], terms=(*out[i].terms, *used))
    return out, stats


def _transliterated(
    reader: Reader, concepts: list[Concept], stats: CorpusStats
) -> tuple[list[Concept], CorpusStats]:
    """A name the archive does not know, in an English question, also matches the Dutch
    spelling of it that the archive uses (`english.dutch_spellings`): English and Dutch
    transliterate names from other scripts each their own way, *Putin* and *Poetin*, *the
    Sea of Okhotsk* and *de Zee van Ochotsk*. One batch of term probes for all of them."""
    unknown = {
        i: [t for w in english.dutch_spellings(fold(c.text)) if (t := term(w))]
        for i, c in enumerate(concepts)
        if c.specific and c.text.isalpha() and not any(stats.df.get(t) for t in c.terms)
    }
    if not unknown:
        return concepts, stats
    stats = _looked_up(reader, stats, {t for ts in unknown.values() for t in ts})
    out = list(concepts)
    for i, spelled in unknown.items():
        used = sorted({t for t in spelled if stats.df.get(t)}, key=lambda t: (-stats.df[t], t))
        if used:
            out[i] = replace(out[i], terms=(*out[i].terms, *used[:MAX_TRANSLATIONS]))
    return out, stats


def _compounded(
    reader: Reader, concepts: list[Concept], stats: CorpusStats
) -> tuple[list[Concept], CorpusStats]:
    """English writes many compounds open (`metal thief`, `high-voltage cable`) where
    Dutch writes them as one word (`metaaldief`, `hoogspanningskabel`): neighbouring
    English words also match the Dutch compound of their translations, joined directly or
    with a linking s, where the archive has it, and a further word joins a compound of
    two that it has. The compound is an alternative of each word it joins, as a joined
    compound is in a Dutch question (`_repair`). One batch of term probes, two when a
    compound of two words is found."""
    forms = [_dutch_forms(c) for c in concepts]
    pairs = {(i, i + 2): _joins(forms[i], forms[i + 1]) for i in range(len(concepts) - 1)}
    found, stats = _known(reader, pairs, stats)
    longer: dict[tuple[int, int], list[str]] = {}
    for (a, b), words in found.items():
        if b < len(concepts):
            longer.setdefault((a, b + 1), []).extend(_joins(words, forms[b]))
        if a > 0:
            longer.setdefault((a - 1, b), []).extend(_joins(forms[a - 1], words))
    if longer:
        more, stats = _known(reader, longer, stats)
        found = {**found, **more}
    out = list(concepts)
    for (a, b), words in found.items():
        for i in range(a, b):
            joined = [*out[i].terms, *map(term, words)]
            out[i] = replace(out[i], terms=tuple(dict.fromkeys(joined)))
    return out, stats


def _dutch_forms(concept: Concept) -> list[str]:
    """The Dutch words an English word was translated to that the archive uses."""
    if concept.specific or not concept.text.isalpha():
        return []
    found = english.translations(fold(concept.text))
    used = [w for w in found if w.isalpha() and term(w) in concept.terms]
    return used[:JOIN_FORMS]


def _joins(lefts: Sequence[str], rights: Sequence[str]) -> list[str]:
    return [left + link + right for left in lefts for right in rights for link in _LINKS]


def _known(
    reader: Reader, spans: dict[tuple[int, int], list[str]], stats: CorpusStats
) -> tuple[dict[tuple[int, int], list[str]], CorpusStats]:
    """The joined words of each span of concepts that the archive has."""
    stats = _looked_up(
        reader, stats, {t for words in spans.values() for w in words if (t := term(w))}
    )
    known = {span: [w for w in words if stats.df.get(term(w))] for span, words in spans.items()}
    return {span: words for span, words in known.items() if words}, stats


def _joined(a: Concept, b: Concept) -> str | None:
    """The term of two neighbouring words written as one, if that is a new word."""
    if not (a.text.isalpha() and b.text.isalpha()):
        return None
    joined = term(fold(a.text) + fold(b.text))
    return joined if joined and joined not in (a.terms[0], b.terms[0]) else None


def _translated(concepts: list[Concept], df: dict[str, int]) -> list[Concept]:
    """Keep the alternatives the archive knows, the most common translations first.

    A word whose translations the archive never uses is dropped rather than counted as
    missing: the dictionary gives `kiezen` for chosen, the archive writes `gekozen`, and
    that says nothing about whether the archive answers the question. A word with no
    translation at all stays as it is: a name, a number or a word the languages share.
    """
    out = []
    for concept in concepts:
        own, *dutch = concept.terms
        used = sorted((t for t in dutch if df.get(t)), key=lambda t: (-df[t], t))
        if dutch and not used and not df.get(own):
            continue
        terms = ([own] if df.get(own) or not used else []) + used[:MAX_TRANSLATIONS]
        out.append(replace(concept, terms=tuple(dict.fromkeys(terms))))
    return out
