"""The SQLite schema, as an append-only list of migrations.

`PRAGMA user_version` records how many have run. A new schema change is a new entry at the
end of MIGRATIONS; existing entries are never edited, so every archive on disk, however
old, reaches the same schema by running the ones it has not seen.
"""

from __future__ import annotations

import sqlite3

from storage.store import ArchiveError

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, passages, the FTS5 index over analysed passage text, BM25 statistics.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        scope INTEGER,
        title TEXT NOT NULL,
        source TEXT,
        agency TEXT,
        places TEXT NOT NULL DEFAULT '[]',
        dateline TEXT,
        url TEXT,
        published TEXT,
        published_ts INTEGER,
        time_known INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        file TEXT,
        added_by TEXT,
        added_at TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]'
    );
    CREATE UNIQUE INDEX articles_scope_hash ON articles (coalesce(scope, 0), body_hash);
    CREATE INDEX articles_hash ON articles (body_hash);
    CREATE INDEX articles_published ON articles (published_ts);

    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        terms TEXT NOT NULL,
        length INTEGER NOT NULL,
        UNIQUE (article_id, position)
    );

    CREATE VIRTUAL TABLE passages_fts USING fts5 (
        terms,
        content = 'passages',
        content_rowid = 'id',
        tokenize = "unicode61 remove_diacritics 0 tokenchars '.,'"
    );
    CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts (rowid, terms) VALUES (new.id, new.terms);
    END;
    CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts (passages_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
    END;

    CREATE TABLE terms (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE corpus (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        passages INTEGER NOT NULL,
        total_length INTEGER NOT NULL
    );
    INSERT INTO corpus (id, passages, total_length) VALUES (1, 0, 0);

    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: champion lists (storage/sqlite/champions.py): for each term in more than 256 passages,
    # the 256 where it weighs most, with their impact. Filled here from the full-text index
    # for archives that already hold passages; the impact and the list size are those of
    # storage/candidates.py.
    """
    CREATE TABLE champions (
        term TEXT NOT NULL,
        impact INTEGER NOT NULL,
        passage_id INTEGER NOT NULL,
        scope INTEGER,
        PRIMARY KEY (term, impact DESC, passage_id)
    ) WITHOUT ROWID;

    CREATE TABLE champion_floors (
        term TEXT PRIMARY KEY,
        impact INTEGER NOT NULL,
        passage_id INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE VIRTUAL TABLE temp.passage_terms USING fts5vocab (main, passages_fts, instance);

    CREATE TEMP TABLE ranked_postings AS
    WITH common AS (
        SELECT term FROM terms WHERE df > 256
    ),
    tf AS (
        SELECT v.term, v.doc, count(*) AS tf FROM temp.passage_terms v
        WHERE v.term IN common GROUP BY v.term, v.doc
    ),
    scored AS (
        SELECT tf.term, tf.doc,
               (400 * tf.tf * 40) / (8 * tf.tf * 40 + 3 * 40 + 9 * p.length) AS impact
        FROM tf JOIN passages p ON p.id = tf.doc
    )
    SELECT term, impact, doc,
           row_number() OVER (PARTITION BY term ORDER BY impact DESC, doc) AS n
    FROM scored;

    INSERT INTO champions (term, impact, passage_id, scope)
    SELECT r.term, r.impact, r.doc, a.scope
    FROM temp.ranked_postings r JOIN passages p ON p.id = r.doc
    JOIN articles a ON a.id = p.article_id
    WHERE r.n <= 256;

    INSERT INTO champion_floors (term, impact, passage_id)
    SELECT term, impact, doc FROM temp.ranked_postings WHERE n = 256;

    DROP TABLE temp.ranked_postings;
    DROP TABLE temp.passage_terms;
    """,
    # 3: the store writes the full-text index itself (storage/sqlite/write.py), not by triggers.
    # A trigger's insert runs inside a statement savepoint, and FTS5 flushes its pending
    # terms to a new index segment at every savepoint: one segment per passage, merged
    # again and again, made a big import three times slower than inserting the batch's
    # passages into the index in one statement. The index itself is unchanged.
    """
    DROP TRIGGER IF EXISTS passages_fts_insert;
    DROP TRIGGER IF EXISTS passages_fts_delete;
    """,
    # 4: champion lists only for terms in more than 512 passages (storage/candidates.py,
    # COMMON, says why); FTS5 scores the rarer ones over their whole posting lists.
    """
    DELETE FROM champions WHERE term IN (SELECT term FROM terms WHERE df <= 512);
    DELETE FROM champion_floors WHERE term IN (SELECT term FROM terms WHERE df <= 512);
    """,
    # 5: what list upkeep needs to know of a passage, in a table of its own. Building a
    # list read each of the term's passages from `passages` (whose rows carry the text)
    # and its article for the scope: two lookups in big tables per passage, 80% of the
    # time a new list took. Each list's length is kept beside its floor, so trimming a
    # list reads the few entries below its new floor instead of walking the whole list.
    """
    CREATE TABLE passage_stats (
        id INTEGER PRIMARY KEY REFERENCES passages (id) ON DELETE CASCADE,
        length INTEGER NOT NULL,
        scope INTEGER
    );
    INSERT INTO passage_stats (id, length, scope)
    SELECT p.id, p.length, a.scope FROM passages p JOIN articles a ON a.id = p.article_id;

    ALTER TABLE champion_floors ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
    UPDATE champion_floors
    SET listed = (SELECT count(*) FROM champions c WHERE c.term = champion_floors.term);
    """,
    # 6: what a citation and the visibility check read of an article, as a covering index.
    # An article's row carries its body, so each row fills a page of its own: a question's
    # hundred candidates read a hundred pages of `articles` (315 MB at 100,000 articles),
    # which a small server cannot keep in memory. The index holds the same columns in
    # 15 MB; candidate queries read it instead (storage/sqlite/candidates.py, _ARTICLE_JOIN).
    """
    CREATE INDEX articles_summary ON articles (
        id, scope, published_ts, source, title, agency, published, time_known, updated, file
    );
    """,
    # 7: duplicates are looked up through the unique index on (scope, hash) alone. Hashes
    # are random, so each new article dirtied a page of both hash indexes: 783 pages of
    # each per 1,000-article commit at 90,000 articles, a seventh of all it wrote.
    """
    DROP INDEX IF EXISTS articles_hash;
    """,
    # 8: members' votes on answers (storage/sqlite/votes.py, README "Privacy"): one per
    # member per answer, the member kept only as a digest (`voter`, storage/rows.py).
    # `at` is UTC text of one length, so it sorts as the time does.
    """
    CREATE TABLE votes (
        id INTEGER PRIMARY KEY,
        scope INTEGER,
        answer INTEGER NOT NULL,
        voter TEXT NOT NULL,
        question TEXT NOT NULL,
        asked_after TEXT NOT NULL DEFAULT '[]',
        article_ids TEXT NOT NULL DEFAULT '[]',
        helpful INTEGER NOT NULL,
        at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX votes_once ON votes (coalesce(scope, 0), answer, voter);
    CREATE INDEX votes_at ON votes (at);
    """,
)


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version reached.

    Each migration runs in its own transaction together with the version bump, so a crash
    mid-migration leaves the previous version intact. Another process may be creating or
    upgrading the same archive at the same moment: each migration reads the version again
    once it holds the write lock, and runs only if it is still due.
    """
    version = current_version(connection)
    while version < len(MIGRATIONS):
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = current_version(connection)
            if version < len(MIGRATIONS):
                for statement in _split(MIGRATIONS[version]):
                    if statement.strip():
                        connection.execute(statement)
                version += 1
                connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:  # SQLite rolls back itself on some errors
                connection.execute("ROLLBACK")
            raise
    return version


def current_version(connection: sqlite3.Connection) -> int:
    """The archive's schema version; one this Archivaris does not know is refused."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        path = connection.execute("PRAGMA database_list").fetchone()[2]
        raise ArchiveError("newer", path, schema=version, known=len(MIGRATIONS))
    return version


def _split(script: str) -> list[str]:
    """Statements of a script; triggers keep their inner semicolons."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current)
            current = ""
    if current.strip():
        statements.append(current)
    return statements
