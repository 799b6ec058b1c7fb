"""Answer quality on a question set: the engine beside the plain-BM25 floor, in one run.

    python -m bench.quality --corpus DIR --questions FILE [--show-failures] [--ablation]
        [--hide-held-out] [--db URI]

The corpus is imported into a temporary archive exactly as `archivaris import` would, and
every question is asked as `archivaris ask` would. Questions are JSON lines with `id`,
`question`, `relevant` (file names), `answer_contains` and `kind` (see the corpus README).
A follow-up (kind "follow-up", bench/questions/followups.jsonl) also has `follows`: the
question it follows, as text or as the id of another question in the file (or a list of
them, oldest first). The engine asks those first, in the same conversation, as
`archivaris chat` and the bot do (bot/answer/conversation.py); the floor gets the
follow-up alone, as every message was read before conversations.

Metrics, overall and per kind:

- R@1, R@5, MRR@10 over answerable questions: the ranking is the order of distinct
  articles among the ranked passages (`SearchResult.hits`), before any abstention, and an
  article counts when its file name is in `relevant`.
- Ans@3: every `answer_contains` string occurs in one of the first three quoted excerpts
  (case-folded, NFC, runs of whitespace as one space). An abstention quotes nothing.
- Direct: every `answer_contains` string occurs in the direct answer line (`Answer.direct`);
  no line, or an abstention, counts as a miss.
- Abstained: no-answer questions answered with "not found" (higher is better).
- False abst.: answerable questions answered with "not found" (lower is better).
- Quote length: median and longest excerpt in characters, over every quote shown.
- Direct lines: how many were given, and how many of those hold the answer.

With `--db postgresql://...` the same run also imports the corpus into that PostgreSQL
database (a schema of its own, dropped afterwards), asks every question there, prints that
store's tables beside SQLite's and counts the questions whose outcome differs.

Folds: the questions are split into `--folds` groups (default five) so that questions about
the same article always land in the same fold (questions sharing a relevant file are one
group; a no-answer question is a group of its own), and groups go to the smallest fold in
an order fixed by a hash of their question ids. A fold is then about articles the other
folds never asked about, as the maintainers' hidden questions are. One fold (`--held-out`,
default the last) is kept for the final report: `--show-failures` leaves its questions
out unless `--show-held-out` is given, and `--hide-held-out` leaves it out of every table
(while tuning). The report has the table per kind over all questions, one row per fold,
and the table per kind for the held-out fold; `--ablation` adds the overall figures with
each mechanism of answer composition switched off alone (`ABLATIONS`).

The floor is plain BM25 done right, held entirely in RAM: every paragraph of every article
(the parsed body, dateline cut off, long paragraphs not split) is one passage, analysed by
`storage.language.text.analyse`; `rank_bm25.BM25Okapi` with its defaults (k1 1.5, b 0.75, epsilon
0.25) scores them for `analyse(question)`; articles are ranked by their best passage (ties
by passage order); the excerpts are the whole best paragraphs of the first three articles;
it never abstains.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

from rank_bm25 import BM25Okapi

from bench.stores import scratch_schema
from bot.answer import abstention, conversation, direct, reading
from bot.answer import compose as composing
from bot.answer.compose import Answer, compose
from bot.answer.conversation import replay
from bot.answer.render import format_date
from storage.archive import Archive
from storage.language import verbs
from storage.language.text import STOP_WORDS, analyse
from storage.models import Filters
from storage.search import asking, english, query, rank, unknown
from storage.search import mentions as mentioning
from storage.search.mentions import base, moments, names, quantities, reasons
from storage.search.wordclasses import PLACE_PREPOSITIONS

KINDS = (
    "fact",
    "who",
    "when",
    "why",
    "time-filter",
    "typo",
    "english",
    "no-answer",
    "follow-up",
)
RANKING_DEPTH = 10
QUOTED = 3
FOLDS = 5


def _patched(target: object, **values: object) -> Callable[[], AbstractContextManager[object]]:
    """A switch that sets several attributes of one module at once."""

    def switch() -> AbstractContextManager[object]:
        stack = ExitStack()
        for name, value in values.items():
            stack.enter_context(mock.patch.object(target, name, value))
        return stack

    switch.patches = [(target, values)]  # type: ignore[attr-defined]
    return switch


def _together(*switches: Callable[[], AbstractContextManager[object]]) -> Callable[[], ExitStack]:
    def switch() -> ExitStack:
        stack = ExitStack()
        for one in switches:
            stack.enter_context(one())
        return stack

    switch.patches = [p for one in switches for p in one.patches]  # type: ignore[attr-defined]
    return switch


# Each mechanism of answer composition and abstention, switched off alone (`--ablation`).
_named_reason = reasons._named_reason
_named_kind = asking.named_kind


def _noun_before_colon(
    sentence: str, tokens: list[reasons.Token], folded: list[str], i: int
) -> reasons.Mention | None:
    """A causal noun's reason without reading past a colon right after it: the noun."""
    if sentence[tokens[i][1] : tokens[i][1] + 1] == ":":
        return reasons.Mention(tokens[i][0], tokens[i][1], reasons.FULL)
    return _named_reason(sentence, tokens, folded, i)


