"""Browsing: /recent (newest first, paged) and /article (a whole article, paged).

The pages and their buttons live in bot/discord/pagination.py, shared with the buttons that
ask.py puts under answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.format import MAX_ID, MAX_RECENT
from bot.discord.pagination import show_article, show_recent
from bot.discord.reply import localized

if TYPE_CHECKING:
    from bot.discord.client import Archivaris


class Browse(commands.Cog):
    def __init__(self, bot: Archivaris) -> None:
        self.bot = bot

    @app_commands.command(name="recent", description=localized("cmd_recent"))
    @app_commands.describe(limit=localized("opt_limit"), source=localized("opt_source"))
    async def recent(
        self,
        interaction: discord.Interaction,
        limit: app_commands.Range[int, 1, MAX_RECENT] = 10,
        source: app_commands.Range[str, 1, 60] | None = None,
    ) -> None:
        await show_recent(interaction, 0, limit, source, "new")

    @app_commands.command(name="article", description=localized("cmd_article"))
    @app_commands.rename(article_id="id")
    @app_commands.describe(article_id=localized("opt_article_id"))
    async def article(
        self, interaction: discord.Interaction, article_id: app_commands.Range[int, 1, MAX_ID]
    ) -> None:
        await show_article(interaction, article_id, 0, "new")


async def setup(bot: Archivaris) -> None:
    await bot.add_cog(Browse(bot))
