"""Questions per second of one asking process against two, on one PostgreSQL archive.

    python -m bench.throughput --corpus ../shared/corpus/nl-news \
        --questions ../shared/corpus/questions-dev.jsonl [--db postgresql://...]
    python -m bench.throughput --corpus ../shared/corpus/nl-news --articles 10000

The archive is the corpus as it is (or `--articles N` generated from it, bench/synth.py),
imported through `archivaris import` into a schema of its own on the `--db` server, or on
a throwaway server started for the run (tests/pgserver.py, fsync on). Each asking process
opens the archive as the bot does (`Archive.open`), answers every question once to warm
up, then keeps its share of `--in-flight` questions (100 in all: 100 in one process, 50
in each of two) in flight for `--seconds`, each one `search` and `compose`, as the bot
answers a message, and counts the answers finished in that time. One process and two
processes take turns (1, 2, then 2, 1, ...) for `--rounds` rounds, so that both meet the
same weather on a shared machine. Each run prints its questions per second and the CPU
its asking processes and (on a throwaway server) the server's backends spent, beside the
machine's load; the end, the medians and the ratio of two to one in each round.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.scale import _archivaris, _log, make_questions
from bench.stores import scratch_schema
from bench.synth import generate, read_source

WORKER = [sys.executable, "-m", "bench.throughput", "--worker"]
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    processes: int
    answered: int
    seconds: float
    # CPU seconds of the asking processes and of the server (None: not ours to watch), and
    # the machine's busy share of all its CPUs
    cpu_s: float
    server_cpu_s: float | None
    busy: float
    load: float

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.worker:
        questions = json.loads(Path(args.asked).read_text(encoding="utf-8"))
        return asyncio.run(_worker(args.worker, args.in_flight, questions))
    if not args.corpus:
        raise SystemExit("python -m bench.throughput: --corpus is required")
    with ExitStack() as stack:
        server, postmaster = args.db, None
        if not server:
            server, postmaster = stack.enter_context(_throwaway_server())
        dsn = stack.enter_context(scratch_schema(server))
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="throughput-")))
        questions = _prepare(args, dsn, workdir)
        asked = workdir / "questions.json"
        asked.write_text(json.dumps(questions), encoding="utf-8")
        runs: list[Run] = []
        for number in range(args.rounds):
            order = (1, 2) if number % 2 == 0 else (2, 1)
            for processes in order:
                runs.append(
                    _measure(dsn, asked, processes, args.in_flight, args.seconds, postmaster)
                )
                _print_run(number + 1, runs[-1])
        _print_summary(runs, args)
    return 0


def _prepare(args: argparse.Namespace, dsn: str, workdir: Path) -> list[str]:
    """Import the archive; the questions to ask of it."""
    corpus = Path(args.corpus)
    folder, paths = corpus, sorted(corpus.glob("*.txt"))
    if args.articles:
        folder = workdir / "articles"
        paths = generate(read_source(corpus), args.articles, folder, seed=1)
    _log(f"importing {len(paths):,} articles")
    started = time.perf_counter()
    # Status 1 says some files were rejected (the corpus's index.jsonl, say); the summary counts.
    done = subprocess.run(
        [*_archivaris(), "--db", dsn, "import", str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"archivaris import failed with status {done.returncode}")
    _log(done.stdout.strip().splitlines()[-1])
    _log(f"imported in {time.perf_counter() - started:.1f} s")
    if args.questions and not args.articles:
        lines = Path(args.questions).read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["question"] for line in lines if line.strip()]
    return make_questions(paths, 200, seed=7)


def _measure(
    dsn: str, asked: Path, processes: int, in_flight: int, seconds: float, postmaster: int | None
) -> Run:
    """Start the asking processes, let them warm up, then all ask for `seconds` at once."""
    share = [in_flight // processes + (i < in_flight % processes) for i in range(processes)]
    workers = [
        subprocess.Popen(
            [*WORKER, dsn, "--in-flight", str(n), "--asked", str(asked)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in share
    ]
    for worker in workers:
        if worker.stdout.readline().strip() != "ready":
            raise SystemExit(f"an asking process failed (status {worker.wait()})")
    before, load = _cpu_ticks(), os.getloadavg()[0]
    server_before = _tree_cpu(postmaster) if postmaster else None
    for worker in workers:
        worker.stdin.write(f"{seconds}\n")
        worker.stdin.flush()
    results = [json.loads(worker.stdout.readline()) for worker in workers]
    busy = _busy_share(before, _cpu_ticks())
    server_cpu = _spent(server_before, _tree_cpu(postmaster)) if postmaster else None
    for worker in workers:
        worker.stdin.close()
        worker.wait()
    return Run(
        processes,
        sum(r["answered"] for r in results),
        max(r["seconds"] for r in results),
        sum(r["cpu_s"] for r in results),
        server_cpu,
        busy,
        load,
    )


async def _worker(dsn: str, in_flight: int, questions: list[str]) -> int:
    """One asking process: warm up, say `ready`, then on a line with the seconds ask for
    that long, print what it answered, and close at the end of stdin."""
    from bot.answer.compose import compose
    from storage.archive import Archive

    async with await Archive.open(dsn) as archive:
        for question in questions:
            compose(await archive.search(question))
        print("ready", flush=True)
        seconds = float(await asyncio.to_thread(sys.stdin.readline))
        answered = 0
        cpu, started = time.process_time(), time.perf_counter()
        deadline = started + seconds

        async def ask(first: int) -> None:
            nonlocal answered
            number = first
            while time.perf_counter() < deadline:
                compose(await archive.search(questions[number % len(questions)]))
                if time.perf_counter() <= deadline:
                    answered += 1
                number += in_flight

        await asyncio.gather(*(ask(i) for i in range(in_flight)))
        took = {"answered": answered, "seconds": seconds, "cpu_s": time.process_time() - cpu}
        print(json.dumps(took), flush=True)
        # Connected until the end of stdin, so that the server's CPU is read with ours in it.
        await asyncio.to_thread(sys.stdin.read)
    return 0


def _tree_cpu(pid: int) -> dict[int, float]:
    """CPU seconds of a process and of each of its children (the server's backends), from
    /proc: every process's parent is there, where a process's list of children may miss one."""
    tick, found = os.sysconf("SC_CLK_TCK"), {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return found


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two `_tree_cpu` readings by the processes alive at the end."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _cpu_ticks() -> tuple[int, int]:
    """(busy, all) clock ticks of every CPU since boot, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    busy, every = after[0] - before[0], after[1] - before[1]
    return busy / every if every else 0.0


@contextmanager
def _throwaway_server() -> Iterator[tuple[str, int]]:
    """A PostgreSQL server for this run only, durable as a real one (tests/pgserver.py):
    its DSN and the pid of its postmaster."""
    from tests import pgserver

    server = pgserver.start(durable=True)
    try:
        postmaster = (server.folder / "data" / "postmaster.pid").read_text().split()[0]
        yield server.dsn, int(postmaster)
    finally:
        pgserver.stop(server.folder)


def _print_run(number: int, run: Run) -> None:
    print(
        f"round {number}: {run.processes} process{'es' if run.processes > 1 else ''}: "
        f"{run.per_second:7.1f} questions/s ({run.answered} in {run.seconds:.0f} s), "
        f"CPU: asking {run.cpu_s:.1f} s, server {_seconds(run.server_cpu_s)}, "
        f"machine {run.busy:.0%} busy, load {run.load:.1f}",
        flush=True,
    )


def _print_summary(runs: list[Run], args: argparse.Namespace) -> None:
    one = [r.per_second for r in runs if r.processes == 1]
    two = [r.per_second for r in runs if r.processes == 2]
    ratios = [b / a for a, b in zip(one, two, strict=True)]
    cores = os.cpu_count() or 1
    print(
        f"\n{args.in_flight} questions in flight, {args.seconds:.0f} s a run, {cores} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"one process:   median {statistics.median(one):7.1f} questions/s  {_all(one)}")
    print(f"two processes: median {statistics.median(two):7.1f} questions/s  {_all(two)}")
    print(
        f"two / one:     median {statistics.median(ratios):.2f}x (per round: "
        f"{', '.join(f'{r:.2f}' for r in ratios)})"
    )
    for processes in (1, 2):
        mine = [r for r in runs if r.processes == processes]
        answered = sum(r.answered for r in mine)
        asking = sum(r.cpu_s for r in mine) / answered * 1000
        server = [r.server_cpu_s for r in mine if r.server_cpu_s is not None]
        on_server = f"{sum(server) / answered * 1000:.1f} ms" if server else "not watched"
        busy = statistics.median(r.busy for r in mine)
        print(
            f"{processes} process{'es' if processes > 1 else ''}: CPU a question: asking "
            f"{asking:.1f} ms, server {on_server}; machine {busy:.0%} busy (median)"
        )


def _seconds(value: float | None) -> str:
    return "not watched" if value is None else f"{value:.1f} s"


def _all(values: list[float]) -> str:
    return "(" + ", ".join(f"{v:.1f}" for v in values) + ")"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__)
    parser.add_argument("--corpus", help="folder of scraped-page .txt articles")
    parser.add_argument("--questions", help="questions as JSON lines with `question`")
    parser.add_argument("--articles", type=int, help="generate this many articles instead")
    parser.add_argument("--db", help="a PostgreSQL server (default: a throwaway one)")
    parser.add_argument("--in-flight", type=int, default=100, help="questions in flight")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of one run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of one and of two")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--asked", help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
