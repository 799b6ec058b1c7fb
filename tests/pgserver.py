"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, a Unix
socket in that folder only (no TCP), trust authentication, stopped and deleted at the end;
and a streaming replica of one (`start_replica`: pg_basebackup -R, its own folder and socket).

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
_PREFIX = "archivaris-pg-"
# The process a server started for a test run belongs to (`start(owner=...)`).
_OWNER_FILE = "owner"


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


def why_no_replica() -> str | None:
    """Why a streaming replica cannot be started here, or None if it can."""
    return why_not() or (None if _program("pg_basebackup") else "pg_basebackup is not installed")


def start(
    durable: bool = False, settings: tuple[str, ...] = (), owner: int | None = None
) -> Server:
    """Start a server in a new temporary folder; `durable` keeps fsync and friends on
    (for benchmarks), `settings` adds `name=value` settings. With `owner` (a process id)
    the server belongs to that process, and `stop_orphans` stops it once the process is
    gone: a test run that is killed cannot stop its servers itself."""
    reason = why_not()
    if reason:
        raise RuntimeError(reason)
    folder, as_owner, user = _new_folder(owner)
    try:
        initdb = [_program("initdb"), "-D", str(folder / "data"), "-U", user, "--auth=trust"]
        _run([*as_owner, *initdb, "--encoding=UTF8", "--locale=C.UTF-8"])
        return _started(folder, as_owner, user, durable, settings)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def start_replica(
    primary: Server, settings: tuple[str, ...] = (), owner: int | None = None
) -> Server:
    """A hot standby streaming from `primary` (started here), in a new temporary folder:
    `pg_basebackup -R` copies the primary's data and writes the replication settings, and
    the standby then replays whatever the primary commits. Stop it before the primary.
    `owner` as for `start`."""
    reason = why_no_replica()
    if reason:
        raise RuntimeError(reason)
    folder, as_owner, user = _new_folder(owner)
    try:
        copy = [_program("pg_basebackup"), "-D", str(folder / "data"), "-R", "-X", "stream"]
        source = ["-h", str(primary.folder), "-U", user, "--checkpoint=fast"]
        _run([*as_owner, *copy, *source])
        return _started(folder, as_owner, user, False, settings)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _new_folder(owner: int | None = None) -> tuple[Path, list[str], str]:
    """A new temporary folder for a server, the command prefix that runs a program as its
    owner, and the name of the database user that owner is. `owner`, the process the
    server belongs to, is written into the folder (`_OWNER_FILE`)."""
    folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
    if owner is not None:
        (folder / _OWNER_FILE).write_text(str(owner))
    as_owner: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam(_OWNER)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", _OWNER, "--"]
    user = _OWNER if as_owner else pwd.getpwuid(os.geteuid()).pw_name
    return folder, as_owner, user


def _started(
    folder: Path, as_owner: list[str], user: str, durable: bool, settings: tuple[str, ...]
) -> Server:
    """Start the server whose data is in `folder`/data, listening on a socket in `folder`."""
    chosen = ("listen_addresses=''", "max_connections=200") if durable else _THROWAWAY
    options = " ".join(f"-c {s}" for s in (*chosen, *settings))
    data = folder / "data"
    pg_ctl = [_program("pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w"]
    _run([*as_owner, *pg_ctl, "-o", f"-k {folder} {options}", "start"])
    dsn = f"postgresql://{quote(user)}@/postgres?host={quote(str(folder), safe='/')}"
    return Server(folder=folder, dsn=dsn)


def _program(name: str) -> str | None:
    """A PostgreSQL program of the same version as initdb: beside it, beside what initdb
    links to (Debian's /usr/lib/postgresql/N/bin), or else on PATH."""
    bin_dir = binaries()
    if bin_dir is not None:
        for folder in (bin_dir, (bin_dir / "initdb").resolve().parent):
            if (folder / name).exists():
                return str(folder / name)
    return shutil.which(name)


def stop(folder: str | Path) -> None:
    """Stop the server started in `folder` (immediately: its data is thrown away) and
    delete the folder."""
    folder = Path(folder)
    pg_ctl = _program("pg_ctl")
    data = folder / "data"
    if pg_ctl is not None and (data / "postmaster.pid").exists():
        as_owner = ["runuser", "-u", _OWNER, "--"] if os.geteuid() == 0 else []
        subprocess.run(
            [*as_owner, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    shutil.rmtree(folder, ignore_errors=True)


def stop_orphans() -> list[Path]:
    """Stop and delete the servers whose owner process is gone (a test run killed before
    it could stop them), and say which. Servers without an owner, such as the one .ci/run
    starts from the shell, are left alone."""
    stopped = []
    for folder in sorted(Path(tempfile.gettempdir()).glob(_PREFIX + "*")):
        try:
            owner = int((folder / _OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if not _alive(owner):
            stop(folder)
            stopped.append(folder)
    return stopped


def _alive(pid: int) -> bool:
    """Whether process `pid` exists (another user's process may refuse the signal)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


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
