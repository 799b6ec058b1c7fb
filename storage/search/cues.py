"""What kind of answer a question asks for, and whether a sentence holds one.

A who-question is answered by a name, a how-many by a number, a when by a date, a why by a
reason. The question's own words are usually in the sentence before or after the answer
("De twee Zweedse politici Jens Holm en ..." follows the sentence that repeats the
question), so answer composition uses these cues to pick, among sentences that match the
question about equally well, the ones that hold an answer of the right kind.

The cues are shallow on purpose (capitalisation, digits, a few Dutch and English words):
they only break near-ties between sentences, never decide on their own.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Literal

from storage.language.dates import MONTHS, WEEKDAYS
from storage.language.text import STOP_WORDS, fold, term

Expect = Literal["person", "number", "date", "reason", "name"]

_NUMBER_QUESTION = ("hoeveel", "hoeveelste")
_NUMBER_AFTER_HOW = frozenset(
    "vaak lang groot oud hoog duur zwaar ver breed diep snel many much long old big often "
    "far high large".split()
)
_DATE_QUESTION = frozenset({"wanneer", "when"})
_DATE_AFTER_WHICH = frozenset("datum dag jaar maand tijdstip date day year month".split())
_REASON_QUESTION = frozenset({"waarom", "why", "waardoor", "hoezo"})
_PERSON_QUESTION = frozenset({"wie", "who", "whom", "whose"})
_WHICH = frozenset({"welke", "welk", "which", "what"})

_NUMBER_WORDS = frozenset(
    """
    twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien
    zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig
    tachtig negentig honderd duizend miljoen miljard dozijn tientallen honderden duizenden
    miljoenen helft half anderhalf procent
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion percent half dozen
    """.split()
)
_MONTH_WORDS = frozenset(MONTHS) | frozenset(
    """
    jan feb mrt apr jun jul aug sep sept okt nov dec january february march april may june
    july august september october november december
    """.split()
)
_DAY_WORDS = frozenset(WEEKDAYS) | frozenset(
    """
    vandaag morgen gisteren overmorgen eergisteren vanavond vannacht vanmiddag vanochtend
    vanmorgen volgend volgende komend komende vorig vorige afgelopen dit deze sinds vanaf
    voorjaar najaar zomer winter lente herfst monday tuesday wednesday thursday friday
    saturday sunday today tomorrow yesterday tonight
    """.split()
)
_REASON_WORDS = frozenset(
    """
    omdat doordat want vanwege wegens dankzij daardoor daarom oorzaak reden redenen zodat
    aangezien because due since reason cause
    """.split()
)
# Particles inside Dutch and other names: Frank de Grave, Ludwig van Beethoven.
_NAME_PARTICLES = frozenset("van de der den ter ten te het 't la le du da di von el al".split())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def expected(words: Sequence[str]) -> Expect | None:
    """The answer type a question asks for, from its folded words, or None if unclear."""
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in _NUMBER_QUESTION or (word in ("hoe", "how") and following in _NUMBER_AFTER_HOW):
            return "number"
        if word in _DATE_QUESTION or (word in _WHICH and following in _DATE_AFTER_WHICH):
            return "date"
        if word in _REASON_QUESTION:
            return "reason"
        if word in _PERSON_QUESTION:
            return "person"
    for i, word in enumerate(words[:-1]):
        if word in _WHICH and words[i + 1] not in STOP_WORDS:
            return "name"
    return None


def holds(sentence: str, expect: Expect | None, question_terms: Collection[str]) -> bool:
    """Whether the sentence contains an answer of the expected kind that the question lacks."""
    if expect is None:
        return False
    words = [m.group() for m in _WORD.finditer(sentence)]
    new = [w for w in words if term(w) not in question_terms]
    folded = [_fold(w) for w in new]
    if expect == "number":
        return any(any(c.isdigit() for c in w) or w in _NUMBER_WORDS for w in folded)
    if expect == "date":
        return any(w in _MONTH_WORDS or w in _DAY_WORDS or _YEAR.match(w) for w in folded)
    if expect == "reason":
        return any(_fold(w) in _REASON_WORDS for w in words)
    names = _names(words)
    if expect == "person":
        return any(len(n) > 1 and any(term(w) not in question_terms for w in n) for n in names)
    return any(term(w) not in question_terms for n in names for w in n)


def _names(words: Sequence[str]) -> list[list[str]]:
    """Runs of capitalised words (name particles allowed inside), the sentence's first
    word only when the next one is capitalised too, since every sentence starts with one."""
    runs: list[list[str]] = []
    current: list[str] = []
    for i, word in enumerate(words):
        folded = _fold(word)
        capital = word[:1].isupper() and folded not in STOP_WORDS
        capital = capital and folded not in _MONTH_WORDS and folded not in _DAY_WORDS
        if capital and (i > 0 or (len(words) > 1 and words[1][:1].isupper())):
            current.append(word)
        elif current and folded in _NAME_PARTICLES:
            continue
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    return fold(word)
