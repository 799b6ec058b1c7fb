"""Building and starting the bot: settings, `.env`, run_bot.py, and command registration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config, read_env_file

ROOT = Path(__file__).resolve().parent.parent


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
    ],
)
def test_bad_values_are_named(name: str, value: str):
    with pytest.raises(ConfigError, match=name):
        load_config({name: value})


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


def test_the_command_line_does_not_load_discord_py():
    code = "import sys, bot, bot.cli; print('discord' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"
