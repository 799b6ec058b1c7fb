"""What a question's mentions in a sentence are, as the text and strength a reader sees."""

from __future__ import annotations

import re
from datetime import date

from storage.language.text import analyse, fold, sentence_spans
from storage.search.asking import about_outcome, expected, measures
from storage.search.mentions import Reading, in_passage, mentions, negates, placed_in


def _reading(question: str, written: date | None = None) -> Reading | None:
    words = re.findall(r"[^\W_]+", fold(question))
    kind = expected(words)
    terms = frozenset(analyse(question))
    if kind is None:
        return None
    return Reading(
        kind,
        terms,
        measures(words),
        about_outcome(words),
        negates(question),
        places=placed_in(question),
        written=written,
    )


def found(sentence: str, question: str, written: date | None = None) -> list[tuple[str, float]]:
    """The mentions of `sentence` for `question`, in an article `written` on that day."""
    reading = _reading(question, written)
    if reading is None:
        return []
    said = mentions(sentence, reading)
    return [(sentence[m.start : m.end], m.strength) for m in said]


def found_in_passage(passage: str, question: str) -> list[list[tuple[str, float]]]:
    """`found` for each sentence of a passage, read together (`in_passage`)."""
    reading = _reading(question)
    assert reading is not None
    said = in_passage(passage, sentence_spans(passage), reading)
    return [[(passage[m.start : m.end], m.strength) for m in ms] for ms in said]