ABLATIONS: dict[str, Callable[[], AbstractContextManager[object]]] = {
    "quote around the answer": _patched(composing, _around_answer=lambda hits, focus: None),
    "next paragraph quoted": _patched(
        composing, _next_door=lambda hits, picks, focus, context: None
    ),
    "quote grows to its paragraph": _patched(
        composing, _grown=lambda spans, first, last, *limits: (first, last)
    ),
    "two asks in one question": _together(
        _patched(reading, further_asks=lambda *passage: ()),
        _patched(direct, further_asks=lambda *passage: ()),
    ),
    "quantity readings": _together(
        _patched(asking, _comparative=lambda word: None, _part_of=lambda words, i: False),
        _patched(asking, _unit_named=lambda words, i: False),
        _patched(
            quantities,
            _partitive=lambda tokens, i: False,
            _event=lambda noun, asked: False,
            _SHARE=frozenset(),
        ),
    ),
    "name readings": _together(
        _patched(asking, _towards=lambda rest: False),
        _patched(
            names,
            _named=lambda words: len(words) > 1 and words[1][:1].isupper(),
            _surname_particle=lambda words, i: False,
            _bracketed=lambda sentence, tokens, run: [run],
            _LOCATIVE=frozenset(),
        ),
    ),
    "denied answers": _patched(mentioning, denied=lambda tokens, sentence="": (0, 0)),
    "English: counted, translated": _patched(
        query,
        asks=lambda words, translate=None, names=frozenset(), compounded=frozenset(): asking.asks(
            words, None, names, compounded
        ),
    ),
    "reason readings": _patched(
        reasons,
        _motive=lambda folded, i: False,
        _CAUSAL_PHRASES=(),
        _PURPOSE=frozenset(),
        _negated=lambda *clause: False,
        _points_back=lambda folded, i: False,
    ),
    "reason after its statement": _patched(composing, ELABORATION=0.0),
    "answer kind in coverage": _patched(
        abstention, covered=lambda result, focus, strength: result.coverage
    ),
    "demand is no outcome": _patched(mentioning, unrealised=lambda tokens, sentence: False),
    "direct: best in the stretch": _patched(
        direct, _strongest=lambda hit, window, focus: window.mention
    ),
    "names: the classing noun": _patched(
        names,
        _classified=lambda tokens, first, words: False,
        _headed=lambda words, focus: False,
    ),
    "a tally is one quantity": _patched(quantities, _tally=lambda tokens, last: None),
    "people count persons": _patched(quantities, _persons=lambda measure: False),
    "a count as it stands: newest": _patched(
        composing, _latest=lambda result, articles, focus: None
    ),
    "then against now": _patched(mentioning, former=lambda tokens: 0),
    "shares and fractions": _together(
        _patched(asking, SHARE_NOUNS=frozenset()),
        _patched(quantities, _fraction=lambda tokens, i: False, FRACTIONS=frozenset()),
    ),
    "a rate is no outcome": _patched(mentioning, habitual=lambda tokens: False),
    "reason of its own clause": _patched(reasons, _explains_else=lambda folded, i, asked: False),
    "an adjective is no unit": _patched(quantities, _adjective=lambda after: False),
    "a range is one quantity": _patched(quantities, _range=lambda tokens, last: None),
    "het aantal N, van X naar Y": _together(
        _patched(quantities, _number_of=lambda tokens: None),
        _patched(quantities, _changed_from=lambda tokens, first, last: False),
    ),
    "per jaar is jaarlijks": _patched(query, _rates=lambda words, concepts: concepts),
    "past read from agreement": _patched(asking, past_finite=lambda words: False),
    "another year, another outcome": _patched(mentioning, elsewhen=lambda tokens, asked: False),
    "abstain: only the demand": _patched(abstention, _only_wanted=lambda focus, hits: False),
    "abstain: no answer kind": _patched(abstention, _no_answer_kind=lambda focus, strength: False),
    "abstain: said unknown": _patched(abstention, _told_unknown=lambda result, focus, hits: False),
    "abstain: a concealed question": _patched(
        unknown, _concealed=lambda words, nouns, common=None: False
    ),
    "abstain: an embedded question": _patched(
        unknown, _embedded=lambda words, expects, asked=None, common=None: False
    ),
    "abstain: only the plan": _patched(abstention, _only_planned=lambda focus, hits: False),
    "abstain: the question's name": _patched(
        abstention, _echoes=lambda passage, mention, focus: False
    ),
    "abstain: said in a question": _patched(
        abstention, _asked=lambda passage, window, mention, focus: False
    ),
    "abstain: a place is no person": _patched(abstention, PLACE_FOR_PERSON=-1.0),
    "abstain: adjectives of origin": _patched(
        abstention, _attributive=lambda passage, mention, focus: False
    ),
    "English: names coverage": _patched(rank, _names_found=lambda query, mass, present: 0.0),
    "quote answering article first": _patched(composing, _names_held=lambda result, hits: False),
    "hoe heet: noun past adjectives": _patched(
        asking, _named_noun=lambda rest: [w for w in rest if w not in STOP_WORDS][:1]
    ),
    "English adjectives of dimension": _patched(
        asking,
        DIMENSIONS={
            word: units
            for word, units in asking.DIMENSIONS.items()
            if word not in ("heavy", "wide", "deep", "thick", "fast", "expensive")
        },
    ),
    "apposition says what it is": _together(
        _patched(names, _apposed=lambda *apposition: False),
        _patched(quantities, _apposed=lambda *apposition: False),
        _patched(base, _abbreviated=lambda word, measure: False),
    ),
    "een N van Q: the value of N": _patched(quantities, _valued=lambda *phrase: False),
    "direct: the second stretch": _patched(direct, _of_the_subject=lambda pick, focus: False),
    "-se adjectives are no names": _patched(
        names, _derived_adjective=lambda words, i, focus: False
    ),
    "fractions in one word": _patched(quantities, _one_word_fraction=lambda word: False),
    "of several, the one qualified": _patched(
        mentioning, qualified=lambda tokens, mention, asked: False
    ),
    "Kledingketen X is X": _patched(names, _classing_opener=lambda words, asked: False),
    "halve is a number": _patched(
        quantities, NUMBER_WORDS=quantities.NUMBER_WORDS - {"halve", "anderhalve"}
    ),
    "hoeveel before its verb": _patched(
        asking, _verb_second=lambda words, i, names=frozenset(): False
    ),
    "a year asked, a year answers": _patched(moments, _YEAR_ASKED=frozenset()),
    "a month beside volgend jaar": _patched(moments, _deictic_year=lambda folded, i: False),
    "a time told by an event": _patched(moments, _by_event=lambda folded, i, asked, until: False),
    "een miljoen, 8 uur tot 15 uur": _patched(
        quantities,
        _numeral_one=lambda tokens, first: False,
        _unit_range=lambda tokens, last: None,
    ),
    "op welke brug: that kind": _patched(
        names,
        _of_another_kind=lambda sentence, tokens, first, last, words, kind: False,
        _placed=lambda before, governor, kind: before.lower() in PLACE_PREPOSITIONS,
    ),
    "van de N X zijn er Y: the part": _patched(
        quantities,
        _whole=lambda tokens, first, last: False,
        _whole_of=lambda tokens: None,
        _finite_participle=lambda word: False,
    ),
    "1800 automobilisten is no year": _patched(quantities, _counts=lambda tokens, i: False),
    "welke week: week 110": _patched(names, _numbered=lambda tokens, asked, focus: []),
    "per jaar asks a rate": _patched(mentioning, rate_asked=lambda asked: False),
    "bestsellers als X: X is one": _patched(names, _exemplified=lambda tokens, first: False),
    "billen-doekjes is one unit": _patched(quantities, _hyphen_head=lambda sentence, tokens, k: k),
    "direct: no echo as the line": _patched(
        direct, no_answer=lambda passage, window, mention, focus: False
    ),
    "Noord-Brabant is Brabant": _patched(abstention, _modifier=lambda passage, end: False),
    "in welke week: a when-question": _together(
        _patched(asking, _DATE_AFTER_WHICH=asking._DATE_AFTER_WHICH - {"week"}),
        _patched(moments, _WEEK_ASKED=frozenset()),
    ),
    "causal noun: reason after colon": _patched(reasons, _named_reason=_noun_before_colon),
    "abstain: the kind never named": _patched(
        abstention, _kind_unnamed=lambda result, focus, hits, answered: False
    ),
    "abstain: a question presupposes": _patched(
        abstention, _presupposed=lambda before, asked: False
    ),
    "abstain: a supplement is said": _patched(
        abstention, _supplement=lambda after, focus, concepts: False
    ),
    "abstain: only ahead": _patched(
        abstention, _only_ahead=lambda result, focus, hits, answered: False
    ),
    "abstain: only sought": _patched(
        abstention,
        _only_sought=lambda result, focus, hits, answered: False,
        _searched=lambda passage, window, mention, focus: False,
    ),
    "abstain: the kind spoken of": _patched(
        abstention, _kind_spoken_of=lambda result, focus, hits: False
    ),
    "the paragraph after a match": _patched(composing, _following=lambda result, hits: []),
    "de zevende keer: how often": _patched(quantities, _ordinal_time=lambda tokens, i: False),
    "a capitalised month in a name": _patched(
        names,
        _calendar=lambda low, inside, following: (
            low in names.MONTH_WORDS or low in names.WEEKDAY_WORDS
        ),
    ),
    "hoe heet de chauffeur: a person": _together(
        _patched(names, persons=lambda measure: False),
        _patched(abstention, persons=lambda measure: False),
    ),
    "de jaren zeventig is no count": _patched(quantities, _decade=lambda tokens, i: False),
    "daarom: the sentence before": _patched(reasons, points_back=lambda words: False),
    "welke straf: a werkstraf": _patched(names, _subkinds=lambda tokens, e, asked, focus: []),
    "Greta: Greta Thunberg is hers": _patched(names, _named_more_fully=lambda w, a, f: False),
    "why: a stated reason first": _patched(composing, STATED=2.0),
    "who: a classed name first": _patched(composing, _new_name=lambda hit, m, focus: False),
    "50.000 euro per jaar: a rate": _patched(quantities, _rate=lambda sentence, t, k: k),
    "volgens de activisten: their view": _patched(reasons, _ACCORDING=frozenset()),
    "in juni: a month in a time phrase": _patched(moments, _MONTH_OPENERS=frozenset()),
    "Van Tilborg: Roland van Tilborg": _patched(direct, _first_name=lambda word: False),
    "de rechter names the politierechter": _patched(reading, headed_by=lambda term, words: False),
    "English: cognates, general words": _patched(english, _GENERAL={}, _COGNATE_ENDINGS=()),
    "hopen zo: a hope as an aim": _patched(reasons, _HOPES=frozenset()),
    "wie is de directeur: its role": _patched(reading, role_asked=lambda question: frozenset()),
    "X wordt de voorzitter: a role": _patched(names, _predicated=lambda t, last, f: False),
    "conversation context": _patched(
        conversation, read=lambda question, turn, alone=None: conversation.Reading(question)
    ),
    "English: a word nobody knows": _patched(rank, _unheard=lambda query, stats: frozenset()),
    "a place's adjectives": _patched(
        query, _placed=lambda reader, concepts, stats: (concepts, stats)
    ),
    "a quotation after a colon": _patched(base, QUOTED=re.compile(r"(?!)")),
    "toen opens a clause": _patched(base, _TOEN=""),
    "said unknown: maar goes on": _patched(unknown, _CONTRAST=frozenset()),
    "names beside compounds": _patched(names, _compound_heads=lambda sentence, tokens: frozenset()),
    "hoe laat: a time of day": _together(
        _patched(moments, _clock=lambda folded, i: None),
        _patched(
            asking,
            _CLOCK_QUESTION="",
            _DATE_AFTER_WHICH=asking._DATE_AFTER_WHICH - {"tijd", "tijden", "time", "times"},
        ),
    ),
    "tot wanneer: the end": _patched(moments, UNTIL=""),
    "a past relative clause after a wish": _patched(mentioning, described=lambda tokens: 0),
    "a name opens a compound": _patched(rank, _modifies=lambda terms, words: False),
    "de Raad van State is no person": _patched(names, _ARTICLES=frozenset()),
    "Directeur Emondts: the role before a surname": _patched(
        names, _role_opening=lambda words, focus: False
    ),
    "English: Austrian is Oostenrijkse": _patched(english, inflected=lambda dutch: None),
    "in 2021, zomer van 2027: when": _patched(
        moments, _SEASONS=frozenset(), _YEAR_OPENERS=frozenset()
    ),
    "English: metal thief is metaaldief": _patched(
        query, _compounded=lambda reader, concepts, stats: (concepts, stats)
    ),
    "negation: a second main clause": _patched(base, _COORDINATORS=frozenset()),
    "negation: niet veel later": _patched(base, _DEGREE_NEGATED={}),
    "negation: a quotation after a colon": _patched(base, _quotes=lambda gap: False),
    "negation the question shares": _patched(reading, negates=lambda question: False),
    "Friese: the place Friesland": _patched(rank, _of_place=lambda surface, texts: False),
    "wanneer doet: no date before the article": _patched(query, looks_ahead=lambda words: False),
    "uiterlijk in mei: a bounded time": _patched(moments, _LIMITS=frozenset()),
    "zondag om 19.00 uur: weekday and hour": _patched(moments, _at_hour=lambda folded, i: None),
    "zaterdag 25 en zondag 26 mei": _patched(moments, _past_weekday=lambda folded, i: i),
    "hoeveel verlies: an amount in a unit": _patched(asking, _mass=lambda words, at: False),
    "line: a further stretch that fits fully": _patched(
        direct, _fitting_fully=lambda pick, focus, more: None
    ),
    "hoe komt het dat asks why": _patched(asking, _how_come=lambda words, i: False),
    "natuurgenezer Klaus Ross: one topic": _patched(
        reading, _named_after=lambda concepts, topic, question: frozenset()
    ),
    "hoeveel moesten ... betalen: money": _patched(
        asking, _MONEY_VERBS=asking._COST_VERBS, _FINITE_AUXILIARIES=frozenset()
    ),
    "welke straf: a term with its punishment": _patched(asking, PENALTY_NOUNS=frozenset()),
    "hoeveel zettels: the measure as spelt": _patched(
        query, _spelled=lambda terms, corrections: terms
    ),
    "18 en 19 jaar: one gapped quantity": _patched(
        quantities, _coordinated=lambda sentence, tokens, last: None
    ),
    "Paula Schot (25), de 66-jarige: an age": _patched(
        quantities, _age_told=lambda sentence, tokens, first, last, unit: False
    ),
    "is een jaar cel geeist: a demand": _patched(base, IRREALIS=base.IRREALIS - {"geeist"}),
    "liet ... toe: a separable verb joined": _patched(verbs, separated=lambda words: None),
    "aanleiding voor X zou Y zijn: the reason of X": _patched(reasons, _OF_WHAT=frozenset()),
    "dat komt door: a cause": _patched(
        reasons,
        _coming_about=lambda folded, i: (
            i > 1 and folded[i - 1] in ("dat", "het") and folded[i - 2].startswith(("kom", "kwam"))
        ),
    ),
    "heeft een reden.: the next sentence gives it": _patched(
        reasons, announces=lambda sentence, words: False
    ),
    "dat komt door ...: the topic named before": _patched(
        composing, _said_of_before=lambda hit, i, focus: False
    ),
    "the topic of an English question: its translation": _patched(
        query, _topic_term=lambda about, concepts: about
    ),
    "hij wil ...: the actor's aim": _patched(reasons, _wish=lambda folded, i, asked: False),
    "in welke stad: no country": _patched(names, _region_for_settlement=lambda words, focus: False),
    "which Dutch minister: the noun after the adjective": _patched(
        query,
        named_kind=lambda words, translate=None, names=frozenset(): _named_kind(words, translate),
    ),
    "een op de negen: one in nine": _patched(quantities, _one_in=lambda tokens, i: False),
    "tot hoeveel: the value reached": _patched(quantities, _REACHED=frozenset(), UNTIL="-"),
    "wie: no country": _patched(names, _region_for_person=lambda words, expect, focus: False),
    "C1000: a name with digits": _patched(names, _lettered=str.isalpha),
    "wie: no institution (Buitenlandse Zaken)": _patched(
        names, _institution=lambda words: False, _ADJECTIVAL=("\0",)
    ),
    "148 jonge Twentse ouders: adjectives stack": _patched(
        quantities, _past_adjectives=lambda tokens, at: at
    ),
    "op welke basisschool: the name after the kind": _patched(
        names, _kind_apposed=lambda before, kind: False
    ),
    "in maart 280 christenen: a number after a month": _patched(
        quantities, _after_month_a_year=lambda word: True
    ),
    "niet voor niets: a litotes asserts": _patched(base, _LITOTES=()),
    "welk bedrag, op welke leeftijd: a dimension": _patched(asking, _DIMENSION_NOUNS={}),
    "hoe eindigde: a score": _together(
        _patched(asking, _score_asked=lambda words, i: False),
        _patched(quantities, _score=lambda sentence, tokens, last: None),
    ),
    "Idris en werd: a clause after a name": _patched(
        base, _in_list=lambda before, after: before[:1].isupper() or before[:1].isdigit()
    ),
    "wat kost: a sum of money, not a count": _patched(quantities, _told_in=lambda measure: None),
    "hoeveel subsidie, hoe hoog was de boete: a sum": _patched(
        asking, _names_sum=lambda word: False
    ),
    "Arnhem en Huissen: conjuncts alike": _patched(
        mentioning, _places_alike=lambda passage, said, places_asked=frozenset(): said
    ),
    "hoelang, wat voor: question words apart": _patched(asking, apart=list),
    "wat mag het kosten: a verb of costing at the end": _patched(
        asking,
        _costs=lambda words, i: (
            words[i] in ("wat", "what")
            and bool(asking._COST_VERBS.intersection(words[i + 1 : i + 2]))
        ),
    ),
    "begin jaren tachtig, eind dit jaar, uit 1604: when": _together(
        _patched(moments, decade=lambda before, word: False),
        _patched(moments, _from_now=lambda folded, i: None),
        _patched(moments, _OLDER_YEAR_OPENERS=moments._TIME_PREPOSITIONS),
    ),
    "220 militairen en veteranen, 14 meter hoog: the whole phrase": _patched(
        quantities, _rest_of_phrase=lambda sentence, tokens, k, asked, measure: k
    ),
    "only wanted: a demand, not a future": _patched(abstention, _demands=lambda sentence: True),
    "ten koste, dozen: Dutch, not English numbers": _patched(
        quantities, NUMBER_WORDS=quantities.NUMBER_WORDS | {"ten", "dozen"}
    ),
    "Paradijslaan 8, 5G: a number in a name": _patched(
        quantities, _designation=lambda tokens, i: False
    ),
    "welk VVD-Kamerlid: the compound's head": _patched(query, _COMPOUND_OPENING=re.compile("$^")),
    "a colon that explains": _patched(reasons, _explained=lambda sentence, tokens, asked: []),
    "in een poging ... te: an aim": _patched(reasons, _attempt=lambda folded, i: False),
    "de aanklagers vonden: a view held": _patched(
        reasons, _actor_before=lambda folded, i, asked: False
    ),
    "aanleiding: what occasioned it": _together(
        _patched(asking, REASON_NOUNS=asking.REASON_NOUNS - {"aanleiding"}),
        _patched(reasons, REASON_NOUNS=asking.REASON_NOUNS - {"aanleiding"}),
    ),
    "in welke nacht: a part of a day": _patched(
        asking, _DATE_AFTER_WHICH=asking._DATE_AFTER_WHICH - asking._PARTS_AND_SPANS
    ),
    "wil cel voor ... in 2017: a past date": _patched(
        mentioning, _past_told=lambda expect, written: False
    ),
    "op Valentijnsdag: a feast": _patched(moments, _FEASTS=frozenset()),
    "15 miljard uitgeven: a sum paid": _patched(quantities, _PAYING=frozenset()),
    "onder welke naam: no kind": _patched(asking, _NAMING_NOUNS=frozenset()),
    "abstain: a punishment unnamed": _patched(
        abstention, _punishment_unnamed=lambda focus, answered: False
    ),
    "abstain: the contest, not its outcome": _patched(
        abstention, _contest_only=lambda result, focus, answered: False
    ),
    "Door de werkzaamheden ...: a cause": _patched(reasons, _caused_by=lambda folded, i: False),
    "namelijk: an explanation": _patched(
        reasons, _explaining=lambda sentence, tokens, folded, i: False
    ),
    "heeft te maken met: a cause": _patched(reasons, _related=lambda folded, i: False),
    "komt mede door: a weighed cause": _patched(reasons, _WEIGHING=frozenset()),
    "op grond van, onder druk van: causes": _patched(
        reasons,
        _CAUSAL_PHRASES=tuple(
            p for p in reasons._CAUSAL_PHRASES if p[0] not in ("op", "onder", "bij")
        ),
    ),
    "abstain: uiteindelijk, precies": _patched(
        abstention, _final_asked=lambda result, focus, pick, answered: False
    ),
    "van de 36.000 ... 25 km: a whole alone": _patched(
        quantities, _measured=lambda tokens, i: False
    ),
    "54 IC Direct-locomotieven: a name compound": _patched(quantities, _NAME_WORDS=0),
    "hoeveel mensen: vierhonderd bezoekers": _patched(
        quantities, _counts_persons=lambda unit: False
    ),
    "what percentage: a share": _patched(
        asking, DIMENSIONS={k: v for k, v in asking.DIMENSIONS.items() if k != "percentage"}
    ),
    "jongeren van 18 jaar: no value": _patched(
        quantities, _age_or_span=lambda unit, measure: False
    ),
    "a newer count retells the story": _patched(composing, RETOLD=0.0),
    "want: a ground, fits well": _patched(reasons, _GROUNDS=frozenset()),
    "negen maanden oude: an age, no term": _patched(quantities, _of_age=lambda tokens, unit: False),
    "1-jarige: an age, no count of years": _patched(quantities, _an_age=lambda unit: False),
    "De inside a name the question gives": _patched(names, _ARTICLES_IN_NAMES=frozenset()),
    "Okhotsk: Ochotsk, a Dutch transliteration": _patched(
        query, _transliterated=lambda reader, concepts, stats: (concepts, stats)
    ),
    "the line without stray quotation marks": _patched(
        direct, _tidied=lambda excerpt, words, start: (words, start)
    ),
    "omdat, ..., : an inserted phrase": _patched(
        reasons, _past_insertion=lambda sentence, after, match: match
    ),
    "Donald Trump for Trump: the question's own": _patched(
        names, _surnamed=lambda words, asked, focus: False
    ),
}


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    kind: str
    relevant: frozenset[str]
    answer_contains: tuple[str, ...]
    follows: tuple[str, ...] = ()
    """The questions asked before it in its conversation, oldest first."""

    @property
    def answerable(self) -> bool:
        return bool(self.relevant)


