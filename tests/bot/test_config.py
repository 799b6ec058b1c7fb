"""Building and starting the bot: settings, `.env`, run_bot.py, and command registration."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.ext import commands

import bot
from bot.config import Config, ConfigError, Shards, load_config, read_env_file
from run_bot import HOW_TO
from storage.archive import Archive
from storage.models import ImportLimits
from tests.botworld import World, reply_to, response_to, text_of

ROOT = Path(__file__).resolve().parents[2]


def test_load_config_reads_every_setting():
    config = load_config(
        {
            "DISCORD_TOKEN": " geheim ",
            "ARCHIVARIS_DB": "/data/archief.db",
            "ARCHIVARIS_ANSWER_CHANNELS": "#Vragen, nieuws-vragen,,123456789012345678",
            "ARCHIVARIS_DEV_GUILD": "987654321098765432",
            "ARCHIVARIS_MAX_UPLOAD_MB": "8.5",
        }
    )
    assert config == Config(
        token="geheim",
        db=Path("/data/archief.db"),
        answer_channels=frozenset({"vragen", "nieuws-vragen", "123456789012345678"}),
        dev_guild=987654321098765432,
        max_upload_bytes=int(8.5 * 1024 * 1024),
    )
    assert config.is_answer_channel(1, "VRAGEN") and config.is_answer_channel(
        123456789012345678, "x"
    )
    assert not config.is_answer_channel(2, "algemeen")
    assert "geheim" not in repr(config)


def test_a_postgresql_database_is_kept_as_written():
    """A path would fold the URI's // and the bot would open an SQLite file of that name."""
    for dsn in ("postgresql://archief@db.lan/archivaris", "postgres://archief@/nieuws?host=/run"):
        assert load_config({"ARCHIVARIS_DB": f" {dsn} "}).db == dsn
    assert load_config({"ARCHIVARIS_DB": "postgresql.db"}).db == Path("postgresql.db")


@pytest.mark.parametrize(
    ("written", "ids", "count", "syncs"),
    [
        ("0-1/4", (0, 1), 4, True),
        ("2/4", (2,), 4, False),
        ("0,2/4", (0, 2), 4, True),
        (" 1-2, 5 / 6", (1, 2, 5), 6, False),
        ("0/1", (0,), 1, True),
    ],
)
def test_shards_name_this_processs_shards_and_shard_0_syncs_the_commands(
    written: str, ids: tuple[int, ...], count: int, syncs: bool
):
    config = load_config({"ARCHIVARIS_SHARDS": written})
    assert config.shards == Shards(ids, count)
    assert config.sync_commands is syncs


def test_one_process_syncs_unless_told_and_any_process_may_be_told():
    assert load_config({}).shards is None and load_config({}).sync_commands
    assert not load_config({"ARCHIVARIS_SYNC_COMMANDS": "no"}).sync_commands
    told = {"ARCHIVARIS_SHARDS": "3/4", "ARCHIVARIS_SYNC_COMMANDS": "1"}
    assert load_config(told).sync_commands
    assert not load_config(
        {**told, "ARCHIVARIS_SHARDS": "0/4", "ARCHIVARIS_SYNC_COMMANDS": "0"}
    ).sync_commands


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("4/4", "there are 4 shards, numbered 0 to 3"),
        ("0-1", "such as 0-1/4"),
        ("alle", "such as 0-1/4"),
        ("0-/4", "such as 0-1/4"),
        ("2-1/4", "such as 0-1/4"),
        ("0,,1/4", "such as 0-1/4"),
        ("0/0", "such as 0-1/4"),
        ("-1/4", "such as 0-1/4"),
        ("0-99999999999/4", "there are 4 shards"),
    ],
)
def test_shards_that_cannot_be_are_named(written: str, said: str):
    with pytest.raises(ConfigError, match="ARCHIVARIS_SHARDS") as refused:
        load_config({"ARCHIVARIS_SHARDS": written})
    assert said in str(refused.value)


def test_replicas_are_postgresql_uris_beside_a_postgresql_archive():
    primary = "postgresql://archief:geheim@db.lan/archivaris"
    config = load_config(
        {
            "ARCHIVARIS_DB": primary,
            "ARCHIVARIS_DB_REPLICAS": "postgresql://archief@kopie1/archivaris, "
            "postgres://archief@kopie2/archivaris,",
        }
    )
    assert config.db_replicas == (
        "postgresql://archief@kopie1/archivaris",
        "postgres://archief@kopie2/archivaris",
    )
    with pytest.raises(ConfigError, match="set ARCHIVARIS_DB to its postgresql:// URI"):
        load_config({"ARCHIVARIS_DB_REPLICAS": "postgresql://archief@kopie1/archivaris"})
    with pytest.raises(ConfigError, match="ARCHIVARIS_DB_REPLICAS") as refused:
        load_config({"ARCHIVARIS_DB": primary, "ARCHIVARIS_DB_REPLICAS": "host=k password=geheim"})
    assert "geheim" not in str(refused.value)
    with pytest.raises(ConfigError, match="ARCHIVARIS_SYNC_COMMANDS"):
        load_config({"ARCHIVARIS_SYNC_COMMANDS": "misschien"})


