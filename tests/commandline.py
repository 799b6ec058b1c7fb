"""Running the `archivaris` command as a user does: a real process, a real archive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(
    db: str | Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`archivaris --db DB ARGS...`; `env` adds to (or overrides) the environment."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    env.pop("ARCHIVARIS_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.terminal.cli", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]
