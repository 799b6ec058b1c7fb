"""Running the `archivaris` command as a user does: a real process, a real archive."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Linux's prctl option and the capabilities that let root ignore file permissions.
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def run(
    db: str | Path,
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    confined: bool = False,
    largest_file: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`archivaris --db DB ARGS...`; `env` adds to (or overrides) the environment;
    `confined`: bound by file permissions even as root (`confine`), so a read-only folder
    is read-only to it; `largest_file`: the operating system refuses to let it write any
    file beyond that many bytes, as a full disk would."""
    steps = [step for step in (confine() if confined else None, _limited(largest_file)) if step]

    def before() -> None:
        for step in steps:
            step()

    return subprocess.run(
        argv(db, *args),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(**(env or {})),
        timeout=120,
        check=False,
        preexec_fn=before if steps else None,
    )


def argv(db: str | Path, *args: str) -> list[str]:
    """`archivaris --db DB ARGS...` as this Python runs it."""
    return [sys.executable, "-m", "bot.terminal.cli", "--db", str(db), *args]


def environment(**extra: str) -> dict[str, str]:
    """This environment without $ARCHIVARIS_DB (every test names its archive), and UTF-8."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **extra}
    env.pop("ARCHIVARIS_DB", None)
    return env


def confine():
    """What a child process runs before its command so that file permissions bind it.

    Tests run as root here, and root may write a read-only folder. The child keeps root's
    uid but drops, from its capability bounding set, the capabilities that override
    permissions, so the command it starts has them no more. Skips the test where that
    cannot be done (neither a normal user nor Linux).
    """
    if os.geteuid() != 0:
        return None
    if not sys.platform.startswith("linux"):
        pytest.skip("needs Linux to run a command as root bound by file permissions")
    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0):
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def _limited(size: int | None):
    if size is None:
        return None
    import resource  # Unix only, like the limit itself

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]
