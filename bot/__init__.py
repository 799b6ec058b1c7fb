"""The conversation: a question in, a reply out, on a terminal (cli.py, chat.py) or Discord.

`bot.load_config` is resolved on first use, so the package stays light to import for
the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Config, load_config

__all__ = ["Config", "load_config"]

_LAZY = {"Config": ".config", "load_config": ".config"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