def test_defaults_and_empty_values():
    assert load_config({}) == load_config({"DISCORD_TOKEN": "", "ARCHIVARIS_DEV_GUILD": " "})
    config = load_config({})
    assert config.token is None and config.db == Path("archivaris.db")
    assert config.answer_channels == frozenset() and config.dev_guild is None
    assert config.max_upload_bytes == 25 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ARCHIVARIS_DEV_GUILD", "mijn-server"),
        ("ARCHIVARIS_MAX_UPLOAD_MB", "veel"),
        ("ARCHIVARIS_MAX_UPLOAD_MB", "-1"),
        ("ARCHIVARIS_MAX_UPLOAD_MB", "nan"),
        ("ARCHIVARIS_FEEDBACK", "misschien"),
    ],
)
def test_bad_values_are_named(name: str, value: str):
    with pytest.raises(ConfigError, match=name):
        load_config({name: value})


def test_feedback_is_on_unless_the_operator_turns_it_off():
    assert load_config({}).feedback and load_config({"ARCHIVARIS_FEEDBACK": " "}).feedback
    for off in ("off", "OFF", " uit ", "false", "0", "no"):
        assert not load_config({"ARCHIVARIS_FEEDBACK": off}).feedback, off
    for on in ("on", "Aan", "true", "1", "yes"):
        assert load_config({"ARCHIVARIS_FEEDBACK": on}).feedback, on


def test_env_files(tmp_path: Path):
    env = tmp_path / ".env"
    env.write_text(
        "# instellingen\n"
        "DISCORD_TOKEN='abc.def'\n"
        'export ARCHIVARIS_DB="archief met spatie.db"\n'
        "\n"
        "ARCHIVARIS_ANSWER_CHANNELS = vragen\n"
        "geen regel\n",
        encoding="utf-8",
    )
    assert read_env_file(env) == {
        "DISCORD_TOKEN": "abc.def",
        "ARCHIVARIS_DB": "archief met spatie.db",
        "ARCHIVARIS_ANSWER_CHANNELS": "vragen",
    }
    assert read_env_file(tmp_path / "bestaat-niet") == {}


def test_the_example_env_that_run_bot_prints_works_when_copied(tmp_path: Path):
    """Its lines carry `# comments` after the values; they must not become part of them."""
    example = [line.strip() for line in HOW_TO.splitlines() if "=" in line and "#" in line]
    assert example, "run_bot.py's help shows an example .env"
    env = tmp_path / ".env"
    env.write_text("\n".join(example) + "\n", encoding="utf-8")
    values = read_env_file(env)
    assert values["DISCORD_TOKEN"] == "your-bot-token"
    assert values["ARCHIVARIS_DB"] == "archivaris.db"
    assert values["ARCHIVARIS_ANSWER_CHANNELS"] == "vragen"
    config = load_config(values)
    assert config.db == Path("archivaris.db") and config.answer_channels == {"vragen"}


def test_the_command_line_does_not_load_discord_py():
    code = "import sys, bot, bot.terminal.cli; print('discord' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


# run_bot.py with discord.py pointed at a closed port: a start that got as far as logging in
# fails there, never reaching Discord.
_OFFLINE = (
    "import runpy, discord.http; discord.http.Route.BASE = 'http://127.0.0.1:9/api/v10'; "
    f"runpy.run_path({str(ROOT / 'run_bot.py')!r}, run_name='__main__')"
)


