"""The `archivaris` command end to end: real processes, a real SQLite file, real files."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import corpus
from tests.commandline import argv, confine, environment, lines, run
from tests.consistency import assert_consistent


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "artikelen"
    folder.mkdir()
    for name, text in corpus.CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path, articles: Path) -> Path:
    path = tmp_path / "archief.db"
    assert run(path, "import", str(articles)).returncode == 0
    return path


def test_import_reports_each_file_and_exit_code(tmp_path: Path, articles: Path) -> None:
    (articles / "leeg.txt").write_bytes(b"")
    (articles / "ruis.txt").write_bytes(bytes(range(256)) * 8)
    with zipfile.ZipFile(tmp_path / "bundel.zip", "w") as bundle:
        veerpont = corpus.page(["De veerpont in Zwartsluis vaart weer."])
        bundle.writestr("map/zip-artikel.txt", veerpont)
        bundle.writestr("../kopie.txt", corpus.WOLF)
    db = tmp_path / "a.db"

    first = run(db, "import", "--json", str(articles), str(tmp_path / "bundel.zip"))
    assert first.returncode == 1
    verdicts = {v["file"]: v for v in lines(first.stdout)}
    assert set(verdicts) == {*corpus.CORPUS, "leeg.txt", "ruis.txt", "zip-artikel.txt", "kopie.txt"}
    for name in corpus.CORPUS:
        assert verdicts[name]["status"] == "added" and verdicts[name]["article_id"] > 0
    assert verdicts["leeg.txt"]["status"] == "rejected" and verdicts["leeg.txt"]["reason"]
    assert verdicts["ruis.txt"]["status"] == "rejected" and verdicts["ruis.txt"]["reason"]
    assert verdicts["zip-artikel.txt"]["status"] == "added"
    assert verdicts["kopie.txt"]["status"] == "duplicate"
    assert verdicts["kopie.txt"]["article_id"] == verdicts["wolf.txt"]["article_id"]
    assert not (tmp_path.parent / "kopie.txt").exists()

    again = run(db, "import", "--json", str(articles / "navo.txt"))
    assert again.returncode == 0
    [verdict] = lines(again.stdout)
    assert verdict == {
        "file": "navo.txt",
        "status": "duplicate",
        "reason": verdict["reason"],
        "article_id": verdicts["navo.txt"]["article_id"],
        "code": "duplicate",
    }


def test_ask_json_quotes_and_cites(db: Path) -> None:
    result = run(db, "ask", "--json", "Wat zei Stoltenberg over kernwapens?")
    assert result.returncode == 0, result.stderr
    [answer] = lines(result.stdout)
    assert answer["question"] == "Wat zei Stoltenberg over kernwapens?"
    assert answer["answered"] is True
    assert isinstance(answer["took_ms"], float)
    hit = answer["hits"][0]
    assert hit["file"] == "navo.txt"
    assert hit["excerpt"].startswith("Voor de NAVO zou overwegen kernwapens in te zetten")
    assert hit["source"] == "The Council of the European Union"
    assert hit["agency"] == "ANP"
    assert hit["published"] == "2022-10-14T08:47:00+02:00"
    assert hit["updated"] is True
    marked = {hit["excerpt"][s:e].lower() for s, e in hit["highlights"]}
    assert marked == {"kernwapens", "stoltenberg"}
    assert set(hit) == {
        "article_id",
        "file",
        "title",
        "source",
        "agency",
        "published",
        "updated",
        "excerpt",
        "highlights",
        "answer",
        "score",
    }
    assert answer["direct"] is None and hit["answer"] is None, "what he said is no name or number"


def test_ask_gives_the_direct_answer_marked_in_the_first_quote(db: Path) -> None:
    [answer] = lines(run(db, "ask", "--json", "Wie won het NK op de 1500 meter?").stdout)
    assert answer["direct"] == "Lotte Bakker"
    hit = answer["hits"][0]
    start, end = hit["answer"]
    assert hit["excerpt"][start:end] == "Lotte Bakker"
    text = run(db, "ask", "Wie won het NK op de 1500 meter?").stdout
    assert text.startswith("Antwoord: Lotte Bakker\n")
    english = run(db, "ask", "--lang", "en", "Wie won het NK op de 1500 meter?").stdout
    assert english.startswith("Answer: Lotte Bakker\n")


def test_ask_text_reads_like_an_answer(db: Path) -> None:
    result = run(db, "ask", "Wat zei Stoltenberg over kernwapens?")
    assert "“Voor de NAVO zou overwegen kernwapens in te zetten" in result.stdout
    assert "Bron: The Council of the European Union (ANP)" in result.stdout
    assert "vrijdag 14 oktober 2022, 08:47" in result.stdout


def _on_a_terminal(db: Path, *args: str, env: dict[str, str]) -> str:
    """What `archivaris --db DB ARGS...` shows with its output on a terminal (a pty)."""
    main, child = os.openpty()
    process = subprocess.Popen(argv(db, *args), stdout=child, env=environment(**env))
    os.close(child)
    shown = b""
    try:
        while chunk := os.read(main, 4096):
            shown += chunk
    except OSError:  # Linux: the command has ended and closed the terminal
        pass
    finally:
        os.close(main)
    assert process.wait(timeout=120) == 0
    return shown.decode("utf-8")


def test_matched_words_are_bold_on_a_terminal_unless_no_color_is_set(db: Path) -> None:
    question = "Wat zei Stoltenberg over kernwapens?"
    bold = _on_a_terminal(db, "ask", question, env={})
    assert "\x1b[1mkernwapens\x1b[0m" in bold
    plain = _on_a_terminal(db, "ask", question, env={"NO_COLOR": "1"})
    assert "kernwapens" in plain and "\x1b[" not in plain
    assert "\x1b[" not in run(db, "ask", question).stdout, "not on a pipe either"


def test_ask_says_plainly_when_nothing_answers(db: Path) -> None:
    [answer] = lines(run(db, "ask", "--json", "Wie won het WK voetbal in Qatar?").stdout)
    assert answer["answered"] is False and answer["hits"] == []
    text = run(db, "ask", "Wie won het WK voetbal in Qatar?").stdout
    assert "geen antwoord" in text


def test_ask_reads_questions_from_stdin(db: Path) -> None:
    questions = "Wat zei Stoltenberg over kernwapens?\n\nHoeveel startbewijzen waren er?\n"
    answers = lines(run(db, "ask", "--json", stdin=questions).stdout)
    assert [a["question"] for a in answers] == [
        "Wat zei Stoltenberg over kernwapens?",
        "Hoeveel startbewijzen waren er?",
    ]
    assert answers[1]["hits"][0]["file"] == "vierdaagse.txt"


def test_ask_filters_by_date_and_source(db: Path) -> None:
    def files(*args: str) -> list[str]:
        [answer] = lines(run(db, "ask", "--json", *args).stdout)
        return list(dict.fromkeys(h["file"] for h in answer["hits"]))

    wolf = "Zijn de schapen in Daarle door een wolf doodgebeten?"
    assert files("--since", "2019-04", "--until", "2019-04", wolf) == ["wolf.txt"]
    assert files("--since", "2 april 2019", "--until", "2 april 2019", wolf) == ["wolf.txt"]
    assert files("--until", "2019-03", wolf) == []
    assert files("--since", "2019-04-03", wolf) == []
    vierdaagse = "Hoeveel startbewijzen zijn er voor de Vierdaagse?"
    assert files("--source", "GELDERLANDER", vierdaagse) == ["vierdaagse.txt"]
    assert files("--source", "Trouw", vierdaagse) == []


def test_ask_limit_sets_how_many_articles_are_quoted(tmp_path: Path) -> None:
    folder = tmp_path / "veerpont"
    folder.mkdir()
    for day in range(1, 6):
        text = f"De veerpont in Zwartsluis vaart op {day} mei niet door een storing aan de motor."
        (folder / f"veer-{day}.txt").write_text(corpus.page([text], date=(2019, 5, day)), "utf-8")
    db = tmp_path / "a.db"
    assert run(db, "import", str(folder)).returncode == 0
    question = "Waarom vaart de veerpont in Zwartsluis niet?"

    def quoted(*limit: str) -> int:
        [answer] = lines(run(db, "ask", "--json", *limit, question).stdout)
        return len(answer["hits"])

    assert (quoted("--limit", "1"), quoted(), quoted("--limit", "5")) == (1, 3, 5)


def test_dates_at_the_end_of_the_calendar_filter_like_any_other(db: Path) -> None:
    question = "Wat zei Stoltenberg over kernwapens?"
    for since in ("9999", "9999-12-31"):
        result = run(db, "ask", "--json", "--since", since, question)
        assert result.returncode == 0, result.stderr
        assert lines(result.stdout)[0]["answered"] is False
    until = run(db, "ask", "--json", "--until", "9999-12-31", question)
    assert lines(until.stdout)[0]["hits"][0]["file"] == "navo.txt"


def test_recent_show_delete_and_stats(db: Path) -> None:
    recent = lines(run(db, "recent", "--json", "--limit", "2").stdout)
    assert [r["file"] for r in recent] == ["bibliotheek.txt", "schaatsen.txt"]
    assert recent[0]["published"] == "2024-03-12T10:15:00+01:00"

    article_id = recent[1]["article_id"]
    shown = run(db, "show", str(article_id))
    assert "HEERENVEEN (ANP) - Schaatsster Lotte Bakker" in shown.stdout
    assert "Delen" not in shown.stdout

    stats = json.loads(run(db, "stats", "--json").stdout)
    assert stats["articles"] == 5 and stats["passages"] >= 10

    assert run(db, "delete", str(article_id)).returncode == 0
    assert run(db, "show", str(article_id)).returncode == 1
    assert run(db, "delete", str(article_id)).returncode == 1
    assert json.loads(run(db, "stats", "--json").stdout)["articles"] == 4
    answer = lines(run(db, "ask", "--json", "Lotte Bakker schaatsen Thialf").stdout)[0]
    assert all(h["article_id"] != article_id for h in answer["hits"])


def test_usage_errors_exit_with_2(db: Path) -> None:
    assert run(db, "ask", "--limit", "veel", "vraag").returncode == 2
    assert run(db, "import").returncode == 2
    assert run(db, "ask", "--since", "gisteren", "vraag").returncode == 2
    assert run(db, "show", "abc").returncode == 2


def test_scope_0_is_a_usage_error_not_a_hidden_collection(tmp_path: Path, articles: Path) -> None:
    db = tmp_path / "a.db"
    for scope in ("0", "00", str(2**63)):
        refused = run(db, "import", "--scope", scope, str(articles / "navo.txt"))
        assert refused.returncode == 2 and "Discord server id" in refused.stderr
    assert run(db, "recent", "--scope", "0").returncode == 2
    [verdict] = lines(run(db, "import", "--json", str(articles / "navo.txt")).stdout)
    assert verdict["status"] == "added"


@pytest.fixture
def read_only(db: Path, tmp_path: Path) -> Iterator[Path]:
    """The archive, itself read-only, alone in a folder that may not be written."""
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    copy = folder / db.name
    shutil.copy(db, copy)
    copy.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield copy
    finally:
        folder.chmod(0o755)
        copy.chmod(0o644)


def test_asking_and_browsing_work_on_read_only_storage(read_only: Path, tmp_path: Path) -> None:
    folder = read_only.parent
    probe = [sys.executable, "-c", f"open({str(folder / 'x')!r}, 'w')"]
    written = subprocess.run(probe, preexec_fn=confine(), capture_output=True, check=False)
    assert written.returncode != 0, "the folder is read-only to the commands"

    def ok(*args: str, stdin: str | None = None) -> str:
        result = run(read_only, *args, stdin=stdin, confined=True)
        assert result.returncode == 0 and "Error" not in result.stderr, (args, result.stderr)
        return result.stdout

    [answer] = lines(ok("ask", "--json", "Wat zei Stoltenberg over kernwapens?"))
    assert answer["hits"][0]["file"] == "navo.txt"
    newest = lines(ok("recent", "--json"))[0]
    assert newest["file"] == "bibliotheek.txt"
    assert "bibliotheek" in ok("show", str(newest["article_id"])).lower()
    assert json.loads(ok("stats", "--json"))["articles"] == 5
    assert len(lines(ok("export"))) == 5
    assert "kernwapens" in ok("chat", stdin="Wat zei Stoltenberg over kernwapens?\n/stop\n")
    copy = tmp_path / "kopie.db"
    assert run(read_only, "backup", str(copy), confined=True).returncode == 0
    assert json.loads(run(copy, "stats", "--json").stdout)["articles"] == 5
    assert sorted(os.listdir(folder)) == [read_only.name]


_HOLD_THE_WRITE_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO meta (key, value) VALUES ('bezig', 'ja')")
print("holding", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


def test_asking_and_browsing_do_not_wait_for_another_process_writing(
    db: Path, tmp_path: Path
) -> None:
    """A long import holds the write lock for its whole batch; questions must not need it
    (they failed after five seconds with "database is locked")."""
    command = [sys.executable, "-c", _HOLD_THE_WRITE_LOCK, str(db)]
    holder = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        asked = run(db, "ask", "--json", "Wat zei Stoltenberg over kernwapens?")
        assert asked.returncode == 0, asked.stderr
        assert lines(asked.stdout)[0]["hits"][0]["file"] == "navo.txt"
        for args in (["stats"], ["recent"], ["show", "1"], ["export"]):
            result = run(db, *args)
            assert result.returncode == 0, (args, result.stderr)
        assert run(db, "backup", str(tmp_path / "kopie.db")).returncode == 0
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0


def test_a_file_that_is_no_archive_gets_one_line_and_exit_1(
    db: Path, tmp_path: Path, articles: Path
) -> None:
    text = tmp_path / "tekst.db"
    text.write_text("Dit is geen archief.\n", encoding="utf-8")
    cut = tmp_path / "afgebroken.db"
    cut.write_bytes(db.read_bytes()[:5000])
    folder = tmp_path / "map.db"
    folder.mkdir()
    newer = tmp_path / "nieuwer.db"
    shutil.copy(db, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 99")
    said = {
        text: "is geen archief van Archivaris, of het is beschadigd",
        cut: "is geen archief van Archivaris, of het is beschadigd",
        folder: "kan niet worden geopend: is het een map",
        newer: "is geschreven door een nieuwere versie van Archivaris (schema 99; deze versie",
    }
    for path, words in said.items():
        for args in (
            ["ask", "Wat zei Stoltenberg over kernwapens?"],
            ["export"],
            ["backup", str(tmp_path / f"kopie-{path.name}")],
            ["import", str(articles / "navo.txt")],
        ):
            result = run(path, *args)
            assert result.returncode == 1, (path, args, result.stderr)
            assert result.stderr.startswith(f"archivaris: {path} {words}"), (
                path,
                args,
                result.stderr,
            )
            assert result.stderr.count("\n") == 1, (path, args, result.stderr)
        assert not (tmp_path / f"kopie-{path.name}").exists()
    english = run(newer, "stats", "--lang", "en").stderr
    assert english.startswith(f"archivaris: {newer} was written by a newer version of Archivaris")


def test_output_closed_early_ends_the_command_quietly(db: Path) -> None:
    """`archivaris recent | head -1`: once the reader has gone, stop without a traceback."""
    for args in (["recent"], ["export"], ["ask", "--json", "Wat zei Stoltenberg?"], ["stats"]):
        reading, writing = os.pipe()
        os.close(reading)
        try:
            result = subprocess.run(
                argv(db, *args),
                stdout=writing,
                stderr=subprocess.PIPE,
                text=True,
                env=environment(),
                timeout=120,
                check=False,
            )
        finally:
            os.close(writing)
        assert (result.returncode, result.stderr) == (1, ""), (args, result.stderr)


def test_an_id_beyond_any_number_is_no_such_article(db: Path) -> None:
    for too_big in ("9" * 20, "-" + "9" * 20):
        for command in ("show", "delete"):
            result = run(db, command, too_big)
            assert result.returncode == 1
            assert result.stderr == (
                f"archivaris: Er is geen artikel met nummer {too_big} in dit archief.\n"
            )
    chat = run(db, "chat", stdin=f"/artikel {'9' * 20}\nWat zei Stoltenberg over kernwapens?\n")
    assert chat.returncode == 0, chat.stderr
    assert f"Er is geen artikel met nummer {'9' * 20} in dit archief." in chat.stdout
    assert "Voor de NAVO zou overwegen kernwapens" in chat.stdout


def test_backup_and_export_say_in_one_line_why_they_cannot_write(db: Path, tmp_path: Path) -> None:
    nowhere = tmp_path / "bestaat-niet"
    taken = tmp_path / "bezet.jsonl"
    taken.write_text("van iemand anders\n", encoding="utf-8")
    said = {
        ("backup", str(nowhere / "kopie.db")): "de map bestaat niet",
        ("export", str(nowhere / "export.jsonl")): "de map bestaat niet",
        ("export", str(taken)): "bestaat al; kies een nieuwe bestandsnaam",
        ("backup", str(taken)): "bestaat al; kies een nieuwe bestandsnaam",
    }
    for args, words in said.items():
        result = run(db, *args)
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.startswith("archivaris: ") and words in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
    assert not nowhere.exists()
    assert taken.read_text(encoding="utf-8") == "van iemand anders\n"


def test_a_backup_or_export_that_runs_out_of_room_leaves_nothing_behind(tmp_path: Path) -> None:
    """The operating system refuses writes past a size, as on a full disk; what was written
    of the copy until then is no backup and must not look like one."""
    records = [
        {"title": f"Bericht {n}", "body": f"Bericht {n} over de haven van Harlingen. " * 8}
        for n in range(150)
    ]
    source = tmp_path / "berichten.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "archief.db"
    assert run(db, "import", str(source)).returncode == 0
    room = 40_000
    assert db.stat().st_size > room
    folder = tmp_path / "kopieen"
    folder.mkdir()
    for command, name in (("export", "export.jsonl"), ("backup", "kopie.db")):
        result = run(db, command, str(folder / name), largest_file=room)
        assert result.returncode == 1, (command, result.stderr)
        assert result.stderr.startswith(f"archivaris: {folder / name} kon niet worden geschreven")
        assert result.stderr.count("\n") == 1, result.stderr
        assert not list(folder.iterdir()), command
        assert run(db, command, str(folder / name)).returncode == 0
        assert (folder / name).stat().st_size > room
        (folder / name).unlink()


def test_a_limit_or_period_that_asks_for_nothing_is_a_usage_error(db: Path) -> None:
    """It printed an empty answer, "the archive is empty", or everything (--limit -1)."""
    question = "Wat zei Stoltenberg over kernwapens?"
    for args in (
        ["ask", "--limit", "0", question],
        ["ask", "--json", "--limit", "-1", question],
        ["recent", "--limit", "0"],
        ["recent", "--json", "--limit", "-1"],
        ["ask", "--since", "2020", "--until", "2019", question],
    ):
        result = run(db, *args)
        assert (result.returncode, result.stdout) == (2, ""), (args, result.stdout)
        assert "error: " in result.stderr and "Traceback" not in result.stderr
    assert "--until" in run(db, "ask", "--since", "2020", "--until", "2019", question).stderr
    assert len(lines(run(db, "recent", "--json", "--limit", "1").stdout)) == 1


def test_stats_dates_are_those_the_articles_carry(db: Path) -> None:
    """Amsterdam's time, as every date Archivaris prints: not 2019-03-24T23:00:00+00:00 for
    an article of 25 March 2019."""
    published = [r["published"] for r in lines(run(db, "recent", "--json").stdout)]
    stats = json.loads(run(db, "stats", "--json").stdout)
    assert (stats["oldest"], stats["newest"]) == (min(published), max(published))
    text = run(db, "stats").stdout
    assert "van maandag 25 maart 2019 tot dinsdag 12 maart 2024" in text


def test_every_option_says_what_it_is_for_and_the_version_is_known() -> None:
    from bot.terminal.cli import _parser

    parser = _parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in commands.choices.items():
        for action in command._actions:
            assert action.help, (name, action.dest)
    version = run(Path("archief.db"), "--version")
    assert version.returncode == 0
    assert re.fullmatch(r"archivaris \d+\.\d+\.\d+\n", version.stdout), version.stdout


def test_an_archive_indexed_by_another_analyser_is_refused_until_reindexed(db: Path) -> None:
    """Its stored stems are not the ones questions are analysed into: searching it would
    miss without a word."""
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = 'dutch_porter/v0' WHERE key = 'analyzer'")
    question = "Wat zei Stoltenberg over kernwapens?"
    for args in (["ask", question], ["import", "/dev/null"], ["chat"]):
        refused = run(db, *args, stdin="")
        assert refused.returncode == 1, (args, refused.stdout)
        assert refused.stderr.startswith(
            f"archivaris: {db} is geïndexeerd met een andere taalanalyse (dutch_porter/v0)"
        ), refused.stderr
        assert refused.stderr.endswith(f"archivaris --db {db} reindex\n"), refused.stderr
    for args in (["recent"], ["stats"], ["export"], ["show", "1"]):
        assert run(db, *args).returncode == 0, args

    reindexed = run(db, "reindex")
    assert reindexed.returncode == 0, reindexed.stderr
    assert "opnieuw geïndexeerd" in reindexed.stdout
    [answer] = lines(run(db, "ask", "--json", question).stdout)
    assert answer["hits"][0]["file"] == "navo.txt"
    assert_consistent(db)


def test_reading_a_missing_archive_explains_what_to_do(tmp_path: Path) -> None:
    result = run(tmp_path / "bestaat-niet.db", "ask", "vraag")
    assert result.returncode == 1
    assert "archivaris import" in result.stderr
    assert not (tmp_path / "bestaat-niet.db").exists()


def test_chat_without_an_archive_uses_the_demo(tmp_path: Path) -> None:
    result = run(
        tmp_path / "leeg.db", "chat", stdin="Wat zei Stoltenberg over kernwapens?\n/recent\n/stop\n"
    )
    assert result.returncode == 0, result.stderr
    assert "Voor de NAVO zou overwegen kernwapens" in result.stdout
    assert "demo" in result.stderr
    assert "voorbeeldartikel" in result.stdout


def test_chat_for_a_server_answers_from_its_articles_not_from_the_demo(
    tmp_path: Path, articles: Path
) -> None:
    """An archive that holds only one server's uploads is not empty to that server."""
    db = tmp_path / "server.db"
    assert run(db, "import", "--scope", "42", str(articles / "wolf.txt")).returncode == 0
    result = run(db, "chat", "--scope", "42", stdin="/recent\n/stop\n")
    assert result.returncode == 0, result.stderr
    assert "Daarle" in result.stdout and "voorbeeldartikel" not in result.stdout
    assert "demo" not in result.stderr
    assert "demo" in run(db, "chat", stdin="/stop\n").stderr, "the global collection is empty"


