"""The scale benchmark runs end to end on a small archive and prints every figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import scale
from bench.scale import TURN, main
from tests.corpus import write_folder

_LOAD = "load average (1 min) while measured: median, max"


def test_the_scale_benchmark_prints_its_figures_beside_the_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_folder(tmp_path / "corpus")
    argv = ["--corpus", str(corpus), "--workdir", str(tmp_path), "--warmup", "2"]
    argv += ["--articles", "40", "--articles", "60", "--questions", "6", "--cold-runs", "1"]
    argv += ["--baseline-questions", "4", "--growth-runs", "1", "--stall-articles", "30"]

    assert main(argv) == 0

    out = capsys.readouterr().out
    assert "import: 40 added, 0 duplicates, 0 rejected" in out
    assert "import: 60 added, 0 duplicates, 0 rejected" in out
    table = dict(
        (row[0].strip(), [cell.strip() for cell in row[1:]])
        for row in (
            line.strip("|").split("|") for line in out.splitlines() if line.startswith("| ")
        )
    )
    for name in ("import, articles/s (CLI)", "warm p50 / p95", "rank_bm25 p50 / p95 (baseline)"):
        assert all(re.search(r"\d", cell) for cell in table[name]), name
    assert all(re.fullmatch(r"[\d.]+ ms, \d+x", c) for c in table["ranking only: p50, speed-up"])
    cpu = table["import CPU per article: importing process / workers"]
    assert all(re.fullmatch(r"[\d.]+ / [\d.]+ ms", c) for c in cpu), cpu
    assert all(float(c.split()[0]) > 0 for c in cpu), cpu
    in_turn = table[f"in turns of {TURN} questions: p50 ours / rank_bm25, speed-up"]
    assert all(re.fullmatch(r"[\d.]+ / \d+ ms, \d+x", c) for c in in_turn), in_turn
    tantivy = table[f"in turns of {TURN} questions: p50 / p95 tantivy, ours against it"]
    assert all(re.fullmatch(r"[\d.]+ / [\d.]+ ms, [\d.]+x", c) for c in tantivy), tantivy
    build = table["tantivy build (fed from the archive), index size"]
    assert all(re.fullmatch(r"[\d.]+ s, \d+ MB", c) for c in build), build
    assert all(0.0 < float(c) <= 1.0 for c in table["share of tantivy's top 10 in ours"])
    rows = (
        "top-10 agreement with exhaustive BM25, ties counted: ours / tantivy",
        "the same, ties broken by passage id",
        "top-10 agreement with the engine's own exhaustive ranking (ties counted / by id)",
    )
    tied, by_id, own = ([[float(x) for x in c.split(" / ")] for c in table[r]] for r in rows)
    for shares in (*tied, *by_id, *own):
        assert len(shares) == 2 and all(0.0 < x <= 1.0 for x in shares), shares
    for ties_counted, ties_by_id in zip(tied, by_id, strict=True):
        assert all(i <= t for t, i in zip(ties_counted, ties_by_id, strict=True))
    assert table["rank_bm25 held"] == ["every passage", "every passage"]
    assert all(re.fullmatch(r"[\d.]+ median, [\d.]+ max", c) for c in table[_LOAD])
    size = table["import, article files: MB/s, mean size"]
    assert all(re.fullmatch(r"[\d.]+ MB of article files/s, [\d.]+ KB an article", c) for c in size)
    fresh = r"imported through the CLI in [\d.]+ s, found by the next question"
    assert all(re.fullmatch(fresh, c) for c in table["a new article"]), table["a new article"]
    assert "warm p50 growth 40 -> 60 articles" in out
    assert re.search(r"speed-up at 40 articles, rank_bm25 timed again .*: [\d.]+x median", out)
    assert re.search(r"import of 30 articles while answering.*found right after: True", out)
    assert not list(tmp_path.glob("archivaris-bench-*")), "the work folder is left behind"


def test_past_its_limit_rank_bm25_is_timed_on_a_sample_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_folder(tmp_path / "corpus")
    argv = ["--corpus", str(corpus), "--workdir", str(tmp_path), "--warmup", "1"]
    argv += ["--articles", "40", "--questions", "4", "--cold-runs", "1"]
    argv += ["--baseline-questions", "3", "--growth-runs", "0", "--stall-articles", "0"]

    assert scale.main([*argv, "--baseline-passages", "50"]) == 0

    out = capsys.readouterr().out
    passages = int(re.search(r"\| passages \| ([\d,]+) \|", out).group(1).replace(",", ""))
    every = -(-passages // 50)
    said = re.search(r"rank_bm25 over all ([\d,]+) passages does not fit.*sample of ([\d,]+)", out)
    assert said and int(said.group(1).replace(",", "")) == passages
    assert int(said.group(2).replace(",", "")) == len(range(0, passages, every))
    assert re.search(r"\| rank_bm25 held \| a sample of [\d,]+, times and RAM scaled \|", out)
    assert re.search(r"\| top-10 agreement with exhaustive BM25[^|]*\| [\d.]+ / [\d.]+ \|", out)


def test_without_articles_it_measures_the_default_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scale, "DEFAULT_ARTICLES", 30)
    corpus = write_folder(tmp_path / "corpus")
    argv = ["--corpus", str(corpus), "--workdir", str(tmp_path), "--warmup", "1"]
    argv += ["--questions", "2", "--cold-runs", "1", "--baseline-questions", "2"]
    argv += ["--growth-runs", "0", "--stall-articles", "0"]

    assert scale.main(argv) == 0
    assert "import: 30 added, 0 duplicates, 0 rejected" in capsys.readouterr().out


def test_with_a_database_both_stores_are_measured_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], postgres_server: str
) -> None:
    corpus = write_folder(tmp_path / "corpus")
    argv = ["--corpus", str(corpus), "--workdir", str(tmp_path), "--warmup", "1"]
    argv += ["--articles", "40", "--questions", "4", "--cold-runs", "1"]
    argv += ["--baseline-questions", "3", "--growth-runs", "0", "--stall-articles", "0"]

    assert scale.main([*argv, "--db", postgres_server]) == 0

    out = capsys.readouterr().out
    assert "import: 40 added" in out and "import (PostgreSQL): 40 added" in out
    assert "| | 40 articles, SQLite | 40 articles, PostgreSQL |" in out
    assert re.search(r"PostgreSQL at 40 articles beside SQLite: warm p50 [\d.]+x", out)
    agreement = next(line for line in out.splitlines() if line.startswith("| top-10"))
    assert len(set(agreement.strip("|").split("|")[1:])) == 1, agreement


def test_with_three_sizes_it_gives_the_growth_of_each_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A target may bound the last step alone (1,000,000 against 100,000 articles)."""
    corpus = write_folder(tmp_path / "corpus")
    argv = ["--corpus", str(corpus), "--workdir", str(tmp_path), "--warmup", "1"]
    argv += ["--articles", "20", "--articles", "30", "--articles", "40", "--questions", "3"]
    argv += ["--cold-runs", "1", "--baseline-questions", "2", "--growth-runs", "1"]
    argv += ["--stall-articles", "0"]

    assert scale.main(argv) == 0

    out = capsys.readouterr().out
    step = r"[\d.]+x first runs, [\d.]+x more runs taking turns"
    assert re.search(
        rf"^warm p50 growth size by size: 20 -> 30 {step}; 30 -> 40 {step}$", out, re.MULTILINE
    ), out
