"""Asking the bot: by mention, in an answer channel and its threads, and with /ask."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.discord.client import Archivaris
from storage.archive import Archive
from storage.models import SourceFile
from tests.botworld import (
    World,
    assert_pinged_no_one,
    button,
    buttons_of,
    is_ephemeral,
    reply_to,
    response_to,
    text_of,
)
from tests.fakediscord import permissions as perms

STOLTENBERG = "Wat zei Stoltenberg over kernwapens?"
SCHAATSEN = "Wie won het NK op de 1500 meter?"
UNANSWERABLE = "Hoeveel kost een brood in Tokio?"


def quoted_with_citation(text: str) -> bool:
    return (
        "**kernwapens**" in text
        and "The Council of the European Union" in text
        and "vrijdag 14 oktober 2022, 08:47" in text
        and "artikel 1" in text
    )


async def test_a_mention_gets_a_quoted_and_cited_answer(server: World, running: Archivaris):
    fake = server.fake
    question = await fake.send_message(
        server.guild, server.chat, server.reader, f"{server.bot_mention} {STOLTENBERG}"
    )
    reply = await reply_to(fake, question)

    assert reply.ok and reply.message is not None
    assert quoted_with_citation(text_of(reply.message))
    assert reply.allowed_mentions == {"parse": [], "replied_user": False}
    assert button(reply.message, "archivaris:open:")["label"] == "Lees artikel 1"
    typing = [a for a in fake.actions if a.kind == "typing"]
    assert typing and typing[0].channel_id == server.chat.id
    assert fake.actions.index(typing[0]) < fake.actions.index(reply)
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_plain_questions_in_an_answer_channel_and_its_threads(
    server: World, running: Archivaris
):
    fake = server.fake
    question = await fake.send_message(server.guild, server.answers, server.reader, STOLTENBERG)
    assert quoted_with_citation(text_of((await reply_to(fake, question)).message or {}))

    thread = await fake.create_thread(server.answers, "Schaatsen", owner=server.reader)
    question = await fake.send_message(server.guild, thread, server.reader, SCHAATSEN)
    reply = await reply_to(fake, question)
    assert reply.channel_id == thread.id
    text = text_of(reply.message or {})
    assert "Lotte Bakker" in text and "Sportblad" in text and "20 januari 2024" in text
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_ordinary_chat_elsewhere_is_ignored(server: World, running: Archivaris):
    fake = server.fake
    chat = await fake.send_message(server.guild, server.chat, server.reader, SCHAATSEN)
    mention = await fake.send_message(
        server.guild, server.chat, server.reader, f"{server.bot_mention} {STOLTENBERG}"
    )
    answer = await reply_to(fake, mention)
    thanks = await fake.send_message(
        server.guild, server.chat, server.reader, "Bedankt!", reply_to=answer.message
    )
    checked = await fake.send_message(
        server.guild, server.chat, server.reader, f"{server.bot_mention} {SCHAATSEN}"
    )
    await reply_to(fake, checked)

    replied_to = {
        (a.message_reference or {}).get("message_id")
        for a in fake.actions
        if a.kind == "message_create"
    }
    assert int(chat["id"]) not in replied_to and int(thanks["id"]) not in replied_to
    assert len([a for a in fake.actions if a.kind == "message_create"]) == 2
    fake.assert_clean()


async def test_a_question_without_answer_is_told_so_kindly(server: World, running: Archivaris):
    fake = server.fake
    question = await fake.send_message(server.guild, server.answers, server.reader, UNANSWERABLE)
    reply = await reply_to(fake, question)
    text = text_of(reply.message or {})
    assert "geen antwoord op deze vraag gevonden" in text
    recent_id = next(c["id"] for c in fake.registered_commands() if c["name"] == "recent")
    assert f"</recent:{recent_id}>" in text
    assert not reply.embeds
    assert [b["emoji"]["name"] for b in buttons_of(reply.message)] == ["👍", "👎"]

    only_mention = await fake.send_message(
        server.guild, server.chat, server.reader, server.bot_mention
    )
    hint = await reply_to(fake, only_mention)
    assert "Stel een vraag over het nieuws" in (hint.content or "")
    fake.assert_clean()


async def test_the_bots_role_counts_as_a_mention(server: World, running: Archivaris):
    fake = server.fake
    role = fake.bot_role(server.guild)
    question = await fake.send_message(
        server.guild, server.chat, server.reader, f"{role.mention} {STOLTENBERG}"
    )
    assert quoted_with_citation(text_of((await reply_to(fake, question)).message or {}))
    fake.assert_clean()


async def test_slash_ask_with_period_and_source(server: World, running: Archivaris):
    fake = server.fake
    inter = await fake.invoke_command(
        server.guild, server.chat, server.reader, "ask", {"question": STOLTENBERG}
    )
    answer = await response_to(fake, inter)
    assert not is_ephemeral(answer)
    assert answer["content"].startswith(f"Vraag: {STOLTENBERG}")
    assert quoted_with_citation(text_of(answer))
    assert button(answer, "archivaris:open:1")

    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.reader,
        "ask",
        {"question": STOLTENBERG, "since": "2023", "until": "2024-12"},
    )
    assert "geen antwoord" in text_of(await response_to(fake, inter))

    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.reader,
        "ask",
        {"question": "Wat gebeurde er met de schapen in Daarle?", "until": "2 april 2019"},
    )
    assert "Tubantia" in text_of(await response_to(fake, inter))

    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.reader,
        "ask",
        {"question": STOLTENBERG, "source": "gelderlander"},
    )
    assert "geen antwoord" in text_of(await response_to(fake, inter))
    fake.assert_clean()


async def test_a_date_at_the_end_of_the_calendar_is_searched_like_any_other(
    server: World, running: Archivaris
):
    """The last year and day a date can name have no day after them to end at."""
    fake = server.fake
    for options in ({"since": "9999"}, {"since": "9999-12-31"}, {"until": "9999"}):
        inter = await fake.invoke_command(
            server.guild, server.chat, server.reader, "ask", {"question": STOLTENBERG, **options}
        )
        answer = text_of(await response_to(fake, inter))
        assert "Er ging iets mis" not in answer
        assert ("geen antwoord" in answer) == ("since" in options), (options, answer)
    fake.assert_clean()


async def test_a_date_the_bot_cannot_read_is_explained_privately(
    server: World, running: Archivaris
):
    fake = server.fake
    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.reader,
        "ask",
        {"question": STOLTENBERG, "since": "gisteren @everyone"},
    )
    refusal = await response_to(fake, inter)
    assert is_ephemeral(refusal)
    assert "Ik begrijp de datum" in refusal["content"]
    assert "@everyone" not in refusal["content"]

    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.reader,
        "ask",
        {"question": STOLTENBERG, "since": "2024", "until": "2019"},
    )
    assert "De begindatum ligt na de einddatum" in (await response_to(fake, inter))["content"]
    fake.assert_clean()


async def test_english_locales_get_english(fake_discord, tmp_path, run_bot: Any):
    from tests.botworld import build_world

    server = await build_world(fake_discord, tmp_path / "archief.db", locale="en-US")
    async with run_bot(server.make_bot()):
        question = await fake_discord.send_message(
            server.guild, server.answers, server.reader, STOLTENBERG
        )
        text = text_of((await reply_to(fake_discord, question)).message or {})
        assert "Source: The Council of the European Union" in text
        assert "Friday 14 October 2022, 08:47" in text and "article 1" in text

        inter = await fake_discord.invoke_command(
            server.guild,
            server.chat,
            server.reader,
            "ask",
            {"question": UNANSWERABLE},
            locale="en-US",
        )
        assert "I could not find an answer" in text_of(await response_to(fake_discord, inter))

        dutch_member = await fake_discord.invoke_command(
            server.guild, server.chat, server.reader, "ask", {"question": STOLTENBERG}, locale="nl"
        )
        assert "vrijdag 14 oktober 2022" in text_of(await response_to(fake_discord, dutch_member))

        british = await fake_discord.invoke_command(
            server.guild,
            server.chat,
            server.reader,
            "ask",
            {"question": STOLTENBERG},
            locale="en-GB",
        )
        answer = await response_to(fake_discord, british)
        assert answer["content"].startswith("Question:")
        assert button(answer, "archivaris:open:1")["label"] == "Read article 1"
    fake_discord.assert_clean()


async def test_without_embed_links_the_answer_is_plain_text(server: World, running: Archivaris):
    fake = server.fake
    await fake.set_channel_permissions(
        server.answers, fake.bot_role(server.guild), deny=perms.EMBED_LINKS
    )
    question = await fake.send_message(server.guild, server.answers, server.reader, STOLTENBERG)
    reply = await reply_to(fake, question)
    assert not reply.embeds
    assert quoted_with_citation(reply.content or "")
    fake.assert_clean()


async def test_errors_reach_the_member_briefly_and_the_log_in_full(
    server: World,
    running: Archivaris,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    async def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("de index is stuk")

    fake = server.fake
    monkeypatch.setattr(running.archive, "search", broken)
    with caplog.at_level(logging.ERROR):
        inter = await fake.invoke_command(
            server.guild, server.chat, server.reader, "ask", {"question": STOLTENBERG}
        )
        failed = await response_to(fake, inter)
        question = await fake.send_message(server.guild, server.answers, server.reader, STOLTENBERG)
        reply = await reply_to(fake, question)

    for text in (failed["content"], reply.content or ""):
        assert text.startswith("Er ging iets mis.") and "stuk" not in text
    tracebacks = [
        r for r in caplog.records if r.exc_info and "de index is stuk" in str(r.exc_info[1])
    ]
    assert len(tracebacks) == 2
    fake.assert_clean()


async def test_hostile_article_text_is_escaped_and_pings_no_one(server: World, run_bot: Any):
    fake = server.fake
    hostile = {
        "title": f"**Vet** @everyone <@{server.reader.id}> " * 40,
        "source": "Bron __onderstreept__ @here " * 30,
        "url": "javascript:alert(1)",
        "body": [
            f"# Kop @everyone <@{server.reader.id}> <@&{server.guild.id}> ||verklapt|| "
            "de zeppelinhaven van Vlieland opent [morgen](http://example.com) ```code```",
            "> citaat over de zeppelinhaven " + "*ster* " * 400,
            "zeppelinhaven" * 500,
        ],
    }
    async with await Archive.open(server.db) as archive:
        data = json.dumps(hostile).encode()
        [verdict] = [v async for v in archive.import_file(SourceFile("vijand.json", data))]
    assert verdict.status == "added"

    async with run_bot(server.make_bot()):
        question = await fake.send_message(
            server.guild, server.answers, server.reader, "Wanneer opent de zeppelinhaven?"
        )
        reply = await reply_to(fake, question)
        text = text_of(reply.message or {})
        assert r"\*\*Vet\*\*" in text and "@\u200beveryone" in text
        assert f"<@{server.reader.id}>" not in text
        assert "@\u200bhere" in text and r"\_\_onderstreept\_\_" in text

        inter = await fake.invoke_command(
            server.guild, server.chat, server.reader, "article", {"id": verdict.article_id}
        )
        page = await response_to(fake, inter)
        assert "url" not in page["embeds"][0]
        assert r"\# Kop" in page["embeds"][0]["description"]

        inter = await fake.invoke_command(server.guild, server.chat, server.reader, "recent")
        assert r"\*\*Vet\*\*" in text_of(await response_to(fake, inter))
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_long_answers_stay_within_discords_limits(server: World, run_bot: Any):
    fake = server.fake
    records = [
        {
            "title": f"Dijkversterking deel {n} " + "lange kop " * 100,
            "source": "Waterschap " * 60,
            "body": [("De dijkversterking bij Kampen kost veel geld en tijd. " * 20) + str(n)],
        }
        for n in range(5)
    ]
    async with await Archive.open(server.db) as archive:
        data = json.dumps(records).encode()
        assert {v.status async for v in archive.import_file(SourceFile("dijk.json", data))} == {
            "added"
        }

    async with run_bot(server.make_bot()):
        question = await fake.send_message(
            server.guild, server.answers, server.reader, "Wat kost de dijkversterking bij Kampen?"
        )
        reply = await reply_to(fake, question)
    embeds = reply.embeds
    assert len(embeds) == 3 and len(reply.components[0]["components"]) == 3
    assert all(len(e["title"]) <= 256 and len(e["description"]) <= 4096 for e in embeds)
    assert sum(len(e["title"]) + len(e["description"]) for e in embeds) <= 6000
    assert all(
        "Dijkversterking deel" in e["title"] and "Kampen" in e["description"] for e in embeds
    )
    fake.assert_clean()


async def test_a_corrected_typo_and_a_searched_period_are_said(server: World, running: Archivaris):
    fake = server.fake
    sent = await fake.send_message(
        server.guild, server.answers, server.reader, "Wat zei Stoltenbreg over kernwapens?"
    )
    text = text_of((await reply_to(fake, sent)).message or {})
    assert text.startswith("Bedoelde je: “Wat zei Stoltenberg over kernwapens”?")
    assert quoted_with_citation(text)

    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.reader,
        "ask",
        {"question": "Wat zei Stoltenberg in januari 2015 over kernwapens?"},
    )
    text = text_of(await response_to(fake, inter))
    assert "geen antwoord" in text
    assert "Gezocht in artikelen van" in text and "2015" in text
    fake.assert_clean()


async def test_the_direct_answer_comes_first_and_is_marked_in_the_quote(
    server: World, running: Archivaris
):
    fake = server.fake
    sent = await fake.send_message(server.guild, server.answers, server.reader, SCHAATSEN)
    reply = await reply_to(fake, sent)
    assert (reply.content or "").startswith("Antwoord: **Lotte Bakker**")
    assert reply.embeds and "**Lotte Bakker**" in reply.embeds[0]["description"]

    await fake.set_channel_permissions(
        server.answers, fake.bot_role(server.guild), deny=perms.EMBED_LINKS
    )
    plain = await reply_to(
        fake, await fake.send_message(server.guild, server.answers, server.reader, SCHAATSEN)
    )
    assert not plain.embeds
    assert (plain.content or "").startswith("Antwoord: **Lotte Bakker**")
    fake.assert_clean()
