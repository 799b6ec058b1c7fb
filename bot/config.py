"""The bot's settings, read from environment variables (and a `.env` file, see run_bot.py).

Deliberately free of discord.py so that reading settings, and the CLI, stay fast to import.
`load_config` only reads the mapping it is given; merging a `.env` file under the real
environment is the caller's choice, so a stray `.env` can never change a test or a check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from storage.archive import is_dsn
from storage.models import ImportLimits

DEFAULT_DB = "archivaris.db"
DEFAULT_MAX_UPLOAD_MB = 25


class ConfigError(ValueError):
    """A setting has a value the bot cannot use; the message names the variable."""


@dataclass(frozen=True)
class Shards:
    """The Discord shards one bot process runs: `ids`, of `count` in all.

    Discord sends each server's events to one shard, `(server id >> 22) % count`; several
    processes, each with shards of its own, together serve every server once.
    """

    ids: tuple[int, ...]
    count: int


@dataclass(frozen=True)
class Config:
    """Everything the bot needs to know before it connects.

    `answer_channels` holds lower-case channel names and channel ids as text, exactly as the
    operator wrote them: in those channels (and their threads) every message is a question.
    `db` is the SQLite file's path, or a PostgreSQL URI as written (postgresql://...), and
    `db_replicas` the URIs of its streaming replicas. `shards` is None for one process
    serving every server; `sync_commands` whether this process registers the slash
    commands (by default the one process, or the one running shard 0).
    `feedback`: whether answers carry 👍 / 👎 buttons whose votes the archive keeps
    (README, "Privacy").
    """

    token: str | None = field(default=None, repr=False)
    db: Path | str = Path(DEFAULT_DB)
    answer_channels: frozenset[str] = frozenset()
    dev_guild: int | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    limits: ImportLimits = field(default_factory=ImportLimits)
    feedback: bool = True
    db_replicas: tuple[str, ...] = field(default=(), repr=False)
    shards: Shards | None = None
    sync_commands: bool = True

    def is_answer_channel(self, channel_id: int, name: str | None) -> bool:
        return str(channel_id) in self.answer_channels or (
            name is not None and name.lower() in self.answer_channels
        )


def load_config(environ: Mapping[str, str]) -> Config:
    """Read DISCORD_TOKEN, ARCHIVARIS_DB, ARCHIVARIS_DB_REPLICAS, ARCHIVARIS_ANSWER_CHANNELS,
    ARCHIVARIS_DEV_GUILD, ARCHIVARIS_MAX_UPLOAD_MB, ARCHIVARIS_FEEDBACK, ARCHIVARIS_SHARDS
    and ARCHIVARIS_SYNC_COMMANDS; empty values count as unset. Raises ConfigError on bad
    values."""

    def get(name: str) -> str | None:
        value = (environ.get(name) or "").strip()
        return value or None

    channels = (get("ARCHIVARIS_ANSWER_CHANNELS") or "").split(",")
    db = _db(get("ARCHIVARIS_DB") or DEFAULT_DB)
    shards = _shards(get("ARCHIVARIS_SHARDS"))
    return Config(
        token=get("DISCORD_TOKEN"),
        db=db,
        answer_channels=frozenset(
            name.strip().lstrip("#").lower() for name in channels if name.strip().lstrip("#")
        ),
        dev_guild=_server_id(get("ARCHIVARIS_DEV_GUILD")),
        max_upload_bytes=_megabytes("ARCHIVARIS_MAX_UPLOAD_MB", get("ARCHIVARIS_MAX_UPLOAD_MB")),
        limits=import_limits(environ),
        feedback=_switch("ARCHIVARIS_FEEDBACK", get("ARCHIVARIS_FEEDBACK"), default=True),
        db_replicas=_replicas(db, get("ARCHIVARIS_DB_REPLICAS")),
        shards=shards,
        sync_commands=_switch(
            "ARCHIVARIS_SYNC_COMMANDS",
            get("ARCHIVARIS_SYNC_COMMANDS"),
            default=shards is None or 0 in shards.ids,
        ),
    )


def import_limits(environ: Mapping[str, str]) -> ImportLimits:
    """What one import may unpack, for the bot and the command line alike:
    ARCHIVARIS_MAX_FILE_MB (one article's file), ARCHIVARIS_MAX_UNPACKED_MB (all of a zip)
    and ARCHIVARIS_MAX_ZIP_ENTRIES; unset or empty values keep the defaults."""
    changes: dict[str, int] = {}
    for name, key in (
        ("ARCHIVARIS_MAX_FILE_MB", "max_file_bytes"),
        ("ARCHIVARIS_MAX_UNPACKED_MB", "max_unpacked_bytes"),
    ):
        if text := (environ.get(name) or "").strip():
            changes[key] = _megabytes(name, text)
    if entries := (environ.get("ARCHIVARIS_MAX_ZIP_ENTRIES") or "").strip():
        if not (entries.isdigit() and int(entries) > 0):
            raise ConfigError(
                f"ARCHIVARIS_MAX_ZIP_ENTRIES must be a whole number, not {entries!r}."
            )
        changes["max_zip_entries"] = int(entries)
    return ImportLimits(**changes)


def read_env_file(path: str | Path) -> dict[str, str]:
    """`KEY=value` lines of a `.env` file ({} if there is none), as python-dotenv reads them:
    quotes, `export`, and `# comments` after a value, which an operator copies from the
    example run_bot.py prints."""
    if not Path(path).is_file():
        return {}
    return {key: value for key, value in dotenv_values(path).items() if value is not None}


def _db(text: str) -> Path | str:
    """A PostgreSQL URI stays as written (a path would fold its //), anything else is a path."""
    return text if is_dsn(text) else Path(text)


def _replicas(db: Path | str, text: str | None) -> tuple[str, ...]:
    """The streaming replicas' URIs, comma-separated; only a PostgreSQL archive has them."""
    if text is None:
        return ()
    if not is_dsn(db):
        raise ConfigError(
            "ARCHIVARIS_DB_REPLICAS names replicas of a PostgreSQL database: set ARCHIVARIS_DB "
            "to its postgresql:// URI too."
        )
    replicas = tuple(part.strip() for part in text.split(",") if part.strip())
    for number, replica in enumerate(replicas, start=1):
        if not is_dsn(replica):
            # Not echoed: a connection string of another form may hold a password.
            raise ConfigError(
                "ARCHIVARIS_DB_REPLICAS takes postgresql:// URIs separated by commas; "
                f"replica {number} is not one."
            )
    return replicas


def _shards(text: str | None) -> Shards | None:
    """`IDS/COUNT`: this process's shards (numbers and ranges, comma-separated) of all."""
    if text is None:
        return None
    wanted, _, total = text.replace(" ", "").partition("/")
    spans = [
        (first, last if dash else first)
        for first, dash, last in (part.partition("-") for part in wanted.split(","))
    ]
    if not (total.isdigit() and int(total) > 0) or not all(
        first.isdigit() and last.isdigit() and int(first) <= int(last) for first, last in spans
    ):
        raise ConfigError(
            "ARCHIVARIS_SHARDS names this process's shards of all, such as 0-1/4 (shards 0 "
            f"and 1 of 4), 2/4 or 0,2/4; not {text!r}."
        )
    count = int(total)
    if any(int(last) >= count for _, last in spans):
        raise ConfigError(
            f"ARCHIVARIS_SHARDS={text}: there are {count} shards, numbered 0 to {count - 1}."
        )
    ids = {shard for first, last in spans for shard in range(int(first), int(last) + 1)}
    return Shards(tuple(sorted(ids)), count)


def _server_id(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.isdigit():
        raise ConfigError(
            f"ARCHIVARIS_DEV_GUILD must be a server id (digits), not {text!r}. In Discord, "
            "turn on Developer Mode, then right-click the server and choose Copy Server ID."
        )
    return int(text)


_ON = frozenset({"on", "yes", "true", "1", "aan", "ja"})
_OFF = frozenset({"off", "no", "false", "0", "uit", "nee"})


def _switch(name: str, text: str | None, default: bool) -> bool:
    if text is None:
        return default
    if text.lower() in _ON | _OFF:
        return text.lower() in _ON
    raise ConfigError(f"{name} must be on or off, not {text!r}.")


def _megabytes(name: str, text: str | None) -> int:
    if text is None:
        return DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 10_000:
        raise ConfigError(f"{name} must be a number of megabytes such as 25, not {text!r}.")
    return int(value * 1024 * 1024)
