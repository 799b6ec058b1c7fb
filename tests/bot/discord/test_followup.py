"""Conversations on Discord: replies to answers, threads, and the "Meer" button."""

from __future__ import annotations

from typing import Any

import pytest

from bot.discord.client import Archivaris
from bot.discord.followup import FOLLOW_UP_ITEMS, MoreAnswers, VoteButton
from bot.discord.pagination import DYNAMIC_ITEMS
from tests.botworld import (
    World,
    add_articles,
    assert_pinged_no_one,
    button,
    buttons_of,
    is_ephemeral,
    reply_to,
    response_to,
    text_of,
)
from tests.fakediscord import ClientRefused
from tests.fakediscord import permissions as perms

STOLTENBERG = "Wat zei Stoltenberg over kernwapens?"
DATED = "Antwoord: **vrijdag 14 oktober 2022, 08:47** (de datum van het artikel"
TOWNS = ("Zwolle", "Deventer", "Almelo", "Hengelo", "Enschede", "Kampen", "Oldenzaal")
TRAMS = "Wat kostte de nieuwe tramlijn?"


async def ask(server: World, channel: Any, text: str, **how: Any) -> dict[str, Any]:
    """A member's message and the bot's answer to it."""
    sent = await server.fake.send_message(server.guild, channel, server.reader, text, **how)
    answer = (await reply_to(server.fake, sent)).message
    assert answer is not None
    return answer


async def test_a_reply_to_an_answer_is_read_with_its_question(server: World, running: Archivaris):
    fake = server.fake
    first = await ask(server, server.chat, f"{server.bot_mention} {STOLTENBERG}")

    answer = await ask(server, server.chat, "wanneer was dat?", reply_to=first)

    text = text_of(answer)
    assert f"Vervolg op: “{STOLTENBERG}”" in text
    assert DATED in text and "artikel 1" in text
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_a_reply_to_an_answer_after_another_question_still_follows_its_own(
    server: World, running: Archivaris
):
    """Each answer keeps its own question: the conversation is the one replied to."""
    first = await ask(server, server.answers, STOLTENBERG)
    await ask(server, server.answers, "Hoeveel startbewijzen waren er voor de Vierdaagse?")

    answer = await ask(server, server.answers, "when was that?", reply_to=first)

    assert DATED in text_of(answer)


async def test_a_new_message_in_the_channel_is_a_question_of_its_own(
    server: World, running: Archivaris
):
    fake = server.fake
    await ask(server, server.answers, STOLTENBERG)

    alone = await ask(server, server.answers, "wanneer was dat?")

    assert "Vervolg op" not in text_of(alone)
    assert "geen antwoord op deze vraag gevonden" in text_of(alone)
    fake.assert_clean()


async def test_a_thread_started_from_a_question_goes_on_from_it(server: World, running: Archivaris):
    fake = server.fake
    question = await fake.send_message(
        server.guild, server.chat, server.reader, f"{server.bot_mention} {STOLTENBERG}"
    )
    await reply_to(fake, question)
    thread = await fake.create_thread(
        server.chat, "Stoltenberg", owner=server.reader, from_message=question
    )

    answer = await ask(server, thread, "wanneer was dat?")
    assert DATED in text_of(answer)

    later = await ask(server, thread, "en wat zei Ollongren daarover?")
    assert f"Vervolg op: “{STOLTENBERG}” → “wanneer was dat?”" in text_of(later)
    assert "Ollongren" in text_of(later)

    thanks = await fake.send_message(server.guild, thread, server.reader, "Bedankt!")
    await ask(server, thread, f"{server.bot_mention} {STOLTENBERG}")
    replied_to = {
        (a.message_reference or {}).get("message_id")
        for a in fake.actions
        if a.kind == "message_create"
    }
    assert int(thanks["id"]) not in replied_to
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_a_question_in_a_thread_of_an_answer_channel_goes_on_from_the_last(
    server: World, running: Archivaris
):
    thread = await server.fake.create_thread(server.answers, "NAVO", owner=server.reader)
    await ask(server, thread, STOLTENBERG)
    assert DATED in text_of(await ask(server, thread, "wanneer was dat?"))


async def test_a_thread_started_from_an_answer_goes_on_from_it_also_after_a_restart(
    server: World, run_bot: Any
):
    async with run_bot(server.make_bot()):
        answer = await ask(server, server.chat, f"{server.bot_mention} {STOLTENBERG}")
        thread = await server.fake.create_thread(
            server.chat, "NAVO", owner=server.reader, from_message=answer
        )
        assert DATED in text_of(await ask(server, thread, "wanneer was dat?"))
    async with run_bot(server.make_bot()):
        later = await ask(server, thread, f"{server.bot_mention} en wat zei Ollongren daarover?")
        assert "Ollongren" in text_of(later)
        assert f"Vervolg op: “{STOLTENBERG}” → “wanneer was dat?”" in text_of(later)
    server.fake.assert_clean()


# --- "Meer" -----------------------------------------------------------------------------------


