"""Every sentence the bot says is written once, in messages.py, in Dutch and in English."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path
from string import Formatter

import pytest

from bot.answer.messages import (
    FORMATS,
    MESSAGES,
    REASONS,
    WARNINGS,
    archive_problem,
    number,
    reason,
    say,
    warning_text,
    warnings_text,
)
from storage.ingest.decode import _SIGNATURES
from storage.models import ArticleWarning, Verdict
from storage.store import PROBLEMS, ArchiveError

ROOT = Path(__file__).resolve().parents[3]
TABLES = {"MESSAGES": MESSAGES, "REASONS": REASONS, "FORMATS": FORMATS, "WARNINGS": WARNINGS}
FIGURES = {"size": 3_500_000, "count": 12_000, "limit": 2_097_152}


def engine_verdicts() -> set[tuple[str, str | None]]:
    """(code, detail) of every verdict the engine builds, read from storage/'s source, so a
    new code or detail cannot reach a user without a sentence."""
    found: set[tuple[str, str | None]] = set()
    for path in (ROOT / "storage").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Verdict"):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            code = node.args[2] if len(node.args) > 2 else keywords.get("code")
            detail = keywords.get("detail")
            details = {detail.value} if isinstance(detail, ast.Constant) else {None}
            if detail is not None and not isinstance(detail, ast.Constant):
                details = {kind for _, kind in _SIGNATURES}  # decode's detail=kind
            for value in _constants(code):
                found |= {(value, d) for d in details}
    return found


def engine_warnings() -> set[str]:
    """The code of every warning the engine gives an article, read from storage/'s source."""
    found: set[str] = set()
    for path in (ROOT / "storage").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ArticleWarning":
                found |= _constants(node.args[0] if node.args else None)
    return found


def _constants(node: ast.expr | None) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constants(node.body) | _constants(node.orelse)
    return set()


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}


def test_the_engine_reports_every_code_the_readme_promises() -> None:
    codes = {code for code, _ in engine_verdicts()}
    assert {"empty", "binary", "too_large", "duplicate", "bad_zip", "store_failed"} <= codes
    assert ("binary", "pdf") in engine_verdicts()


@pytest.mark.parametrize(("code", "detail"), sorted(engine_verdicts(), key=str))
@pytest.mark.parametrize("line", [None, 7])
def test_every_verdict_of_the_engine_reads_as_a_sentence_in_both_languages(
    code: str, detail: str | None, line: int | None
) -> None:
    assert code in REASONS
    if detail is not None:
        assert f"{code}.{detail}" in REASONS or (code == "binary" and detail in FORMATS)
    verdict = Verdict("map.zip", "rejected", code, detail=detail, line=line, **FIGURES)
    dutch, english = reason(verdict, "nl"), reason(verdict, "en")
    assert dutch and english and dutch != english
    assert dutch.endswith(".") and english.endswith(".")
    assert "{" not in dutch + english


def test_the_engine_warns_of_dates_characters_and_broken_pages() -> None:
    assert {"weekday_mismatch", "date_line_invalid", "broken_character", "broken_html"} <= (
        engine_warnings()
    )


@pytest.mark.parametrize("code", sorted(engine_warnings() - {"sentence"}))  # shown as it is
def test_every_warning_of_the_engine_reads_as_a_sentence_in_both_languages(code: str) -> None:
    warning = ArticleWarning(code, found="zondag 31 februari 2019", day=date(2019, 3, 20))
    dutch, english = warning_text(warning, "nl"), warning_text(warning, "en")
    assert dutch != english
    assert dutch.endswith(".") and english.endswith(".")
    assert "{" not in dutch + english and "None" not in dutch + english
    assert dutch != warning_text(ArticleWarning("onbekend"), "nl")


def test_a_warning_names_what_the_page_said_in_the_readers_words() -> None:
    weekday = ArticleWarning("weekday_mismatch", found="maandag", day=date(2019, 3, 20))
    assert warning_text(weekday, "nl") == (
        "De datumregel zegt maandag, maar 20 maart 2019 was een woensdag; de geschreven datum "
        "is bewaard."
    )
    assert warning_text(weekday, "en") == (
        "The date line says maandag, but 20 March 2019 was a Wednesday; the written date was kept."
    )
    both = (ArticleWarning("date_unreadable", found="ooit"), ArticleWarning("broken_html"))
    assert warnings_text(both, "nl") == (
        "De datum 'ooit' kon niet worden gelezen, dus de datum is onbekend. Het einde van de "
        "pagina bevat kapotte HTML en is weggelaten."
    )


