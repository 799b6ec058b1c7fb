"""`archivaris feedback` end to end: members' votes (cast through the archive's API, as the
bot casts them) listed by the real command on a real archive file, written as a question
set that bench/quality.py reads and scores, and forgotten on the operator's word."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench.quality import load_questions
from bench.quality import main as bench
from storage.archive import Archive
from storage.models import Vote
from tests import corpus
from tests.commandline import lines, run

SERVER = 111_111_111_111_111_111
MEMBER, OTHER_MEMBER = 333_333_333_333_333_333, 444_444_444_444_444_444
T0 = datetime(2026, 12, 5, 22, 30, tzinfo=UTC)  # 23:30 on 5 December in Amsterdam
NAVO_QUESTION = "Wat zei Stoltenberg over kernwapens?"


def cast(db: Path, *votes: Vote) -> None:
    async def go() -> None:
        async with await Archive.open(db) as archive:
            for vote in votes:
                await archive.vote(vote)

    asyncio.run(go())


def delete(db: Path, article_id: int) -> None:
    async def go() -> None:
        async with await Archive.open(db) as archive:
            assert await archive.delete(article_id)

    asyncio.run(go())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return corpus.write_folder(tmp_path / "corpus")


@pytest.fixture
def db(tmp_path: Path, folder: Path) -> Path:
    path = tmp_path / "archief.db"
    assert run(path, "import", str(folder)).returncode == 0
    return path


@pytest.fixture
def ids(db: Path) -> dict[str, int]:
    """Each corpus file's article id."""
    listed = lines(run(db, "recent", "--json").stdout)
    return {article["file"]: article["article_id"] for article in listed}


@pytest.fixture
def votes(db: Path, ids: dict[str, int]) -> list[Vote]:
    """A helpful answer, a follow-up found unhelpful, and an answer two members disagree on."""
    helpful = Vote(
        scope=SERVER,
        answer=900_000_000_000_000_001,
        member=MEMBER,
        question=NAVO_QUESTION,
        asked_after=(),
        article_ids=(ids["navo.txt"],),
        helpful=True,
        at=T0,
    )
    follow_up = replace(
        helpful,
        answer=900_000_000_000_000_002,
        question="en wat zei Ollongren?\x1b[2J",
        asked_after=(NAVO_QUESTION,),
        article_ids=(ids["navo.txt"], ids["wolf.txt"]),
        helpful=False,
        at=T0 + timedelta(hours=1),
    )
    disputed = Vote(
        scope=None,
        answer=900_000_000_000_000_003,
        member=MEMBER,
        question="Hoeveel startbewijzen waren er voor de Vierdaagse?",
        asked_after=(),
        article_ids=(ids["vierdaagse.txt"],),
        helpful=True,
        at=T0 + timedelta(hours=2),
    )
    against = replace(disputed, member=OTHER_MEMBER, helpful=False, at=T0 + timedelta(hours=3))
    all_of_them = [helpful, follow_up, disputed, against]
    cast(db, *all_of_them)
    return all_of_them


def test_the_votes_are_listed_oldest_first_for_a_person(db: Path, votes: list[Vote]) -> None:
    listed = run(db, "feedback")
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout.splitlines()
    assert out[0] == (
        f"2026-12-05 23:30 👍 server {SERVER} · “{NAVO_QUESTION}” · "
        f"artikelen: {votes[0].article_ids[0]}"
    )
    assert out[1].startswith("2026-12-06 00:30 👎 server")
    assert "“en wat zei Ollongren?\\x1b[2J”" in out[1], "a control character is shown, not run"
    assert out[2] == f"    Vervolg op: “{NAVO_QUESTION}”"
    assert "buiten een server" in out[3] and "👍" in out[3] and "👎" in out[4]
    assert out[-1] == "4 stemmen: 2 👍, 2 👎"
    english = run(db, "feedback", "--lang", "en").stdout.splitlines()
    assert "outside a server" in english[3] and english[-1] == "4 votes: 2 👍, 2 👎"


def test_json_has_one_object_per_vote_and_never_the_member(db: Path, votes: list[Vote]) -> None:
    listed = run(db, "feedback", "--json")
    assert listed.returncode == 0, listed.stderr
    assert lines(listed.stdout) == [
        {
            "at": vote.at.isoformat(),
            "helpful": vote.helpful,
            "scope": vote.scope,
            "answer": vote.answer,
            "question": vote.question,
            "asked_after": list(vote.asked_after),
            "article_ids": list(vote.article_ids),
        }
        for vote in votes
    ]
    assert str(MEMBER) not in listed.stdout and str(OTHER_MEMBER) not in listed.stdout


def test_since_a_date_and_one_servers_votes(db: Path, votes: list[Vote]) -> None:
    """--since takes the day in Amsterdam, as every date of the archive."""
    since = lines(run(db, "feedback", "--json", "--since", "2026-12-06").stdout)
    assert [vote["answer"] for vote in since] == [v.answer for v in votes[1:]]
    server = lines(run(db, "feedback", "--json", "--scope", str(SERVER)).stdout)
    assert [vote["answer"] for vote in server] == [v.answer for v in votes[:2]]
    none = run(db, "feedback", "--since", "2027")
    assert none.returncode == 0 and none.stdout == "Er zijn (nog) geen stemmen op antwoorden.\n"


