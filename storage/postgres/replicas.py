"""Questions and browsing on streaming replicas, writes on the primary (ARCHIVARIS_DB_REPLICAS).

A streaming replica replays the primary's WAL a moment after each commit, so a read there
may miss what was just written. A process reads its own writes all the same (the member
who just uploaded asks about the upload): after each write it remembers how far the
primary's WAL reached (`wrote`), and a read on a replica first waits, up to WAIT seconds,
until the replica has replayed that far; a replica still behind then is passed over for
the primary. Another process's writes show on a replica once it has replayed them,
usually within milliseconds. A replica that cannot be reached rests for REST seconds
while the others, or the primary, answer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from storage.store import ArchiveError, shown

log = logging.getLogger(__name__)

# How long a read waits for a replica to replay this process's last write.
WAIT = 1.0
# How long a replica that could not be reached is left alone.
REST = 30.0
# How long a read waits for one of a replica's connections before it reads on the primary.
CONNECTION_WAIT = 2.0
# Where the primary's WAL reached: the end of every record inserted so far, this process's
# last commit included (pg_current_wal_lsn, the part written out, may not include it yet
# when commits do not wait for the disk: synchronous_commit = off).
WRITTEN = "SELECT pg_current_wal_insert_lsn()::text"
REPLAYED = "SELECT pg_last_wal_replay_lsn()::text"
_FIRST_PAUSE, _LONGEST_PAUSE = 0.002, 0.05


def position(lsn: str | None) -> int:
    """A WAL position ('16/B374D848') as a number to compare; 0 for none."""
    if not lsn:
        return 0
    high, _, low = lsn.partition("/")
    return int(high, 16) << 32 | int(low, 16)


@dataclass(eq=False)
class Replica:
    """One replica's connections and what this process knows of it."""

    name: str
    pool: ConnectionPool
    replayed: int = 0
    """The furthest WAL position it was seen to have replayed."""
    missed: int = 0
    """The furthest write position it did not reach within WAIT: reads needing no more
    than that do not wait for it again, they look once."""
    resting_until: float = 0.0


class Replicas:
    """The replicas of one archive, taking reads in turn."""

    def __init__(self, replicas: list[Replica], written: int) -> None:
        self.replicas = replicas
        self._lock = threading.Lock()
        self._turn = 0
        self._written = written

    def wrote(self, lsn: str | None) -> None:
        """A write of this process committed with the primary's WAL at `lsn`."""
        with self._lock:
            self._written = max(self._written, position(lsn))

    @contextmanager
    def reading(self) -> Iterator[psycopg.Connection | None]:
        """A connection to a replica that has replayed this process's writes, or None when
        none is to be had now: read on the primary then. A read that fails there for the
        replica's sake (a dropped connection, a conflict with replay) is swallowed here, so
        that the caller reads on the primary after the block."""
        replica = self._next()
        if replica is None:
            yield None
            return
        used: psycopg.Connection | None = None
        try:
            with replica.pool.connection(timeout=CONNECTION_WAIT) as used:
                yield used if self._caught_up(replica, used) else None
        except PoolTimeout as error:
            self._rest(replica, str(error))
        except psycopg.OperationalError as error:
            if used is None or used.broken:
                self._rest(replica, str(error))
            else:
                log.info(
                    "a read on replica %s failed (%s); reading on the primary",
                    replica.name,
                    " ".join(str(error).split()),
                )

    def _next(self) -> Replica | None:
        """The next replica in turn that is not resting."""
        now = time.monotonic()
        with self._lock:
            for _ in self.replicas:
                replica = self.replicas[self._turn % len(self.replicas)]
                self._turn += 1
                if replica.resting_until <= now:
                    return replica
        return None

    def _caught_up(self, replica: Replica, db: psycopg.Connection) -> bool:
        """Has `replica` replayed this process's last write? Waits for it up to WAIT seconds,
        unless it missed that write before. The look ends its own transaction, so the
        read's snapshot is taken after the replay it saw."""
        needed = self._written
        if needed <= replica.replayed:
            return True
        deadline = time.monotonic() + (0.0 if needed <= replica.missed else WAIT)
        pause = _FIRST_PAUSE
        while True:
            row = db.execute(REPLAYED).fetchone()
            db.rollback()
            replayed = position(row[0] if row else None)
            with self._lock:
                replica.replayed = max(replica.replayed, replayed)
            if replayed >= needed:
                return True
            if time.monotonic() >= deadline:
                if needed > replica.missed:
                    replica.missed = needed
                    log.info(
                        "replica %s had not replayed this process's last write within %g s; "
                        "reading on the primary until it has",
                        replica.name,
                        WAIT,
                    )
                return False
            time.sleep(pause)
            pause = min(2 * pause, _LONGEST_PAUSE)

    def _rest(self, replica: Replica, reason: str) -> None:
        replica.resting_until = time.monotonic() + REST
        log.warning(
            "replica %s cannot be reached (%s); reading elsewhere for %g s",
            replica.name,
            " ".join(reason.split()),
            REST,
        )

    def close(self) -> None:
        for replica in self.replicas:
            replica.pool.close()


def check_replica(dsn: str, primary: int) -> None:
    """Refuse, as an `ArchiveError`, a replica DSN that names no standby of the primary
    whose system identifier is `primary`: it would answer from another database."""
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as db:
        row = db.execute(
            "SELECT system_identifier, pg_is_in_recovery() FROM pg_control_system()"
        ).fetchone()
    assert row is not None
    system, recovering = row
    if system != primary or not recovering:
        reason = "not a streaming replica of ARCHIVARIS_DB's server" + (
            "" if recovering else " (pg_is_in_recovery() is false)"
        )
        raise ArchiveError("unreachable", shown(dsn), reason, reason=reason)


def system_identifier(db: psycopg.Connection) -> int:
    row = db.execute("SELECT system_identifier FROM pg_control_system()").fetchone()
    assert row is not None
    return int(row[0])
