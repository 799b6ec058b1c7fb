"""Tests of the fake Discord itself, through a small but real discord.py bot.

Each feature the bot tests rely on is shown to work end to end, and each enforced rule is
shown to trigger: as the exception discord.py raises for the bot, and in `fake.violations`.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands
from discord.http import Route

from tests.fakediscord import (
    Action,
    Channel,
    ClientRefused,
    CommandNotAvailable,
    FakeDiscord,
    Guild,
    Member,
    point_discord_py_at,
    running_bot,
)
from tests.fakediscord import permissions as perms

Script = Callable[[discord.Interaction], Awaitable[Any]]


class Choice(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Ja", custom_id="keuze:ja", style=discord.ButtonStyle.primary)
    async def yes(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="Gekozen: ja", view=None)


@app_commands.command(description="Stel een vraag")
async def vraag(interaction: discord.Interaction, tekst: str) -> None:
    await interaction.response.defer(thinking=True)
    await interaction.followup.send(f"Antwoord op {tekst!r} ({interaction.locale.value})")


@app_commands.command(description="Toon een kop")
async def kop(interaction: discord.Interaction) -> None:
    embed = discord.Embed(title="Nieuws", description="Het laatste nieuws", colour=0x3366FF)
    embed.add_field(name="Bron", value="ANP")
    await interaction.response.send_message(embed=embed)


@app_commands.command(description="Kies iets")
async def knoppen(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("Kies:", view=Choice())


@app_commands.command(description="Lees een bestand")
async def bestand(interaction: discord.Interaction, bijlage: discord.Attachment) -> None:
    await interaction.response.defer(thinking=True)
    data = await bijlage.read()
    await interaction.followup.send(f"{bijlage.filename}: {len(data)} bytes: {data.decode()}")


@app_commands.command(description="Beheer het archief")
@app_commands.default_permissions(manage_guild=True)
async def beheer(interaction: discord.Interaction) -> None:
    if not interaction.permissions.manage_guild:
        await interaction.response.send_message("Geen rechten", ephemeral=True)
        return
    await interaction.response.send_message("Beheer ok", ephemeral=True)


@app_commands.command(description="Voer het script van de test uit")
async def script(interaction: discord.Interaction) -> None:
    bot: MiniBot = interaction.client  # type: ignore[assignment]
    assert bot.script is not None
    try:
        result = await bot.script(interaction)
    except discord.DiscordException as exc:
        await bot.outcomes.put(exc)
    else:
        await bot.outcomes.put(result)


class MiniBot(commands.Bot):
    """Just enough bot to exercise every part of the fake; `script` lets a test act as it."""

    def __init__(
        self,
        *,
        message_content: bool = True,
        allowed_mentions: discord.AllowedMentions | None = None,
    ) -> None:
        intents = discord.Intents.default()
        intents.message_content = message_content
        intents.members = True
        mentions = discord.AllowedMentions.none() if allowed_mentions is None else allowed_mentions
        super().__init__(command_prefix="!", intents=intents, allowed_mentions=mentions)
        self.seen: asyncio.Queue[discord.Message] = asyncio.Queue()
        self.outcomes: asyncio.Queue[Any] = asyncio.Queue()
        self.script: Script | None = None
        for command in (vraag, kop, knoppen, bestand, beheer, script):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        await self.seen.put(message)
        if message.content == "ping" or self.user in message.mentions:
            await message.reply(f"pong: {message.content}", mention_author=False)

    async def outcome(self) -> Any:
        return await asyncio.wait_for(self.outcomes.get(), timeout=10)


class PingingBot(MiniBot):
    """A bot that forgot to configure allowed_mentions at all."""

    def __init__(self) -> None:
        super().__init__()
        self.allowed_mentions = None


@dataclass
class World:
    guild: Guild
    channel: Channel
    reader: Member
    editor: Member


@pytest.fixture
async def world(fake_discord: FakeDiscord) -> World:
    guild = await fake_discord.create_guild("Redactie")
    channel = await fake_discord.create_text_channel(guild, "algemeen")
    reader = await fake_discord.add_member(guild, "lezer")
    editor = await fake_discord.add_member(guild, "redacteur", permissions=perms.MANAGE_GUILD)
    return World(guild, channel, reader, editor)


@pytest.fixture
async def bot(run_bot: Any, world: World) -> AsyncIterator[MiniBot]:
    async with run_bot(MiniBot()) as running:
        yield running


def channel_of(bot: MiniBot, channel: Channel) -> discord.TextChannel:
    found = bot.get_channel(channel.id)
    assert isinstance(found, discord.TextChannel | discord.Thread)
    return found  # type: ignore[return-value]


def callback_of(interaction_id: int, callback_type: int | None = None) -> Callable[[Action], bool]:
    def match(action: Action) -> bool:
        return (
            action.kind == "interaction_callback"
            and action.interaction_id == interaction_id
            and (callback_type is None or action.callback_type == callback_type)
        )

    return match


# ------------------------------------------------------------------ login and state


async def test_login_ready_and_guild_state(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    assert bot.user is not None and bot.user.id == fake_discord.bot_user.id
    assert bot.application_id == fake_discord.application_id
    assert fake_discord.requests[:2] == [
        "GET /api/v10/users/@me",
        "GET /api/v10/oauth2/applications/@me",
    ]
    guild = bot.get_guild(world.guild.id)
    assert guild is not None and guild.preferred_locale is discord.Locale.dutch
    assert guild.me.guild_permissions.send_messages
    assert not guild.me.guild_permissions.manage_guild
    assert channel_of(bot, world.channel).permissions_for(guild.me).embed_links
    editor = guild.get_member(world.editor.id)
    assert editor is not None and editor.guild_permissions.manage_guild
    owner = guild.get_member(fake_discord.owner.id)
    reader = guild.get_member(world.reader.id)
    assert owner is not None and reader is not None
    assert await bot.is_owner(owner)
    assert not await bot.is_owner(reader)
    identify = next(a for a in fake_discord.actions if a.kind == "identify")
    assert identify.payload["intents"] & discord.Intents(message_content=True).value
    fake_discord.assert_clean()


async def test_commands_sync_globally_and_per_guild(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    synced = next(a for a in fake_discord.actions if a.kind == "commands_sync")
    assert synced.guild_id is None
    names = {c["name"]: c for c in synced.payload}
    assert set(names) == {"vraag", "kop", "knoppen", "bestand", "beheer", "script"}
    assert int(names["beheer"]["default_member_permissions"]) == perms.MANAGE_GUILD

    target = discord.Object(world.guild.id)
    bot.tree.copy_global_to(guild=target)
    echoed = await bot.tree.sync(guild=target)
    assert {c.name for c in echoed} == set(names)
    assert {c["guild_id"] for c in fake_discord.registered_commands(world.guild)} == {
        str(world.guild.id)
    }
    beheer_cmd = next(c for c in echoed if c.name == "beheer")
    assert beheer_cmd.default_member_permissions == discord.Permissions(manage_guild=True)

    with pytest.raises(discord.Forbidden) as caught:
        await bot.tree.sync(guild=discord.Object(12345678901234567))
    assert caught.value.code == 50001
    assert any("Missing Access" in v for v in fake_discord.violations)


# ------------------------------------------------------------------ messages


async def test_on_message_reply_goes_through_rest(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    sent = await fake_discord.send_message(world.guild, world.channel, world.reader, "ping")
    reply = await fake_discord.wait_for(
        lambda a: (
            a.kind == "message_create"
            and (a.message_reference or {}).get("message_id") == int(sent["id"])
        )
    )
    assert reply.ok and reply.content == "pong: ping"
    assert reply.allowed_mentions == {"parse": [], "replied_user": False}
    assert reply.message is not None and reply.message["type"] == 19
    seen = await bot.seen.get()
    assert seen.content == "ping"
    assert isinstance(seen.author, discord.Member)
    assert seen.author.id == world.reader.id
    fake_discord.assert_clean()


async def test_message_content_needs_the_intent_except_for_mentions(
    fake_discord: FakeDiscord, run_bot: Any, world: World
) -> None:
    async with run_bot(MiniBot(message_content=False)) as blind:
        await fake_discord.send_message(world.guild, world.channel, world.reader, "hallo")
        assert (await blind.seen.get()).content == ""
        mention = f"<@{fake_discord.bot_user.id}> hallo"
        await fake_discord.send_message(world.guild, world.channel, world.reader, mention)
        seen = await blind.seen.get()
        assert seen.content == mention
        assert blind.user in seen.mentions
        reply = await fake_discord.wait_for(lambda a: a.kind == "message_create")
        assert reply.content == f"pong: {mention}"
    fake_discord.assert_clean()


async def test_privileged_intent_must_be_enabled_in_the_portal() -> None:
    async with FakeDiscord(privileged_intents=()) as fake:
        await fake.create_guild()
        with point_discord_py_at(fake), pytest.raises(discord.PrivilegedIntentsRequired):
            async with running_bot(fake, MiniBot()):
                pass


async def test_thread_messages(bot: MiniBot, fake_discord: FakeDiscord, world: World) -> None:
    thread = await fake_discord.create_thread(world.channel, "draad")
    await fake_discord.send_message(world.guild, thread, world.reader, "ping")
    reply = await fake_discord.wait_for(lambda a: a.kind == "message_create")
    assert reply.ok and reply.channel_id == thread.id
    seen = await bot.seen.get()
    assert isinstance(seen.channel, discord.Thread) and seen.channel.parent_id == world.channel.id


async def test_bot_creates_a_thread_from_a_message(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    await fake_discord.send_message(world.guild, world.channel, world.reader, "een vraag")
    question = await bot.seen.get()
    thread = await question.create_thread(name="Vraag van lezer")
    assert thread.id == question.id
    await thread.send("Het antwoord staat hier.")
    created = await fake_discord.wait_for(lambda a: a.kind == "message_create")
    assert created.channel_id == thread.id
    stored = world.guild.channels[thread.id]
    assert stored.is_thread and stored.parent_id == world.channel.id
    fake_discord.assert_clean()


async def test_edit_and_typing_are_logged(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    channel = channel_of(bot, world.channel)
    async with channel.typing():
        message = await channel.send("eerste")
    await message.edit(content="tweede")
    kinds = [a.kind for a in fake_discord.actions if a.channel_id == world.channel.id]
    assert kinds == ["typing", "message_create", "message_edit"]
    assert fake_discord.message(message.id)["content"] == "tweede"
    assert fake_discord.message(message.id)["edited_timestamp"] is not None
    fake_discord.assert_clean()


async def test_reconnect_resumes_and_replays(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    await fake_discord.request_reconnect()
    await fake_discord.send_message(world.guild, world.channel, world.reader, "ping")
    await fake_discord.wait_for(lambda a: a.kind == "resume")
    reply = await fake_discord.wait_for(lambda a: a.kind == "message_create")
    assert reply.content == "pong: ping"
    assert (fake_discord.gateway.identifies, fake_discord.gateway.resumes) == (1, 1)
    assert (await bot.seen.get()).content == "ping"


# ------------------------------------------------------------------ interactions


async def test_slash_command_defer_then_follow_up(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    inter = await fake_discord.invoke_command(
        world.guild, world.channel, world.reader, "vraag", {"tekst": "wie"}, locale="nl"
    )
    deferred = await fake_discord.wait_for(callback_of(inter.id, 5))
    followup = await fake_discord.wait_for(
        lambda a: a.kind == "followup" and a.interaction_id == inter.id
    )
    assert followup.content == "Antwoord op 'wie' (nl)"
    assert deferred.message is not None and followup.message is not None
    assert followup.message["id"] == deferred.message["id"]
    assert not fake_discord.message(followup.message)["flags"] & 128
    fake_discord.assert_clean()


async def test_interaction_payload_parses_into_discord_objects(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    async def inspect(interaction: discord.Interaction) -> dict[str, Any]:
        await interaction.response.send_message("bekeken", ephemeral=True)
        assert isinstance(interaction.user, discord.Member)
        return {
            "locale": interaction.locale,
            "guild_locale": interaction.guild_locale,
            "manage_guild": interaction.permissions.manage_guild,
            "app_send": interaction.app_permissions.send_messages,
            "limit": interaction.filesize_limit,
            "guild_integration": interaction.is_guild_integration(),
            "channel": interaction.channel_id,
            "member_perms": interaction.user.guild_permissions.manage_guild,
        }

    bot.script = inspect
    await fake_discord.invoke_command(world.guild, world.channel, world.editor, "script")
    seen = await bot.outcome()
    assert seen == {
        "locale": discord.Locale.dutch,
        "guild_locale": discord.Locale.dutch,
        "manage_guild": True,
        "app_send": True,
        "limit": 10 * 1024 * 1024,
        "guild_integration": True,
        "channel": world.channel.id,
        "member_perms": True,
    }


async def test_embed_response(bot: MiniBot, fake_discord: FakeDiscord, world: World) -> None:
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "kop")
    response = await fake_discord.wait_for(callback_of(inter.id, 4))
    assert response.embeds[0]["title"] == "Nieuws"
    assert response.embeds[0]["fields"] == [{"name": "Bron", "value": "ANP", "inline": True}]
    assert response.message is not None and response.message["embeds"][0]["type"] == "rich"
    fake_discord.assert_clean()


async def test_button_click_updates_the_message(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "knoppen")
    shown = await fake_discord.wait_for(callback_of(inter.id, 4))
    assert shown.components[0]["components"][0]["custom_id"] == "keuze:ja"
    assert shown.message is not None
    with pytest.raises(ClientRefused):
        await fake_discord.click_button(shown.message, "keuze:nee", world.reader)
    click = await fake_discord.click_button(shown.message, "keuze:ja", world.editor)
    await fake_discord.wait_for(callback_of(click.id, 7))
    updated = fake_discord.message(shown.message)
    assert updated["content"] == "Gekozen: ja"
    assert updated["components"] == []
    fake_discord.assert_clean()


async def test_attachment_option_is_downloadable_from_the_cdn(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    inter = await fake_discord.invoke_command(
        world.guild,
        world.channel,
        world.reader,
        "bestand",
        attachments={"bijlage": ("artikel.txt", b"Hallo archief")},
    )
    followup = await fake_discord.wait_for(
        lambda a: a.kind == "followup" and a.interaction_id == inter.id
    )
    assert followup.content == "artikel.txt: 13 bytes: Hallo archief"
    assert any(r.startswith("GET /attachments/") for r in fake_discord.requests)
    fake_discord.assert_clean()


async def test_default_member_permissions_and_overrides(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    with pytest.raises(CommandNotAvailable, match="MANAGE_GUILD"):
        await fake_discord.invoke_command(world.guild, world.channel, world.reader, "beheer")

    allowed = await fake_discord.invoke_command(world.guild, world.channel, world.editor, "beheer")
    answer = await fake_discord.wait_for(callback_of(allowed.id, 4))
    assert answer.content == "Beheer ok" and answer.ephemeral

    await fake_discord.set_command_permissions(world.guild, "beheer", everyone=True)
    overridden = await fake_discord.invoke_command(
        world.guild, world.channel, world.reader, "beheer"
    )
    refused = await fake_discord.wait_for(callback_of(overridden.id, 4))
    assert refused.content == "Geen rechten"
    fake_discord.assert_clean()


async def test_files_in_interaction_responses(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    async def with_files(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "bijlage", file=discord.File(io.BytesIO(b"eerste"), "een.txt")
        )
        await interaction.followup.send(
            "nog een", file=discord.File(io.BytesIO(b"tweede"), "twee.txt"), ephemeral=True
        )

    bot.script = with_files
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    await bot.outcome()
    response, followup = fake_discord.actions_for(inter)
    assert [f.data for f in response.files + followup.files] == [b"eerste", b"tweede"]
    assert response.message is not None and followup.message is not None
    assert response.message["attachments"][0]["filename"] == "een.txt"
    assert followup.ephemeral and not response.ephemeral
    fake_discord.assert_clean()


async def test_errors_the_bot_logs_are_collected(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "knoppen")
    shown = await fake_discord.wait_for(callback_of(inter.id, 4))
    assert shown.message is not None
    click = await fake_discord.click_button(shown.message, "keuze:ja", world.reader)
    await fake_discord.wait_for(callback_of(click.id, 7))
    second = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "kop")
    await fake_discord.wait_for(callback_of(second.id, 4))
    assert fake_discord.bot_errors == []

    async def broken(interaction: discord.Interaction) -> None:
        raise RuntimeError("kapot")

    bot.script = broken
    await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    await fake_discord.wait_until(lambda: fake_discord.bot_errors)
    assert "RuntimeError: kapot" in fake_discord.bot_errors[0]
    with pytest.raises(AssertionError, match="bot error"):
        fake_discord.assert_clean()


async def test_select_menu_choice(bot: MiniBot, fake_discord: FakeDiscord, world: World) -> None:
    class Pick(discord.ui.View):
        @discord.ui.select(
            custom_id="bron",
            options=[
                discord.SelectOption(label="ANP", value="anp"),
                discord.SelectOption(label="NOS", value="nos"),
            ],
        )
        async def bron(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
            await interaction.response.edit_message(content=f"Bron: {select.values[0]}", view=None)

    async def offer(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Welke bron?", view=Pick())

    bot.script = offer
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    shown = await fake_discord.wait_for(callback_of(inter.id, 4))
    assert shown.message is not None
    with pytest.raises(ClientRefused):
        await fake_discord.choose_options(shown.message, "bron", world.reader, ["rtl"])
    choice = await fake_discord.choose_options(shown.message, "bron", world.reader, ["nos"])
    await fake_discord.wait_for(callback_of(choice.id, 7))
    assert fake_discord.message(shown.message)["content"] == "Bron: nos"
    fake_discord.assert_clean()


async def test_rest_reads_and_webhook_edits(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    sent = await fake_discord.send_message(world.guild, world.channel, world.reader, "bericht")
    channel = channel_of(bot, world.channel)
    fetched = await channel.fetch_message(int(sent["id"]))
    assert fetched.content == "bericht" and fetched.author.id == world.reader.id
    assert [m.id async for m in channel.history(limit=5)] == [int(sent["id"])]
    await fetched.add_reaction("✅")

    async def respond_and_edit(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("eerste versie")
        await interaction.edit_original_response(content="tweede versie")
        original = await interaction.original_response()
        extra = await interaction.followup.send("extra", wait=True)
        await extra.edit(content="extra bewerkt")
        await extra.delete()
        return original.content

    bot.script = respond_and_edit
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    assert await bot.outcome() == "tweede versie"
    kinds = [a.kind for a in fake_discord.actions_for(inter)]
    assert kinds == [
        "interaction_callback",
        "original_edit",
        "followup",
        "followup_edit",
        "followup_delete",
    ]
    assert any(a.kind == "reaction_add" for a in fake_discord.actions)
    fake_discord.assert_clean()


async def test_invoke_command_checks_options_like_the_client(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    with pytest.raises(CommandNotAvailable, match="requires option"):
        await fake_discord.invoke_command(world.guild, world.channel, world.reader, "vraag")
    with pytest.raises(CommandNotAvailable, match="no option"):
        await fake_discord.invoke_command(
            world.guild, world.channel, world.reader, "vraag", {"tekst": "x", "extra": 1}
        )
    with pytest.raises(CommandNotAvailable, match="no command"):
        await fake_discord.invoke_command(world.guild, world.channel, world.reader, "bestaatniet")


# ------------------------------------------------------------------ enforced rules


async def test_late_acknowledgement_is_an_unknown_interaction(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    gate = asyncio.Event()

    async def slow(interaction: discord.Interaction) -> None:
        await gate.wait()
        await interaction.response.send_message("te laat")

    bot.script = slow
    await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    fake_discord.advance_clock(3.5)
    gate.set()
    error = await bot.outcome()
    assert isinstance(error, discord.NotFound) and error.code == 10062
    assert "Unknown interaction" in fake_discord.violations[0]


async def test_second_acknowledgement_is_refused(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    async def defer(interaction: discord.Interaction) -> None:
        await interaction.response.defer()

    bot.script = defer
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    await fake_discord.wait_for(callback_of(inter.id, 5))
    url = f"{fake_discord.url}/api/v10/interactions/{inter.id}/{inter.token}/callback"
    body = {"type": 4, "data": {"content": "nog eens"}}
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as resp:
        assert resp.status == 400
        assert (await resp.json())["code"] == 40060
    assert "already been acknowledged" in fake_discord.violations[0]


async def test_follow_up_after_fifteen_minutes_fails(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    gate = asyncio.Event()

    async def late_followup(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await gate.wait()
        await interaction.followup.send("veel te laat")

    bot.script = late_followup
    inter = await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    await fake_discord.wait_for(callback_of(inter.id, 5))
    fake_discord.advance_clock(15 * 60 + 1)
    gate.set()
    error = await bot.outcome()
    assert isinstance(error, discord.HTTPException)
    assert (error.status, error.code) == (401, 50027)
    assert "Invalid Webhook Token" in fake_discord.violations[0]


async def test_follow_up_before_acknowledgement_fails(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    async def eager(interaction: discord.Interaction) -> None:
        await interaction.followup.send("te vroeg")

    bot.script = eager
    await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    error = await bot.outcome()
    assert isinstance(error, discord.NotFound) and error.code == 10015


async def test_content_over_2000_characters(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    with pytest.raises(discord.HTTPException) as caught:
        await channel_of(bot, world.channel).send("x" * 2001)
    assert caught.value.code == 50035
    assert "In content: Must be 2000 or fewer in length." in str(caught.value)
    assert fake_discord.violations == [
        f"POST /api/v10/channels/{world.channel.id}/messages: 400 Invalid Form Body (50035): "
        "content: Must be 2000 or fewer in length."
    ]
    rejected = await fake_discord.wait_for(lambda a: a.kind == "message_create")
    assert rejected.status == 400 and not rejected.ok


async def test_interaction_response_limits_apply_too(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    async def too_long(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("y" * 2001)

    bot.script = too_long
    await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    error = await bot.outcome()
    assert isinstance(error, discord.HTTPException) and error.code == 50035
    assert "data.content" in fake_discord.violations[0]


def _embed(**kwargs: Any) -> discord.Embed:
    fields = kwargs.pop("fields", [])
    footer = kwargs.pop("footer", None)
    author = kwargs.pop("author", None)
    embed = discord.Embed(**kwargs)
    for name, value in fields:
        embed.add_field(name=name, value=value)
    if footer is not None:
        embed.set_footer(text=footer)
    if author is not None:
        embed.set_author(name=author)
    return embed


@pytest.mark.parametrize(
    ("embeds", "where"),
    [
        ([_embed(title="t" * 257)], "embeds.0.title: Must be 256"),
        ([_embed(description="d" * 4097)], "embeds.0.description: Must be 4096"),
        ([_embed(fields=[("n", "v")] * 26)], "embeds.0.fields: Must be 25"),
        ([_embed(fields=[("n" * 257, "v")])], "embeds.0.fields.0.name: Must be 256"),
        ([_embed(fields=[("n", "v" * 1025)])], "embeds.0.fields.0.value: Must be 1024"),
        ([_embed(footer="f" * 2049)], "embeds.0.footer.text: Must be 2048"),
        ([_embed(author="a" * 257)], "embeds.0.author.name: Must be 256"),
        (
            [_embed(description="d" * 4000), _embed(description="e" * 2001)],
            "embeds: Embed size exceeds maximum size of 6000",
        ),
        ([_embed(fields=[("naam", "")])], "embeds.0.fields.0.value: This field is required"),
    ],
    ids=[
        "title",
        "description",
        "field-count",
        "field-name",
        "field-value",
        "footer",
        "author",
        "total",
        "empty-field",
    ],
)
async def test_embed_limits(
    bot: MiniBot,
    fake_discord: FakeDiscord,
    world: World,
    embeds: list[discord.Embed],
    where: str,
) -> None:
    with pytest.raises(discord.HTTPException) as caught:
        await channel_of(bot, world.channel).send(embeds=embeds)
    assert caught.value.code == 50035
    assert len(fake_discord.violations) == 1 and where in fake_discord.violations[0]


def _row(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(buttons)}


def _button(custom_id: str, label: str = "Knop") -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": label, "custom_id": custom_id}


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"embeds": [{"description": "x"}] * 11}, "embeds: Must be 10 or fewer"),
        (
            {"content": "rijen", "components": [_row(_button(f"b{i}")) for i in range(6)]},
            "components: Must be 5 or fewer",
        ),
        (
            {"content": "breed", "components": [_row(*(_button(f"b{i}") for i in range(6)))]},
            "components.0.components: Must be between 1 and 5",
        ),
        (
            {"content": "label", "components": [_row(_button("b", label="l" * 81))]},
            "components.0.components.0.label: Must be 80",
        ),
        (
            {"content": "id", "components": [_row(_button("c" * 101))]},
            "components.0.components.0.custom_id: Must be 100",
        ),
    ],
    ids=["eleven-embeds", "six-rows", "six-buttons", "label", "custom-id"],
)
async def test_raw_payload_limits(
    bot: MiniBot, fake_discord: FakeDiscord, world: World, body: dict[str, Any], where: str
) -> None:
    """Limits discord.py would catch client-side are sent raw, through its HTTP client."""
    route = Route("POST", "/channels/{channel_id}/messages", channel_id=world.channel.id)
    with pytest.raises(discord.HTTPException) as caught:
        await bot.http.request(route, json={**body, "allowed_mentions": {"parse": []}})
    assert caught.value.code == 50035
    assert len(fake_discord.violations) == 1 and where in fake_discord.violations[0]


async def test_view_button_label_limit_through_discord_py(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="l" * 81, custom_id="lang"))
    with pytest.raises(discord.HTTPException, match="label: Must be 80 or fewer"):
        await channel_of(bot, world.channel).send("knop", view=view)


async def test_empty_message(bot: MiniBot, fake_discord: FakeDiscord, world: World) -> None:
    with pytest.raises(discord.HTTPException) as caught:
        await channel_of(bot, world.channel).send("   ")
    assert caught.value.code == 50006
    assert "Cannot send an empty message" in fake_discord.violations[0]


async def test_upload_over_the_guild_limit(fake_discord: FakeDiscord, run_bot: Any) -> None:
    guild = await fake_discord.create_guild("Klein", attachment_size_limit=16)
    channel = await fake_discord.create_text_channel(guild, "bestanden")
    async with run_bot(MiniBot()) as small:
        target = channel_of(small, channel)
        with pytest.raises(discord.HTTPException) as caught:
            await target.send(file=discord.File(io.BytesIO(b"x" * 17), "groot.txt"))
        assert (caught.value.status, caught.value.code) == (413, 40005)
        sent = await target.send(file=discord.File(io.BytesIO(b"klein"), "klein.txt"))
        assert await sent.attachments[0].read() == b"klein"


@pytest.mark.parametrize(
    ("send", "risk"),
    [
        (
            lambda ch, uid: ch.send(
                f"<@{uid}>", allowed_mentions=discord.AllowedMentions(users=True)
            ),
            "parse=['users']",
        ),
        (
            lambda ch, uid: ch.send("@everyone", allowed_mentions=discord.AllowedMentions.all()),
            "parse=['everyone', 'users', 'roles']",
        ),
        (
            lambda ch, uid: ch.send(
                f"<@{uid}>", allowed_mentions=discord.AllowedMentions(users=[discord.Object(uid)])
            ),
            "which the content mentions",
        ),
    ],
    ids=["parse-users", "parse-everyone", "explicit-user"],
)
async def test_messages_that_could_ping(
    bot: MiniBot,
    fake_discord: FakeDiscord,
    world: World,
    send: Callable[[discord.TextChannel, int], Awaitable[discord.Message]],
    risk: str,
) -> None:
    await send(channel_of(bot, world.channel), world.reader.id)
    assert len(fake_discord.violations) == 1
    assert "could ping" in fake_discord.violations[0] and risk in fake_discord.violations[0]


async def test_mentions_with_allowed_mentions_none_are_fine(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    sent = await channel_of(bot, world.channel).send(f"<@{world.reader.id}> @everyone")
    assert sent.mentions == [] and not sent.mention_everyone
    fake_discord.assert_clean()


async def test_reply_that_pings_the_author(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    await fake_discord.send_message(world.guild, world.channel, world.reader, "hallo")
    message = await bot.seen.get()
    await message.reply("antwoord", mention_author=True)
    assert any("replied_user=true" in v for v in fake_discord.violations)


async def test_missing_allowed_mentions(
    fake_discord: FakeDiscord, run_bot: Any, world: World
) -> None:
    async with run_bot(PingingBot()) as careless:
        await channel_of(careless, world.channel).send(f"hoi <@{world.reader.id}>")
    assert any("allowed_mentions missing" in v for v in fake_discord.violations)


async def test_interaction_reply_that_could_ping(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    async def shout(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "@here kijk", allowed_mentions=discord.AllowedMentions(everyone=True)
        )

    bot.script = shout
    await fake_discord.invoke_command(world.guild, world.channel, world.reader, "script")
    await bot.outcome()
    assert any("/callback" in v and "could ping" in v for v in fake_discord.violations)


async def test_missing_permissions(bot: MiniBot, fake_discord: FakeDiscord, world: World) -> None:
    bot_role = fake_discord.bot_role(world.guild)
    muted = await fake_discord.create_text_channel(
        world.guild, "alleen-lezen", overwrites={bot_role: (0, perms.SEND_MESSAGES)}
    )
    hidden = await fake_discord.create_text_channel(
        world.guild, "geheim", overwrites={bot_role: (0, perms.VIEW_CHANNEL)}
    )
    await fake_discord.send_message(world.guild, hidden, world.reader, "ping")
    await fake_discord.send_message(world.guild, world.channel, world.reader, "zichtbaar")
    assert (await bot.seen.get()).content == "zichtbaar"

    with pytest.raises(discord.Forbidden) as caught:
        await channel_of(bot, muted).send("mag niet")
    assert caught.value.code == 50013
    assert "SEND_MESSAGES" in fake_discord.violations[-1]

    route = Route("POST", "/channels/{channel_id}/messages", channel_id=hidden.id)
    with pytest.raises(discord.Forbidden) as caught:
        await bot.http.request(
            route, json={"content": "mag niet", "allowed_mentions": {"parse": []}}
        )
    assert caught.value.code == 50001


async def test_embeds_without_embed_links_are_dropped(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    bot_role = fake_discord.bot_role(world.guild)
    await fake_discord.set_channel_permissions(world.channel, bot_role, deny=perms.EMBED_LINKS)
    sent = await channel_of(bot, world.channel).send("tekst", embed=discord.Embed(title="kop"))
    assert sent.embeds == []
    assert "EMBED_LINKS" in fake_discord.violations[0]


async def test_unknown_routes_are_recorded(
    bot: MiniBot, fake_discord: FakeDiscord, world: World
) -> None:
    with pytest.raises(discord.NotFound):
        await bot.http.request(Route("GET", "/voice/regions"))
    assert fake_discord.unhandled == ["GET /api/v10/voice/regions"]
    with pytest.raises(AssertionError, match="unhandled route"):
        fake_discord.assert_clean()


# ------------------------------------------------------------------ sharding


@app_commands.command(description="Welke shards draaien hier?")
async def welke(interaction: discord.Interaction) -> None:
    client: commands.AutoShardedBot = interaction.client  # type: ignore[assignment]
    await interaction.response.send_message(f"shards {client.shard_ids} van {client.shard_count}")


class ShardBot(commands.AutoShardedBot):
    """Some shards of a bot, as one of its processes runs them; answers /vraag."""

    def __init__(self, shard_ids: list[int] | None, shard_count: int | None) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(
            command_prefix="!",
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            shard_ids=shard_ids,
            shard_count=shard_count,
        )
        self.seen: asyncio.Queue[discord.Message] = asyncio.Queue()
        self.tree.add_command(vraag)
        self.tree.add_command(welke)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No wait between shards: the fake does not limit how often a bot identifies."""

    async def on_message(self, message: discord.Message) -> None:
        if not message.author.bot:
            await self.seen.put(message)


