"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, a Unix
socket in that folder only (no TCP), trust authentication, stopped and deleted at the end.

The PostgreSQL tests use it when no server is named (ARCHIVARIS_TEST_POSTGRES) and the
binaries are here, so a developer gets them with no setup; .ci/run starts one the same way:

    eval "$(python -m tests.pgserver start)"    # exports ARCHIVARIS_TEST_POSTGRES, ..._FOLDER
    python -m tests.pgserver stop "$ARCHIVARIS_TEST_POSTGRES_FOLDER"

initdb refuses to run as root, so as root the server runs as the `postgres` user that
Debian's packages create. Standard library only: .ci/run calls it before any install.
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

# Settings for a server whose data may be lost: nothing waits for the disk.
_THROWAWAY = (
    "listen_addresses=''",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=200",
)
_OWNER = "postgres"


@dataclass(frozen=True)
class Server:
    folder: Path
    dsn: str


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or where Debian puts them."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl", path=str(Path(found).parent)):
        return Path(found).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(versions[-1]).parent if versions else None


def why_not() -> str | None:
    """Why a throwaway server cannot be started here, or None if it can."""
    if binaries() is None:
        return "PostgreSQL's initdb is not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(_OWNER)
        except KeyError:
            return f"running as root, and there is no {_OWNER!r} user to run initdb as"
    return None


def start(durable: bool = False, settings: tuple[str, ...] = ()) -> Server:
    """Start a server in a new temporary folder; `durable` keeps fsync and friends on
    (for benchmarks), `settings` adds `name=value` settings."""
    reason = why_not()
    if reason:
        raise RuntimeError(reason)
    bin_dir = binaries()
    assert bin_dir is not None
    folder = Path(tempfile.mkdtemp(prefix="archivaris-pg-"))
    data = folder / "data"
    as_owner: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam(_OWNER)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", _OWNER, "--"]
    user = _OWNER if as_owner else pwd.getpwuid(os.geteuid()).pw_name
    try:
        initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", user, "--auth=trust"]
        _run([*as_owner, *initdb, "--encoding=UTF8", "--locale=C.UTF-8"])
        chosen = ("listen_addresses=''", "max_connections=200") if durable else _THROWAWAY
        options = " ".join(f"-c {s}" for s in (*chosen, *settings))
        pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w"]
        _run([*as_owner, *pg_ctl, "-o", f"-k {folder} {options}", "start"])
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    dsn = f"postgresql://{quote(user)}@/postgres?host={quote(str(folder), safe='/')}"
    return Server(folder=folder, dsn=dsn)


def stop(folder: str | Path) -> None:
    """Stop the server started in `folder` (immediately: its data is thrown away) and
    delete the folder."""
    folder = Path(folder)
    bin_dir = binaries()
    data = folder / "data"
    if bin_dir is not None and (data / "postmaster.pid").exists():
        as_owner = ["runuser", "-u", _OWNER, "--"] if os.geteuid() == 0 else []
        subprocess.run(
            [*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    shutil.rmtree(folder, ignore_errors=True)


def in_schema(dsn: str, schema: str) -> str:
    """`dsn` with `schema` first on the search path: an archive of its own in one database."""
    parts = urlsplit(dsn)
    option = urlencode({"options": f"-csearch_path={schema}"})
    query = f"{parts.query}&{option}" if parts.query else option
    return urlunsplit(parts._replace(query=query))


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{shlex.join(command)} failed:\n{done.stdout}{done.stderr}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["start"]:
        server = start(durable="--durable" in argv[1:])
        print(f"export ARCHIVARIS_TEST_POSTGRES={shlex.quote(server.dsn)}")
        print(f"export ARCHIVARIS_TEST_POSTGRES_FOLDER={shlex.quote(str(server.folder))}")
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        stop(argv[1])
        return 0
    print("usage: python -m tests.pgserver start [--durable] | stop FOLDER", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