def _run_bot(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "ARCHIVARIS"))}
    return subprocess.run(
        [sys.executable, "-c", _OFFLINE],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


def test_run_bot_without_a_token_says_what_to_set(tmp_path: Path):
    result = _run_bot(tmp_path)
    assert result.returncode == 2
    assert "DISCORD_TOKEN=" in result.stderr and "archivaris chat" in result.stderr
    assert "ARCHIVARIS_ANSWER_CHANNELS" in result.stderr


def test_run_bot_reads_a_dot_env_file(tmp_path: Path):
    (tmp_path / ".env").write_text("DISCORD_TOKEN=x\nARCHIVARIS_DEV_GUILD=mijn-server\n")
    result = _run_bot(tmp_path)
    assert result.returncode == 2
    assert "ARCHIVARIS_DEV_GUILD must be a server id" in result.stderr


async def _outdated(db: Path) -> None:
    async with await Archive.open(db):
        pass
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = 'dutch_porter/v0' WHERE key = 'analyzer'")


@pytest.mark.parametrize(
    ("problem", "said"),
    [
        ("analyser", "was indexed with another language analysis (dutch_porter/v0)"),
        ("newer", "was written by a newer version of Archivaris (schema 99;"),
        ("damaged", "is not an Archivaris archive, or it is damaged."),
        ("unreachable", "cannot be reached: "),
    ],
)
def test_run_bot_on_an_archive_it_cannot_use_says_why_in_one_line(
    tmp_path: Path, problem: str, said: str
):
    """Before it connects to Discord: an outdated, newer or damaged archive used to end in
    a traceback from the bot's setup, after logging in."""
    db: str | Path = tmp_path / "archief.db"
    if problem == "analyser":
        asyncio.run(_outdated(db))
    elif problem == "newer":
        with sqlite3.connect(db) as connection:
            connection.execute("PRAGMA user_version = 99")
    elif problem == "damaged":
        db.write_text("Dit is geen archief.\n", encoding="utf-8")
    else:
        db = f"postgresql://archivaris@/archief?host={tmp_path / 'geen-server'}"
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN=x\nARCHIVARIS_DB={db}\n", encoding="utf-8")
    result = _run_bot(tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"run_bot: {db} {said}"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_create_bot_builds_without_connecting():
    client = bot.create_bot(bot.load_config({"DISCORD_TOKEN": "x"}))
    assert isinstance(client, commands.Bot)
    assert client.intents.message_content and client.intents.guild_messages
    assert client.allowed_mentions is not None
    assert client.allowed_mentions.to_dict() == {"parse": []}
    assert client.user is None and not client.is_ready()


async def test_commands_sync_to_the_development_server(server: World, run_bot: Any):
    fake = server.fake
    async with run_bot(server.make_bot(ARCHIVARIS_DEV_GUILD=str(server.guild.id))):
        [synced] = [a for a in fake.actions if a.kind == "commands_sync"]
        assert synced.guild_id == server.guild.id
        assert fake.registered_commands() == []
        names = {c["name"] for c in fake.registered_commands(server.guild)}
        assert names == {"ask", "recent", "article", "upload", "delete", "stats"}
        inter = await fake.invoke_command(
            server.guild, server.chat, server.reader, "ask", {"question": "Wie won het NK?"}
        )
        await response_to(fake, inter)
    fake.assert_clean()


async def test_a_development_server_the_bot_is_not_in_stops_it_clearly(server: World, run_bot: Any):
    with pytest.raises(RuntimeError, match="ARCHIVARIS_DEV_GUILD=12345678901234567"):
        async with run_bot(server.make_bot(ARCHIVARIS_DEV_GUILD="12345678901234567")):
            pass


async def test_commands_are_described_in_dutch_and_english(server: World, run_bot: Any):
    fake = server.fake
    async with run_bot(server.make_bot()):
        registered = {c["name"]: c for c in fake.registered_commands()}
    ask = registered["ask"]
    assert ask["description"] == "Stel een vraag over het nieuws in het archief"
    assert (
        ask["description_localizations"]["en-GB"] == "Ask a question about the news in the archive"
    )
    assert [o["name"] for o in ask["options"]] == ["question", "since", "until", "source"]
    assert [o["name"] for o in registered["upload"]["options"]] == ["file"]
    assert all(c["contexts"] == [0] for c in registered.values())


async def test_a_thread_of_an_answer_channel_named_by_id(server: World, run_bot: Any):
    fake = server.fake
    async with run_bot(server.make_bot(ARCHIVARIS_ANSWER_CHANNELS=str(server.chat.id))):
        thread = await fake.create_thread(server.chat, "nieuws", owner=server.reader)
        sent = await fake.send_message(
            server.guild, thread, server.reader, "Wat zei Stoltenberg over kernwapens?"
        )
        assert "Stoltenberg" in text_of((await reply_to(fake, sent)).message or {})
    assert discord.utils.get(fake.actions, kind="typing") is not None
    fake.assert_clean()


def test_import_limits_come_from_the_environment():
    config = load_config(
        {
            "ARCHIVARIS_MAX_FILE_MB": "0.5",
            "ARCHIVARIS_MAX_UNPACKED_MB": "50",
            "ARCHIVARIS_MAX_ZIP_ENTRIES": "300",
        }
    )
    assert config.limits.max_file_bytes == 512 * 1024
    assert config.limits.max_unpacked_bytes == 50 * 1024 * 1024
    assert config.limits.max_zip_entries == 300
    assert load_config({}).limits == ImportLimits()
    with pytest.raises(ConfigError, match="ARCHIVARIS_MAX_ZIP_ENTRIES"):
        load_config({"ARCHIVARIS_MAX_ZIP_ENTRIES": "veel"})
    with pytest.raises(ConfigError, match="ARCHIVARIS_MAX_FILE_MB"):
        load_config({"ARCHIVARIS_MAX_FILE_MB": "-1"})
