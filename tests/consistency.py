"""What "nothing lost, nothing half-stored" means for an archive file, as one check."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path


def assert_consistent(db: Path) -> None:
    """The file is sound and every derived structure agrees with the articles it came from."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")
        bare = connection.execute(
            "SELECT count(*) FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id)"
        ).fetchone()[0]
        assert bare == 0, f"{bare} articles have no passages"

        df: Counter[str] = Counter()
        total = count = 0
        for terms, length in connection.execute("SELECT terms, length FROM passages"):
            df.update(set(terms.split()))
            total += length
            count += 1
        assert dict(connection.execute("SELECT term, df FROM terms")) == dict(df)
        assert connection.execute("SELECT passages, total_length FROM corpus").fetchone() == (
            count,
            total,
        )
    finally:
        connection.close()
