"""From a question to ranked passages: FTS5 finds candidates, rank_bm25 scores them.

rank_bm25's BM25Okapi is the scorer of record, but it wants the whole corpus in RAM and
rebuilds its statistics on every change. Here FTS5 narrows the archive to a few hundred
passages that contain the question's rarer terms, and `ArchiveBM25` scores just those with
the archive-wide passage count, average length and document frequencies that the store
keeps up to date. The scores equal what BM25Okapi over the whole archive would give those
passages, except for the idf floor (see `idf`).
"""

from __future__ import annotations

import asyncio
import math
from collections import Counter
from collections.abc import Sequence

from rank_bm25 import BM25Okapi

from .models import Filters, Hit, SearchResult
from .store import Candidate, CorpusStats, Store
from .text import analyse

CANDIDATES = 100
CANDIDATE_TERMS = 8
MAX_QUERY_TERMS = 48
IDF_FLOOR = 0.01


def idf(passages: int, df: int) -> float:
    """BM25Okapi's idf, floored at a small constant instead of rank_bm25's epsilon rule.

    rank_bm25 replaces a negative idf (a term in more than half the passages) by 0.25 x
    the average idf, which makes such a term weigh more than a moderately common one.
    A small constant floor keeps idf falling as a term gets more common.
    """
    return max(math.log(passages - df + 0.5) - math.log(df + 0.5), IDF_FLOOR)


class ArchiveBM25(BM25Okapi):
    """BM25Okapi over candidate passages, with statistics of the whole archive.

    It sets the attributes BM25Okapi's own constructor would compute and inherits its
    scoring (`get_scores`, `get_batch_scores`) unchanged.
    """

    def __init__(
        self,
        candidates: Sequence[Sequence[str]],
        stats: CorpusStats,
        weights: dict[str, float],
        k1: float = 1.5,
        b: float = 0.75,
    ) -> None:
        self.k1 = k1
        self.b = b
        self.epsilon = 0.0
        self.tokenizer = None
        self.corpus_size = len(candidates)
        self.doc_len = [len(terms) for terms in candidates]
        self.doc_freqs = [Counter(terms) for terms in candidates]
        self.avgdl = stats.avgdl or 1.0
        self.idf = dict(weights)
        self.average_idf = sum(weights.values()) / len(weights) if weights else 0.0


def query_terms(question: str) -> tuple[str, ...]:
    """The question's distinct index terms, in order of appearance, capped for huge input."""
    return tuple(dict.fromkeys(analyse(question)))[:MAX_QUERY_TERMS]


async def search(
    store: Store, question: str, filters: Filters | None = None, limit: int = 50
) -> SearchResult:
    filters = filters or Filters()
    terms = query_terms(question)
    if not terms:
        return SearchResult(question=question, terms=())
    stats = await store.corpus_stats(terms)
    weights = {t: idf(stats.passages, stats.df.get(t, 0)) for t in terms}
    known = sorted((t for t in terms if stats.df.get(t)), key=lambda t: (stats.df[t], t))
    candidates = await store.candidates(
        known[:CANDIDATE_TERMS], filters, CANDIDATES, weights=weights, df=stats.df
    )
    if not candidates:
        return SearchResult(question=question, terms=terms, weights=weights)
    hits = await asyncio.to_thread(_rank, candidates, terms, stats, weights, limit)
    return SearchResult(
        question=question,
        terms=terms,
        weights=weights,
        hits=hits,
        coverage=coverage(hits[0].terms, weights),
    )


def coverage(passage_terms: Sequence[str], weights: dict[str, float]) -> float:
    """Share of the question's idf mass that a passage contains: 1.0 when it has every term."""
    total = sum(weights.values())
    if not total:
        return 0.0
    present = set(passage_terms)
    return sum(w for t, w in weights.items() if t in present) / total


def _rank(
    candidates: list[Candidate],
    terms: tuple[str, ...],
    stats: CorpusStats,
    weights: dict[str, float],
    limit: int,
) -> tuple[Hit, ...]:
    scorer = ArchiveBM25([c.terms for c in candidates], stats, weights)
    scores = scorer.get_scores(list(terms))
    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], candidates[i].passage_id))
    return tuple(
        Hit(
            article=candidates[i].article,
            passage_id=candidates[i].passage_id,
            position=candidates[i].position,
            text=candidates[i].text,
            score=float(scores[i]),
            terms=candidates[i].terms,
        )
        for i in order[:limit]
    )