@dataclass(frozen=True)
class Outcome:
    """What one system did with one question: its article ranking, what it quoted and the
    direct answer line it gave (None: no line)."""

    ranking: tuple[str, ...]
    answered: bool
    excerpts: tuple[str, ...]
    note: str = ""
    direct: str | None = None


@dataclass(frozen=True)
class Verdict:
    rank: int | None
    answer_found: bool
    abstained: bool
    direct_found: bool = False

    def failed(self, question: Question) -> bool:
        if not question.answerable:
            return not self.abstained
        return self.rank != 1 or not self.answer_found or self.abstained


def load_questions(path: Path) -> list[Question]:
    records = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    texts = {data["id"]: data["question"] for data in records}
    questions = []
    for data in records:
        follows = data.get("follows") or ()
        follows = [follows] if isinstance(follows, str) else follows
        questions.append(
            Question(
                id=data["id"],
                question=data["question"],
                kind=data.get("kind", "other"),
                relevant=frozenset(data.get("relevant", ())),
                answer_contains=tuple(data.get("answer_contains", ())),
                follows=tuple(texts.get(earlier, earlier) for earlier in follows),
            )
        )
    return questions


def assign_folds(questions: Sequence[Question], folds: int = FOLDS) -> dict[str, int]:
    """Each question's fold (1..folds); questions sharing a relevant file share a fold.

    Groups are the connected questions (through shared relevant files); in the order of a
    hash of their ids, each group joins the fold with the fewest questions so far.
    """
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for q in questions:
        for file in q.relevant:
            parent[root(f"q:{q.id}")] = root(f"f:{file}")
    groups: dict[str, list[str]] = {}
    for q in questions:
        groups.setdefault(root(f"q:{q.id}"), []).append(q.id)

    def key(ids: list[str]) -> str:
        return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()

    sizes = [0] * folds
    fold_of: dict[str, int] = {}
    for ids in sorted(groups.values(), key=key):
        smallest = min(range(folds), key=lambda i: (sizes[i], i))
        sizes[smallest] += len(ids)
        fold_of.update(dict.fromkeys(ids, smallest + 1))
    return fold_of


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def judge(question: Question, outcome: Outcome) -> Verdict:
    rank = next(
        (i for i, file in enumerate(outcome.ranking, start=1) if file in question.relevant),
        None,
    )
    quoted = [normalise(e) for e in outcome.excerpts[:QUOTED]] if outcome.answered else []
    found = all(any(normalise(s) in e for e in quoted) for s in question.answer_contains)
    direct = normalise(outcome.direct) if outcome.answered and outcome.direct else None
    direct_found = (
        question.answerable
        and direct is not None
        and all(normalise(s) in direct for s in question.answer_contains)
    )
    return Verdict(
        rank=rank, answer_found=found, abstained=not outcome.answered, direct_found=direct_found
    )


