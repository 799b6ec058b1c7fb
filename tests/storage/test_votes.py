"""Members' votes on answers, in each store: kept and read back, one per member per answer,
each server's its own, listed since a moment, forgotten on request, never the member's id,
and moved with the archive."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from storage.archive import Archive
from storage.models import Vote
from tests.fixtures import import_all
from tests.storage.sqlite.test_schema import ARTICLES, NEW, old_archive, version_of

SERVER, OTHER = 111_111_111_111_111_111, 222_222_222_222_222_222
MEMBER, SOMEONE = 333_333_333_333_333_333, 444_444_444_444_444_444
T0 = datetime(2026, 12, 6, 18, 0, 0, tzinfo=UTC)

VOTE = Vote(
    scope=SERVER,
    answer=900_000_000_000_000_001,
    member=MEMBER,
    question="en wat zei Borrell daarover?",
    asked_after=("Wat zei Stoltenberg over kernwapens?",),
    article_ids=(7, 3),
    helpful=True,
    at=T0,
)


def later(vote: Vote, seconds: float, **changes: object) -> Vote:
    return replace(vote, at=vote.at + timedelta(seconds=seconds), **changes)


def as_read(vote: Vote) -> Vote:
    """What the archive gives back of a vote: everything but who cast it."""
    return replace(vote, member=0)


def all_rows(archive: Archive) -> list[tuple]:
    if not hasattr(archive.store, "dsn"):
        with sqlite3.connect(archive.store.path) as db:
            return db.execute("SELECT * FROM votes").fetchall()
    import psycopg

    with psycopg.connect(archive.store.dsn) as db:
        return db.execute("SELECT * FROM votes").fetchall()


async def test_a_vote_is_kept_and_read_back_without_its_member(archive: Archive) -> None:
    alone = later(VOTE, 5, answer=900_000_000_000_000_002, asked_after=(), article_ids=())
    await archive.vote(VOTE)
    await archive.vote(alone)
    assert await archive.votes() == [as_read(VOTE), as_read(alone)]
    [stored, _] = await archive.votes()
    assert stored.at == T0 and stored.at.utcoffset() == timedelta(0)


async def test_the_archive_holds_no_trace_of_the_members_id(archive: Archive) -> None:
    await archive.vote(VOTE)
    await archive.vote(later(VOTE, 1, answer=VOTE.answer + 1))
    rows = all_rows(archive)
    assert len(rows) == 2
    assert not any(str(MEMBER) in str(value) for row in rows for value in row)
    voters = {row[3] for row in rows}
    assert len(voters) == 2, "one member's votes on two answers cannot be linked"


async def test_a_second_press_replaces_the_members_vote(archive: Archive) -> None:
    await archive.vote(VOTE)
    await archive.vote(later(VOTE, 10, member=SOMEONE))
    changed = later(VOTE, 20, helpful=False)
    await archive.vote(changed)
    votes = await archive.votes()
    assert sorted((v.helpful, v.at) for v in votes) == [
        (False, changed.at),
        (True, VOTE.at + timedelta(seconds=10)),
    ]
    await archive.vote(later(VOTE, 30))
    assert [v.helpful for v in await archive.votes()] == [True, True]


async def test_each_servers_votes_are_its_own(archive: Archive) -> None:
    """A vote claiming another server (or none) for the same answer and member replaces
    nothing of the server's."""
    await archive.vote(VOTE)
    await archive.vote(later(VOTE, 1, scope=OTHER, helpful=False))
    await archive.vote(later(VOTE, 2, scope=None, helpful=False))
    votes = await archive.votes()
    assert [(v.scope, v.helpful) for v in votes] == [(SERVER, True), (OTHER, False), (None, False)]


async def test_votes_since_a_moment(archive: Archive) -> None:
    first, second, third = VOTE, later(VOTE, 60, member=SOMEONE), later(VOTE, 3600, scope=OTHER)
    for vote in (third, first, second):
        await archive.vote(vote)
    assert await archive.votes() == [as_read(v) for v in (first, second, third)]
    assert await archive.votes(since=second.at) == [as_read(second), as_read(third)]
    amsterdam = timezone(timedelta(hours=1))
    assert await archive.votes(since=third.at.astimezone(amsterdam)) == [as_read(third)]
    assert await archive.votes(since=third.at + timedelta(microseconds=1)) == []