def test_import_limits_apply_to_the_command_line(tmp_path: Path, articles: Path) -> None:
    limit = {"ARCHIVARIS_MAX_FILE_MB": "0.0001"}
    result = run(tmp_path / "a.db", "import", "--json", str(articles / "navo.txt"), env=limit)
    assert result.returncode == 1
    [verdict] = lines(result.stdout)
    assert verdict["code"] == "too_large"


def test_ask_json_says_what_was_corrected_and_which_period_was_searched(db: Path) -> None:
    [typo] = lines(run(db, "ask", "--json", "Wat zei Stoltenbreg over kernwapens?").stdout)
    assert typo["answered"] is True
    assert typo["corrected"] == "Wat zei Stoltenberg over kernwapens?"
    assert typo["period"] is None
    [dated] = lines(run(db, "ask", "--json", "Wat gebeurde er in maart 2019 in Daarle?").stdout)
    assert dated["corrected"] is None
    assert dated["period"] == {
        "since": "2019-02-22T00:00:00+01:00",
        "until": "2019-04-14T23:59:59.999999+02:00",
    }
    text = run(db, "ask", "Wat zei Stoltenbreg over kernwapens?").stdout
    assert text.startswith("Bedoelde je: “Wat zei Stoltenberg over kernwapens”?")