# --- the two systems --------------------------------------------------------------------------


async def engine_outcome(archive: Archive, question: Question) -> tuple[Outcome, float]:
    """What the engine does with a question, and how long it took (a follow-up's time
    includes asking the questions it follows)."""
    started = time.perf_counter()
    if question.follows:
        asked = await replay(archive, [*question.follows, question.question], Filters(), QUOTED)
        result, answer = asked.result, asked.answer
    else:
        result = await archive.search(question.question)
        answer = compose(result, limit=QUOTED)
    took = (time.perf_counter() - started) * 1000
    ranking = tuple(dict.fromkeys(h.article.file or "" for h in result.hits))[:RANKING_DEPTH]
    return (
        Outcome(
            ranking=ranking,
            answered=answer.answered,
            excerpts=tuple(q.excerpt for q in answer.quotes),
            direct=answer.direct or _dated(answer),
        ),
        took,
    )


def _dated(answer: Answer) -> str | None:
    """The date the direct line gives when it is the first article's (`Answer.dated`)."""
    if not (answer.dated and answer.quotes):
        return None
    article = answer.quotes[0].article
    return format_date(article.published, article.time_known)


@dataclass(frozen=True)
class Floor:
    """Plain BM25Okapi over every paragraph of the archive, in RAM."""

    bm25: BM25Okapi
    files: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @classmethod
    def build(cls, articles: Sequence[tuple[str, Sequence[str]]]) -> Floor:
        files, paragraphs = [], []
        for file, body in articles:
            for paragraph in body:
                files.append(file)
                paragraphs.append(paragraph)
        corpus = [analyse(p) for p in paragraphs]
        return cls(BM25Okapi(corpus), tuple(files), tuple(paragraphs))

    def outcome(self, question: str) -> Outcome:
        scores = self.bm25.get_scores(analyse(question))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        best: dict[str, int] = {}
        for i in order:
            if scores[i] <= 0 or len(best) == RANKING_DEPTH:
                break
            best.setdefault(self.files[i], i)
        excerpts = tuple(self.paragraphs[i] for i in list(best.values())[:QUOTED])
        return Outcome(ranking=tuple(best), answered=True, excerpts=excerpts)


