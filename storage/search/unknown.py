"""The archive saying itself that it does not know what the question asks.

"Hoe hoog die boete is, wil de gemeente niet zeggen" answers "Hoe hoog is de boete?" with
a refusal: quoting it as an answer would mislead, so the bot says it found nothing. The
sign is the question's own interrogative phrase, embedded in a sentence with a negation,
or a noun that stands for the answer asked for (a concealed question: "de identiteit van
de student" is who the student is) that the sentence says is not known or not told.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from storage.language.text import STOP_WORDS, term
from storage.search.asking import DIMENSIONS, Expect
from storage.search.mentions.base import folded, tokens, unrealised

_INTERROGATIVES = frozenset(
    """
    wie wat waar waarom wanneer hoe hoeveel hoelang welke welk waarvan waardoor waarmee
    waarover waaraan waarop waarin waarvoor
    """.split()
)
# Words an interrogative phrase takes with it: `hoe hoog`, `hoeveel afleveringen`.
_PHRASAL = frozenset({"hoe", "hoeveel", "welke", "welk"})
_NEGATIONS = frozenset("niet geen niets nooit niemand onduidelijk onbekend onzeker".split())
# Conjunctions of contrast: what follows them is said in place of what came before.
_CONTRAST = frozenset({"maar", "but"})
# Negations that say of themselves that something is not known.
_UNKNOWN = frozenset("onduidelijk onbekend onzeker".split())
# Nouns that stand for the answer to a question of each kind (concealed questions): "de
# naam van de student" is how the student is called, "het bedrag" how much was paid. A
# compound with one of six letters or more as its head counts too (`doodsoorzaak`,
# `zetelaantal`; shorter ones end words that are none: `ontevreden`).
_CONCEALED: dict[str, frozenset[str]] = {
    "person": frozenset("naam namen identiteit".split()),
    "name": frozenset("naam namen identiteit titel".split()),
    "number": frozenset("aantal bedrag hoogte omvang".split()),
    "date": frozenset("datum tijdstip".split()),
    "place": frozenset("locatie verblijfplaats".split()),
    "reason": frozenset("reden redenen oorzaak motief aanleiding".split()),
}
# The interrogatives that open an embedded question of each kind ("wie de aangehouden
# vrouw is"); for a number also `hoe` with an adjective of dimension (`hoe hoog`). A
# question for a name (`welke documentairemaker`, `hoe heet`) is read by its own phrase
# only: a `wie` clause beside it may ask about another role than the one asked for.
_ASKING: dict[str, frozenset[str]] = {
    "person": frozenset({"wie", "wiens"}),
    "name": frozenset(),
    "number": frozenset({"hoeveel", "hoelang"}),
    "date": frozenset({"wanneer"}),
    "place": frozenset({"waar", "waarheen"}),
    "reason": frozenset({"waarom"}),
}
# The predicates that take a question as their complement, as a concealed question is
# one: knowing it, telling it, making it public (with `niet` right before them).
_TELLING = frozenset(
    """
    bekend bekendgemaakt bekendmaken duidelijk weten weet wist zeggen zegt zei gezegd
    noemen noemt noemde genoemd melden meldt meldde gemeld vrijgegeven vrijgeven openbaar
    openbaargemaakt prijsgegeven kwijt
    """.split()
)
# What opens a clause of its own after a noun: a negation there is that clause's ("de
# reden dat hij niet kwam").
_CLAUSE_OPENERS = frozenset("dat die omdat doordat zodat waardoor waarom wat wie".split())
_WORD = re.compile(r"[^\W_]+")
_HEAD = 6


def says_unknown(sentence: str, question: str, expects: Expect | None = None) -> bool:
    """Whether the sentence says that what the question asks is not known or not told.

    It holds the question's own interrogative phrase as an embedded question under a
    negation: "Hoe hoog die boete is, wil de gemeente niet zeggen" for "Hoe hoog is de
    boete?", "Het is nog niet duidelijk ... uit hoeveel afleveringen deze zal bestaan".
    Or it says it does not know or tell an answer of the kind `expects`: in a question
    of that kind it embeds (`_embedded`), or in a noun that stands for one (`_concealed`).
    What it does not know must be about what the question asks about: from that
    question or noun on, the sentence holds a word of the question that is no name ("De
    oorzaak van de brand is onbekend" does not answer why the shop closed). A sentence
    that is itself a question does not count, nor a negation the question has itself
    (`waarom is de zaak niet gesloten`), nor a denial a contrast goes on from ("..., maar
    de politie vermoedt dat hij had gedronken": that is what is known instead).
    """
    if sentence.rstrip().endswith("?"):
        return False
    words = [folded(w) for w in _WORD.findall(sentence)]
    typed = _WORD.findall(question)
    # A negation the question has is part of what it asks ("Waarom is de zaak niet
    # gesloten?"), not a denial of knowing it.
    denials = _NEGATIONS - {folded(w) for w in typed}
    first = next((i for i, w in enumerate(words) if w in denials), None)
    if first is None or _CONTRAST.intersection(words[first:]):
        # "Waarom hij vluchtte is onbekend, maar de politie vermoedt dat ...": what follows
        # the contrast is said in place of what is not known.
        return False
    phrase = _interrogative(question)
    n = len(phrase)
    if n and any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
        return True
    if expects is None or expects not in _CONCEALED:
        return False
    asked = frozenset(t for w in typed if (t := term(w)))
    common = frozenset(t for w in typed if w.islower() and (t := term(w)))
    return _concealed(words, _CONCEALED[expects], common) or _embedded(
        words, expects, asked, common
    )


def _embedded(
    words: list[str],
    expects: str,
    asked: frozenset[str] = frozenset(),
    common: frozenset[str] = frozenset(),
) -> bool:
    """Whether the sentence says it does not know or tell (`_denies_knowing`) what a
    question of the kind `expects` that it embeds asks: the question stands first
    ("Wanneer de plaat verschijnt, is nog niet duidelijk") or right after the predicate
    or the negation ("De politie wilde nog niet zeggen wie de aangehouden vrouw is").
    A `hoeveel` that takes a noun the question (its terms `asked`) does not have counts
    something else: "hoeveel leden het platform telt" is no answer to how much money it
    raised."""
    if not _denies_knowing(words):
        return False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        dimension = expects == "number" and word == "hoe" and following in DIMENSIONS
        counted = following in STOP_WORDS or term(following) in asked
        opens = (word in _ASKING[expects] and (word != "hoeveel" or counted)) or dimension
        placed = i == 0 or words[i - 1] in _TELLING or words[i - 1] in _NEGATIONS
        if opens and placed and _about(words[i + 1 :], common):
            return True
    return False


def _about(words: list[str], common: frozenset[str]) -> bool:
    """Whether `words` hold one of the question's words that are no name (`common`)."""
    return any(term(w) in common for w in words)


def _denies_knowing(words: list[str]) -> bool:
    """`onbekend`, `onduidelijk` or `onzeker`, or a negation right before a predicate that
    takes a question (`niet bekend`, `niet zeggen`, `niets kwijt`)."""
    return bool(_UNKNOWN.intersection(words)) or any(
        a in _NEGATIONS and b in _TELLING for a, b in pairwise(words)
    )


def _concealed(
    words: list[str], nouns: frozenset[str], common: frozenset[str] = frozenset()
) -> bool:
    """Whether the sentence says that it does not know or tell what one of `nouns` stands
    for: the noun, then in its clause `onbekend` or the like, or a negation right before a
    predicate that takes a question ("Yale heeft de identiteit van de student niet
    bekendgemaakt", "De oorzaak is nog onbekend"); or `geen` before the noun and such a
    predicate right before or after them ("De politie noemde geen bedrag")."""
    for i, word in enumerate(words):
        if not any(word == n or (len(n) >= _HEAD and word.endswith(n)) for n in nouns):
            continue
        if not _about(words[i:], common):
            continue
        told = {*words[i - 2 : i - 1], *words[i + 1 : i + 2]}
        if i > 0 and words[i - 1] == "geen" and _TELLING.intersection(told):
            return True
        for k in range(i + 1, len(words)):
            if words[k] in _CLAUSE_OPENERS:
                break
            if words[k] in _UNKNOWN or _denies_knowing(words[k : k + 2]):
                return True
    return False


def says_planned(sentence: str) -> bool:
    """Whether the sentence tells only what is wanted, expected or planned: its main
    clause is headed by a verb of modality ("De zangeres zal naar alle waarschijnlijkheid
    twee nummers zingen"; storage/search/mentions/). Of what came of it, it knows nothing."""
    return unrealised(tokens(sentence), sentence)


@lru_cache(maxsize=256)
def _interrogative(question: str) -> tuple[str, ...]:
    words = [folded(w) for w in _WORD.findall(question)]
    for i, word in enumerate(words):
        if word in _INTERROGATIVES:
            return tuple(words[i : i + 2]) if word in _PHRASAL else (word,)
    return ()
