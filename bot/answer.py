"""From ranked passages to an answer: which articles to cite and which sentences to quote.

The output is plain data (text plus highlight offsets); the terminal, JSON and Discord
renderers decide how to show it. Composition is deterministic: the same archive and
question always give the same quotes in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import ArticleSummary, SearchResult
from storage.text import sentence_spans, term_spans

MAX_SENTENCES = 3
MAX_EXCERPT_CHARS = 450
ELLIPSIS = "…"

# Share of the question's weight the best article must match before we cite it. Below
# it the archive most likely does not answer the question, and saying so beats quoting
# something that merely shares a word with it.
MIN_COVERAGE = 0.4


@dataclass(frozen=True)
class Quote:
    article: ArticleSummary
    excerpt: str
    highlights: tuple[tuple[int, int], ...]
    score: float
    passage_id: int


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    quotes: tuple[Quote, ...] = ()


def compose(result: SearchResult, limit: int = 3) -> Answer:
    """Quote the best passage of each of the top `limit` articles, or abstain."""
    if not result.hits or abstain(result):
        return Answer(question=result.question, answered=False)
    best_per_article = {}
    for hit in result.hits:
        best_per_article.setdefault(hit.article.id, hit)
        if len(best_per_article) == limit:
            break
    quotes = []
    for hit in best_per_article.values():
        text, highlights = excerpt(hit.text, result.weights)
        quotes.append(
            Quote(
                article=hit.article,
                excerpt=text,
                highlights=highlights,
                score=round(hit.score, 4),
                passage_id=hit.passage_id,
            )
        )
    return Answer(question=result.question, answered=True, quotes=tuple(quotes))


def abstain(result: SearchResult) -> bool:
    """Say "not found" when the best article matches too little of the question, or lacks
    the very name or number the question is about (the 2022 World Cup in an archive that
    only mentions other World Cups)."""
    return result.coverage < MIN_COVERAGE or result.evidence.lacks_specific


def excerpt(passage: str, weights: dict[str, float]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The one to three consecutive sentences that hold most of the question, verbatim.

    Starts from the sentence with the most idf weight of distinct question terms and adds
    a neighbour while it brings terms not yet covered. A lone sentence gets the one after
    it: news answers a who, why or when in the sentence after the one that repeats the
    question's words. Ellipses mark where the passage was cut; highlights are offsets of
    question words in the returned text.
    """
    spans = sentence_spans(passage) or [(0, len(passage))]
    found = [{t for _, _, t in term_spans(passage[s:e]) if t in weights} for s, e in spans]

    def gain(index: int, covered: set[str]) -> float:
        return sum(weights[t] for t in found[index] - covered)

    best = max(range(len(spans)), key=lambda i: (gain(i, set()), -i))
    first = last = best
    covered = set(found[best])
    while last - first + 1 < MAX_SENTENCES:
        options = [i for i in (last + 1, first - 1) if 0 <= i < len(spans)]
        options = [i for i in options if gain(i, covered) > 0]
        if not options:
            break
        pick = max(options, key=lambda i: gain(i, covered))
        if spans[max(last, pick)][1] - spans[min(first, pick)][0] > MAX_EXCERPT_CHARS:
            break
        first, last = min(first, pick), max(last, pick)
        covered |= found[pick]

    if (
        first == last
        and last + 1 < len(spans)
        and spans[last + 1][1] - spans[first][0] <= MAX_EXCERPT_CHARS
    ):
        last += 1

    start, end = spans[first][0], spans[last][1]
    if end - start > MAX_EXCERPT_CHARS:
        start, end = _window(passage, start, end, weights)
    text = passage[start:end].strip()
    prefix = f"{ELLIPSIS} " if start > 0 else ""
    suffix = f" {ELLIPSIS}" if end < len(passage.rstrip()) else ""
    quoted = prefix + text + suffix
    highlights = tuple((s, e) for s, e, t in term_spans(quoted) if t in weights)
    return quoted, highlights


def _window(passage: str, start: int, end: int, weights: dict[str, float]) -> tuple[int, int]:
    """Cut an over-long sentence to the stretch around its first question word."""
    matches = [s for s, _, t in term_spans(passage[start:end]) if t in weights]
    anchor = start + (matches[0] if matches else 0)
    left = max(start, anchor - MAX_EXCERPT_CHARS // 3)
    right = min(end, left + MAX_EXCERPT_CHARS)
    if left > start:
        space = passage.find(" ", left, anchor + 1)
        left = space + 1 if space != -1 else left
    if right < end:
        space = passage.rfind(" ", left, right)
        right = space if space > left else right
    return left, right