# --- running and reporting ---------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """What to print: the fold count, the held-out fold, and whether to list failures."""

    folds: int = FOLDS
    held_out: int = FOLDS
    show_failures: bool = False
    show_held_out: bool = False
    hide_held_out: bool = False
    ablation: bool = False


async def outcomes(
    corpus: Path,
    questions: list[Question],
    variants: Sequence[str] = (),
    target: str | None = None,
) -> tuple[list[Outcome], list[Outcome], str, dict[str, list[Outcome]]]:
    """The engine's and the floor's outcome for every question, a line about the run, and
    the engine's outcomes with each of `variants` (names in ABLATIONS) switched off; in
    a temporary SQLite file, or the empty archive `target` names."""
    with tempfile.TemporaryDirectory(prefix="archivaris-bench-") as folder:
        async with await Archive.open(target or Path(folder) / "bench.db") as archive:
            started = time.perf_counter()
            ids: dict[int, str] = {}
            async for verdict in archive.import_paths([corpus]):
                if verdict.status == "added" and verdict.article_id is not None:
                    ids[verdict.article_id] = verdict.file
            imported = time.perf_counter() - started
            bodies = []
            for article_id, file in sorted(ids.items()):
                article = await archive.article(article_id)
                if article is not None:
                    bodies.append((file, article.body))
            floor = Floor.build(bodies)

            engine: list[Outcome] = []
            took: list[float] = []
            for q in questions:
                outcome, ms = await engine_outcome(archive, q)
                engine.append(outcome)
                took.append(ms)
            ablated = {}
            for name in variants:
                with _switched_off(name):
                    ablated[name] = [(await engine_outcome(archive, q))[0] for q in questions]
    base = [floor.outcome(q.question) for q in questions]
    line = (
        f"{len(ids)} articles imported in {imported:.1f} s; {len(questions)} questions; "
        f"engine median {statistics.median(took):.1f} ms, max {max(took):.1f} ms a question"
    )
    return engine, base, line, ablated