async def trams(server: World) -> None:
    await add_articles(
        server,
        [
            {
                "title": f"Tram {town}",
                "body": f"De nieuwe tram in {town} rijdt vanaf maart. "
                f"De tramlijn kostte {10 + n} miljoen euro.",
            }
            for n, town in enumerate(TOWNS)
        ],
    )


def towns_in(message: dict[str, Any]) -> set[str]:
    return {town for town in TOWNS if f"Tram {town}" in text_of(message)}


async def more(server: World, message: dict[str, Any]) -> dict[str, Any]:
    custom_id = button(message, "archivaris:more:")["custom_id"]
    press = await server.fake.click_button(message, custom_id, server.reader)
    return await response_to(server.fake, press)


async def test_meer_quotes_the_next_three_until_there_are_no_more(server: World, run_bot: Any):
    fake = server.fake
    await trams(server)
    async with run_bot(server.make_bot()):
        answer = await ask(server, server.answers, TRAMS)
        first = towns_in(answer)
        assert len(first) == 3
        assert button(answer, "archivaris:more:")["label"] == "Meer"

        second = await more(server, answer)
        assert text_of(second).startswith(f"Meer bij: “{TRAMS}”")
        assert len(towns_in(second)) == 3 and not towns_in(second) & first

        third = await more(server, second)
        assert towns_in(third) == set(TOWNS) - first - towns_in(second)
        assert not [b for b in buttons_of(third) if b["custom_id"].startswith("archivaris:more")]

        typed = await ask(server, server.answers, "meer?", reply_to=answer)
        assert towns_in(typed) == towns_in(second)
        last = await ask(server, server.answers, "nog meer?", reply_to=typed)
        assert towns_in(last) == towns_in(third)
        none = await ask(server, server.answers, "meer?", reply_to=last)
        assert "geen verdere artikelen" in text_of(none)

    async with run_bot(server.make_bot()):
        assert towns_in(await more(server, answer)) == towns_in(second)
        assert towns_in(await more(server, second)) == towns_in(third)
        assert towns_in(await more(server, typed)) == towns_in(third)
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_meer_after_the_question_was_deleted_says_so(server: World, run_bot: Any):
    fake = server.fake
    await trams(server)
    async with run_bot(server.make_bot()):
        question = await fake.send_message(server.guild, server.answers, server.reader, TRAMS)
        answer = (await reply_to(fake, question)).message
        assert answer is not None
        await fake.delete_message(question, server.reader)

        said = await more(server, answer)
        assert "niet meer terugvinden" in text_of(said)
    fake.assert_clean()


# --- 👍 / 👎 ----------------------------------------------------------------------------------

UP, DOWN = "archivaris:vote:up", "archivaris:vote:down"


async def vote(server: World, answer: dict[str, Any], custom_id: str, member: Any = None) -> str:
    """Press a vote button; what the member is told (privately)."""
    press = await server.fake.click_button(answer, custom_id, member or server.reader)
    told = await response_to(server.fake, press)
    assert is_ephemeral(told)
    return told["content"]


async def test_a_vote_is_kept_and_a_second_press_changes_it(server: World, running: Archivaris):
    fake = server.fake
    first = await ask(server, server.answers, STOLTENBERG)
    assert {b["emoji"]["name"] for b in buttons_of(first) if "emoji" in b} == {"👍", "👎"}

    assert "nuttig" in await vote(server, first, UP)
    [kept] = await running.archive.votes()
    assert kept.helpful and kept.scope == server.guild.id and kept.answer == int(first["id"])
    assert kept.question == STOLTENBERG and kept.asked_after == () and kept.article_ids == (1,)

    assert "niet nuttig" in await vote(server, first, DOWN)
    [changed] = await running.archive.votes()
    assert not changed.helpful and changed.answer == kept.answer

    follow_up = await ask(server, server.answers, "wanneer was dat?", reply_to=first)
    await vote(server, follow_up, UP, server.admin)
    votes = await running.archive.votes()
    assert len(votes) == 2
    assert (votes[-1].question, votes[-1].asked_after) == ("wanneer was dat?", (STOLTENBERG,))

    nothing = await ask(server, server.answers, "Hoeveel kost een brood in Tokio?")
    await vote(server, nothing, DOWN)
    missed = (await running.archive.votes())[-1]
    assert (missed.question, missed.article_ids, missed.helpful) == (
        "Hoeveel kost een brood in Tokio?",
        (),
        False,
    )
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_a_vote_from_outside_the_channel_is_refused_and_not_kept(
    server: World, running: Archivaris
):
    fake = server.fake
    answer = await ask(server, server.answers, STOLTENBERG)
    elsewhere = await fake.create_guild("Elders")
    their_channel = await fake.create_text_channel(elsewhere, "praat")
    outsider = await fake.add_member(elsewhere, "buitenstaander")
    with pytest.raises(ClientRefused):
        await fake.click_button(answer, UP, outsider)

    press = await fake.press_unchecked(answer, UP, outsider, channel=their_channel)
    told = await response_to(fake, press)
    assert is_ephemeral(told) and "kanaal dat je kunt lezen" in told["content"]

    shut_out = await fake.add_member(server.guild, "gast")
    await fake.set_channel_permissions(server.answers, shut_out, deny=perms.VIEW_CHANNEL)
    press = await fake.press_unchecked(answer, DOWN, shut_out)
    told = await response_to(fake, press)
    assert is_ephemeral(told) and "kanaal dat je kunt lezen" in told["content"]

    assert await running.archive.votes() == []
    fake.assert_clean()