def test_the_progress_bar_counts_files_not_records(capsys: pytest.CaptureFixture[str]) -> None:
    from collections import Counter

    from bot.terminal.cli import _Progress
    from storage.models import Verdict

    progress = _Progress("en")
    progress.total = 2
    counts: Counter[str] = Counter(added=3)
    for record in (1, 2, 3):
        progress.step(Verdict("records.jsonl", "added", record=record), counts)
    progress.step(Verdict("b.txt", "added"), counts)
    bar = capsys.readouterr().err.split("\r")[-1]
    assert bar.startswith("[" + "#" * 30 + "] 2/2 files · 3 added")


# Words only one language of the command's own messages uses (never in the test's paths).
DUTCH = {"toegevoegd", "geweigerd", "dubbel", "verwijderd", "geëxporteerd", "reservekopie"}
DUTCH |= {"bestaat", "archief", "artikel", "artikelen", "bestand", "leeg", "geen", "bron"}
DUTCH |= {"datumregel", "weekdag", "bewaard"}
ENGLISH = {"added", "rejected", "duplicates", "deleted", "exported", "backed", "exists"}
ENGLISH |= {"archive", "article", "articles", "file", "empty", "found", "source", "there"}
ENGLISH |= {"line", "says", "kept"}


def session(tmp_path: Path, lang: list[str]) -> tuple[str, str]:
    """What a user reads in one session of import, ask, stats, delete, export, backup and
    chat, with their errors: our own words (an import's warnings too), and the citation of
    a quoted answer."""
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "a.txt").write_text(corpus.NAVO, encoding="utf-8")
    (folder / "b.txt").write_text(corpus.NAVO, encoding="utf-8")
    (folder / "e.txt").write_text(corpus.VIERDAAGSE, encoding="utf-8")
    (folder / "c.txt").write_bytes(b"")
    (folder / "d.txt").write_text(corpus.page(["Kort."]), encoding="utf-8")
    ferry = corpus.page([FERRY], date=(2019, 3, 20)).replace("woensdag", "maandag")
    (folder / "f.txt").write_text(ferry, encoding="utf-8")
    db, copy = tmp_path / "a.db", tmp_path / "b.db"
    runs = [
        run(tmp_path / "nope.db", "ask", *lang, "vraag"),
        run(db, "import", *lang, str(folder)),
        run(db, "ask", *lang, "Wie won het WK voetbal in Qatar?"),
        run(db, "stats", *lang),
        run(db, "delete", *lang, "1"),
        run(db, "delete", *lang, "1"),
        run(db, "show", *lang, "1"),
        run(db, "recent", *lang),
        run(db, "export", *lang, str(tmp_path / "export.jsonl")),
        run(db, "backup", *lang, str(copy)),
        run(db, "backup", *lang, str(copy)),
        run(copy, "chat", *lang, stdin="/help\n/stop\n"),
    ]
    [rejected] = lines(run(db, "import", "--json", *lang, str(folder / "c.txt")).stdout)
    [warned] = lines(run(db, "import", "--json", *lang, str(folder / "f.txt")).stdout)
    shown = json.loads(run(db, "show", "--json", *lang, str(warned["article_id"])).stdout)
    warnings = [w["text"] for w in warned["warnings"] + shown["warnings"]]
    assert len(warnings) == 2
    code = {"code": "weekday_mismatch", "found": "maandag", "day": "2019-03-20"}
    assert [{k: v for k, v in w.items() if k != "text"} for w in shown["warnings"]] == [code]
    ours = "\n".join(part for result in runs for part in (result.stdout, result.stderr))
    answer = run(copy, "ask", *lang, "Hoeveel startbewijzen waren er?").stdout
    return "\n".join([ours, rejected["reason"], *warnings]), answer.rpartition("—")[2]


