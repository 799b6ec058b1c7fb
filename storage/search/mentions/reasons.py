"""Reasons: the clause a causal connective opens.

A clause opened by a causal connective (omdat, doordat, want, vanwege, wegens, dankzij,
aangezien, `komt door`) or a causal noun (reden, oorzaak) fits fully; a purpose clause
(`om ... te`, which also introduces plain infinitives) and a sentence opened by an
anaphoric connective (daarom, daardoor), whose cause is the sentence before, fit less.
"""

from __future__ import annotations

import re

from storage.language.text import fold
from storage.search.asking import REASON_NOUNS
from storage.search.mentions.base import FULL, PARTIAL, Mention, Token

_CAUSAL = frozenset("omdat doordat want vanwege wegens dankzij aangezien because due since".split())
_ANAPHORIC_CAUSAL = frozenset({"daarom", "daardoor", "zodoende", "therefore"})
_CLAUSE_END = re.compile(r"[,;:.!?]\s|[;:!?]$|\.$|[\"”’)]")


def reasons(sentence: str, tokens: list[Token]) -> list[Mention]:
    out = []
    folded = [fold(t[2]) for t in tokens]
    for i, word in enumerate(folded):
        start = tokens[i][0]
        if (
            word in _CAUSAL
            or word in REASON_NOUNS
            or (
                word == "door"
                and i > 0
                and folded[i - 1] in ("dat", "het")
                and i > 1
                and (folded[i - 2].startswith(("kom", "kwam")))
            )
        ):
            out.append(Mention(start, clause_end(sentence, tokens[i][1]), FULL))
        elif word == "om" and "te" in folded[i + 2 : i + 12]:
            out.append(Mention(start, clause_end(sentence, tokens[i][1]), PARTIAL))
        elif word in _ANAPHORIC_CAUSAL:
            out.append(Mention(tokens[0][0], tokens[-1][1], PARTIAL))
    return out


def clause_end(sentence: str, after: int) -> int:
    """Where the clause that starts before `after` ends: the next punctuation that closes
    a clause, or the end of the sentence."""
    match = _CLAUSE_END.search(sentence, after)
    end = match.start() if match else len(sentence)
    return len(sentence[:end].rstrip())
