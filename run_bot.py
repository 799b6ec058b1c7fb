"""Run the Archivaris Discord bot: `python run_bot.py`.

Settings come from the environment, with a `.env` file in the current folder filling in
whatever the environment does not set (README, "Discord bot"). Without a token it says
what to set, and how to try everything locally instead, and exits with status 2. An
archive it cannot use (damaged, from a newer Archivaris, indexed by another analyser,
unreachable) is named in one line before Discord is contacted, with exit status 1.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys

from bot.answer.messages import archive_problem
from bot.config import Config, ConfigError, load_config, read_env_file
from storage.archive import Archive, ArchiveError

HOW_TO = """\
Archivaris needs a Discord bot token to connect. Set it in the environment or in a .env
file in this folder, for example:

    DISCORD_TOKEN=your-bot-token           # Developer Portal > your app > Bot > Reset Token
    ARCHIVARIS_DB=archivaris.db            # the archive file, or postgresql://... (optional)
    ARCHIVARIS_ANSWER_CHANNELS=vragen      # channels where every message is a question (optional)
    ARCHIVARIS_DEV_GUILD=123456789012345678  # sync slash commands to one server at once (optional)
    ARCHIVARIS_MAX_UPLOAD_MB=25            # largest /upload accepted (optional)

Then run: python run_bot.py

To try everything without Discord, ask questions in the terminal instead:

    archivaris chat
"""


def main() -> int:
    environment = {**read_env_file(".env"), **os.environ}
    try:
        config = load_config(environment)
    except ConfigError as error:
        print(f"run_bot: {error}", file=sys.stderr)
        return 2
    if not config.token:
        print(HOW_TO, file=sys.stderr, end="")
        return 2

    problem = asyncio.run(_archive_problem(config))
    if problem is not None:
        print(f"run_bot: {problem}", file=sys.stderr)
        return 1

    import discord

    from bot import create_bot

    # Everything imported so far lives as long as the process: frozen, Python's full
    # garbage collections skip it. They run now and then during a big /upload and hold
    # every thread meanwhile, the event loop included; a smaller heap keeps them short.
    gc.freeze()
    try:
        create_bot(config).run(config.token, root_logger=True)
    except discord.LoginFailure:
        print(
            "run_bot: Discord refused DISCORD_TOKEN; reset it in the Developer Portal.",
            file=sys.stderr,
        )
        return 1
    except ArchiveError as error:
        print(f"run_bot: {archive_problem(error, 'en')}", file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print(
            "run_bot: turn on the Message Content intent under Developer Portal > your app > "
            "Bot > Privileged Gateway Intents, then start the bot again.",
            file=sys.stderr,
        )
        return 1
    return 0


async def _archive_problem(config: Config) -> str | None:
    """Why the archive cannot serve the bot, if it cannot: asked before logging in, as the
    bot's setup would otherwise fail after it with a traceback."""
    try:
        archive = await Archive.open(config.db, config.limits, replicas=config.db_replicas)
    except ArchiveError as error:
        return archive_problem(error, "en")
    await archive.close()
    return None


if __name__ == "__main__":
    sys.exit(main())
