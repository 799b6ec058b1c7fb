"""The quality benchmark runs end to end on the invented corpus and scores what it should."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from bench.quality import ABLATIONS, Outcome, Question, failures, judge, main, normalise
from tests.corpus import write_folder


def question(**fields: object) -> Question:
    defaults: dict = {
        "id": "q",
        "question": "?",
        "kind": "fact",
        "relevant": frozenset({"a.txt"}),
        "answer_contains": ("53.074",),
    }
    return Question(**{**defaults, **fields})


def test_answer_strings_match_after_case_nfc_and_whitespace_folding() -> None:
    assert normalise("Oekrai\u0308ne\n  53.074") == normalise("oekraïne 53.074")
    outcome = Outcome(ranking=("b.txt", "a.txt"), answered=True, excerpts=("In  totaal 53.074.",))
    verdict = judge(question(), outcome)
    assert verdict.rank == 2 and verdict.answer_found and not verdict.abstained


def test_an_abstention_quotes_nothing_and_a_fourth_excerpt_does_not_count() -> None:
    silent = Outcome(ranking=("a.txt",), answered=False, excerpts=())
    assert not judge(question(), silent).answer_found
    late = Outcome(ranking=("a.txt",), answered=True, excerpts=("x", "y", "z", "53.074"))
    assert not judge(question(), late).answer_found


def test_every_answer_string_must_be_quoted() -> None:
    outcome = Outcome(ranking=("a.txt",), answered=True, excerpts=("53.074", "iets anders"))
    assert not judge(question(answer_contains=("53.074", "47.000")), outcome).answer_found


def test_runs_on_a_folder_and_prints_engine_and_floor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "corpus")
    questions = [
        {
            "id": "t1",
            "question": "Hoeveel startbewijzen waren er voor de Vierdaagse?",
            "relevant": ["vierdaagse.txt"],
            "answer_contains": ["47.000"],
            "kind": "fact",
        },
        {
            "id": "t2",
            "question": "Wie won de Tour de France van 1903?",
            "relevant": [],
            "answer_contains": [],
            "kind": "no-answer",
        },
    ]
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in questions), encoding="utf-8")
    assert main(["--corpus", str(folder), "--questions", str(path), "--show-failures"]) == 0
    out = capsys.readouterr().out
    rows = {tuple(line.split()[:2]) for line in out.splitlines() if line.strip()}
    assert {("overall", "engine"), ("overall", "floor"), ("fact", "engine")} <= rows
    fact_engine = next(line for line in out.splitlines() if line.startswith("fact         engine"))
    assert "1/1 100%" in fact_engine
    floor_row = next(line for line in out.splitlines() if line.startswith("no-answer    floor"))
    assert "0/1   0%" in floor_row, "the floor never abstains"


def test_with_a_database_postgresql_gives_the_same_outcomes_as_sqlite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], postgres_server: str
) -> None:
    folder = write_folder(tmp_path / "corpus")
    questions = [
        {"id": "t1", "question": "Hoeveel startbewijzen waren er voor de Vierdaagse?",
         "relevant": ["vierdaagse.txt"], "answer_contains": ["47.000"], "kind": "fact"},
        {"id": "t2", "question": "Wat zei Stoltenberg over kernwapens?",
         "relevant": ["navo.txt"], "answer_contains": [], "kind": "fact"},
    ]  # fmt: skip
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in questions), encoding="utf-8")
    argv = ["--corpus", str(folder), "--questions", str(path), "--folds", "2"]
    assert main([*argv, "--db", postgres_server]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SQLite: 5 articles imported") and "PostgreSQL: 5 articles" in out
    assert "PostgreSQL's outcome differs from SQLite's for 0 of 2 questions" in out


def test_failures_show_the_question_and_what_was_quoted() -> None:
    q = question(id="dev-x", question="Hoeveel?")
    wrong = Outcome(ranking=("b.txt", "a.txt"), answered=True, excerpts=("iets anders",))
    right = Outcome(ranking=("a.txt",), answered=True, excerpts=("53.074",))
    text = failures([q], [wrong], [right])
    assert "dev-x [fact] Hoeveel?" in text and "quote 1: iets anders" in text
    assert "floor: rank 1" in text
    assert failures([q], [right], [right]).strip() == "No failures."


def test_questions_about_the_same_article_share_a_fold() -> None:
    from bench.quality import assign_folds

    questions = [
        question(id="a", relevant=frozenset({"x.txt"})),
        question(id="b", relevant=frozenset({"x.txt", "y.txt"})),
        question(id="c", relevant=frozenset({"y.txt"})),
        *(question(id=f"n{i}", relevant=frozenset({f"{i}.txt"})) for i in range(12)),
    ]
    folds = assign_folds(questions, 5)
    assert folds["a"] == folds["b"] == folds["c"]
    sizes = [list(folds.values()).count(f) for f in range(1, 6)]
    assert max(sizes) - min(sizes) <= 3 and set(folds.values()) == {1, 2, 3, 4, 5}


def test_the_direct_line_counts_only_when_it_holds_every_answer_string() -> None:
    outcome = Outcome(ranking=("a.txt",), answered=True, excerpts=("53.074",), direct="53.074")
    assert judge(question(), outcome).direct_found
    partial = Outcome(ranking=("a.txt",), answered=True, excerpts=("53.074",), direct="53")
    assert not judge(question(), partial).direct_found


def test_a_follow_up_is_asked_after_the_question_it_follows_and_reported_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "corpus")
    questions = [
        {"id": "t1", "question": "Hoeveel startbewijzen waren er voor de Vierdaagse?",
         "relevant": ["vierdaagse.txt"], "answer_contains": ["47.000"], "kind": "fact"},
        {"id": "f1", "follows": "t1", "question": "en hoeveel mensen hadden zich gemeld?",
         "relevant": ["vierdaagse.txt"], "answer_contains": ["53.074"], "kind": "follow-up"},
        {"id": "f2", "follows": "Wat zei Stoltenberg over kernwapens?",
         "question": "wanneer was dat?", "relevant": ["navo.txt"],
         "answer_contains": ["Stoltenberg"], "kind": "follow-up"},
    ]  # fmt: skip
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in questions), encoding="utf-8")
    assert main(["--corpus", str(folder), "--questions", str(path), "--folds", "2"]) == 0
    out = capsys.readouterr().out
    rows: dict[tuple[str, ...], list[str]] = {}
    for line in out.splitlines():
        rows.setdefault(tuple(line.split()[:2]), line.split()[2:])
    engine, floor = rows[("follow-up", "engine")], rows[("follow-up", "floor")]
    assert engine[0] == "2" and engine[6] == "2/2", "asked after t1 and the Stoltenberg question"
    assert floor[6] != "2/2", "each follow-up on its own finds too little"


POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD


def test_every_ablation_switch_replaces_something_that_exists_by_its_signature() -> None:
    """A switch replaces a module's function with a stand-in that must take the same
    arguments, those with defaults too (callers pass them by position): a stand-in left
    behind by a changed signature fails only when a question happens to reach it, in the
    middle of an ablation run."""
    for name, switch in ABLATIONS.items():
        for target, values in switch.patches:
            for attribute, value in values.items():
                original = getattr(target, attribute)
                if not callable(value):
                    continue
                needed = [
                    p
                    for p in inspect.signature(original).parameters.values()
                    if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                ]
                try:
                    inspect.signature(value).bind(*[None] * len(needed))
                except TypeError as error:
                    raise AssertionError(f"{name}: {attribute}") from error
