"""How Archivaris holds up as the archive grows: import speed, question latency, memory.

    python -m bench.scale --corpus ../shared/corpus/nl-news --articles 10000 --articles 100000
    python -m bench.scale --corpus ../shared/corpus/nl-news --articles 100000 --db postgresql://...

For each size it generates a synthetic archive from the given corpus (bench/synth.py),
imports it through the `archivaris` command, and measures: import articles/s and the CPU
per article of the importing process and of its parsing workers, database size, the cold
time of one question in a new process, warm per-question p50/p95 and peak RSS of an
`archivaris ask` process, and top-10 agreement with exhaustive BM25. Beside
those, in the same run and on the same passages, it times plain rank_bm25 (BM25Okapi over
every passage in RAM, get_scores + top-k) as the baseline. Finally it imports another
batch of articles into a copy of the first archive while the same process answers
questions, and reports the event loop's worst stall. Timings are figures to read, not
assertions: the machine is shared and noisy, so compare numbers from the same run.

With `--db postgresql://...` every size is also imported into that PostgreSQL database (a
schema of its own per size, dropped afterwards) from the same generated articles, through
the same command, and measured the same way beside SQLite: import rate, size on the
server, cold and warm questions, the asking process's peak RSS, and top-10 agreement with
the same exhaustive BM25 (both stores hold the same passages under the same ids). The
growth and import-while-answering figures are SQLite's.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.baselines import Truth
from bench.stores import schema_bytes, scratch_schema
from bench.synth import generate, read_source, sentences_of

# Questions per turn when our answers and the baseline are timed in turn (`_in_turn`).
TURN = 10
_QUESTION_FORMS = (
    "Wat weet je over {}?",
    "Wat gebeurde er met {}?",
    "Wat zei men over {}?",
    "{}?",
    "Waarom {}?",
)


@dataclass
class Figures:
    articles: int
    store: str = "SQLite"
    passages: int = 0
    import_seconds: float = 0.0
    # CPU seconds of the import: the importing process (storing) and its workers (parsing)
    import_cpu_s: tuple[float, float] = (0.0, 0.0)
    database_bytes: int = 0
    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    ask_rss_mb: float = 0.0
    baseline_ms: list[float] = field(default_factory=list)
    # question -> ranked passages in a warm process, on the baseline's questions
    search_ms: list[float] = field(default_factory=list)
    baseline_build_s: float = 0.0
    baseline_rss_mb: float = 0.0
    # passages rank_bm25 held: all of them, or an even sample (`--baseline-passages`)
    baseline_held: int = 0
    tantivy_ms: list[float] = field(default_factory=list)
    tantivy_build_s: float = 0.0
    tantivy_bytes: int = 0
    # top-10 agreement, tantivy against the plain terms' exhaustive BM25: ties counted, by id
    tantivy_agreement: float = 0.0
    tantivy_agreement_by_id: float = 0.0
    # the share of tantivy's top 10 that ours holds
    tantivy_overlap: float = 0.0
    # bytes of the generated article files imported
    article_bytes: int = 0
    # one more article imported through the CLI: seconds, and found by the next question
    fresh_s: float = 0.0
    fresh_found: bool = False
    # the one-minute load average, sampled while this size was measured
    load: list[float] = field(default_factory=list)
    # top-10 agreement with the exhaustive BM25 of each question's plain terms, ties
    # counted; and ties broken by passage id
    agreement: float = 0.0
    agreement_by_id: float = 0.0
    # the same with the exhaustive ranking of the engine's own reading and scoring of each
    # question (bench.baselines.engine_truths): what candidate generation alone misses
    own_agreement: float = 0.0
    own_agreement_by_id: float = 0.0
    answered: int = 0
    db: Path | str | None = None
    questions: list[str] = field(default_factory=list)
    # warm p50 of each later run, the sizes taking turns (`measure_growth`)
    rerun_p50_ms: list[float] = field(default_factory=list)
    # rank_bm25 p50 timed again right after each later run (smallest size only)
    rerun_baseline_p50_ms: list[float] = field(default_factory=list)
    # the whole answer and rank_bm25, timed in turns of TURN questions (`_in_turn`)
    turn_ms: list[float] = field(default_factory=list)
    turn_baseline_ms: list[float] = field(default_factory=list)


DEFAULT_ARTICLES = 10_000


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="archivaris-bench-", dir=args.workdir))
    print(f"# work folder {workdir} (deleted afterwards unless --keep)", flush=True)
    try:
        with ExitStack() as schemas:
            source = read_source(Path(args.corpus))
            results, others = [], []
            for size in sorted(set(args.articles or [DEFAULT_ARTICLES])):
                target = (
                    schemas.enter_context(scratch_schema(args.db, args.keep)) if args.db else None
                )
                measured = measure_size(source, size, workdir, args, target)
                results.append(measured[0])
                others += measured[1:]
                for figures in measured:
                    _print_size(figures)
            if len(results) > 1:
                measure_growth(results, args)
            stall = None
            if args.stall_articles:
                stall = measure_import_while_answering(source, results[0], workdir, args)
            _print_summary(results, stall, others)
    finally:
        if args.keep:
            print(f"# kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


# --- one archive size ---------------------------------------------------------------------


def measure_size(source, size: int, workdir: Path, args, target: str | None) -> list[Figures]:
    """The figures of one size in SQLite, and in the PostgreSQL archive `target` if given,
    from the same generated articles, with the machine's load average meanwhile."""
    load: list[float] = []
    with _sampling_load(load):
        results = _measure_size(source, size, workdir, args, target)
    for figures in results:
        figures.load = load
    return results


