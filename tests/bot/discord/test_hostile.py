"""The bot under pressure: who may do what where, crowds during a big upload, hostile questions."""

from __future__ import annotations

import asyncio
import logging
import random
import re
from typing import Any

import pytest

from bot.discord.client import Archivaris
from tests import corpus
from tests.botworld import (
    World,
    assert_pinged_no_one,
    is_ephemeral,
    reply_to,
    response_to,
    text_of,
    zip_of,
)
from tests.fakediscord import CommandNotAvailable, FakeDiscord, Guild, Member
from tests.fakediscord import permissions as perms

REFUSED = "Alleen leden met de permissie Server beheren mogen dit doen. Er is niets veranderd."
LOCAL = corpus.page(
    ["In Ootmarsum opent zaterdag een museum voor klompen met driehonderd paar uit de regio."],
    source="Twentse Krant",
).encode()
LOCAL_QUESTION = "Hoeveel paar klompen heeft het museum in Ootmarsum?"


# --- permissions: command x (member, Manage Server, bot owner) x (own server, other server) -------


async def roles_in(fake: FakeDiscord, guild: Guild, tag: str) -> dict[str, Member]:
    return {
        "member": await fake.add_member(guild, f"lid-{tag}"),
        "manage_server": await fake.add_member(
            guild, f"beheer-{tag}", permissions=perms.MANAGE_GUILD
        ),
    }


@pytest.fixture
async def two_servers(fake_discord: FakeDiscord, server: World) -> dict[str, Any]:
    """Two servers owned by other people; the bot's owner is an ordinary member of both."""
    fake = fake_discord
    places: dict[str, Any] = {}
    for where in ("own", "other"):
        guild = await fake.create_guild(where, owner=await fake.create_user(f"baas-{where}"))
        places[where] = {
            "guild": guild,
            "channel": await fake.create_text_channel(guild, "algemeen"),
            "member": await fake.add_member(guild, f"lid-{where}"),
            "manage_server": await fake.add_member(
                guild, f"beheer-{where}", permissions=perms.MANAGE_GUILD
            ),
            "bot_owner": await fake.add_member(guild, fake.owner),
        }
    return places


ADMIN_COMMANDS = ("upload", "delete", "stats")


@pytest.mark.parametrize("who", ["member", "manage_server", "bot_owner"])
async def test_permission_matrix(
    server: World, two_servers: dict[str, Any], running: Archivaris, who: str
) -> None:
    """Reading is for everyone, changing is for Manage Server, and only in its own server."""
    fake = server.fake
    own = two_servers["own"]
    first = await fake.invoke_command(
        own["guild"],
        own["channel"],
        own["manage_server"],
        "upload",
        attachments={"file": ("a.txt", LOCAL)},
    )
    await response_to(fake, first, until=lambda m: "geweigerd." in m["content"])
    assert not (await running.archive.search(LOCAL_QUESTION)).hits

    for where in ("other", "own"):
        guild, channel = two_servers[where]["guild"], two_servers[where]["channel"]
        member = two_servers[where][who]
        sees_local = where == "own"

        inter = await fake.invoke_command(
            guild, channel, member, "ask", {"question": LOCAL_QUESTION}
        )
        answer = text_of(await response_to(fake, inter))
        assert ("driehonderd paar" in answer) == sees_local, (who, where, answer)

        inter = await fake.invoke_command(guild, channel, member, "recent", {"limit": 50})
        assert ("Ootmarsum" in text_of(await response_to(fake, inter))) == sees_local

        inter = await fake.invoke_command(guild, channel, member, "article", {"id": 6})
        shown = text_of(await response_to(fake, inter))
        assert ("klompen" in shown) == sees_local, (who, where)

        for command in ADMIN_COMMANDS:
            options = {"id": 6} if command == "delete" else {}
            attachments = {"file": ("b.txt", corpus.WOLF.encode())} if command == "upload" else None
            if who != "manage_server":
                with pytest.raises(CommandNotAvailable):
                    await fake.invoke_command(
                        guild, channel, member, command, options, attachments=attachments
                    )
                await fake.set_command_permissions(guild, command, users={member: True})
            inter = await fake.invoke_command(
                guild, channel, member, command, options, attachments=attachments
            )
            reply = await response_to(fake, inter)
            assert is_ephemeral(reply)
            if who != "manage_server":
                assert reply["content"] == REFUSED, (who, where, command)
            elif command == "delete" and where == "other":
                assert "Er is geen artikel met nummer 6" in reply["content"]

    kept = await running.archive.article(6, own["guild"].id)
    if who == "manage_server":
        assert kept is None
    else:
        assert kept is not None and "Ootmarsum" in kept.body[0]
        assert (await running.archive.stats(own["guild"].id)).articles == 6
    assert_pinged_no_one(fake)
    fake.assert_clean()


