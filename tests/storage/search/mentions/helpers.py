"""What a question's mentions in a sentence are, as the text and strength a reader sees."""

from __future__ import annotations

import re

from storage.language.text import analyse, fold
from storage.search.asking import about_outcome, expected, measures
from storage.search.mentions import Reading, mentions, negates


def found(sentence: str, question: str) -> list[tuple[str, float]]:
    words = re.findall(r"[^\W_]+", fold(question))
    kind = expected(words)
    terms = frozenset(analyse(question))
    if kind is None:
        return []
    reading = Reading(kind, terms, measures(words), about_outcome(words), negates(question))
    said = mentions(sentence, reading)
    return [(sentence[m.start : m.end], m.strength) for m in said]
