"""The conversation: a question in, a reply out, on a terminal (cli.py, chat.py) or Discord.

`bot.load_config` and `bot.create_bot` are resolved on first use, so `import bot.terminal.cli`
never loads discord.py: the command line starts in a fraction of the time.

    import os, bot
    client = bot.create_bot(bot.load_config(os.environ))   # built, not yet connected
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Config, load_config
    from bot.discord.client import create_bot

__all__ = ["Config", "create_bot", "load_config"]

_LAZY = {"Config": ".config", "load_config": ".config", "create_bot": ".discord.client"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