def _switched_off(name: str) -> ExitStack:
    """The mechanism switched off, with composition's caches of mentions emptied on the
    way in and out."""
    caches = (reading.sentences, reading.further_asks)
    stack = ExitStack()
    for cache in caches:
        cache.cache_clear()
        stack.callback(cache.cache_clear)
    stack.enter_context(ABLATIONS[name]())
    return stack


async def run(
    corpus: Path, questions: list[Question], report: Report, db: str | None = None
) -> int:
    variants = list(ABLATIONS) if report.ablation else []
    engine, base, line, ablated = await outcomes(corpus, questions, variants)
    print(("SQLite: " if db else "") + line + "\n")
    print(full_report(questions, engine, base, report))
    if ablated:
        print("\n" + ablation_table(questions, engine, ablated, report))
    if db:
        with scratch_schema(db) as target:
            theirs, _, line, _ = await outcomes(corpus, questions, (), target)
        print(f"\n\nPostgreSQL: {line}\n")
        print(full_report(questions, theirs, base, replace(report, show_failures=False)))
        differ = [q.id for q, a, b in zip(questions, engine, theirs, strict=True) if a != b]
        print(
            f"\nPostgreSQL's outcome differs from SQLite's for {len(differ)} of "
            f"{len(questions)} questions" + (f": {', '.join(differ)}" if differ else "")
        )
    return 0