FERRY = "De veerpont tussen Cuijk en Middelaar vaart deze zomer ook op zondag."


def test_the_command_line_speaks_dutch_by_default(tmp_path: Path) -> None:
    ours, citation = session(tmp_path, [])
    words = set(re.findall(r"\w+", ours.lower()))
    assert not words & ENGLISH, words & ENGLISH
    assert {"toegevoegd", "geweigerd", "verwijderd", "geëxporteerd", "reservekopie"} <= words
    assert "De datumregel zegt maandag, maar 20 maart 2019 was een woensdag" in ours
    assert "Bron: De Gelderlander" in citation and "maandag 25 maart 2019" in citation


def test_the_command_line_speaks_english_with_lang_en(tmp_path: Path) -> None:
    ours, citation = session(tmp_path, ["--lang", "en"])
    words = set(re.findall(r"\w+", ours.lower()))
    assert not words & DUTCH, words & DUTCH
    assert {"added", "rejected", "deleted", "exported", "backed"} <= words
    assert "The date line says maandag, but 20 March 2019 was a Wednesday" in ours
    assert "Source: De Gelderlander" in citation and "Monday 25 March 2019" in citation


def test_a_larger_file_limit_lets_a_larger_article_in(tmp_path: Path) -> None:
    """ARCHIVARIS_MAX_FILE_MB raises the limit for the whole import, parsing included."""
    big = tmp_path / "lang.txt"
    sentence = "De gemeenteraad van Zwolle sprak urenlang over de nieuwe brug. "
    big.write_text(corpus.page([sentence * 50] * 1000), encoding="utf-8")
    assert 3 * 1024 * 1024 < big.stat().st_size < 4 * 1024 * 1024
    limit = {"ARCHIVARIS_MAX_FILE_MB": "10"}
    result = run(tmp_path / "a.db", "import", "--json", str(big), env=limit)
    [verdict] = lines(result.stdout)
    assert (verdict["status"], result.returncode) == ("added", 0), verdict