async def test_votes_are_forgotten_by_age_or_by_member(archive: Archive) -> None:
    mine = [VOTE, later(VOTE, 60, answer=VOTE.answer + 1, scope=OTHER)]
    theirs = [later(VOTE, 30, member=SOMEONE), later(VOTE, 90, member=SOMEONE, scope=None)]
    for vote in (*mine, *theirs):
        await archive.vote(vote)
    assert await archive.forget_votes(member=MEMBER) == 2
    assert await archive.votes() == [as_read(v) for v in theirs]
    assert await archive.forget_votes(before=theirs[1].at) == 1
    assert await archive.votes() == [as_read(theirs[1])]
    assert await archive.forget_votes() == 1
    assert await archive.votes() == []


async def test_a_question_holding_a_nul_character_is_kept_without_it(archive: Archive) -> None:
    """PostgreSQL's text cannot hold one; the vote must not be lost over it, in either store."""
    await archive.vote(replace(VOTE, question="Wat zei\x00 Borrell?", asked_after=("\x00Wie?",)))
    [kept] = await archive.votes()
    assert (kept.question, kept.asked_after) == ("Wat zei Borrell?", ("Wie?",))


@pytest.mark.parametrize(
    "wrong",
    [
        {"scope": 0},
        {"answer": 0},
        {"answer": 2**63},
        {"member": -1},
        {"article_ids": (5, 0)},
    ],
)
async def test_a_vote_no_discord_button_sends_is_refused(archive: Archive, wrong: dict) -> None:
    with pytest.raises(ValueError):
        await archive.vote(replace(VOTE, **wrong))
    assert await archive.votes() == []


async def test_a_copy_to_the_other_store_keeps_the_votes_and_their_counting(
    archive: Archive, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """After the move a member's second press still replaces their first."""
    other = (
        request.getfixturevalue("postgres_dsn")
        if not hasattr(archive.store, "dsn")
        else tmp_path / "kopie.db"
    )
    await archive.vote(VOTE)
    await archive.vote(later(VOTE, 1, member=SOMEONE, scope=None))
    async with await Archive.open(other) as copy:
        copied = await archive.copy_into(copy)
        assert copied["votes"] == 2 and (await copy.counts())["votes"] == 2
        assert await copy.votes() == await archive.votes()
        await copy.vote(later(VOTE, 5, helpful=False))
        await copy.vote(later(VOTE, 6, answer=VOTE.answer + 1))
        assert [(v.answer, v.helpful) for v in await copy.votes()] == [
            (VOTE.answer, True),
            (VOTE.answer, False),
            (VOTE.answer + 1, True),
        ]
        await copy.clear()
        assert await copy.votes() == []


@pytest.mark.parametrize("version", [1, 7])
async def test_an_sqlite_archive_from_before_votes_keeps_its_articles_and_takes_votes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: int
) -> None:
    path = old_archive(tmp_path / "oud.db", version, ARTICLES, monkeypatch)
    async with await Archive.open(path) as archive:
        assert version_of(path) > version
        assert (await archive.search("sluis Terneuzen")).hits[0].article.title == "Sluis dicht"
        await archive.vote(VOTE)
        await archive.vote(later(VOTE, 1, helpful=False))
        assert [v.helpful for v in await archive.votes()] == [False]
        assert (await archive.stats(3)).articles == len(ARTICLES)


async def test_a_postgresql_archive_from_before_votes_keeps_its_articles_and_takes_votes(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.postgres import schema

    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        async with await Archive.open(postgres_dsn) as archive:
            [added] = await import_all(archive, [NEW])
    import psycopg

    with psycopg.connect(postgres_dsn) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("1",)
        assert db.execute("SELECT to_regclass('votes')").fetchone() == (None,)
    async with await Archive.open(postgres_dsn) as archive:
        assert (await archive.search("dijk Urk")).hits[0].article.id == added.article_id
        await archive.vote(VOTE)
        await archive.vote(later(VOTE, 1, helpful=False))
        assert [v.helpful for v in await archive.votes()] == [False]