async def test_each_shard_receives_the_events_of_its_own_servers(
    fake_discord: FakeDiscord, run_bot: Any
) -> None:
    """Two processes' worth of shards (0 and 1 of 2) at once: each gets the servers,
    messages and interactions of the servers on its shard, and only those."""
    guilds = [await fake_discord.create_guild(f"Krant {n}", on_shard=(n, 2)) for n in (0, 1)]
    channels = [await fake_discord.create_text_channel(g, "algemeen") for g in guilds]
    readers = [await fake_discord.add_member(g, "lezer") for g in guilds]
    async with run_bot(ShardBot([0], 2)) as first, run_bot(ShardBot([1], 2)) as second:
        await first.tree.sync()
        assert [g.id for g in first.guilds] == [guilds[0].id]
        assert [g.id for g in second.guilds] == [guilds[1].id]
        identified = [a.payload["shard"] for a in fake_discord.actions if a.kind == "identify"]
        assert sorted(identified) == [[0, 2], [1, 2]]

        for n, bot in enumerate((first, second)):
            await fake_discord.send_message(guilds[n], channels[n], readers[n], f"vraag {n}")
            seen = await asyncio.wait_for(bot.seen.get(), 10)
            assert (seen.guild.id, seen.content) == (guilds[n].id, f"vraag {n}")
            asked = await fake_discord.invoke_command(guilds[n], channels[n], readers[n], "welke")
            answer = await fake_discord.wait_for(callback_of(asked.id, 4))
            assert answer.content == f"shards [{n}] van 2"
        for n, session in enumerate(fake_discord.gateway.current[(n, 2)] for n in (0, 1)):
            about = {
                int(m["d"].get("guild_id") or m["d"]["id"])
                for m in session.sent
                if m["t"] not in ("READY", "RESUMED")
            }
            assert about == {guilds[n].id}
    fake_discord.assert_clean()


async def test_a_bot_without_shard_ids_runs_the_shards_discord_recommends() -> None:
    async with FakeDiscord(shards=2) as fake:
        with point_discord_py_at(fake):
            guilds = [await fake.create_guild(f"Krant {n}", on_shard=(n, 2)) for n in (0, 1)]
            async with running_bot(fake, ShardBot(None, None)) as bot:
                assert bot.shard_count == 2
                assert {g.id for g in bot.guilds} == {g.id for g in guilds}
                assert {g.id: g.shard_id for g in bot.guilds} == {
                    guilds[0].id: 0,
                    guilds[1].id: 1,
                }
            assert "GET /api/v10/gateway/bot" in fake.requests
            fake.assert_clean()


async def test_a_shard_that_does_not_exist_is_refused(fake_discord: FakeDiscord) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{fake_discord.gateway_url}?v=10&encoding=json") as ws,
    ):
        await ws.receive_json()
        identify = {"token": fake_discord.token, "intents": 1, "shard": [2, 2], "properties": {}}
        await ws.send_json({"op": 2, "d": identify})
        closed = await ws.receive()
    assert closed.type == aiohttp.WSMsgType.CLOSE and closed.data == 4010
    assert not fake_discord.gateway.current