def test_file_names_and_warnings_cannot_clear_the_screen_or_forge_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "\x1b[2J\x1b[31mrood.txt").write_bytes(b"")
    with zipfile.ZipFile(folder / "bundel.zip", "w") as bundle:
        bundle.writestr("leeg.txt\n999 toegevoegd, 0 dubbel, 0 geweigerd\n.txt", b"")
        bundle.writestr("\u202etxt.exe", b"")
    record = {"title": "Veer", "body": FERRY, "date": "\x1b[2J\n999 toegevoegd"}
    (folder / "datum.json").write_text(json.dumps(record), encoding="utf-8")
    result = run(tmp_path / "a.db", "import", str(folder))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("999")]
    assert "\\x1b[2J\\x1b[31mrood.txt" in result.stdout
    assert "leeg.txt\\n999" in result.stdout and "\\u202etxt.exe" in result.stdout
    assert "De datum '\\x1b[2J\\n999 toegevoegd' kon niet worden gelezen" in result.stdout


def test_export_then_import_gives_every_article_back_with_every_field(tmp_path: Path) -> None:
    """A restore: the same articles, field for field, who added each and when, each in its
    own collection; only the ids are new. An import's own --scope puts them all in that
    collection instead."""
    folder = corpus.write_folder(tmp_path / "map")
    (folder / "datum.txt").write_text(
        corpus.page(["De brug bij Zwolle is open."]).replace("14 oktober", "31 februari"),
        encoding="utf-8",
    )
    (folder / "pagina.html").write_text(
        "<html><head><meta property='og:site_name' content='Streekblad'>"
        "<meta property='og:url' content='https://streekblad.example/sluis'></head><body>"
        "<article><h1>Sluis dicht</h1><p>De sluis bij Terneuzen is sinds dinsdag dicht.</p>"
        "</article>" + "<a b=" * 1000,
        encoding="utf-8",
    )
    (folder / "notitie.md").write_text(
        "---\ntitle: Veer\nagency: ANP\nurl: https://example.org/veer\n---\n\n"
        "DEN HELDER - Het veer naar Texel vaart deze zomer vaker.\n",
        encoding="utf-8",
    )
    record = {"title": "Kade \ud83d", "body": "De kade bij Urk wordt hersteld.", "date": "2019"}
    (folder / "los.jsonl").write_text(json.dumps(record), encoding="utf-8")
    sentence = 'De raad van Zwolle noemde de nieuwe brug "een mijlpaal" voor de stad. '
    (folder / "lang.txt").write_text(corpus.page([sentence * 50] * 598), encoding="utf-8")
    assert 2 * 1024 * 1024 - 10_000 < (folder / "lang.txt").stat().st_size < 2 * 1024 * 1024
    db, restored = tmp_path / "a.db", tmp_path / "b.db"
    assert run(db, "import", str(folder)).returncode == 0
    (tmp_path / "server.txt").write_text(
        corpus.page(["De raad van Kampen vergadert voortaan op dinsdag."], updated=True)
    )
    assert run(db, "import", "--scope", "5", str(tmp_path / "server.txt")).returncode == 0
    (tmp_path / "groot.txt").write_text(corpus.page(["Op de grootste server kan het ook."]))
    assert run(db, "import", "--scope", str(2**63 - 1), str(tmp_path / "groot.txt")).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE articles SET added_by = 'discord:77', added_at = '2021-06-01T08:30:00+00:00' "
            "WHERE scope = 5 OR title = 'Kade'"
        )
    before = exported(db, tmp_path / "alles.jsonl")
    assert len(before) == len(corpus.CORPUS) + 7
    assert sum(bool(article["warnings"]) for article in before) == 3
    assert {a["scope"] for a in before} == {None, 5, 2**63 - 1}
    assert {a["added_by"] for a in before} == {"cli", "discord:77"}

    restore = run(restored, "import", str(tmp_path / "alles.jsonl"))
    assert restore.returncode == 0, restore.stdout
    after = exported(restored, tmp_path / "terug.jsonl")
    assert fields(after) == fields(before)
    # Nothing was deleted and the records came in one batch: even the ids come back.
    assert [a["article_id"] for a in after] == [a["article_id"] for a in before]
    for scope in ("5", str(2**63 - 1)):
        server = exported(db, tmp_path / f"server-{scope}.jsonl", "--scope", scope)
        again = exported(restored, tmp_path / f"terug-{scope}.jsonl", "--scope", scope)
        assert fields(again) == fields(server) and len(server) == 1
    assert len(lines(run(restored, "recent", "--json", "--limit", "50").stdout)) == len(before) - 2

    elsewhere = tmp_path / "elders.db"
    moved = run(elsewhere, "import", "--scope", "7", str(tmp_path / "server-5.jsonl"))
    assert moved.returncode == 0, moved.stdout
    [kampen] = exported(elsewhere, tmp_path / "elders.jsonl")
    assert (kampen["scope"], kampen["added_by"]) == (7, "discord:77")
    assert kampen["added_at"] == "2021-06-01T08:30:00+00:00"


