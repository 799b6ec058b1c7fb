"""The archive saying itself that it does not know what the question asks.

"Hoe hoog die boete is, wil de gemeente niet zeggen" answers "Hoe hoog is de boete?" with
a refusal: quoting it as an answer would mislead, so the bot says it found nothing. The
sign is the question's own interrogative phrase, embedded in a sentence with a negation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storage.search.mentions.base import folded

_INTERROGATIVES = frozenset(
    """
    wie wat waar waarom wanneer hoe hoeveel hoelang welke welk waarvan waardoor waarmee
    waarover waaraan waarop waarin waarvoor
    """.split()
)
# Words an interrogative phrase takes with it: `hoe hoog`, `hoeveel afleveringen`.
_PHRASAL = frozenset({"hoe", "hoeveel", "welke", "welk"})
_NEGATIONS = frozenset("niet geen nooit niemand onduidelijk onbekend onzeker".split())
_WORD = re.compile(r"[^\W_]+")


def says_unknown(sentence: str, question: str) -> bool:
    """Whether the sentence says that what the question asks is not known or not told.

    It holds the question's own interrogative phrase as an embedded question under a
    negation: "Hoe hoog die boete is, wil de gemeente niet zeggen" for "Hoe hoog is de
    boete?", "Het is nog niet duidelijk ... uit hoeveel afleveringen deze zal bestaan".
    A sentence that is itself a question does not count.
    """
    phrase = _interrogative(question)
    if not phrase or sentence.rstrip().endswith("?"):
        return False
    words = [folded(w) for w in _WORD.findall(sentence)]
    if not _NEGATIONS.intersection(words):
        return False
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


@lru_cache(maxsize=256)
def _interrogative(question: str) -> tuple[str, ...]:
    words = [folded(w) for w in _WORD.findall(question)]
    for i, word in enumerate(words):
        if word in _INTERROGATIVES:
            return tuple(words[i : i + 2]) if word in _PHRASAL else (word,)
    return ()
