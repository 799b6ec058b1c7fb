"""Sending replies on Discord, the same way from every cog.

The rules live here once: nothing ever pings (AllowedMentions.none() on every send, on top
of the bot's default), an interaction is answered or followed up depending on whether it
was already acknowledged, the reply language follows the member, and an error reaches the
member as one short sentence and the log as a traceback.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.answer.messages import MESSAGES, Lang, lang_for, say

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()

T = TypeVar("T")


def lang_of(interaction: discord.Interaction) -> Lang:
    """The member's own Discord language (English for any English locale, else Dutch)."""
    return lang_for(interaction.locale.value)


def lang_of_guild(guild: discord.Guild | None) -> Lang:
    """For plain messages, which carry no member locale: the server's preferred language."""
    return lang_for(guild.preferred_locale.value) if guild else "nl"


def localized(key: str) -> app_commands.locale_str:
    """A command or option description: Dutch by default, English for English clients."""
    return app_commands.locale_str(say(key, "nl"), key=key)


class Translator(app_commands.Translator):
    """Feeds the English texts of messages.py to Discord as description localizations."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if key not in MESSAGES or lang_for(locale.value) != "en":
            return None
        return say(key, "en")


async def respond(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    embeds: Sequence[discord.Embed] = (),
    view: discord.ui.View | None = None,
    file: discord.File | None = None,
    ephemeral: bool = False,
) -> None:
    """Answer the interaction, or follow up if it was already acknowledged (deferred).

    After a deferral the first follow-up replaces the "thinking…" message, and it keeps the
    deferral's visibility: `ephemeral` only matters when nothing was sent yet.
    """
    extra: dict[str, Any] = {}
    if view is not None:
        extra["view"] = view
    if file is not None:
        extra["file"] = file
    if interaction.response.is_done():
        await interaction.followup.send(
            content, embeds=list(embeds), ephemeral=ephemeral, allowed_mentions=NO_PINGS, **extra
        )
    else:
        await interaction.response.send_message(
            content, embeds=list(embeds), ephemeral=ephemeral, allowed_mentions=NO_PINGS, **extra
        )


async def refuse(interaction: discord.Interaction, key: str, **values: object) -> None:
    """A private one-line answer to something the member cannot do or got wrong."""
    await respond(interaction, say(key, lang_of(interaction), **values), ephemeral=True)


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Log the traceback and tell the member, briefly, that it failed; never raises."""
    log.error(
        "interaction %s (%s) in guild %s failed",
        interaction.id,
        _describe(interaction),
        interaction.guild_id,
        exc_info=error,
    )
    try:
        await refuse(interaction, "failed")
    except discord.HTTPException:
        log.warning("could not tell the member about the failure of %s", interaction.id)


def guarded(
    callback: Callable[..., Awaitable[None]],
) -> Callable[..., Awaitable[None]]:
    """For button callbacks: any exception becomes report_error instead of a silent failure.

    discord.py only logs exceptions from dynamic items, and the member would see "This
    interaction failed" with no explanation.
    """

    @functools.wraps(callback)
    async def run(self: Any, interaction: discord.Interaction) -> None:
        try:
            await callback(self, interaction)
        except Exception as error:
            await report_error(interaction, error)

    return run


def _describe(interaction: discord.Interaction) -> str:
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    data = interaction.data or {}
    return f"component {data.get('custom_id', '?')}"