def test_a_warning_stored_as_an_english_sentence_still_shows_and_moves(tmp_path: Path) -> None:
    """Earlier versions stored each warning as an English sentence: `show` gives it as it
    is, also in Dutch, and an export keeps it through an import."""
    db, restored = tmp_path / "a.db", tmp_path / "b.db"
    (tmp_path / "veer.txt").write_text(corpus.page([FERRY]), encoding="utf-8")
    assert run(db, "import", str(tmp_path / "veer.txt")).returncode == 0
    sentence = "The date line says maandag, but woensdag 20 maart 2019 is a different weekday."
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE articles SET warnings = ?", (json.dumps([sentence]),))
    shown = json.loads(run(db, "show", "--json", "--lang", "nl", "1").stdout)
    assert shown["warnings"] == [{"code": "sentence", "found": sentence, "text": sentence}]
    [record] = exported(db, tmp_path / "alles.jsonl")
    assert run(restored, "import", str(tmp_path / "alles.jsonl")).returncode == 0
    [again] = exported(restored, tmp_path / "terug.jsonl")
    assert again["warnings"] == record["warnings"] == shown["warnings"]


def exported(db: Path, path: Path, *scope: str) -> list[dict]:
    assert run(db, "export", *scope, str(path)).returncode == 0
    return lines(path.read_text(encoding="utf-8"))