def ablation_table(
    questions: list[Question],
    engine: list[Outcome],
    ablated: dict[str, list[Outcome]],
    report: Report,
) -> str:
    """Overall figures with each mechanism switched off alone, beside the full engine;
    with `hide_held_out`, over the tuning folds only and without the held-out column."""
    fold_of = assign_folds(questions, report.folds)
    held = [fold_of[q.id] == report.held_out for q in questions]
    if report.hide_held_out:
        kept_at = [i for i, h in enumerate(held) if not h]
        questions = [questions[i] for i in kept_at]
        engine = [engine[i] for i in kept_at]
        ablated = {name: [os[i] for i in kept_at] for name, os in ablated.items()}
        held = [False] * len(questions)
    header = (
        f"{'switched off':<31} {'Ans@3':>6} {'held-out':>8} {'Direct':>6} "
        f"{'Wrong line':>10} {'Abstained':>9} {'False abst.':>11}"
    )
    scope = "tuning folds" if report.hide_held_out else "all questions"
    lines = [
        f"Ablation ({scope}; held-out: Ans@3 on the held-out fold; wrong line: a direct "
        "line without the answer, per question)",
        header,
    ]
    lines.append("-" * len(header))
    for name, outcomes in [("nothing (the engine)", engine), *ablated.items()]:
        vs = [judge(q, o) for q, o in zip(questions, outcomes, strict=True)]
        answerable = [v for q, v in zip(questions, vs, strict=True) if q.answerable]
        unanswerable = [v for q, v in zip(questions, vs, strict=True) if not q.answerable]
        kept = [v for q, v, h in zip(questions, vs, held, strict=True) if q.answerable and h]

        def pct(hits: int, total: int) -> str:
            return f"{100 * hits / total:5.1f}%" if total else "-"

        ans = sum(v.answer_found and not v.abstained for v in answerable)
        wrong = sum(
            bool(o.answered and o.direct) and not v.direct_found
            for o, v in zip(outcomes, vs, strict=True)
        )
        lines.append(
            f"{name:<31} {pct(ans, len(answerable)):>6} "
            f"{pct(sum(v.answer_found and not v.abstained for v in kept), len(kept)):>8} "
            f"{pct(sum(v.direct_found for v in answerable), len(answerable)):>6} "
            f"{pct(wrong, len(questions)):>10} "
            f"{pct(sum(v.abstained for v in unanswerable), len(unanswerable)):>9} "
            f"{pct(sum(v.abstained for v in answerable), len(answerable)):>11}"
        )
    return "\n".join(lines)


def full_report(
    questions: list[Question], engine: list[Outcome], floor: list[Outcome], report: Report
) -> str:
    fold_of = assign_folds(questions, report.folds)
    if report.hide_held_out:
        kept = [i for i, q in enumerate(questions) if fold_of[q.id] != report.held_out]
        questions = [questions[i] for i in kept]
        engine, floor = [engine[i] for i in kept], [floor[i] for i in kept]
    systems = {"engine": engine, "floor": floor}
    held = [i for i, q in enumerate(questions) if fold_of[q.id] == report.held_out]
    parts = [
        "Tuning folds, per kind" if report.hide_held_out else "All questions, per kind",
        table(questions, systems),
        "",
        lengths(systems),
        direct_lines(questions, engine),
        "",
        f"Per fold ({report.folds} folds by article; fold {report.held_out} is held out)",
        fold_table(questions, systems, fold_of, report.held_out),
    ]
    if held:
        parts += [
            "",
            f"Held-out fold {report.held_out}, per kind",
            table(
                [questions[i] for i in held],
                {name: [outcomes[i] for i in held] for name, outcomes in systems.items()},
            ),
        ]
    if report.show_failures:
        shown = [
            i
            for i, q in enumerate(questions)
            if report.show_held_out or fold_of[q.id] != report.held_out
        ]
        parts.append(
            failures(
                [questions[i] for i in shown],
                [engine[i] for i in shown],
                [floor[i] for i in shown],
            )
        )
    return "\n".join(parts)


def table(questions: list[Question], systems: dict[str, list[Outcome]]) -> str:
    verdicts = _verdicts(questions, systems)
    kinds = [k for k in KINDS if any(q.kind == k for q in questions)]
    kinds += sorted({q.kind for q in questions} - set(kinds))
    lines = [_HEADER.format(label="kind"), "-" * len(_HEADER.format(label="kind"))]
    for kind in ["overall", *kinds]:
        chosen = [i for i, q in enumerate(questions) if kind in ("overall", q.kind)]
        for name, vs in verdicts.items():
            lines.append(_row(kind, name, [questions[i] for i in chosen], [vs[i] for i in chosen]))
    return "\n".join(lines)


