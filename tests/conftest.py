"""Shared fixtures: the fake Discord here, the archive fixtures in tests/fixtures.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import discord
import pytest

from tests.fakediscord import FakeDiscord, point_discord_py_at, running_bot

pytest_plugins = ["tests.fixtures", "tests.botworld"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server, its tests are left out and said so in one line at the
    end (`pytest_terminal_summary`); with ARCHIVARIS_REQUIRE_POSTGRES=1 they stay, and fail."""
    from tests.fixtures import postgres_missing

    why = postgres_missing()
    if why is None:
        return
    needs = [item for item in items if _needs_postgres(item)]
    if not needs:
        return
    config.stash[_LEFT_OUT] = (len(needs), why)
    items[:] = [item for item in items if not _needs_postgres(item)]
    config.hook.pytest_deselected(items=needs)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    from tests.fixtures import NO_POSTGRES

    if _LEFT_OUT in config.stash:
        count, why = config.stash[_LEFT_OUT]
        terminalreporter.write_line(
            f"{count} PostgreSQL tests not run: {NO_POSTGRES.format(why=why)}"
        )


_LEFT_OUT = pytest.StashKey[tuple[int, str]]()


def _needs_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("store_kind") == "postgres":
        return True
    fixtures = {"postgres_server", "postgres_dsn", "replicated_server", "replicated"}
    return bool(fixtures & set(getattr(item, "fixturenames", ())))


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