def fields(articles: list[dict]) -> list[dict]:
    """What an export says of each article, but its id, which a new archive gives anew."""
    return [{k: v for k, v in a.items() if k != "article_id"} for a in articles]


def test_an_import_report_is_summed_up_by_reason(tmp_path: Path) -> None:
    """nl-news's index.jsonl once printed 1,401 lines of "no article text" after the
    articles it describes; a person reads one line per reason, with the first names."""
    folder = corpus.write_folder(tmp_path / "map")
    for n in range(5):
        (folder / f"leeg-{n}.txt").write_bytes(b"")
    (folder / "kopie.txt").write_text(corpus.NAVO, encoding="utf-8")
    (folder / "ruis.txt").write_bytes(bytes(range(256)) * 8)
    index = [{"title": f"Artikel {n}", "date": "2019-03-0{n}"} for n in range(1, 8)]
    (folder / "index.jsonl").write_text("\n".join(map(json.dumps, index)), encoding="utf-8")
    good = json.dumps({"title": "Sluis", "body": "De sluis bij Terneuzen is weer open."})
    (folder / "kapot.jsonl").write_text(f"{{kapot\n{good}\n\n{{stuk\n", encoding="utf-8")
    (folder / "datum.txt").write_text(
        corpus.page(["De brug bij Zwolle is open."]).replace("14 oktober", "31 februari"),
        encoding="utf-8",
    )
    result = run(tmp_path / "a.db", "import", str(folder))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "7 geweigerd: Er staat een titel, datum of bron in, maar geen artikeltekst.",
        "  index.jsonl #1, index.jsonl #2, index.jsonl #3 … en nog 4",
        "2 geweigerd:",
        "  kapot.jsonl #1: Er zit een fout in de JSON op regel 1.",
        "  kapot.jsonl #3: Er zit een fout in de JSON op regel 4.",
        "5 geweigerd: Het bestand is leeg.",
        "  leeg-0.txt, leeg-1.txt, leeg-2.txt … en nog 2",
        "1 geweigerd: Dit lijkt geen tekstbestand (is het een pdf of een afbeelding?).",
        "  ruis.txt",
        "1 dubbel: Dezelfde tekst staat al in het archief.",
        "  navo.txt",
        "1 toegevoegd met een waarschuwing: De datumregel 'date 2022-10 vrijdag 31 februari "
        "2022 , 8:47' is geen bestaande datum en is genegeerd.",
        "  datum.txt",
        "Elk bestand met zijn reden: archivaris import --json",
        "7 toegevoegd, 1 dubbel, 15 geweigerd",
    ]