async def test_votes_and_replies_work_after_a_restart_and_votes_can_be_switched_off(
    server: World, run_bot: Any
):
    fake = server.fake
    async with run_bot(server.make_bot()):
        answer = await ask(server, server.answers, STOLTENBERG)
    async with run_bot(server.make_bot()) as restarted:
        await vote(server, answer, DOWN)
        [kept] = await restarted.archive.votes()
        assert not kept.helpful and kept.question == STOLTENBERG
        follow_up = await ask(server, server.answers, "wanneer was dat?", reply_to=answer)
        assert DATED in text_of(follow_up)
    async with run_bot(server.make_bot(ARCHIVARIS_FEEDBACK="off")) as quiet_bot:
        quiet = await ask(server, server.answers, STOLTENBERG)
        assert buttons_of(quiet) and not [
            b for b in buttons_of(quiet) if b["custom_id"].startswith("archivaris:vote")
        ]
        assert "niet bewaard" in await vote(server, answer, UP)
        [still] = await quiet_bot.archive.votes()
        assert not still.helpful
    fake.assert_clean()


@pytest.mark.parametrize(
    "make",
    [
        lambda: MoreAnswers(1, None, "Meer"),
        lambda: MoreAnswers(12, 2**64 - 1, "More"),
        lambda: VoteButton(True),
        lambda: VoteButton(False),
    ],
)
async def test_a_follow_up_button_is_rebuilt_from_its_custom_id_alone(make) -> None:
    sent = make()
    readers = [
        (kind, match)
        for kind in (*DYNAMIC_ITEMS, *FOLLOW_UP_ITEMS)
        if (match := kind.__discord_ui_compiled_template__.fullmatch(sent.custom_id))
    ]
    [(kind, match)] = readers
    back = await kind.from_custom_id(None, sent.item, match)
    assert back.custom_id == sent.custom_id and len(sent.custom_id) <= 100
    assert vars(back).get("page") == vars(sent).get("page")
    assert vars(back).get("answer_id") == vars(sent).get("answer_id")
    assert vars(back).get("helpful") == vars(sent).get("helpful")


async def test_an_ask_answer_has_the_same_buttons_and_can_be_replied_to(
    server: World, run_bot: Any
):
    fake = server.fake
    async with run_bot(server.make_bot()):
        inter = await fake.invoke_command(
            server.guild, server.answers, server.reader, "ask", {"question": STOLTENBERG}
        )
        answer = await response_to(fake, inter)
        assert button(answer, UP) and button(answer, DOWN)
        follow_up = await ask(server, server.answers, "wanneer was dat?", reply_to=answer)
        assert DATED in text_of(follow_up)

        with_period = await fake.invoke_command(
            server.guild,
            server.answers,
            server.reader,
            "ask",
            {"question": STOLTENBERG, "since": "2022"},
        )
        limited = await response_to(fake, with_period)
        assert button(limited, "archivaris:open:1")
        assert not [b for b in buttons_of(limited) if "vote" in b["custom_id"]]
    async with run_bot(server.make_bot()) as restarted:
        await vote(server, answer, UP)
        follow_up = await ask(server, server.answers, "when was that?", reply_to=answer)
        await vote(server, follow_up, DOWN)
        votes = await restarted.archive.votes()
        assert [(v.question, v.asked_after, v.helpful) for v in votes] == [
            (STOLTENBERG, (), True),
            ("when was that?", (STOLTENBERG,), False),
        ]
    fake.assert_clean()


async def test_in_english(fake_discord: Any, tmp_path: Any, run_bot: Any):
    from tests.botworld import build_world

    server = await build_world(fake_discord, tmp_path / "archief.db", locale="en-US")
    await trams(server)
    async with run_bot(server.make_bot()):
        answer = await ask(server, server.answers, TRAMS)
        assert button(answer, "archivaris:more:")["label"] == "More"
        more_press = await fake_discord.click_button(
            answer, button(answer, "archivaris:more:")["custom_id"], server.reader, locale="en-GB"
        )
        assert text_of(await response_to(fake_discord, more_press)).startswith(
            f"More for: “{TRAMS}”"
        )
        follow_up = await ask(server, server.answers, "when was it?", reply_to=answer)
        assert f"Following up: “{TRAMS}”" in text_of(follow_up)
        press = await fake_discord.click_button(answer, UP, server.reader, locale="en-US")
        assert (
            "You found this answer helpful" in (await response_to(fake_discord, press))["content"]
        )
    fake_discord.assert_clean()