def fold_table(
    questions: list[Question],
    systems: dict[str, list[Outcome]],
    fold_of: dict[str, int],
    held_out: int,
) -> str:
    verdicts = _verdicts(questions, systems)
    folds = sorted(set(fold_of.values()))
    groups = [(f"fold {f}{'*' if f == held_out else ''}", {f}) for f in folds]
    groups.append(("tuning", set(folds) - {held_out}))
    lines = [_HEADER.format(label="fold"), "-" * len(_HEADER.format(label="fold"))]
    for label, members in groups:
        chosen = [i for i, q in enumerate(questions) if fold_of[q.id] in members]
        for name, vs in verdicts.items():
            lines.append(_row(label, name, [questions[i] for i in chosen], [vs[i] for i in chosen]))
    return "\n".join(lines)


def direct_lines(questions: list[Question], engine: list[Outcome]) -> str:
    """How often the direct answer line is given, and how often it holds the answer: a
    line that does not (or one given to a question the archive cannot answer) misleads
    more than no line."""
    given = [(q, o) for q, o in zip(questions, engine, strict=True) if o.answered and o.direct]
    right = sum(judge(q, o).direct_found for q, o in given)
    return (
        f"direct line (engine): given for {len(given)} questions, holds the answer for "
        f"{right}, does not for {len(given) - right}"
    )


def lengths(systems: dict[str, list[Outcome]]) -> str:
    lines = []
    for name, outcomes in systems.items():
        sizes = [len(e) for o in outcomes if o.answered for e in o.excerpts[:QUOTED]]
        if sizes:
            lines.append(
                f"quote length ({name}): median {statistics.median(sizes):.0f}, "
                f"max {max(sizes)} characters over {len(sizes)} quotes"
            )
    return "\n".join(lines)


_HEADER = (
    "{label:<12} system    n          R@1         R@5  MRR@10       Ans@3      Direct  "
    "Abstained False abst."
)


def _verdicts(
    questions: list[Question], systems: dict[str, list[Outcome]]
) -> dict[str, list[Verdict]]:
    return {
        name: [judge(q, o) for q, o in zip(questions, outcomes, strict=True)]
        for name, outcomes in systems.items()
    }


def _row(kind: str, system: str, questions: list[Question], verdicts: list[Verdict]) -> str:
    answerable = [v for q, v in zip(questions, verdicts, strict=True) if q.answerable]
    unanswerable = [v for q, v in zip(questions, verdicts, strict=True) if not q.answerable]

    def share(count: int, total: int) -> str:
        return f"{count}/{total} {100 * count / total:3.0f}%" if total else "-"

    n = len(answerable)
    r1 = share(sum(v.rank == 1 for v in answerable), n)
    r5 = share(sum(v.rank is not None and v.rank <= 5 for v in answerable), n)
    mrr = f"{sum(1 / v.rank for v in answerable if v.rank) / n:.3f}" if n else "-"
    ans = share(sum(v.answer_found and not v.abstained for v in answerable), n)
    direct = share(sum(v.direct_found for v in answerable), n) if system == "engine" else "-"
    abstained = share(sum(v.abstained for v in unanswerable), len(unanswerable))
    false = share(sum(v.abstained for v in answerable), n)
    return (
        f"{kind:<12} {system:<7} {len(questions):>3}  {r1:>11} {r5:>11} {mrr:>7} "
        f"{ans:>11} {direct:>11}  {abstained:>9} {false:>11}"
    )


def failures(questions: list[Question], engine: list[Outcome], floor: list[Outcome]) -> str:
    blocks = []
    for q, mine, theirs in zip(questions, engine, floor, strict=True):
        verdict = judge(q, mine)
        if not verdict.failed(q):
            continue
        floor_verdict = judge(q, theirs)
        lines = [
            f"\n{q.id} [{q.kind}] {q.question}",
            f"  relevant: {', '.join(sorted(q.relevant)) or '-'}; "
            f"must quote: {' | '.join(q.answer_contains) or '-'}",
            f"  engine: rank {verdict.rank}, answer quoted {verdict.answer_found}, "
            f"abstained {verdict.abstained}; floor: rank {floor_verdict.rank}, "
            f"answer quoted {floor_verdict.answer_found}",
        ]
        if mine.note:
            lines.append(f"  {mine.note}")
        lines.append(
            "  ranking: "
            + ", ".join(f"{f}{'*' if f in q.relevant else ''}" for f in mine.ranking[:5])
        )
        if mine.direct:
            lines.append(f"  direct: {mine.direct}")
        lines += [f"  quote {i}: {e}" for i, e in enumerate(mine.excerpts, start=1)]
        blocks.append("\n".join(lines))
    return "\nFailures (engine)" + "".join(blocks) if blocks else "\nNo failures."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="folder of articles")
    parser.add_argument("--questions", type=Path, required=True, help="questions, JSON lines")
    parser.add_argument(
        "--show-failures", action="store_true", help="print each failing question and its quotes"
    )
    parser.add_argument("--folds", type=int, default=FOLDS, help="folds by article (default 5)")
    parser.add_argument(
        "--held-out", type=int, default=None, help="the fold kept for the end (default the last)"
    )
    parser.add_argument(
        "--show-held-out", action="store_true", help="list the held-out fold's failures too"
    )
    parser.add_argument(
        "--ablation", action="store_true", help="also run with each mechanism switched off"
    )
    parser.add_argument(
        "--db", help="also run on this PostgreSQL database (postgresql://...), beside SQLite"
    )
    parser.add_argument(
        "--hide-held-out",
        action="store_true",
        help="leave the held-out fold out of every table (while tuning)",
    )
    args = parser.parse_args(argv)
    report = Report(
        folds=args.folds,
        held_out=args.held_out or args.folds,
        show_failures=args.show_failures,
        show_held_out=args.show_held_out,
        hide_held_out=args.hide_held_out,
        ablation=args.ablation,
    )
    return asyncio.run(run(args.corpus, load_questions(args.questions), report, args.db))


if __name__ == "__main__":
    sys.exit(main())
