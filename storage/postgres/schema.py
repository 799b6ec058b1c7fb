"""The PostgreSQL schema, as an append-only list of migrations.

The row `schema` of `meta` records how many have run. As for SQLite (storage/sqlite/
schema.py), a change is a new entry at the end; entries are never edited. Each migration
runs in one transaction with its version bump, under the advisory lock every writer takes
first, so two processes opening a new archive at once migrate it once.

The tables mirror SQLite's, so both stores hold the same rows and give the same answers;
what SQLite's FTS5 index does is done by `passage_terms`: each passage's analysed terms as
term ids, with a GIN index to find the passages holding a set of terms.
"""

from __future__ import annotations

import psycopg

from storage.store import ArchiveError

MIGRATIONS: tuple[str, ...] = (
    # 1: the whole schema of SQLite's migration 7, with `passage_terms` for FTS5.
    """
    CREATE TABLE meta (
        key text PRIMARY KEY,
        value text NOT NULL
    );

    -- A small toast_tuple_target moves each body out of the row, so the rows that
    -- candidates and browsing read stay small and many fit a page.
    CREATE TABLE articles (
        id bigint PRIMARY KEY,
        scope bigint,
        title text NOT NULL,
        source text,
        agency text,
        places text NOT NULL DEFAULT '[]',
        dateline text,
        url text,
        published text,
        published_ts bigint,
        time_known smallint NOT NULL DEFAULT 0,
        updated smallint NOT NULL DEFAULT 0,
        body text NOT NULL,
        body_hash text NOT NULL,
        file text,
        added_by text,
        added_at text NOT NULL,
        warnings text NOT NULL DEFAULT '[]'
    ) WITH (toast_tuple_target = 128);
    CREATE UNIQUE INDEX articles_scope_hash ON articles (coalesce(scope, 0), body_hash);
    CREATE INDEX articles_published ON articles (published_ts);

    CREATE TABLE passages (
        id bigint PRIMARY KEY,
        article_id bigint NOT NULL,
        position integer NOT NULL,
        text text NOT NULL,
        terms text NOT NULL,
        length integer NOT NULL
    );
    CREATE INDEX passages_article ON passages (article_id);

    -- What search reads of a passage, narrow: its scope and length for scoring and list
    -- upkeep, and its terms (ids into `terms`, in text order) for the GIN index.
    CREATE TABLE passage_terms (
        id bigint PRIMARY KEY,
        scope bigint,
        length integer NOT NULL,
        terms integer[] NOT NULL
    );
    CREATE INDEX passage_terms_index ON passage_terms USING gin (terms);

    CREATE TABLE terms (
        term text COLLATE "C" PRIMARY KEY,
        id integer NOT NULL UNIQUE,
        df integer NOT NULL
    );

    CREATE TABLE corpus (
        id integer PRIMARY KEY CHECK (id = 1),
        passages bigint NOT NULL,
        total_length bigint NOT NULL
    );
    INSERT INTO corpus (id, passages, total_length) VALUES (1, 0, 0);

    CREATE TABLE champions (
        term text COLLATE "C" NOT NULL,
        impact integer NOT NULL,
        passage_id bigint NOT NULL,
        scope bigint
    );
    CREATE UNIQUE INDEX champions_order ON champions (term, impact DESC, passage_id);

    CREATE TABLE champion_floors (
        term text COLLATE "C" PRIMARY KEY,
        impact integer NOT NULL,
        passage_id bigint NOT NULL,
        listed integer NOT NULL
    );
    """,
    # 2: members' votes on answers, as SQLite's migration 8.
    """
    CREATE TABLE votes (
        id bigint PRIMARY KEY,
        scope bigint,
        answer bigint NOT NULL,
        voter text NOT NULL,
        question text NOT NULL,
        asked_after text NOT NULL DEFAULT '[]',
        article_ids text NOT NULL DEFAULT '[]',
        helpful smallint NOT NULL,
        at text COLLATE "C" NOT NULL
    );
    CREATE UNIQUE INDEX votes_once ON votes ((coalesce(scope, 0)), answer, voter);
    CREATE INDEX votes_at ON votes (at);
    """,
)

# The two keys of the transaction-level advisory lock every writer takes first
# (pg_advisory_xact_lock(int, int)): "arch" and the archive's corpus table, so archives
# in different schemas of one database do not wait for each other.
LOCK = "SELECT pg_advisory_xact_lock(1634890344, %s::regclass::oid::integer)"
_LOCK_BEFORE_SCHEMA = "SELECT pg_advisory_xact_lock(1634890344, 0)"


def migrate(db: psycopg.Connection, name: str) -> int:
    """Bring the schema up to date; returns the version reached. `db` is in autocommit
    mode; each migration is a transaction of its own. `name` is the archive's, as an
    `ArchiveError` shows it."""
    with db.transaction():
        db.execute(_LOCK_BEFORE_SCHEMA)
        version = current_version(db, name)
    for number in range(version + 1, len(MIGRATIONS) + 1):
        with db.transaction():
            db.execute(_LOCK_BEFORE_SCHEMA)
            if _version(db) >= number:
                continue
            db.execute(MIGRATIONS[number - 1])
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(number),),
            )
    return len(MIGRATIONS)


def current_version(db: psycopg.Connection, name: str) -> int:
    """The archive's schema version; one this Archivaris does not know is refused."""
    version = _version(db)
    if version > len(MIGRATIONS):
        raise ArchiveError("newer", name, schema=version, known=len(MIGRATIONS))
    return version


def _version(db: psycopg.Connection) -> int:
    """The schema version, read after the lock: pg_class itself, not to_regclass, whose
    cache an advisory lock does not renew (it would miss a table another process just
    created, and this one would create it again)."""
    (exists,) = db.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_class "
        "WHERE relname = 'meta' AND relnamespace = current_schema()::regnamespace)"
    ).fetchone()
    if not exists:
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return int(row[0]) if row else 0
