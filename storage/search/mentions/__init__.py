"""Mentions: the words of a sentence that could answer a question, and how well they fit.

The sentence that repeats the question's words is often not the one that answers it:
news gives the answer in the sentence before or after ("De twee Zweedse politici Jens
Holm en ..." follows the sentence that repeats the question). So answer composition
looks, around the sentences that match, for the words that could be the answer of the
kind asked for (storage/search/asking.py): *mentions*, each with a strength that says
how well it fits what was asked. The grades follow what a reader would accept as an
answer: FULL, GOOD, PARTIAL, WEAK (1, 0.8, 0.5, 0.2); each kind of answer has its module:

- quantities.py: a number with what it counts;
- moments.py: a date, a month, a year, a day;
- names.py: a person, a name, a place;
- reasons.py: a clause a causal connective opens.
"""

from __future__ import annotations

from collections.abc import Collection

from storage.search.asking import Expect
from storage.search.mentions.base import FULL, GOOD, PARTIAL, WEAK, Mention, tokens
from storage.search.mentions.moments import moments
from storage.search.mentions.names import names
from storage.search.mentions.quantities import quantities
from storage.search.mentions.reasons import reasons

__all__ = ["FULL", "GOOD", "PARTIAL", "WEAK", "Mention", "holds", "mentions"]


def holds(sentence: str, expect: Expect | None, question_terms: Collection[str]) -> bool:
    """Whether the sentence contains an answer of the expected kind that the question lacks."""
    return bool(mentions(sentence, expect, frozenset(question_terms)))


def mentions(
    sentence: str,
    expect: Expect | None,
    question_terms: frozenset[str],
    measure: frozenset[str] = frozenset(),
) -> tuple[Mention, ...]:
    """The words of `sentence` that could answer a question of kind `expect`, strongest
    first; words the question has already are no answer."""
    if expect is None:
        return ()
    found = tokens(sentence)
    if expect == "number":
        said = quantities(found, question_terms, measure)
    elif expect == "date":
        said = moments(found, question_terms, measure)
    elif expect == "reason":
        said = reasons(sentence, found)
    else:
        said = names(found, expect, question_terms, measure)
    return tuple(sorted(said, key=lambda m: (-m.strength, m.start)))
