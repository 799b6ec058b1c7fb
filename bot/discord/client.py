"""The Discord client: intents, the archive it serves, its extensions and its slash commands.

`create_bot(config)` builds the bot without connecting; `setup_hook` (run by discord.py at
login, before any event arrives) opens the archive, registers the buttons (pagination.py:
they must work on messages sent before a restart), loads one extension per feature and
syncs the slash commands. Features live in bot/cogs/: ask.py (questions), browse.py
(/recent, /article and the buttons), admin.py (/upload, /delete, /stats).

The bot may run as several processes on one archive, each with some of its Discord shards
(ARCHIVARIS_SHARDS): discord.py's AutoShardedBot then connects just those. A process keeps
nothing that another would need: the archive is shared, a button carries its state in
its custom id, there are no per-server settings, and the conversations it remembers are
of its own servers (all of a server's events come to one shard) and recovered from
Discord after a restart; so any process may be restarted, and an upload through one is
found through all at once.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.conversation import Conversations
from bot.config import Config
from bot.discord.followup import FOLLOW_UP_ITEMS
from bot.discord.pagination import DYNAMIC_ITEMS
from bot.discord.reply import NO_PINGS, Translator, refuse, report_error
from storage.archive import Archive

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.discord.cogs.ask", "bot.discord.cogs.browse", "bot.discord.cogs.admin")


class Tree(app_commands.CommandTree):
    """Every failed slash command ends in a short private answer; crashes also in the log."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.MissingPermissions):
            await refuse(interaction, "not_allowed")
            return
        await report_error(interaction, getattr(error, "original", error))


class Archivaris(commands.Bot):
    """The bot: `config` as given, `archive` once set up, text commands switched off.

    Members talk to it by mention, in answer channels and through slash commands; the ask
    extension reads messages itself, so commands.Bot's prefix parsing is never used.
    """

    archive: Archive

    def __init__(self, config: Config) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        sharding = {}
        if config.shards is not None:
            sharding = {"shard_ids": list(config.shards.ids), "shard_count": config.shards.count}
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents,
            allowed_mentions=NO_PINGS,
            tree_cls=Tree,
            allowed_contexts=app_commands.AppCommandContext(guild=True),
            allowed_installs=app_commands.AppInstallationType(guild=True),
            **sharding,
        )
        self.config = config
        self.command_ids: dict[str, int] = {}
        self.conversations = Conversations()

    async def setup_hook(self) -> None:
        self.archive = await Archive.open(
            self.config.db, self.config.limits, replicas=self.config.db_replicas
        )
        await self.tree.set_translator(Translator())
        self.add_dynamic_items(*DYNAMIC_ITEMS, *FOLLOW_UP_ITEMS)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self._sync_commands()

    async def _sync_commands(self) -> None:
        """To the development server at once when one is set, else globally (Discord may take
        a while to show global changes in every server). Of several processes only one
        registers them (`Config.sync_commands`); the others only read their ids, which
        command mentions need."""
        guild = discord.Object(self.config.dev_guild) if self.config.dev_guild else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        try:
            if self.config.sync_commands:
                registered = await self.tree.sync(guild=guild)
            else:
                registered = await self.tree.fetch_commands(guild=guild)
        except discord.Forbidden as error:
            raise RuntimeError(
                f"Discord refused to register the slash commands in ARCHIVARIS_DEV_GUILD="
                f"{self.config.dev_guild}: is the bot in that server, invited with the "
                "applications.commands scope?"
            ) from error
        self.command_ids = {command.name: command.id for command in registered}
        log.info(
            "%s %d slash commands %s",
            "synced" if self.config.sync_commands else "found",
            len(registered),
            "in one server" if guild else "globally",
        )

    def command_mention(self, name: str) -> str:
        """`</recent:id>`, which Discord shows as a clickable command, or plain `/recent`."""
        command_id = self.command_ids.get(name)
        return f"</{name}:{command_id}>" if command_id else f"/{name}"

    async def on_message(self, message: discord.Message) -> None:
        """No text commands: the ask extension decides which messages are questions."""

    async def close(self) -> None:
        await super().close()
        archive = self.__dict__.pop("archive", None)
        if archive is not None:
            await archive.close()


class ShardedArchivaris(Archivaris, commands.AutoShardedBot):
    """The bot as one of several processes, running the shards `config.shards` names."""


def create_bot(config: Config) -> Archivaris:
    """The bot, ready to `start(token)`; nothing is opened or contacted until then."""
    return Archivaris(config) if config.shards is None else ShardedArchivaris(config)
