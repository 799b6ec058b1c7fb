"""The mistakes a user makes at the command line: each ends in one clear line and a non-zero
exit status, and changes nothing it should not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import corpus
from tests.commandline import lines, run
from tests.consistency import assert_consistent


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archief.db"
    assert run(path, "import", str(corpus.write_folder(tmp_path / "corpus"))).returncode == 0
    return path


def test_a_folder_without_articles_says_so_and_creates_no_archive(tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    other = tmp_path / "andere"
    other.mkdir()
    (other / "scan.pdf").write_bytes(b"%PDF-1.4")
    (other / "README.md").write_text("# over deze map\n", encoding="utf-8")
    new = tmp_path / "nieuw.db"
    for folder in (empty, other):
        result = run(new, "import", str(folder))
        assert result.returncode == 1, result.stdout
        assert result.stderr.startswith(f"archivaris: geen artikelen gevonden in {folder}: ")
        assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not new.exists()
    english = run(new, "import", "--lang", "en", str(empty))
    assert english.stderr.startswith(f"archivaris: no articles found in {empty}: ")


def test_a_folder_without_articles_leaves_an_archive_as_it_was(db: Path, tmp_path: Path) -> None:
    before = json.loads(run(db, "stats", "--json").stdout)["articles"]
    (tmp_path / "leeg").mkdir()
    assert run(db, "import", "--json", str(tmp_path / "leeg")).returncode == 1
    assert json.loads(run(db, "stats", "--json").stdout)["articles"] == before


@pytest.mark.parametrize(
    ("args", "stdin"),
    [([], ""), ([], "\n   \n"), (["--json"], ""), ([""], None), (["   "], None)],
    ids=["ctrl-d", "blank-lines", "json-ctrl-d", "empty-argument", "blank-argument"],
)
def test_ask_without_a_question_is_a_usage_error(
    db: Path, args: list[str], stdin: str | None
) -> None:
    result = run(db, "ask", *args, stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("archivaris ask: geen vraag: ")
    assert 'archivaris ask "VRAAG"' in result.stderr
    assert result.stderr.count("\n") == 1


def test_recent_with_a_source_that_matches_none_does_not_call_the_archive_empty(db: Path) -> None:
    result = run(db, "recent", "--source", "Nergenskrant")
    assert result.returncode == 0
    assert result.stdout == "Er zijn geen artikelen met een bron die “Nergenskrant” bevat.\n"
    assert lines(run(db, "recent", "--json", "--source", "Nergenskrant").stdout) == []


def test_a_negative_number_of_check_questions_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "kopie.db"
    result = run(db, "copy", "--check-questions", "-5", str(db), str(target))
    assert result.returncode == 2
    assert "0 or more" in result.stderr
    assert not target.exists()


def test_forgetting_votes_of_one_server_is_refused_not_done_for_all(db: Path) -> None:
    """The votes are not kept per server for --forget: it would delete every server's."""
    result = run(db, "feedback", "--forget", "--scope", "42")
    assert result.returncode == 2
    assert "--forget deletes votes of every server" in result.stderr


@pytest.mark.parametrize("command", ["backup", "copy", "reindex"])
def test_commands_on_the_whole_archive_take_no_scope(
    db: Path, tmp_path: Path, command: str
) -> None:
    """A --scope these commands would ignore is refused rather than silently widened."""
    paths = {"backup": [str(tmp_path / "b.db")], "copy": [str(db), str(tmp_path / "c.db")]}
    result = run(db, command, "--scope", "42", *paths.get(command, []))
    assert result.returncode == 2
    assert "unrecognized arguments: --scope" in result.stderr
    assert not (tmp_path / "b.db").exists() and not (tmp_path / "c.db").exists()


@pytest.mark.parametrize("command", ["show", "delete"])
def test_an_id_that_is_no_number_says_what_an_id_is(db: Path, command: str) -> None:
    result = run(db, command, "abc")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"archivaris {command}: error: argument ID: an article's number, as archivaris "
        "recent lists them, not 'abc'"
    )


def test_a_copy_onto_its_own_source_is_refused_and_empties_nothing(db: Path) -> None:
    """With --replace it used to clear the target, the source itself, and report success."""
    before = json.loads(run(db, "stats", "--json").stdout)["articles"]
    for target in (str(db), str(db.parent / "." / db.name)):
        result = run(db, "copy", "--replace", str(db), target)
        assert result.returncode == 2, result.stdout
        assert "hetzelfde archief" in result.stderr and result.stderr.count("\n") == 1
    assert json.loads(run(db, "stats", "--json").stdout)["articles"] == before > 0


def _records(path: Path, count: int, words: str) -> Path:
    records = [
        {"title": f"{words} {n}", "body": f"{words} {n} in de haven. " * 12} for n in range(count)
    ]
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    return path


def test_an_import_onto_a_full_disk_ends_in_one_line_and_keeps_what_was_stored(
    tmp_path: Path,
) -> None:
    """The operating system refuses writes past a size, as a full disk does: a new archive
    cannot be made, and an import into one that exists stops, keeping what it held."""
    first = _records(tmp_path / "eerste.jsonl", 150, "Bericht")
    new = run(tmp_path / "nieuw.db", "import", str(first), largest_file=40_000)
    assert new.returncode == 1
    assert new.stderr.startswith(f"archivaris: {tmp_path / 'nieuw.db'} kon niet worden geschreven")
    assert "de schijf is vol" in new.stderr and new.stderr.count("\n") == 1, new.stderr

    db = tmp_path / "archief.db"
    assert run(db, "import", str(first)).returncode == 0
    more = _records(tmp_path / "meer.jsonl", 300, "Ander bericht over de sluis")
    full = run(db, "import", str(more), largest_file=db.stat().st_size + 100_000)
    assert full.returncode == 1
    assert "de schijf is vol" in full.stderr and full.stderr.count("\n") == 1, full.stderr
    assert json.loads(run(db, "stats", "--json").stdout)["articles"] >= 150
    assert_consistent(db)
    assert run(db, "import", str(more)).returncode == 0, "with room again it imports the rest"
    assert json.loads(run(db, "stats", "--json").stdout)["articles"] == 450


def test_a_copy_that_fails_part_way_leaves_no_half_archive(tmp_path: Path) -> None:
    """A new target file that runs out of room is removed, so no partial copy looks like
    an archive (and a second try is not refused as a target that holds articles)."""
    source = tmp_path / "bron.db"
    assert (
        run(source, "import", str(_records(tmp_path / "a.jsonl", 300, "Bericht"))).returncode == 0
    )
    target = tmp_path / "kopie.db"
    failed = run(source, "copy", str(source), str(target), largest_file=source.stat().st_size // 2)
    assert failed.returncode == 1
    assert "de schijf is vol" in failed.stderr and failed.stderr.count("\n") == 1, failed.stderr
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("kopie.db")]
    again = run(source, "copy", str(source), str(target))
    assert again.returncode == 0, again.stderr
    assert json.loads(run(target, "stats", "--json").stdout)["articles"] == 300


def test_an_archive_that_cannot_be_made_in_a_read_only_folder_says_it_cannot_be_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    articles = corpus.write_folder(tmp_path / "corpus")
    folder.chmod(0o555)
    try:
        result = run(folder / "archief.db", "import", str(articles), confined=True)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert "schrijven" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert not list(folder.iterdir())
