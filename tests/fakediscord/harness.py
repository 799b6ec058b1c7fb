"""Pointing an unmodified discord.py at the fake, and running a bot against it.

discord.py reads its endpoints from three class attributes at call time, so swapping them
(and restoring them afterwards) is enough; no discord.py code is patched.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import discord
import yarl
from discord.asset import Asset
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .server import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.contextmanager
def point_discord_py_at(fake: FakeDiscord) -> Iterator[None]:
    """REST base, default gateway and CDN base -> the fake, restored on exit."""
    saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, Asset.BASE)
    point_at(fake.url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, Asset.BASE = saved


def point_at(url: str) -> None:
    """Point this process's discord.py at the fake listening at `url` (http://127.0.0.1:N),
    for good: a bot process of its own (tests/botprocess.py) does so before it starts."""
    Route.BASE = f"{url}/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url.replace("http://", "ws://") + "/gateway")
    Asset.BASE = url


@contextlib.asynccontextmanager
async def running_bot(
    fake: FakeDiscord,
    bot: ClientT,
    *,
    ready_timeout: float = 10.0,
    guild_ready_timeout: float | None = 0.05,
) -> AsyncIterator[ClientT]:
    """Log `bot` in to the fake, yield once it is READY, close it afterwards.

    discord.py waits `guild_ready_timeout` (2 s by default) after the last GUILD_CREATE
    before firing on_ready; the fake sends them all at once, so the wait is shortened
    unless None is passed. Errors discord.py logs while the bot runs (exceptions in event
    handlers, commands and views) land in `fake.bot_errors`, which assert_clean() reports.
    """
    if fake.gateway_url not in str(DiscordWebSocket.DEFAULT_GATEWAY):
        raise RuntimeError("discord.py is not pointed at this fake; use point_discord_py_at")
    collector = _ErrorCollector(fake, asyncio.get_running_loop())
    discord_logger = logging.getLogger("discord")
    discord_logger.addHandler(collector)
    try:
        async with _started(fake, bot, ready_timeout, guild_ready_timeout) as running:
            yield running
    finally:
        discord_logger.removeHandler(collector)


@contextlib.asynccontextmanager
async def _started(
    fake: FakeDiscord, bot: ClientT, ready_timeout: float, guild_ready_timeout: float | None
) -> AsyncIterator[ClientT]:
    async with bot:
        if guild_ready_timeout is not None:
            bot._connection.guild_ready_timeout = guild_ready_timeout
        task = asyncio.create_task(bot.start(fake.token), name="fakediscord-bot")
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {task, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            if task in done:
                task.result()
                raise RuntimeError("the bot stopped before it became ready")
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            raise TimeoutError(f"the bot was not ready within {ready_timeout}s")
        try:
            yield bot
        finally:
            await bot.close()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, timeout=10.0)


class _ErrorCollector(logging.Handler):
    """discord.py logs some errors from its keep-alive thread, hence call_soon_threadsafe."""

    def __init__(self, fake: FakeDiscord, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(logging.ERROR)
        self.fake = fake
        self.loop = loop

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f": {type(exc).__name__}: {exc}"
        self.fake.bot_errors.append(text)
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.fake._wake)
