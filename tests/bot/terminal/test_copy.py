"""`archivaris` on PostgreSQL (import, ask, stats, delete, chat, backup), and `archivaris
copy` between the stores both ways: the copy holds the same rows, answers every question
the same, and is consistent."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests import corpus
from tests.commandline import lines, run
from tests.consistency import assert_consistent, assert_postgres_consistent
from tests.fixtures import postgres_schema
from tests.storage.sqlite.test_crash import write_articles

QUESTION = "Wat zei Stoltenberg over kernwapens?"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = corpus.write_folder(tmp_path / "artikelen")
    write_articles(tmp_path / "meer", 700)
    for path in (tmp_path / "meer").iterdir():
        os.replace(path, folder / path.name)
    return folder


def test_the_command_works_on_a_postgresql_database(articles: Path, postgres_dsn: str) -> None:
    imported = run(postgres_dsn, "import", "--json", str(articles))
    assert imported.returncode == 0, imported.stderr
    assert {v["status"] for v in lines(imported.stdout)} == {"added"}
    [answer] = lines(run(postgres_dsn, "ask", "--json", QUESTION).stdout)
    assert answer["hits"][0]["file"] == "navo.txt"
    stats = json.loads(run(postgres_dsn, "stats", "--json").stdout)
    assert stats["articles"] == 705 and stats["database_bytes"] > 0
    assert run(postgres_dsn, "delete", str(answer["hits"][0]["article_id"])).returncode == 0
    assert json.loads(run(postgres_dsn, "stats", "--json").stdout)["articles"] == 704


def test_chat_on_a_postgresql_database_answers_from_it_not_from_the_demo(
    articles: Path, postgres_dsn: str
) -> None:
    assert run(postgres_dsn, "import", str(articles / "wolf.txt")).returncode == 0
    result = run(postgres_dsn, "chat", stdin="/recent\n/stop\n")
    assert result.returncode == 0, result.stderr
    assert "Daarle" in result.stdout and "demo" not in result.stderr


def test_an_archive_in_postgresql_indexed_by_another_analyser_is_reindexed(
    articles: Path, postgres_dsn: str
) -> None:
    """The refusal names the command to run, the URI quoted for the shell."""
    import psycopg

    assert run(postgres_dsn, "import", str(articles / "navo.txt")).returncode == 0
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        db.execute("UPDATE meta SET value = 'dutch_porter/v0' WHERE key = 'analyzer'")
    refused = run(postgres_dsn, "ask", "--lang", "en", QUESTION)
    assert refused.returncode == 1
    assert refused.stderr.endswith(f"archivaris --db '{postgres_dsn}' reindex\n"), refused.stderr
    assert "(dutch_porter/v0)" in refused.stderr and refused.stderr.count("\n") == 1
    assert run(postgres_dsn, "reindex").returncode == 0
    [answer] = lines(run(postgres_dsn, "ask", "--json", QUESTION).stdout)
    assert answer["hits"][0]["file"] == "navo.txt"
    assert_postgres_consistent(postgres_dsn)


@contextmanager
def role(dsn: str, *grants: str) -> Iterator[str]:
    """`dsn` as a new login role that may do what `grants` (statements with {role}) say,
    dropped afterwards."""
    import psycopg

    name = f"lezer_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(f"CREATE ROLE {name} LOGIN")
        for grant in grants:
            db.execute(grant.format(role=name))
    parts = urlsplit(dsn)
    try:
        yield urlunsplit(parts._replace(netloc=f"{name}@{parts.netloc.rpartition('@')[2]}"))
    finally:
        with psycopg.connect(dsn, autocommit=True) as db:
            db.execute(f"DROP OWNED BY {name}")
            db.execute(f"DROP ROLE {name}")


def test_an_archive_in_postgresql_that_cannot_be_used_gets_one_line_and_exit_1(
    tmp_path: Path, articles: Path, postgres_dsn: str, postgres_server: str
) -> None:
    import psycopg

    def refused(dsn: str, *args: str) -> str:
        result = run(dsn, *args, "--lang", "en")
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.count("\n") == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr and "postgres:" not in result.stderr
        return result.stderr

    parts = urlsplit(postgres_dsn)
    nowhere = urlunsplit(parts._replace(query=f"host={tmp_path / 'geen-server'}"))
    said = refused(nowhere, "stats")
    assert said.startswith(f"archivaris: {nowhere} cannot be reached: "), said

    secret = urlunsplit(parts._replace(netloc=f"postgres:geheim@{parts.netloc.split('@')[1]}"))
    assert "geheim" not in refused(secret.replace("/postgres?", "/bestaat_niet?"), "stats")

    assert run(postgres_dsn, "import", str(articles / "navo.txt")).returncode == 0
    schema = dict(p.split("=", 1) for p in parts.query.split("&"))["options"].rpartition("%3D")[2]
    usage = f"GRANT USAGE ON SCHEMA {schema} TO {{role}}"
    with role(postgres_dsn, usage) as stranger:
        said = refused(stranger, "stats")
        assert f"{stranger}: this database user may not do that: " in said, said
        assert "permission denied" in said
    with role(
        postgres_dsn,
        usage,
        f"GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO {{role}}",
        "ALTER ROLE {role} SET default_transaction_read_only = on",
    ) as reader:
        [answer] = lines(run(reader, "ask", "--json", QUESTION).stdout)
        assert answer["hits"][0]["file"] == "navo.txt"
        said = refused(reader, "delete", "1")
        assert said.startswith(f"archivaris: {reader} cannot be changed: "), said

    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        db.execute("DROP TABLE meta, articles, passages, passage_terms, terms, corpus CASCADE")
        db.execute("DROP TABLE champions, champion_floors")
        db.execute("CREATE TABLE meta (instelling text)")
    said = refused(postgres_dsn, "stats")
    assert "is not an Archivaris archive, or it is damaged" in said, said


def test_a_postgresql_uri_without_the_driver_says_how_to_install_it(
    tmp_path: Path, postgres_dsn: str
) -> None:
    (tmp_path / "psycopg.py").write_text("raise ImportError('not installed here')\n")
    result = run(postgres_dsn, "stats", "--lang", "en", env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr == (
        f"archivaris: {postgres_dsn} is a PostgreSQL database, which needs its driver: "
        "pip install 'archivaris[postgres]'\n"
    )


def test_a_copy_moves_an_archive_into_postgresql_and_back(
    tmp_path: Path, articles: Path, postgres_dsn: str
) -> None:
    original, back = tmp_path / "archief.db", tmp_path / "terug.db"
    assert run(original, "import", str(articles)).returncode == 0
    own = tmp_path / "eigen.txt"
    own.write_text(corpus.page(["Een eigen bericht over de wolf in Daarle."]), encoding="utf-8")
    assert run(original, "import", "--scope", "42", str(own)).returncode == 0
    assert run(original, "delete", "3").returncode == 0

    there = run(postgres_dsn, "copy", "--lang", "en", str(original), postgres_dsn)
    assert there.returncode == 0, there.stderr
    assert "Copied 705 articles" in there.stdout and "50 questions" in there.stdout
    assert "Checked: every count matches" in there.stdout
    assert_postgres_consistent(postgres_dsn)

    home = run(back, "copy", "--lang", "en", postgres_dsn, str(back))
    assert home.returncode == 0, home.stderr
    assert "Checked: every count matches" in home.stdout
    assert_consistent(back)
    answers = [lines(run(db, "ask", "--json", QUESTION).stdout) for db in (original, back)]
    answers.append(lines(run(postgres_dsn, "ask", "--json", QUESTION).stdout))
    for answer in answers:
        answer[0].pop("took_ms")
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0]["hits"][0]["file"] == "navo.txt"
    for db in (original, postgres_dsn, back):
        shown = json.loads(run(db, "show", "--json", "--scope", "42", "706").stdout)
        assert shown["scope"] == 42 and shown["file"] == "eigen.txt"
        assert run(db, "show", "3").returncode == 1


def test_a_copy_refuses_an_archive_that_holds_articles_unless_told(
    tmp_path: Path, articles: Path, postgres_dsn: str
) -> None:
    original = tmp_path / "archief.db"
    assert run(original, "import", str(articles / "navo.txt")).returncode == 0
    assert run(postgres_dsn, "import", str(articles / "wolf.txt")).returncode == 0

    refused = run(postgres_dsn, "copy", "--lang", "en", str(original), postgres_dsn)
    assert refused.returncode == 1
    assert "already holds articles" in refused.stderr and "--replace" in refused.stderr

    replaced = run(postgres_dsn, "copy", "--replace", str(original), postgres_dsn)
    assert replaced.returncode == 0, replaced.stderr
    files = [a["file"] for a in lines(run(postgres_dsn, "recent", "--json").stdout)]
    assert files == ["navo.txt"]
    assert_postgres_consistent(postgres_dsn)


def test_a_backup_pg_dump_cannot_make_says_why_and_leaves_no_file(
    tmp_path: Path, articles: Path, postgres_dsn: str
) -> None:
    """Without pg_dump, how to make one; when pg_dump fails (a full disk), its reason."""
    assert run(postgres_dsn, "import", str(articles / "navo.txt")).returncode == 0
    bare, target = tmp_path / "bin", tmp_path / "a.dump"
    bare.mkdir()
    env = {"PATH": str(bare)}
    result = run(postgres_dsn, "backup", "--lang", "en", str(target), env=env)
    assert result.returncode == 1
    assert "pg_dump is not installed" in result.stderr and "pg_restore" in result.stderr
    assert not target.exists()

    failing = bare / "pg_dump"
    failing.write_text("#!/bin/sh\necho 'pg_dump: error: could not write: No space' >&2\nexit 1\n")
    failing.chmod(0o755)
    result = run(postgres_dsn, "backup", "--lang", "en", str(target), env=env)
    assert result.returncode == 1
    assert result.stderr == (
        f"archivaris: {target} could not be written: pg_dump: error: could not write: No space.\n"
    )
    assert not target.exists()


def test_a_copy_onto_its_source_under_another_uri_is_refused_and_empties_nothing(
    articles: Path, postgres_dsn: str, postgres_server: str
) -> None:
    """Two URIs that name one database and schema are one archive, which --replace would
    empty; another schema of the same database is another archive."""
    assert run(postgres_dsn, "import", str(articles / "navo.txt")).returncode == 0
    spelled_otherwise = f"{postgres_dsn}&application_name=archivaris-copy"

    refused = run(postgres_dsn, "copy", "--replace", postgres_dsn, spelled_otherwise)
    assert refused.returncode == 2, refused.stdout
    assert "hetzelfde archief" in refused.stderr and refused.stderr.count("\n") == 1
    files = [a["file"] for a in lines(run(postgres_dsn, "recent", "--json").stdout)]
    assert files == ["navo.txt"]

    with postgres_schema(postgres_server) as other:
        copied = run(postgres_dsn, "copy", postgres_dsn, other)
        assert copied.returncode == 0, copied.stderr
        assert [a["file"] for a in lines(run(other, "recent", "--json").stdout)] == files
