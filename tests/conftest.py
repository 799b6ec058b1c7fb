"""Shared fixtures: the fake Discord here, the archive fixtures in tests/fixtures.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import discord
import pytest

from tests.fakediscord import FakeDiscord, point_discord_py_at, running_bot

pytest_plugins = ["tests.fixtures", "tests.botworld"]


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A fresh fake Discord on 127.0.0.1 (random port) with discord.py pointed at it."""
    fake = FakeDiscord()
    await fake.start()
    try:
        with point_discord_py_at(fake):
            yield fake
    finally:
        await fake.stop()


@pytest.fixture
def run_bot(
    fake_discord: FakeDiscord,
) -> Callable[..., AbstractAsyncContextManager[Any]]:
    """`async with run_bot(bot) as bot:` logs the bot in to the fake and waits for READY."""

    def run(bot: discord.Client, **kwargs: Any) -> AbstractAsyncContextManager[Any]:
        return running_bot(fake_discord, bot, **kwargs)

    return run