@contextmanager
def _sampling_load(into: list[float], every: float = 5.0) -> Iterator[None]:
    """The one-minute load average, sampled every `every` seconds into `into`: the machine
    is shared, and a figure means little without what else it was doing."""
    stop = threading.Event()

    def sample() -> None:
        while True:
            into.append(os.getloadavg()[0])
            if stop.wait(every):
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield
    finally:
        stop.set()
        sampler.join()


def _measure_size(source, size: int, workdir: Path, args, target: str | None) -> list[Figures]:
    folder = workdir / f"articles-{size}"
    _log(f"generating {size:,} articles")
    paths = generate(source, size, folder, seed=1)
    article_bytes = sum(path.stat().st_size for path in paths)
    questions = make_questions(paths, args.questions + args.warmup, seed=size)
    stores: list[tuple[str, Path | str]] = [("SQLite", workdir / f"archive-{size}.db")]
    if target:
        stores.append(("PostgreSQL", target))
    results = []
    for store, db in stores:
        figures = Figures(
            articles=size, store=store, db=db, questions=questions, article_bytes=article_bytes
        )
        _log(f"importing {size:,} articles into {store} through the CLI")
        started = time.perf_counter()
        summary, figures.import_cpu_s = _import_through_cli(db, folder)
        named = "" if store == "SQLite" else f" ({store})"
        print(f"# import{named}: {summary.strip().splitlines()[-1]}", flush=True)
        figures.import_seconds = time.perf_counter() - started
        figures.database_bytes = _size(db)
        results.append(figures)
    shutil.rmtree(folder)

    for figures in results:
        _log(f"{figures.store}: cold questions (a new process each)")
        for question in questions[: args.cold_runs]:
            started = time.perf_counter()
            _cli(figures.db, "ask", "--json", question)
            figures.cold_ms.append((time.perf_counter() - started) * 1000)
        _log(f"{figures.store}: {len(questions)} warm questions in one process")
        took, rss, answered = _ask_many(figures.db, questions)
        figures.warm_ms = took[args.warmup :]
        figures.answered = answered
        figures.ask_rss_mb = rss
        figures.fresh_s, figures.fresh_found = _fresh_article(source, figures.db, workdir)

    measured = questions[args.warmup :][: args.baseline_questions]
    _log(f"baseline: rank_bm25 over every passage, {len(measured)} questions")
    _baseline(results, measured, questions[: args.warmup], workdir, args)
    return results


def _fresh_article(source, db: Path | str, workdir: Path) -> tuple[float, bool]:
    """Import one new article through the CLI, then ask (in a new process) about a word
    that only it holds: how long the import took, and whether the answer quotes it."""
    import json

    folder = workdir / "fresh"
    (path,) = generate(source, 1, folder, seed=99)
    word = "".join(random.Random(str(db)).choices("bcdfghjklmnpqrstvwxz", k=12))
    page = path.read_text(encoding="utf-8")
    path.write_text(
        page.replace("\n\nDelen", f"\n\nHet woord {word} staat alleen hier.\n\nDelen"),
        encoding="utf-8",
    )
    started = time.perf_counter()
    _cli(db, "import", "--lang", "en", str(folder))
    seconds = time.perf_counter() - started
    shutil.rmtree(folder)
    answer = json.loads(_cli(db, "ask", "--json", f"Wat weet je over {word}?"))
    return seconds, any(hit["file"] == path.name for hit in answer["hits"])


