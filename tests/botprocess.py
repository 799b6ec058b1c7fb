"""run_bot.py in a process of its own, logged in to a fake Discord of the test's process.

`python -m tests.botprocess URL` points discord.py at the fake listening at URL and then
runs run_bot.py exactly as an operator does, its settings from the environment. The
tests start bot processes with `bot_process`, which returns once the process's shards
have identified on the fake's gateway (after setup: the archive is open, the commands
are registered), and stops the process at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import runpy
import sys
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.fakediscord import FakeDiscord

ROOT = Path(__file__).resolve().parents[1]
# discord.py colours its log lines, on a terminal and in some containers.
_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    log: Path

    def problems(self) -> list[str]:
        """The errors and tracebacks the process logged: none, for a clean run."""
        text = _COLOURS.sub("", self.log.read_text(errors="replace"))
        return [line for line in text.splitlines() if " ERROR " in line or "Traceback" in line]


@contextlib.asynccontextmanager
async def bot_process(
    fake: FakeDiscord,
    settings: Mapping[str, str],
    log: Path,
    shards: list[list[int]],
    timeout: float = 120.0,  # noqa: ASYNC109 - a deadline per start reads best in tests
) -> AsyncIterator[BotProcess]:
    """Run the bot in a new process with `settings` (besides DISCORD_TOKEN), until every
    shard pair in `shards` ([[0, 1]] for a bot without shards) has identified."""
    since = fake.mark()
    # Only the test's settings, and in the log's folder, where no .env can add any.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARCHIVARIS_", "DISCORD_"))}
    env.update({"PYTHONPATH": str(ROOT), "DISCORD_TOKEN": fake.token, **settings})
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.botprocess",
            fake.url,
            cwd=log.parent,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=output,
            stderr=output,
        )
    running = BotProcess(process, log)
    try:
        for shard in shards:
            await _identified(fake, running, shard, since, timeout)
        yield running
    finally:
        if process.returncode is None:
            process.terminate()
        await process.wait()


async def _identified(
    fake: FakeDiscord, running: BotProcess, shard: list[int], since: int, seconds: float
) -> None:
    def identified(action) -> bool:
        return action.kind == "identify" and action.payload.get("shard", [0, 1]) == shard

    waiting = asyncio.ensure_future(fake.wait_for(identified, seconds, since=since))
    ended = asyncio.ensure_future(running.process.wait())
    done, _ = await asyncio.wait({waiting, ended}, return_when=asyncio.FIRST_COMPLETED)
    if waiting not in done:
        waiting.cancel()
        raise RuntimeError(
            f"the bot process ended ({running.process.returncode}) before shard {shard} "
            f"identified:\n{running.log.read_text(errors='replace')}"
        )
    ended.cancel()
    waiting.result()


def main(url: str) -> None:
    from tests.fakediscord.harness import point_at

    point_at(url)
    sys.argv = [str(ROOT / "run_bot.py")]
    runpy.run_path(str(ROOT / "run_bot.py"), run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1])
