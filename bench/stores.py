"""The stores a benchmark runs on: SQLite always, and PostgreSQL beside it when `--db`
names a database (postgresql://...). Each PostgreSQL archive a benchmark makes is a
schema of its own in that database, dropped afterwards, so nothing already there is
touched."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode, urlsplit, urlunsplit


@contextmanager
def scratch_schema(dsn: str, keep: bool = False) -> Iterator[str]:
    """A DSN for a new, empty archive in a schema of its own, dropped on leaving
    (unless `keep`)."""
    import psycopg

    schema = f"archivaris_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    try:
        parts = urlsplit(dsn)
        option = urlencode({"options": f"-csearch_path={schema}"})
        query = f"{parts.query}&{option}" if parts.query else option
        yield urlunsplit(parts._replace(query=query))
    finally:
        if not keep:
            with psycopg.connect(dsn, autocommit=True) as db:
                db.execute(f"DROP SCHEMA {schema} CASCADE")


def schema_bytes(dsn: str) -> int:
    """What the archive in `dsn`'s schema takes on the server: its tables, indexes and
    their TOAST."""
    import psycopg

    with psycopg.connect(dsn) as db:
        (size,) = db.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
        ).fetchone()
    return int(size)