def test_the_votes_become_a_question_set_the_quality_bench_reads_and_scores(
    db: Path, votes: list[Vote], tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "vragen.jsonl"
    written = run(db, "feedback", "--as-questions", str(path))
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert "3 vragen naar" in written.stderr and "1 met 👍" in written.stderr

    questions = {question.id: question for question in load_questions(path)}
    assert list(questions) == [f"feedback-{vote.answer}" for vote in votes[:3]]
    helpful, follow_up, disputed = questions.values()
    assert (helpful.kind, helpful.question, helpful.relevant) == (
        "thumbs-up",
        NAVO_QUESTION,
        {"navo.txt"},
    )
    assert not helpful.follows and helpful.answer_contains == ()
    assert (follow_up.kind, follow_up.follows) == ("thumbs-down", (NAVO_QUESTION,))
    assert follow_up.relevant == frozenset(), "what was relevant is for the operator to say"
    assert (disputed.kind, disputed.relevant) == ("thumbs-down", frozenset())
    records = {record["id"]: record for record in lines(path.read_text(encoding="utf-8"))}
    assert records[follow_up.id]["cited"] == ["navo.txt", "wolf.txt"]
    assert records[disputed.id]["votes"] == {"up": 1, "down": 1}

    assert bench(["--corpus", str(folder), "--questions", str(path)]) == 0
    report = capsys.readouterr().out.splitlines()
    thumbs_up = next(line for line in report if line.startswith("thumbs-up    engine"))
    assert "1/1 100%" in thumbs_up, "the helpful answer's article ranks first"


def test_a_helpful_answer_whose_articles_are_gone_is_left_out(
    db: Path, votes: list[Vote], ids: dict[str, int], tmp_path: Path
) -> None:
    delete(db, ids["navo.txt"])
    path = tmp_path / "vragen.jsonl"
    written = run(db, "feedback", "--as-questions", str(path), "--lang", "en")
    assert written.returncode == 0, written.stderr
    assert "Left out 1 with 👍" in written.stderr
    records = lines(path.read_text(encoding="utf-8"))
    assert [record["kind"] for record in records] == ["thumbs-down", "thumbs-down"]
    assert records[0]["cited"] == ["wolf.txt"]


def test_a_not_found_found_helpful_becomes_a_question_without_an_answer(
    db: Path, tmp_path: Path
) -> None:
    """A 👍 on "niets gevonden": the archive rightly has no answer, which the bench checks."""
    not_found = Vote(
        scope=SERVER,
        answer=900_000_000_000_000_009,
        member=MEMBER,
        question="Hoeveel kost een brood in Tokio?",
        asked_after=(),
        article_ids=(),
        helpful=True,
        at=T0,
    )
    cast(db, not_found)
    path = tmp_path / "vragen.jsonl"
    assert run(db, "feedback", "--as-questions", str(path)).returncode == 0
    [question] = load_questions(path)
    assert (question.kind, question.relevant) == ("thumbs-up", frozenset())


def test_an_existing_file_is_not_overwritten(db: Path, votes: list[Vote], tmp_path: Path) -> None:
    path = tmp_path / "vragen.jsonl"
    path.write_text("van iemand anders\n", encoding="utf-8")
    refused = run(db, "feedback", "--as-questions", str(path))
    assert refused.returncode == 1 and str(path) in refused.stderr
    assert path.read_text(encoding="utf-8") == "van iemand anders\n"


def test_votes_are_forgotten_by_date_by_member_or_all(db: Path, votes: list[Vote]) -> None:
    def answers() -> list[tuple[int, bool]]:
        return [(v["answer"], v["helpful"]) for v in lines(run(db, "feedback", "--json").stdout)]

    before = run(db, "feedback", "--forget", "--before", "2026-12-06")
    assert (before.returncode, before.stdout) == (0, "1 stem verwijderd.\n")
    assert answers() == [(v.answer, v.helpful) for v in votes[1:]]
    member = run(db, "feedback", "--forget", "--member", str(OTHER_MEMBER), "--lang", "en")
    assert (member.returncode, member.stdout) == (0, "Deleted 1 vote.\n")
    assert answers() == [(v.answer, v.helpful) for v in votes[1:3]]
    assert run(db, "feedback", "--forget").stdout == "2 stemmen verwijderd.\n"
    assert answers() == []


@pytest.mark.parametrize(
    "wrong",
    [
        ["--member", str(MEMBER)],
        ["--before", "2026"],
        ["--forget", "--since", "2026"],
        ["--forget", "--json"],
        ["--forget", "--member", "iemand"],
    ],
)
def test_usage_errors(db: Path, votes: list[Vote], wrong: list[str]) -> None:
    refused = run(db, "feedback", *wrong)
    assert refused.returncode == 2, refused.stderr
    assert len(lines(run(db, "feedback", "--json").stdout)) == len(votes)