def _size(db: Path | str) -> int:
    if isinstance(db, str):
        return schema_bytes(db)
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def measure_growth(results: list[Figures], args) -> None:
    """Warm runs again, the sizes taking turns, `--growth-runs` times each.

    The first warm runs of the sizes are minutes apart, and on a shared machine the load
    changes in between; taking turns exposes every size to the same conditions, so the
    ratio of the median p50s is the fairer measure of growth. For the same reason the
    smallest size's baseline is timed again right after each of its runs: the load moves
    our many short steps (threads, SQLite, small objects) more than rank_bm25's one loop,
    so a speed-up is only fair between figures taken together.
    """
    from rank_bm25 import BM25Okapi

    from bench.baselines import scan

    if not args.growth_runs:
        return
    smallest = results[0]
    measured = smallest.questions[args.warmup :][: args.baseline_questions]
    plain = BM25Okapi(scan(smallest.db, [], args.baseline_passages).held)
    for run in range(args.growth_runs):
        for f in results:
            _log(f"warm run {run + 2} of {f.articles:,} articles")
            took, _, _ = _ask_many(f.db, f.questions)
            f.rerun_p50_ms.append(_p(took[args.warmup :], 50))
            if f is smallest:
                baseline_ms, _ = _time_baseline(plain, measured)
                f.rerun_baseline_p50_ms.append(_p(baseline_ms, 50))


def make_questions(paths: list[Path], count: int, seed: int) -> list[str]:
    """Questions a member might ask: a few content words of a random sentence in the archive."""
    from storage.language.text import STOP_WORDS

    rng = random.Random(seed)
    questions: list[str] = []
    while len(questions) < count:
        sentences = [s for s in sentences_of(rng.choice(paths)) if len(s.split()) >= 8]
        if not sentences:
            continue
        words = [
            w.strip(".,;:!?'\"()")
            for w in rng.choice(sentences).split()
            if len(w.strip(".,;:!?'\"()")) > 3 and w.strip(".,;:!?'\"()").lower() not in STOP_WORDS
        ]
        if len(words) < 3:
            continue
        start = rng.randrange(len(words) - 2)
        picked = words[start : start + rng.randint(3, 6)]
        questions.append(rng.choice(_QUESTION_FORMS).format(" ".join(picked)))
    return questions