def test_a_sentence_stored_by_an_earlier_version_is_shown_as_it_is() -> None:
    old = "The end of the page has broken HTML and was left out."
    assert warning_text(ArticleWarning("sentence", found=old), "nl") == old
    assert warning_text(ArticleWarning("sentence", found=old), "en") == old


def test_a_warning_this_version_cannot_word_still_says_something() -> None:
    """A newer version's code, or a code without the value its sentence names (an export
    record may hold anything), reads as a warning of its own."""
    for warning in (ArticleWarning("nieuw_in_v9"), ArticleWarning("weekday_mismatch")):
        said = warning_text(warning, "nl")
        assert said.startswith("Bij het lezen van dit artikel viel iets op") and "{" not in said
        assert warning.code in said


def test_the_figures_are_written_the_readers_way() -> None:
    too_large = Verdict("groot.txt", "rejected", "too_large", size=5_767_168, limit=2_097_152)
    assert reason(too_large, "nl") == "Het bestand is 5,5 MB; de grens is 2,0 MB."
    assert reason(too_large, "en") == "The file is 5.5 MB; the limit is 2.0 MB."
    records = Verdict("a.json", "rejected", "too_many_records", count=250_000, limit=200_000)
    assert "250.000" in reason(records, "nl") and "200.000" in reason(records, "nl")
    assert "250,000" in reason(records, "en") and "200,000" in reason(records, "en")
    line = Verdict("a.jsonl", "rejected", "too_large", size=3_000_000, limit=2_097_152, line=4)
    assert reason(line, "en") == "Line 4 is 2.9 MB; the limit is 2.0 MB."
    assert reason(Verdict("a.txt", "added", article_id=3), "nl") is None


def test_one_of_a_thing_is_said_in_the_singular() -> None:
    assert say("exported", "en", count=number(1, "en")) == "Exported 1 article."
    assert say("votes_forgotten", "nl", count=number(1)) == "1 stem verwijderd."
    assert say("votes_forgotten", "nl", count=number(1000)) == "1.000 stemmen verwijderd."
    assert say("stats_total", "nl", count=number(0)) == "0 artikelen"


def test_too_large_collections_suggest_splitting_them() -> None:
    zipped = Verdict("map.zip", "rejected", "too_large", size=200 << 20, limit=100 << 20)
    single = Verdict("a.txt", "rejected", "too_large", size=3 << 20, limit=2 << 20)
    assert reason(zipped, "nl").endswith("Verdeel het over kleinere bestanden.")
    assert reason(single, "nl") == "Het bestand is 3,0 MB; de grens is 2,0 MB."


@pytest.mark.parametrize("table", TABLES)
def test_every_sentence_is_written_in_both_languages_with_the_same_blanks(table: str) -> None:
    for key, texts in TABLES[table].items():
        assert set(texts) == {"nl", "en"}, key
        assert texts["nl"].strip() and texts["en"].strip(), key
        assert _fields(texts["nl"]) == _fields(texts["en"]), key


def test_the_wording_lives_only_in_messages() -> None:
    """No sentence of messages.py is written again anywhere in the code (storage/ used to
    word its own rejections, and "file too large" was written in five places)."""
    fragments = {
        part.strip()
        for table in TABLES.values()
        for texts in table.values()
        for text in texts.values()
        for part in re.split(r"\{[^}]*\}", text)
        if len(part.strip()) >= 14
    }
    messages = ROOT / "bot" / "answer" / "messages.py"
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "storage").rglob("*.py")]:
        if path != messages:
            said = " ".join(_string_literals(path.read_text(encoding="utf-8")))
            assert not [part for part in fragments if part in said], path


@pytest.mark.parametrize("code", sorted(PROBLEMS))
def test_every_reason_an_archive_cannot_be_used_is_one_sentence_in_both_languages(
    code: str,
) -> None:
    figures = {"schema": 9, "known": 8, "built": "x/v0", "current": "x/v1", "reason": "geen"}
    error = ArchiveError(code, "/srv/archief.db", **figures)
    said = {lang: archive_problem(error, lang) for lang in ("nl", "en")}
    assert said["nl"] != said["en"]
    for text in said.values():
        assert text.startswith("/srv/archief.db") and "\n" not in text and "{" not in text
    with pytest.raises(ValueError):
        ArchiveError("onbekend", "/srv/archief.db")


def _string_literals(source: str) -> list[str]:
    """The strings a module could show someone: its literals, without its docstrings."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]
