"""Answer quality on a question set: the engine beside the plain-BM25 floor, in one run.

    python -m bench.quality --corpus DIR --questions FILE [--show-failures]

The corpus is imported into a temporary archive exactly as `archivaris import` would, and
every question is asked as `archivaris ask` would. Questions are JSON lines with `id`,
`question`, `relevant` (file names), `answer_contains` and `kind` (see the corpus README).

Metrics, overall and per kind:

- R@1, R@5, MRR@10 over answerable questions: the ranking is the order of distinct
  articles among the ranked passages (`SearchResult.hits`), before any abstention, and an
  article counts when its file name is in `relevant`.
- Ans@3: every `answer_contains` string occurs in one of the first three quoted excerpts
  (case-folded, NFC, runs of whitespace as one space). An abstention quotes nothing.
- Abstained: no-answer questions answered with "not found" (higher is better).
- False abst.: answerable questions answered with "not found" (lower is better).

The floor is plain BM25 done right, held entirely in RAM: every paragraph of every article
(the parsed body, dateline cut off, long paragraphs not split) is one passage, analysed by
`storage.text.analyse`; `rank_bm25.BM25Okapi` with its defaults (k1 1.5, b 0.75, epsilon
0.25) scores them for `analyse(question)`; articles are ranked by their best passage (ties
by passage order); the excerpts are the whole best paragraphs of the first three articles;
it never abstains.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rank_bm25 import BM25Okapi

from bot.answer.compose import compose
from storage.archive import Archive
from storage.language.text import analyse

KINDS = ("fact", "who", "when", "why", "time-filter", "typo", "english", "no-answer")
RANKING_DEPTH = 10
QUOTED = 3


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    kind: str
    relevant: frozenset[str]
    answer_contains: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        return bool(self.relevant)


@dataclass(frozen=True)
class Outcome:
    """What one system did with one question: its article ranking and what it quoted."""

    ranking: tuple[str, ...]
    answered: bool
    excerpts: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    rank: int | None
    answer_found: bool
    abstained: bool

    def failed(self, question: Question) -> bool:
        if not question.answerable:
            return not self.abstained
        return self.rank != 1 or not self.answer_found or self.abstained


def load_questions(path: Path) -> list[Question]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        questions.append(
            Question(
                id=data["id"],
                question=data["question"],
                kind=data.get("kind", "other"),
                relevant=frozenset(data.get("relevant", ())),
                answer_contains=tuple(data.get("answer_contains", ())),
            )
        )
    return questions


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def judge(question: Question, outcome: Outcome) -> Verdict:
    rank = next(
        (i for i, file in enumerate(outcome.ranking, start=1) if file in question.relevant),
        None,
    )
    quoted = [normalise(e) for e in outcome.excerpts[:QUOTED]] if outcome.answered else []
    found = all(any(normalise(s) in e for e in quoted) for s in question.answer_contains)
    return Verdict(rank=rank, answer_found=found, abstained=not outcome.answered)


# --- the two systems --------------------------------------------------------------------------


async def engine_outcome(archive: Archive, question: str) -> tuple[Outcome, float]:
    started = time.perf_counter()
    result = await archive.search(question)
    answer = compose(result, limit=QUOTED)
    took = (time.perf_counter() - started) * 1000
    ranking = tuple(dict.fromkeys(h.article.file or "" for h in result.hits))[:RANKING_DEPTH]
    return (
        Outcome(
            ranking=ranking,
            answered=answer.answered,
            excerpts=tuple(q.excerpt for q in answer.quotes),
        ),
        took,
    )


@dataclass(frozen=True)
class Floor:
    """Plain BM25Okapi over every paragraph of the archive, in RAM."""

    bm25: BM25Okapi
    files: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @classmethod
    def build(cls, articles: Sequence[tuple[str, Sequence[str]]]) -> Floor:
        files, paragraphs = [], []
        for file, body in articles:
            for paragraph in body:
                files.append(file)
                paragraphs.append(paragraph)
        corpus = [analyse(p) for p in paragraphs]
        return cls(BM25Okapi(corpus), tuple(files), tuple(paragraphs))

    def outcome(self, question: str) -> Outcome:
        scores = self.bm25.get_scores(analyse(question))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        best: dict[str, int] = {}
        for i in order:
            if scores[i] <= 0 or len(best) == RANKING_DEPTH:
                break
            best.setdefault(self.files[i], i)
        excerpts = tuple(self.paragraphs[i] for i in list(best.values())[:QUOTED])
        return Outcome(ranking=tuple(best), answered=True, excerpts=excerpts)


# --- running and reporting ---------------------------------------------------------------------


async def run(corpus: Path, questions: list[Question], show_failures: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="archivaris-bench-") as folder:
        async with await Archive.open(Path(folder) / "bench.db") as archive:
            started = time.perf_counter()
            ids: dict[int, str] = {}
            async for verdict in archive.import_paths([corpus]):
                if verdict.status == "added" and verdict.article_id is not None:
                    ids[verdict.article_id] = verdict.file
            imported = time.perf_counter() - started
            bodies = []
            for article_id, file in sorted(ids.items()):
                article = await archive.article(article_id)
                if article is not None:
                    bodies.append((file, article.body))
            floor = Floor.build(bodies)

            engine: list[Outcome] = []
            took: list[float] = []
            for q in questions:
                outcome, ms = await engine_outcome(archive, q.question)
                engine.append(outcome)
                took.append(ms)
    base = [floor.outcome(q.question) for q in questions]

    print(
        f"{len(ids)} articles imported in {imported:.1f} s; {len(questions)} questions; "
        f"engine median {statistics.median(took):.1f} ms, max {max(took):.1f} ms a question\n"
    )
    print(table(questions, {"engine": engine, "floor": base}))
    if show_failures:
        print(failures(questions, engine, base))
    return 0


def table(questions: list[Question], systems: dict[str, list[Outcome]]) -> str:
    verdicts = {
        name: [judge(q, o) for q, o in zip(questions, outcomes, strict=True)]
        for name, outcomes in systems.items()
    }
    kinds = [k for k in KINDS if any(q.kind == k for q in questions)]
    kinds += sorted({q.kind for q in questions} - set(kinds))
    header = (
        f"{'kind':<12} {'system':<7} {'n':>3}  {'R@1':>11} {'R@5':>11} {'MRR@10':>7} "
        f"{'Ans@3':>11}  {'Abstained':>9} {'False abst.':>11}"
    )
    lines = [header, "-" * len(header)]
    for kind in ["overall", *kinds]:
        chosen = [i for i, q in enumerate(questions) if kind in ("overall", q.kind)]
        for name, vs in verdicts.items():
            lines.append(_row(kind, name, [questions[i] for i in chosen], [vs[i] for i in chosen]))
    return "\n".join(lines)


def _row(kind: str, system: str, questions: list[Question], verdicts: list[Verdict]) -> str:
    answerable = [v for q, v in zip(questions, verdicts, strict=True) if q.answerable]
    unanswerable = [v for q, v in zip(questions, verdicts, strict=True) if not q.answerable]

    def share(count: int, total: int) -> str:
        return f"{count}/{total} {100 * count / total:3.0f}%" if total else "-"

    n = len(answerable)
    r1 = share(sum(v.rank == 1 for v in answerable), n)
    r5 = share(sum(v.rank is not None and v.rank <= 5 for v in answerable), n)
    mrr = f"{sum(1 / v.rank for v in answerable if v.rank) / n:.3f}" if n else "-"
    ans = share(sum(v.answer_found and not v.abstained for v in answerable), n)
    abstained = share(sum(v.abstained for v in unanswerable), len(unanswerable))
    false = share(sum(v.abstained for v in answerable), n)
    return (
        f"{kind:<12} {system:<7} {len(questions):>3}  {r1:>11} {r5:>11} {mrr:>7} "
        f"{ans:>11}  {abstained:>9} {false:>11}"
    )


def failures(questions: list[Question], engine: list[Outcome], floor: list[Outcome]) -> str:
    blocks = []
    for q, mine, theirs in zip(questions, engine, floor, strict=True):
        verdict = judge(q, mine)
        if not verdict.failed(q):
            continue
        floor_verdict = judge(q, theirs)
        lines = [
            f"\n{q.id} [{q.kind}] {q.question}",
            f"  relevant: {', '.join(sorted(q.relevant)) or '-'}; "
            f"must quote: {' | '.join(q.answer_contains) or '-'}",
            f"  engine: rank {verdict.rank}, answer quoted {verdict.answer_found}, "
            f"abstained {verdict.abstained}; floor: rank {floor_verdict.rank}, "
            f"answer quoted {floor_verdict.answer_found}",
        ]
        if mine.note:
            lines.append(f"  {mine.note}")
        lines.append(
            "  ranking: "
            + ", ".join(f"{f}{'*' if f in q.relevant else ''}" for f in mine.ranking[:5])
        )
        lines += [f"  quote {i}: {e}" for i, e in enumerate(mine.excerpts, start=1)]
        blocks.append("\n".join(lines))
    return "\nFailures (engine)" + "".join(blocks) if blocks else "\nNo failures."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="folder of articles")
    parser.add_argument("--questions", type=Path, required=True, help="questions, JSON lines")
    parser.add_argument(
        "--show-failures", action="store_true", help="print each failing question and its quotes"
    )
    args = parser.parse_args(argv)
    return asyncio.run(run(args.corpus, load_questions(args.questions), args.show_failures))


if __name__ == "__main__":
    sys.exit(main())