def _ask_many(db: Path | str, questions: list[str]) -> tuple[list[float], float, int]:
    """Per-question took_ms, peak RSS (MB) and answered count of one `archivaris ask` process."""
    import json

    process = subprocess.Popen(
        [*_archivaris(), "--db", str(db), "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    peak = [0.0]
    writer = threading.Thread(target=_feed, args=(process, questions))
    watcher = threading.Thread(target=_watch_peak, args=(process, peak))
    writer.start()
    watcher.start()
    lines = process.stdout.read().splitlines()
    writer.join()
    watcher.join()
    if process.wait():
        raise SystemExit(f"archivaris ask failed with status {process.returncode}")
    answers = [json.loads(line) for line in lines]
    took = [a["took_ms"] for a in answers]
    return took, peak[0], sum(a["answered"] for a in answers)


def _watch_peak(process: subprocess.Popen, peak: list[float]) -> None:
    """Peak RSS (VmHWM) of the running process, read until it exits.

    Not getrusage: a child's ru_maxrss includes the benchmark's own memory between fork
    and exec.
    """
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak[0] = max(peak[0], int(line.split()[1]) / 1024)
        except OSError:
            break
        time.sleep(0.02)


def _feed(process: subprocess.Popen, questions: list[str]) -> None:
    process.stdin.write("".join(q.replace("\n", " ") + "\n" for q in questions))
    process.stdin.close()


def _baseline(
    results: list[Figures], questions: list[str], warmup: list[str], workdir: Path, args
) -> None:
    """Plain rank_bm25 and tantivy over the archive's passages, and the exhaustive ranking
    for agreement (bench/baselines.py).

    The passages are read from the SQLite archive; every store holds the same ones under
    the same ids. rank_bm25 holds every passage up to `--baseline-passages`, an even
    sample past it, and says so.
    """
    from rank_bm25 import BM25Okapi

    from bench.baselines import build_tantivy, engine_readings, engine_truths, scan
    from storage.search.rank import query_terms

    analysed = [list(query_terms(q)) for q in questions]
    db = results[0].db
    _log(f"exhaustive BM25 of {len(questions)} questions, one pass over every passage")
    readings = engine_readings(db, questions)
    extra = {t for query, _, _ in readings for t in query.terms}
    found = scan(db, analysed, args.baseline_passages, extra=extra)
    truths = engine_truths(db, readings, found)
    held = len(found.held)
    if held < found.passages:
        print(
            f"# rank_bm25 over all {found.passages:,} passages does not fit this benchmark "
            f"(limit --baseline-passages {args.baseline_passages:,}): it holds an even sample "
            f"of {held:,} passages, and its times and RAM are scaled by "
            f"{found.passages / held:.1f} to all of them",
            flush=True,
        )
    _log(f"rank_bm25 over {held:,} passages")
    gc.collect()
    before = _rss_mb()
    started = time.perf_counter()
    plain = BM25Okapi(found.held)
    build_s = time.perf_counter() - started
    found.held.clear()
    gc.collect()
    rss_mb = _rss_mb() - before
    baseline_ms, _ = _time_baseline(plain, questions)
    _log(f"tantivy over {found.passages:,} passages")
    engine = build_tantivy(db, workdir / f"tantivy-{results[0].articles}")
    theirs = [engine.top10(query) for query in analysed]

    for figures in results:
        figures.passages = found.passages
        figures.baseline_held = held
        figures.baseline_build_s, figures.baseline_rss_mb = build_s, rss_mb
        figures.baseline_ms = baseline_ms
        figures.tantivy_build_s, figures.tantivy_bytes = engine.build_s, engine.bytes
        figures.tantivy_agreement = _agreement(found.ranked, theirs)
        figures.tantivy_agreement_by_id = _agreement(found.ranked, theirs, by_id=True)
        ours, figures.search_ms = asyncio.run(_our_rankings(figures.db, warmup, questions))
        figures.turn_ms, figures.turn_baseline_ms, figures.tantivy_ms = asyncio.run(
            _in_turn(figures.db, plain, engine, warmup, analysed, questions)
        )
        figures.agreement = _agreement(found.ranked, ours)
        figures.agreement_by_id = _agreement(found.ranked, ours, by_id=True)
        figures.own_agreement = _agreement(truths, ours)
        figures.own_agreement_by_id = _agreement(truths, ours, by_id=True)
        figures.tantivy_overlap = _overlap(theirs, ours)
    engine.close()
    del plain
    gc.collect()


def _agreement(truths: list[Truth], rankings: list[list[int]], by_id: bool = False) -> float:
    """The mean share of each exhaustive top 10 that a ranking's top 10 holds, a passage
    tying with the 10th counting as one of it unless `by_id` (then ties are broken by
    passage id, as the exhaustive top 10 lists them)."""
    shares = [
        truth.strict_share(top10) if by_id else truth.share(top10)
        for truth, top10 in zip(truths, rankings, strict=True)
        if truth.top10
    ]
    return statistics.mean(shares) if shares else float("nan")


def _overlap(theirs: list[list[int]], ours: list[list[int]]) -> float:
    """The mean share of their top 10 that ours holds."""
    shares = [
        len(set(top10) & set(mine[:10])) / len(top10)
        for top10, mine in zip(theirs, ours, strict=True)
        if top10
    ]
    return statistics.mean(shares) if shares else float("nan")


def _time_baseline(plain, questions: list[str]) -> tuple[list[float], list[list[str]]]:
    """rank_bm25's time per question (`get_scores` + top 10), and the analysed questions."""
    from storage.search.rank import query_terms

    took, analysed = [], []
    for question in questions:
        query = list(query_terms(question))
        started = time.perf_counter()
        _plain_top10(plain, query)
        took.append((time.perf_counter() - started) * 1000)
        analysed.append(query)
    return took, analysed


def _plain_top10(plain, query: list[str]):
    """The baseline's work for one analysed question: score every passage, rank the top 10."""
    import numpy as np

    scores = plain.get_scores(query)
    top = np.argpartition(-scores, 10)[:10] if len(scores) > 10 else np.arange(len(scores))
    return top[np.argsort(-scores[top])]


async def _our_rankings(
    db: Path | str, warmup: list[str], questions: list[str]
) -> tuple[list[list[int]], list[float]]:
    """Our top 10 for each question, and how long each search took in a warm process.

    A search goes from the question as typed to ranked passages, the work the baseline's
    `get_scores` + top-k does on already analysed terms, without composing the answer.
    """
    from storage.archive import Archive

    archive = await Archive.open(db)
    try:
        for question in warmup:
            await archive.search(question, limit=10)
        rankings, took = [], []
        for question in questions:
            started = time.perf_counter()
            result = await archive.search(question, limit=10)
            took.append((time.perf_counter() - started) * 1000)
            rankings.append([h.passage_id for h in result.hits[:10]])
        return rankings, took
    finally:
        await archive.close()


async def _in_turn(
    db: Path | str,
    plain,
    engine,
    warmup: list[str],
    analysed: list[list[str]],
    questions: list[str],
) -> tuple[list[float], list[float], list[float]]:
    """The whole answer (as `archivaris ask` gives it), rank_bm25 and tantivy, in turns of
    TURN questions each, which of the three goes first rotating.

    This machine's CPU runs some stretches of seconds nearly twice as fast as others (a
    fixed Python loop took 4.0-4.5 ms in some and 7.0-7.8 ms in others, the machine
    otherwise idle), so figures taken a minute apart can meet different speeds. Turns
    of a second or so let both meet the same ones. Alternating single questions would
    not do: each baseline question reads every passage's counts, which left our next
    question without its data in the CPU's caches (18.8x where the other figures of the
    same run gave 21.9 and 25.3x).
    """
    from bot.answer.compose import compose
    from storage.archive import Archive
    from storage.search.rank import query_terms

    archive = await Archive.open(db)
    try:
        for question in warmup:
            compose(await archive.search(question))
            engine.top10(query_terms(question))
        took: tuple[list[float], ...] = ([], [], [])
        pairs = list(zip(questions, analysed, strict=True))
        for turn, start in enumerate(range(0, len(pairs), TURN)):
            for who in (turn % 3, (turn + 1) % 3, (turn + 2) % 3):
                for question, query in pairs[start : start + TURN]:
                    started = time.perf_counter()
                    if who == 0:
                        compose(await archive.search(question))
                    elif who == 1:
                        _plain_top10(plain, query)
                    else:
                        engine.top10(query)
                    took[who].append((time.perf_counter() - started) * 1000)
        return took
    finally:
        await archive.close()


# --- an import while questions are answered ------------------------------------------------


@dataclass
class Stall:
    articles: int
    import_seconds: float
    worst_stall_ms: float
    p99_stall_ms: float
    answered: int
    question_ms: list[float]
    fresh_found: bool


def measure_import_while_answering(source, base: Figures, workdir: Path, args) -> Stall:
    """Import `--stall-articles` new articles into a copy of the smallest archive, in the
    same process and event loop that answers questions, as the Discord bot would."""
    db = workdir / "stall.db"
    original = base.db
    with sqlite3.connect(original) as connection, sqlite3.connect(db) as copy:
        connection.backup(copy)
    folder = workdir / "stall-articles"
    _log(f"generating {args.stall_articles:,} more articles for the import-while-answering test")
    paths = generate(source, args.stall_articles, folder, seed=2)
    questions = make_questions(paths[:100], 50, seed=3)
    last = paths[-1]
    # The bot holds no list of 10,000 paths, and freezes what it imported (run_bot.py):
    # the benchmark's own objects must not lengthen the garbage collections measured here.
    del paths
    gc.freeze()
    result = asyncio.run(_import_and_answer(db, folder, questions, last))
    gc.unfreeze()
    shutil.rmtree(folder)
    return result


async def _import_and_answer(db: Path, folder: Path, questions: list[str], last: Path) -> Stall:
    from bot.answer.compose import compose
    from storage.archive import Archive

    archive = await Archive.open(db)
    done = asyncio.Event()
    lags: list[float] = []
    took: list[float] = []

    async def ticker() -> None:
        loop = asyncio.get_running_loop()
        while not done.is_set():
            expected = loop.time() + 0.01
            await asyncio.sleep(0.01)
            lags.append(max(0.0, loop.time() - expected) * 1000)

    async def asker() -> None:
        number = 0
        while not done.is_set():
            started = time.perf_counter()
            compose(await archive.search(questions[number % len(questions)]))
            took.append((time.perf_counter() - started) * 1000)
            number += 1
            await asyncio.sleep(0.05)

    tasks = [asyncio.create_task(ticker()), asyncio.create_task(asker())]
    try:
        started = time.perf_counter()
        count = 0
        async for verdict in archive.import_paths([folder], added_by="bench"):
            count += verdict.status == "added"
        seconds = time.perf_counter() - started
        done.set()
        await asyncio.gather(*tasks)
        probe = make_questions([last], 1, seed=5)[0]
        hits = (await archive.search(probe, limit=10)).hits
        fresh = any(h.article.file == last.name for h in hits)
    finally:
        done.set()
        await archive.close()
    ordered = sorted(lags)
    return Stall(
        articles=count,
        import_seconds=seconds,
        worst_stall_ms=ordered[-1] if ordered else 0.0,
        p99_stall_ms=ordered[int(len(ordered) * 0.99)] if ordered else 0.0,
        answered=len(took),
        question_ms=took,
        fresh_found=fresh,
    )


# --- output -------------------------------------------------------------------------------


def _print_size(f: Figures) -> None:
    warm, base = _p(f.warm_ms, 50), _base(f, f.baseline_ms, 50)
    ours, theirs = _p(f.turn_ms, 50), _base(f, f.turn_baseline_ms, 50)
    engine = _p(f.tantivy_ms, 50)
    held = (
        ""
        if f.baseline_held == f.passages
        else f"; held {f.baseline_held:,} passages, times and RAM scaled to all"
    )
    print(
        f"\n## {f.articles:,} articles, {f.passages:,} passages ({f.store})\n"
        f"import (CLI)           {f.articles / f.import_seconds:8.0f} articles/s "
        f"({f.import_seconds:.1f} s; {_text_rate(f)})\n"
        f"import CPU per article {_import_cpu(f)} "
        "(the importing process, which stores / worker processes, which parse)\n"
        f"database size          {f.database_bytes / 2**20:8.0f} MB\n"
        f"cold, one question     {statistics.median(f.cold_ms):8.0f} ms median, "
        f"{max(f.cold_ms):.0f} ms max (new process, {len(f.cold_ms)} runs)\n"
        f"warm p50 / p95         {warm:8.1f} / {_p(f.warm_ms, 95):.1f} ms "
        f"({len(f.warm_ms)} questions, {f.answered} answered incl. warm-up)\n"
        f"peak RSS (ask process) {f.ask_rss_mb:8.0f} MB\n"
        f"a new article          {_fresh(f)}\n"
        f"load average (1 min)   {_load(f)} (sampled every 5 s while this size was measured)\n"
        f"rank_bm25 p50 / p95    {base:8.1f} / {_base(f, f.baseline_ms, 95):.1f} ms "
        f"({len(f.baseline_ms)} questions; build {f.baseline_build_s:.1f} s, "
        f"+{_base_rss(f):.0f} MB{held})\n"
        f"speed-up at p50        {base / warm:8.1f}x\n"
        f"ranking only p50       {_p(f.search_ms, 50):8.1f} ms, {base / _p(f.search_ms, 50):.1f}x "
        f"(the baseline's questions to ranked passages, no quotes)\n"
        f"in turn, p50 ours      {ours:8.1f} ms, rank_bm25 {theirs:.1f} ms, {theirs / ours:.1f}x, "
        f"tantivy {engine:.2f} ms, ours {ours / engine:.1f}x tantivy's "
        f"(the whole answer and the baselines, in turns of {TURN} questions)\n"
        f"tantivy                build {f.tantivy_build_s:.1f} s, index "
        f"{f.tantivy_bytes / 2**20:.0f} MB; p95 {_p(f.tantivy_ms, 95):.2f} ms\n"
        f"top-10 agreement       {f.agreement:8.3f}, tantivy {f.tantivy_agreement:.3f}, with "
        "exhaustive BM25, ties counted ("
        f"{f.agreement_by_id:.3f} / {f.tantivy_agreement_by_id:.3f} with ties broken by id); "
        f"ours holds {f.tantivy_overlap:.3f} of tantivy's top 10\n"
        f"own ranking agreement  {f.own_agreement:8.3f} with the exhaustive ranking of the "
        f"engine's own reading of each question ({f.own_agreement_by_id:.3f} by id)",
        flush=True,
    )


def _steps(results: list[Figures]) -> str:
    """The growth of the warm p50 from each size to the next: a target may bound the last
    step alone (a million articles against a hundred thousand)."""
    steps = []
    for before, after in itertools.pairwise(results):
        growth = _p(after.warm_ms, 50) / _p(before.warm_ms, 50)
        step = f"{before.articles:,} -> {after.articles:,} {growth:.2f}x first runs"
        if before.rerun_p50_ms and after.rerun_p50_ms:
            small, big = (statistics.median(f.rerun_p50_ms) for f in (before, after))
            step += f", {big / small:.2f}x more runs taking turns"
        steps.append(step)
    return "; ".join(steps)


def _base(f: Figures, took: list[float], percent: int) -> float:
    """rank_bm25's percentile, scaled to every passage where it held a sample: its work
    per question is a loop over every passage it holds."""
    return _p(took, percent) * f.passages / max(1, f.baseline_held)


def _base_rss(f: Figures) -> float:
    return f.baseline_rss_mb * f.passages / max(1, f.baseline_held)


def _load(f: Figures) -> str:
    if not f.load:
        return "-"
    return f"{statistics.median(f.load):.2f} median, {max(f.load):.2f} max"


def _held(f: Figures) -> str:
    if f.baseline_held == f.passages:
        return "every passage"
    return f"a sample of {f.baseline_held:,}, times and RAM scaled"


def _text_rate(f: Figures) -> str:
    return (
        f"{f.article_bytes / f.import_seconds / 1e6:.2f} MB of article files/s, "
        f"{f.article_bytes / f.articles / 1000:.2f} KB an article"
    )


def _fresh(f: Figures) -> str:
    found = "found" if f.fresh_found else "NOT found"
    return f"imported through the CLI in {f.fresh_s:.2f} s, {found} by the next question"


def _print_summary(
    results: list[Figures], stall: Stall | None, others: list[Figures] | None = None
) -> None:
    """The table of every size (SQLite), with each PostgreSQL figure in a column beside
    the SQLite one of its size; then growth and the import while answering (SQLite)."""
    print("\n## Summary (markdown)\n")
    columns = sorted([*results, *(others or [])], key=lambda f: (f.articles, f.store != "SQLite"))
    stores = len({f.store for f in columns}) > 1
    header = "| | " + " | ".join(
        f"{f.articles:,} articles" + (f", {f.store}" if stores else "") for f in columns
    )
    print(header + " |")
    print("|" + " --- |" * (len(columns) + 1))
    rows = [
        ("passages", lambda f: f"{f.passages:,}"),
        ("load average (1 min) while measured: median, max", _load),
        ("import, articles/s (CLI)", lambda f: f"{f.articles / f.import_seconds:,.0f}"),
        ("import, article files: MB/s, mean size", _text_rate),
        ("import CPU per article: importing process / workers", _import_cpu),
        ("database size", lambda f: f"{f.database_bytes / 2**20:,.0f} MB"),
        ("cold, one question (new process)", lambda f: f"{statistics.median(f.cold_ms):.0f} ms"),
        ("warm p50 / p95", lambda f: f"{_p(f.warm_ms, 50):.1f} / {_p(f.warm_ms, 95):.1f} ms"),
        ("peak RSS, ask process", lambda f: f"{f.ask_rss_mb:.0f} MB"),
        ("a new article", _fresh),
        (
            "rank_bm25 p50 / p95 (baseline)",
            lambda f: f"{_base(f, f.baseline_ms, 50):.0f} / {_base(f, f.baseline_ms, 95):.0f} ms",
        ),
        ("rank_bm25 extra RAM", lambda f: f"{_base_rss(f):,.0f} MB"),
        ("rank_bm25 held", _held),
        ("speed-up at p50", lambda f: f"{_base(f, f.baseline_ms, 50) / _p(f.warm_ms, 50):.0f}x"),
        (
            "ranking only: p50, speed-up",
            lambda f: (
                f"{_p(f.search_ms, 50):.1f} ms, "
                f"{_base(f, f.baseline_ms, 50) / _p(f.search_ms, 50):.0f}x"
            ),
        ),
        (
            f"in turns of {TURN} questions: p50 ours / rank_bm25, speed-up",
            lambda f: (
                f"{_p(f.turn_ms, 50):.1f} / {_base(f, f.turn_baseline_ms, 50):.0f} ms, "
                f"{_base(f, f.turn_baseline_ms, 50) / _p(f.turn_ms, 50):.0f}x"
            ),
        ),
        (
            f"in turns of {TURN} questions: p50 / p95 tantivy, ours against it",
            lambda f: (
                f"{_p(f.tantivy_ms, 50):.2f} / {_p(f.tantivy_ms, 95):.2f} ms, "
                f"{_p(f.turn_ms, 50) / _p(f.tantivy_ms, 50):.1f}x"
            ),
        ),
        (
            "tantivy build (fed from the archive), index size",
            lambda f: f"{f.tantivy_build_s:,.1f} s, {f.tantivy_bytes / 2**20:,.0f} MB",
        ),
        (
            "top-10 agreement with exhaustive BM25, ties counted: ours / tantivy",
            lambda f: f"{f.agreement:.3f} / {f.tantivy_agreement:.3f}",
        ),
        (
            "the same, ties broken by passage id",
            lambda f: f"{f.agreement_by_id:.3f} / {f.tantivy_agreement_by_id:.3f}",
        ),
        (
            "top-10 agreement with the engine's own exhaustive ranking (ties counted / by id)",
            lambda f: f"{f.own_agreement:.3f} / {f.own_agreement_by_id:.3f}",
        ),
        ("share of tantivy's top 10 in ours", lambda f: f"{f.tantivy_overlap:.3f}"),
    ]
    for name, cell in rows:
        print(f"| {name} | " + " | ".join(cell(f) for f in columns) + " |")
    for f in others or []:
        same = next(r for r in results if r.articles == f.articles)
        rates = (g.articles / g.import_seconds for g in (f, same))
        print(
            f"\n{f.store} at {f.articles:,} articles beside SQLite: warm p50 "
            f"{_p(f.warm_ms, 50) / _p(same.warm_ms, 50):.2f}x, import "
            "{:,.0f} against {:,.0f} articles/s, ".format(*rates)
            + f"top-10 agreement {f.agreement:.3f} against {same.agreement:.3f}"
        )
    if len(results) > 1:
        growth = _p(results[-1].warm_ms, 50) / _p(results[0].warm_ms, 50)
        first, last = results[0].articles, results[-1].articles
        print(f"\nwarm p50 growth {first:,} -> {last:,} articles: {growth:.2f}x (first runs)")
        if results[0].rerun_p50_ms:
            small, big = (statistics.median(f.rerun_p50_ms) for f in (results[0], results[-1]))
            runs = ", ".join(
                f"{f.articles:,}: " + " / ".join(f"{ms:.1f}" for ms in f.rerun_p50_ms)
                for f in results
            )
            print(
                f"warm p50 growth, {len(results[0].rerun_p50_ms)} more runs taking turns: "
                f"{big / small:.2f}x (median p50 {small:.1f} -> {big:.1f} ms; runs {runs} ms)"
            )
        if len(results) > 2:
            print(f"warm p50 growth size by size: {_steps(results)}")
    if results[0].rerun_baseline_p50_ms:
        f = results[0]
        pairs = list(zip(f.rerun_baseline_p50_ms, f.rerun_p50_ms, strict=True))
        each = " / ".join(
            f"{base / ours:.1f}x ({base:.0f} / {ours:.1f} ms)" for base, ours in pairs
        )
        print(
            f"speed-up at {f.articles:,} articles, rank_bm25 timed again after each more run: "
            f"{statistics.median(base / ours for base, ours in pairs):.1f}x median ({each})"
        )
    if stall:
        print(
            f"\nimport of {stall.articles:,} articles while answering, one process: "
            f"{stall.articles / stall.import_seconds:,.0f} articles/s; event loop worst stall "
            f"{stall.worst_stall_ms:.0f} ms (p99 {stall.p99_stall_ms:.0f} ms); "
            f"{stall.answered} questions answered meanwhile, p50 "
            f"{_p(stall.question_ms, 50):.0f} ms, max {max(stall.question_ms, default=0):.0f} ms; "
            f"last imported article found right after: {stall.fresh_found}"
        )


# --- plumbing -----------------------------------------------------------------------------


def _archivaris() -> list[str]:
    found = shutil.which("archivaris", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "bot.terminal.cli"]


def _cli(db: Path | str, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        [*_archivaris(), "--db", str(db), *args],
        check=check,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return done.stdout


def _import_through_cli(db: Path | str, folder: Path) -> tuple[str, tuple[float, float]]:
    """`archivaris import` of a folder: its output, and the CPU seconds of the importing
    process and of the worker processes it started.

    The importing process stores (one writer thread), the workers parse: on two cores an
    import goes no faster than the busier side allows, nor than their sum over two.
    """
    process = subprocess.Popen(
        [*_archivaris(), "--db", str(db), "import", "--lang", "en", str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    cpu: dict[int, float] = {}
    watcher = threading.Thread(target=_watch_cpu, args=(process, cpu))
    watcher.start()
    output = process.stdout.read()
    process.wait()
    watcher.join()
    own = cpu.pop(process.pid, 0.0)
    return output, (own, sum(cpu.values()))


def _watch_cpu(process: subprocess.Popen, cpu: dict[int, float]) -> None:
    """CPU seconds (user + system) of the process and of each of its descendants, read
    from /proc until it exits; the last tenth of a second of each may be missed."""
    tick = os.sysconf("SC_CLK_TCK")
    while process.poll() is None:
        for pid in [process.pid, *_descendants(process.pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
        time.sleep(0.1)


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            pids = [int(child) for child in children.read_text().split()]
        except OSError:
            continue
        for child in pids:
            found += [child, *_descendants(child)]
    return found


def _import_cpu(f: Figures) -> str:
    storing, parsing = (seconds * 1000 / f.articles for seconds in f.import_cpu_s)
    return f"{storing:.2f} / {parsing:.2f} ms"


def _p(values: list[float], percent: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _log(message: str) -> None:
    print(f"# {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__)
    parser.add_argument("--corpus", required=True, help="folder of scraped-page .txt articles")
    parser.add_argument(
        "--articles",
        type=int,
        action="append",
        help=f"archive size (repeatable; default {DEFAULT_ARTICLES})",
    )
    parser.add_argument("--questions", type=int, default=200, help="warm questions timed")
    parser.add_argument("--warmup", type=int, default=20, help="untimed questions first")
    parser.add_argument(
        "--baseline-questions", type=int, default=50, help="questions for rank_bm25 and agreement"
    )
    parser.add_argument(
        "--baseline-passages",
        type=int,
        default=1_000_000,
        help="rank_bm25 holds at most this many passages, an even sample past it",
    )
    parser.add_argument("--cold-runs", type=int, default=5, help="new-process questions")
    parser.add_argument(
        "--growth-runs",
        type=int,
        default=3,
        help="more warm runs per size, taking turns, for the growth figure (0 to skip)",
    )
    parser.add_argument(
        "--stall-articles",
        type=int,
        default=10_000,
        help="articles imported while answering (0 to skip)",
    )
    parser.add_argument(
        "--db", help="also measure in this PostgreSQL database (postgresql://...), beside SQLite"
    )
    parser.add_argument("--workdir", help="where the temporary archives go (default: $TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return parser


if __name__ == "__main__":
    sys.exit(main())
