"""A server for the bot tests: the real bot against the fake Discord, over a real archive.

The archive starts with the test corpus (tests/corpus.py) in the operator's global
collection; the server "Redactie" has an answer channel #vragen, an ordinary #algemeen,
a reader and an admin with Manage Server. Helpers read what a member would see.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import bot
from bot.discord.client import Archivaris
from storage.archive import Archive
from storage.models import SourceFile
from tests import corpus
from tests.fakediscord import Action, Channel, FakeDiscord, Guild, Interaction, Member
from tests.fakediscord import permissions as perms
from tests.files import zip_of as zip_of
from tests.fixtures import import_all

FLAG_LOADING = 1 << 7


@dataclass
class World:
    fake: FakeDiscord
    db: str | Path
    guild: Guild
    answers: Channel
    chat: Channel
    reader: Member
    admin: Member

    def make_bot(self, **env: str) -> Archivaris:
        """Exactly as the outside checks build it: create_bot(load_config(env))."""
        settings = {
            "DISCORD_TOKEN": self.fake.token,
            "ARCHIVARIS_DB": str(self.db),
            "ARCHIVARIS_ANSWER_CHANNELS": "vragen",
            **env,
        }
        return bot.create_bot(bot.load_config(settings))  # type: ignore[return-value]

    @property
    def bot_mention(self) -> str:
        return f"<@{self.fake.bot_user.id}>"


async def build_world(fake: FakeDiscord, db: str | Path, *, locale: str = "nl") -> World:
    async with await Archive.open(db) as archive:
        await import_all(archive, corpus.files())
    guild = await fake.create_guild("Redactie", locale=locale)
    answers = await fake.create_text_channel(guild, "vragen")
    chat = await fake.create_text_channel(guild, "algemeen")
    reader = await fake.add_member(guild, "lezer")
    admin = await fake.add_member(guild, "redacteur", permissions=perms.MANAGE_GUILD)
    return World(fake, db, guild, answers, chat, reader, admin)


async def add_articles(server: World, records: list[dict[str, Any]]) -> list[int]:
    """JSON records in the global collection, before the bot starts; their new ids."""
    async with await Archive.open(server.db) as archive:
        data = json.dumps(records).encode()
        verdicts = [v async for v in archive.import_file(SourceFile("extra.json", data))]
    assert all(v.status == "added" for v in verdicts)
    return [v.article_id for v in verdicts if v.article_id is not None]


@pytest.fixture
async def server(fake_discord: FakeDiscord, archive_target: str | Path) -> World:
    """The server over an archive in each store."""
    return await build_world(fake_discord, archive_target)


@pytest.fixture
async def running(server: World, run_bot: Any) -> AsyncIterator[Archivaris]:
    async with run_bot(server.make_bot()) as client:
        yield client


# --- what a member sees ----------------------------------------------------------------------


def text_of(message: dict[str, Any]) -> str:
    """Everything a reader sees in a message: content and every part of every embed."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields") or []]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(part for part in parts if part)


def buttons_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        component
        for row in message.get("components") or []
        for component in row.get("components") or []
        if component.get("type") == 2
    ]


def button(message: dict[str, Any], starts_with: str) -> dict[str, Any]:
    found = [b for b in buttons_of(message) if b.get("custom_id", "").startswith(starts_with)]
    assert found, f"no button {starts_with!r} in {buttons_of(message)}"
    return found[0]


async def reply_to(
    fake: FakeDiscord,
    sent: dict[str, Any],
    timeout: float = 10.0,  # noqa: ASYNC109 - a deadline per call reads best in tests
) -> Action:
    """The bot's reply to a member's message (a message referencing it)."""
    return await fake.wait_for(
        lambda a: (
            a.kind == "message_create"
            and (a.message_reference or {}).get("message_id") == int(sent["id"])
        ),
        timeout,
    )


async def response_to(
    fake: FakeDiscord,
    inter: Interaction,
    until: Callable[[dict[str, Any]], bool] = lambda _m: True,
    timeout: float = 10.0,  # noqa: ASYNC109 - a deadline per call reads best in tests
) -> dict[str, Any]:
    """The finished message an interaction produced (its reply or first follow-up), as it
    stands now; waits until it is no longer "thinking…" and `until` holds."""

    def finished() -> dict[str, Any] | None:
        record = fake.interactions[inter.id]
        for message_id in (record.original_id, *record.followup_ids):
            message = fake.messages.get(message_id or 0)
            if message is None or int(message.get("flags") or 0) & FLAG_LOADING:
                continue
            if (message.get("content") or message.get("embeds")) and until(message):
                return message
        return None

    return await fake.wait_until(finished, timeout)


async def turned(server: World, click: Interaction, message: dict[str, Any]) -> dict[str, Any]:
    """The message after a page button pressed on it turned the page in place."""
    await server.fake.wait_for(lambda a: a.interaction_id == click.id and a.kind == "original_edit")
    return server.fake.message(message)


def is_ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & 64)


def assert_pinged_no_one(fake: FakeDiscord) -> None:
    """Beyond the fake's own checks: no stored bot message notifies anybody."""
    for message in [*fake.messages.values(), *fake.deleted.values()]:
        if int(message["author"]["id"]) != fake.bot_user.id:
            continue
        assert message["mentions"] == [], message
        assert message["mention_roles"] == [], message
        assert not message["mention_everyone"], message