# --- a crowd asks while an admin uploads -----------------------------------------------------


async def test_a_hundred_members_ask_during_a_two_thousand_article_upload(
    server: World, running: Archivaris, caplog: pytest.LogCaptureFixture
) -> None:
    fake = server.fake
    caplog.set_level(logging.WARNING)
    members = [await fake.add_member(server.guild, f"lezer-{n}") for n in range(100)]
    bundle = zip_of(
        {
            f"raad-{n}.txt": corpus.page(
                [f"De raad van Hardenberg besprak op avond {n} motie {n * 7} over de rondweg."],
                source="Raadsverslag",
            ).encode()
            for n in range(2000)
        }
    )
    questions = [
        "Wat zei Stoltenberg over kernwapens?",
        "Wie won het NK op de 1500 meter?",
        "Hoeveel startbewijzen waren er voor de Vierdaagse?",
        "Zijn de schapen in Daarle door een wolf doodgebeten?",
    ]
    upload = await fake.invoke_command(
        server.guild,
        server.chat,
        server.admin,
        "upload",
        attachments={"file": ("raad.zip", bundle)},
    )

    async def ask(number: int, member: Member) -> str:
        question = questions[number % len(questions)]
        if number % 2:
            sent = await fake.send_message(server.guild, server.answers, member, question)
            return text_of((await reply_to(fake, sent)).message or {})
        inter = await fake.invoke_command(
            server.guild, server.chat, member, "ask", {"question": question}
        )
        return text_of(await response_to(fake, inter))

    answers = await asyncio.gather(*(ask(n, m) for n, m in enumerate(members)))
    summary = await response_to(fake, upload, until=lambda m: "geweigerd." in m["content"])

    expected = ["kernwapens", "Lotte Bakker", "47.000", "slachtoffer van een hond"]
    for number, answer in enumerate(answers):
        assert expected[number % len(expected)] in answer, answer
    assert summary["content"].startswith("raad.zip: 2.000 toegevoegd, 0 dubbel, 0 geweigerd.")
    assert not [r for r in caplog.records if "locked" in r.getMessage().lower()]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert_pinged_no_one(fake)
    fake.assert_clean()


# --- hostile questions, through Discord ------------------------------------------------------

FRAGMENTS = (
    *('"', "*", "NEAR(", "AND", "OR", "NOT", "^", ":", "(", ")", "-", "'; DROP TABLE articles;--"),
    *("**", "__", "`", "```", "||", "~~", "> ", "# ", "[x](https://example.com)", "\\"),
    *("@everyone", "@here", "<@1>", "<@!1>", "<@&1>", "<#1>", "<t:0>", "</recent:1>"),
    *("\u200b", "\u202e", "\u2066", "🚀", "👩‍👩‍👧", "\t"),
    *("kernwapens", "Stoltenberg", "schapen", "wolf", "Vierdaagse", "wie", "wat", "de"),
)
UNESCAPED_BOLD = re.compile(r"(?<!\\)\*\*")


def hostile_questions(count: int) -> list[str]:
    rng = random.Random(6)
    made = ["", "   ", "wie wat waar", "kernwapens " * 360, "ß" * 1900]
    while len(made) < count:
        made.append(" ".join(rng.choices(FRAGMENTS, k=rng.randint(1, 25))))
    return made


async def test_hostile_questions_get_clean_replies(server: World, running: Archivaris) -> None:
    fake = server.fake
    for number, question in enumerate(hostile_questions(60)):
        if number % 2:
            inter = await fake.invoke_command(
                server.guild,
                server.chat,
                server.reader,
                "ask",
                {"question": (question or "?")[:500]},
            )
            message = await response_to(fake, inter)
        else:
            content = f"{server.bot_mention} {question}"[:2000]
            sent = await fake.send_message(server.guild, server.chat, server.reader, content)
            message = (await reply_to(fake, sent)).message or {}
        text = text_of(message)
        assert text
        for part in [message.get("content") or ""] + [
            e.get("description") or "" for e in message.get("embeds") or []
        ]:
            assert len(UNESCAPED_BOLD.findall(part)) % 2 == 0, part
            assert "@everyone" not in part and "@here" not in part
    assert_pinged_no_one(fake)
    fake.assert_clean()
