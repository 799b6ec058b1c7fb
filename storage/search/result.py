"""What a search hands to answer composition: ranked passages and what the ranking knew."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.models import ArticleSummary
from storage.search.query import Query


@dataclass(frozen=True)
class Hit:
    """One ranked passage, with its analysed terms so callers can see what matched."""

    article: ArticleSummary
    passage_id: int
    position: int
    text: str
    score: float
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """How well the best article answers the question: what abstention is decided on.

    `coverage` is the share of the question's weight that the article matches anywhere
    in its matching passages; `missing` are the question's words it lacks;
    `lacks_specific` says that among them is the question's most specific word, and that
    word is a name or a number (the thing asked about, which a paraphrase keeps).
    """

    coverage: float = 0.0
    missing: tuple[str, ...] = ()
    lacks_specific: bool = False


@dataclass(frozen=True)
class SearchResult:
    """Ranked passages plus what the ranking knew about the question.

    `weights` maps each analysed query term to its weight (idf), so that answer composition
    can mark and weigh matched words without re-deriving corpus statistics. `coverage` is
    the share of the question's weight that the best article matches (`evidence.coverage`).
    `query` is what the question was understood as (concepts, corrections, time hints,
    expected answer type; see storage/search/query.py). `context` is the whole of the
    best few articles.
    """

    question: str
    query: Query
    terms: tuple[str, ...]
    weights: dict[str, float] = field(default_factory=dict)
    hits: tuple[Hit, ...] = ()
    coverage: float = 0.0
    evidence: Evidence = field(default_factory=Evidence)
    context: tuple[Hit, ...] = ()
    """Every passage of the first CONTEXT_ARTICLES articles ranked (storage/search/rank.py),
    by article and position, scored 0: what a quote may read beyond the passages that
    matched (the reason in the next paragraph, whether the article names what is asked
    anywhere)."""
