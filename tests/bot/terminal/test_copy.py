"""`archivaris` on PostgreSQL (import, ask, stats, delete, chat, backup), and `archivaris
copy` between the stores both ways: the copy holds the same rows, answers every question
the same, and is consistent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests import corpus
from tests.commandline import lines, run
from tests.consistency import assert_consistent, assert_postgres_consistent
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


def test_a_backup_without_pg_dump_says_how_to_make_one(
    tmp_path: Path, articles: Path, postgres_dsn: str
) -> None:
    assert run(postgres_dsn, "import", str(articles / "navo.txt")).returncode == 0
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {"PATH": str(bare)}
    result = run(postgres_dsn, "backup", "--lang", "en", str(tmp_path / "a.dump"), env=env)
    assert result.returncode == 1
    assert "pg_dump is not installed" in result.stderr and "pg_restore" in result.stderr
    assert not (tmp_path / "a.dump").exists()
