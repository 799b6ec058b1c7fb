"""The archive's API as the front ends use it: imports and their verdicts, asking and browsing
per server, exports and backups."""

from __future__ import annotations

import json
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import archive as archive_module
from storage import candidates
from storage.archive import Archive, ArchiveError, parse_period
from storage.ingest import sources
from storage.language.text import ANALYZER_VERSION, analyse
from storage.models import ArticleWarning, Filters, SourceFile, Verdict
from tests import corpus
from tests.consistency import assert_archive_consistent
from tests.corpus import AMSTERDAM, page, parsed
from tests.files import in_folder, numbered, zip_of
from tests.fixtures import add, execute, fail_passages_containing, import_all, only_sqlite


def _summary(verdicts: list[Verdict]) -> list[tuple]:
    return [(v.file, v.status, v.code, v.record) for v in verdicts]


def _text(body: str, **fields: object) -> bytes:
    return page([body], **fields).encode()


# --- importing --------------------------------------------------------------------------------


async def test_an_import_gives_one_verdict_per_file_zip_entry_and_record_in_order(
    archive: Archive, tmp_path: Path
) -> None:
    (tmp_path / "los.txt").write_bytes(_text("De veerpont in Genemuiden vaart weer."))
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "b.md").write_text("# Nieuwe kade\n\nDe haven van Harlingen krijgt een kade.\n")
    (folder / "a.txt").write_bytes(_text("Het gemaal bij Urk draait op zonne-energie."))
    bundle = {
        "een.txt": _text("De sluis bij Terneuzen is dicht."),
        "leeg.txt": b"",
        "twee.txt": _text("Het veer naar Texel vaart vaker."),
    }
    (tmp_path / "bundel.zip").write_bytes(zip_of(bundle))
    records = [
        {"title": "Dijk", "body": "De dijk bij Kampen is verhoogd."},
        {"title": "Zonder tekst"},
        {"title": "Brug", "body": "De brug bij Zwolle is open.", "date": "2019-04-02"},
    ]
    (tmp_path / "verzameling.json").write_text(json.dumps(records), encoding="utf-8")
    missing = tmp_path / "weg.txt"
    paths = [tmp_path / n for n in ("los.txt", "map", "bundel.zip", "verzameling.json")]

    verdicts = [v async for v in archive.import_paths([*paths, missing], added_by="beheerder")]
    assert _summary(verdicts) == [
        ("los.txt", "added", None, None),
        ("a.txt", "added", None, None),
        ("b.md", "added", None, None),
        ("een.txt", "added", None, None),
        ("leeg.txt", "rejected", "empty", None),
        ("twee.txt", "added", None, None),
        ("verzameling.json", "added", None, 1),
        ("verzameling.json", "rejected", "no_body", 2),
        ("verzameling.json", "added", None, 3),
        (str(missing), "rejected", "unreadable", None),
    ]
    added = {v.article_id: v.file for v in verdicts if v.status == "added"}
    assert len(added) == 7
    for article_id, file in added.items():
        article = await archive.article(article_id)
        assert article is not None and article.added_by == "beheerder"
        assert article.summary.file == file
    brug = (await archive.search("Is de brug bij Zwolle open?")).hits[0].article
    assert (brug.title, brug.published) == ("Brug", datetime(2019, 4, 2, tzinfo=AMSTERDAM))

    again = [v async for v in archive.import_paths(paths)]
    assert {v.article_id: v.file for v in again if v.status == "duplicate"} == added
    assert Counter(v.status for v in again) == {"duplicate": 7, "rejected": 2}
    assert (await archive.stats()).articles == 7


async def test_an_upload_is_unpacked_and_stored_for_its_server_only(archive: Archive) -> None:
    upload = SourceFile(
        "bundel.zip",
        zip_of({"sluis.txt": _text("De sluis bij Terneuzen is sinds dinsdag dicht.")}),
    )
    [verdict] = [v async for v in archive.import_file(upload, scope=3, added_by="lid#7")]
    assert (verdict.file, verdict.status) == ("sluis.txt", "added")
    article = await archive.article(verdict.article_id, scope=3)
    assert article is not None and article.added_by == "lid#7"
    assert article.summary.scope == 3
    assert (await archive.search("sluis Terneuzen", Filters(scope=3))).hits
    for elsewhere in (None, 4):
        assert await archive.article(verdict.article_id, scope=elsewhere) is None
        assert not (await archive.search("sluis Terneuzen", Filters(scope=elsewhere))).hits


# Who added three exported articles, when, and for which collection.
_ADDED = (
    ("discord:77", datetime(2021, 6, 1, 8, 30, tzinfo=UTC), 5),
    ("cli", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC), None),
    ("discord:88", datetime(2022, 2, 2, 10, 0, tzinfo=AMSTERDAM), 6),
)


def _exported(tmp_path: Path) -> Path:
    """Three records as `archivaris export` writes them."""
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, (added_by, added_at, scope) in enumerate(_ADDED):
            record = {"title": f"Haven {n}", "body": f"De haven van Harlingen, bericht {n}."}
            record |= {"added_by": added_by, "added_at": added_at.isoformat(), "scope": scope}
            out.write(json.dumps(record) + "\n")
    return path


async def _added(archive: Archive) -> list[tuple]:
    """Who added each article, when and for which collection, oldest id first."""
    return [(a.added_by, a.added_at, a.summary.scope) async for a in archive.export()]


async def test_the_operators_import_of_an_export_keeps_who_added_it_when_and_for_whom(
    archive: Archive, tmp_path: Path
) -> None:
    verdicts = [v async for v in archive.import_paths([_exported(tmp_path)], added_by="cli")]
    assert [v.status for v in verdicts] == ["added"] * 3
    assert await _added(archive) == list(_ADDED)
    assert [a.title for a in await archive.recent()] == ["Haven 1"]
    assert [a.title for a in await archive.recent(Filters(scope=5))] == ["Haven 1", "Haven 0"]


async def test_an_import_with_a_scope_of_its_own_puts_every_record_there(
    archive: Archive, tmp_path: Path
) -> None:
    """Restoring one server's export under another server's id: its collection is the
    import's, who added each article and when are still the records'."""
    imported = archive.import_paths([_exported(tmp_path)], scope=9, added_by="cli")
    assert [v.status async for v in imported] == ["added"] * 3
    assert await _added(archive) == [(by, at, 9) for by, at, _ in _ADDED]


async def test_an_upload_cannot_say_who_added_it_when_or_for_which_server(
    archive: Archive, tmp_path: Path
) -> None:
    """A server's admin must not forge provenance, nor publish into the global collection
    or another server's."""
    upload = SourceFile("export.jsonl", _exported(tmp_path).read_bytes())
    started = datetime.now(UTC).replace(microsecond=0)
    verdicts = [v async for v in archive.import_file(upload, scope=3, added_by="discord:1")]
    assert [v.status for v in verdicts] == ["added"] * 3
    added = await _added(archive)
    assert [(by, scope) for by, _, scope in added] == [("discord:1", 3)] * 3
    assert all(at >= started for _, at, _ in added)
    assert await archive.recent() == []


async def test_an_archive_that_cannot_take_writes_stops_the_import_with_its_reason(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Busy, read-only or unreachable is the archive's state, not one batch's: the import
    stops with the worded reason after the batches already stored, rather than calling
    every remaining file "could not be stored"."""
    monkeypatch.setattr(archive_module, "BATCH_FILES", 4)
    monkeypatch.setattr(archive_module, "STORE_FILES", 4)
    monkeypatch.setattr(archive_module, "MIN_STORE", 4)
    files = [
        SourceFile(f"{n:02d}.txt", _text(f"Bericht {n} over de haven van Harlingen."))
        for n in range(12)
    ]
    folder = in_folder(tmp_path / "in", files)
    add_batch = archive.store.add
    calls = 0

    async def busy_after_one(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise ArchiveError("busy", "archief")
        return await add_batch(*args, **kwargs)

    monkeypatch.setattr(archive.store, "add", busy_after_one)
    verdicts = []
    with pytest.raises(ArchiveError) as raised:
        async for verdict in archive.import_paths([folder]):
            verdicts.append(verdict)
    assert raised.value.code == "busy"
    assert [(v.file, v.status) for v in verdicts] == [(f"{n:02d}.txt", "added") for n in range(4)]
    assert calls == 2
    monkeypatch.undo()
    assert len(await archive.recent(limit=50)) == 4


async def test_a_batch_that_cannot_be_stored_is_refused_whole_and_the_others_are_kept(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each stored batch is one transaction: when it fails, every file of it says so, and
    none of it is half in the archive. The batches before and after it are stored."""
    monkeypatch.setattr(archive_module, "BATCH_FILES", 4)
    monkeypatch.setattr(archive_module, "STORE_FILES", 4)
    monkeypatch.setattr(archive_module, "MIN_STORE", 4)
    records = [
        {"title": f"Record {n}", "body": f"Record {n}: de dijk bij Kampen is verhoogd."}
        for n in (1, 2)
    ]
    files = [
        SourceFile(f"{n:02d}.txt", _text(f"Bericht {n} over de haven van Harlingen."))
        for n in range(12)
    ]
    files[6] = SourceFile("06.json", json.dumps(records).encode())
    files[7] = SourceFile("07.txt", b"")
    folder = in_folder(tmp_path / "in", files)
    fail_passages_containing(archive, "Bericht 5 ")

    verdicts = [v async for v in archive.import_paths([folder])]
    failed = [v for v in verdicts if v.code == "store_failed"]
    assert [(v.file, v.record) for v in failed] == [
        ("04.txt", None),
        ("05.txt", None),
        ("06.json", 1),
        ("06.json", 2),
    ]
    assert all(v.status == "rejected" and v.article_id is None for v in failed)
    assert _summary(verdicts)[8] == ("07.txt", "rejected", "empty", None)
    assert Counter(v.status for v in verdicts) == {"added": 8, "rejected": 5}
    kept = {a.file for a in await archive.recent(limit=50)}
    assert kept == {f"{n:02d}.txt" for n in (0, 1, 2, 3, 8, 9, 10, 11)}
    assert (await archive.stats()).passages == 8
    assert (await archive.search("Bericht 3 haven")).hits[0].article.file == "03.txt"

    fail_passages_containing(archive, None)
    retried = [v async for v in archive.import_paths([folder])]
    assert Counter(v.status for v in retried) == {"added": 4, "duplicate": 8, "rejected": 1}


async def test_worker_processes_give_the_same_verdicts_as_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "BATCH_FILES", 4)
    folder = in_folder(tmp_path / "in", numbered(18))
    results = []
    for name, broken in (("processes", False), ("thread", True)):
        async with await Archive.open(tmp_path / f"{name}.db") as archive:
            archive._workers_broken = broken
            results.append([v async for v in archive.import_paths([folder])])
            used_processes = archive._workers is not None
            assert used_processes is not broken
            assert (await archive.search("haven Harlingen7")).hits
    assert [(*s, v.article_id) for s, v in zip(_summary(results[0]), results[0], strict=True)] == [
        (*s, v.article_id) for s, v in zip(_summary(results[1]), results[1], strict=True)
    ]
    statuses = Counter(v.status for v in results[0])
    assert statuses == {"added": 18, "duplicate": 1, "rejected": 1}


async def test_when_worker_processes_fail_threads_take_over(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken(ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            raise BrokenProcessPool("no processes here")

    monkeypatch.setattr(archive_module, "BATCH_FILES", 4)
    monkeypatch.setattr(archive_module, "ProcessPoolExecutor", Broken)
    verdicts = [v async for v in archive.import_paths([in_folder(tmp_path / "in", numbered(10))])]
    assert Counter(v.status for v in verdicts) == {"added": 10, "duplicate": 1, "rejected": 1}


def _cut_emoji(field: str) -> bytes:
    """A record whose `field` ends in half an emoji, as a scraper leaves it."""
    body = f"De kade bij Urk wordt hersteld ({field})."
    record = {"title": "Kade", "source": "Courant", "body": body}
    record[field] += " \ud83d"
    return json.dumps(record).encode()


async def test_a_record_with_half_an_emoji_is_stored_and_so_is_every_other_file(
    archive: Archive, tmp_path: Path
) -> None:
    files = numbered(10)
    files += [SourceFile(f"{field}.jsonl", _cut_emoji(field)) for field in ("body", "title")]
    folder = in_folder(tmp_path / "in", files)
    verdicts = [v async for v in archive.import_paths([folder])]
    assert Counter(v.status for v in verdicts) == {"added": 12, "duplicate": 1, "rejected": 1}
    cut = [v for v in verdicts if v.file.endswith(".jsonl")]
    assert [v.status for v in cut] == ["added", "added"]
    assert all(v.warnings for v in cut)
    article = await archive.article(cut[0].article_id)
    assert article is not None and article.body == ("De kade bij Urk wordt hersteld (body).",)

    bundle = {
        "veer.txt": _text("Het veer naar Texel vaart vaker."),
        "bron.json": _cut_emoji("source"),
    }
    upload = SourceFile("bundel.zip", zip_of(bundle))
    assert [v.status async for v in archive.import_file(upload, scope=2)] == ["added", "added"]


async def test_warnings_keep_their_codes_and_an_earlier_versions_sentences_still_read(
    archive: Archive,
) -> None:
    """Earlier versions stored each warning as an English sentence: such an article reads
    back with that sentence, to be shown as it is, without a migration."""
    warnings = (
        ArticleWarning("weekday_mismatch", found="maandag", day=datetime(2019, 3, 20).date()),
        ArticleWarning("broken_html"),
    )
    new, old = await add(
        archive,
        parsed("Sluis", "De sluis bij Terneuzen is dicht.", warnings=warnings),
        parsed("Veer", "Het veer naar Texel vaart vaker."),
    )
    sentence = "The end of the page has broken HTML and was left out."
    sql = "UPDATE articles SET warnings = ? WHERE id = ?"
    execute(archive, sql, json.dumps([sentence]), old.article_id)
    [stored] = [a async for a in archive.export() if a.id == new.article_id]
    assert stored.warnings == warnings
    article = await archive.article(old.article_id)
    assert article is not None
    assert article.warnings == (ArticleWarning("sentence", found=sentence),)


async def test_a_file_name_that_is_not_utf8_does_not_cost_the_batch(
    archive: Archive, tmp_path: Path
) -> None:
    folder = in_folder(tmp_path / "in", numbered(4))
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(_text("Het caf\u00e9 aan de kade is open."))
    verdicts = [v async for v in archive.import_paths([folder])]
    assert Counter(v.status for v in verdicts) == {"added": 5, "duplicate": 1, "rejected": 1}
    [cafe] = [v for v in verdicts if v.file.startswith("caf")]
    assert cafe.file == "caf\ufffd.txt"


async def test_a_big_json_lines_file_streams_in_parts_and_several_transactions(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 200 MB JSON-lines file used to be held in memory about 13 times over and stored in
    one transaction, which kept readers waiting; now it is read a part at a time."""
    monkeypatch.setattr(sources, "PART_BYTES", 2000)
    monkeypatch.setattr(sources, "PART_RECORDS", 5)
    monkeypatch.setattr(archive_module, "BATCH_FILES", 10)
    monkeypatch.setattr(archive_module, "STORE_FILES", 20)
    monkeypatch.setattr(archive_module, "MIN_STORE", 10)
    stored: list[int] = []
    add = archive.store.add

    async def counted(articles, scope, added_by):
        stored.append(len(articles))
        return await add(articles, scope, added_by)

    monkeypatch.setattr(archive.store, "add", counted)
    lines = [
        json.dumps({"title": f"Melding {n}", "body": f"Melding {n}: de dijk bij Kampen is hoger."})
        for n in range(1, 61)
    ]
    lines[22] = "{kapot"
    lines[40:40] = ["", "   "]
    (tmp_path / "groot.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    verdicts = [v async for v in archive.import_paths([tmp_path / "groot.jsonl"])]
    assert [v.record for v in verdicts] == list(range(1, 61))
    assert {v.file for v in verdicts} == {"groot.jsonl"}
    [broken] = [v for v in verdicts if v.status != "added"]
    assert (broken.record, broken.code, broken.line) == (23, "bad_json", 23)
    last = await archive.article(verdicts[-1].article_id)
    assert last is not None and last.summary.title == "Melding 60"
    assert len(stored) > 1 and sum(stored) == 59 and max(stored) <= 20

    upload = SourceFile("upload.jsonl", (tmp_path / "groot.jsonl").read_bytes())
    uploaded = [v async for v in archive.import_file(upload, scope=3)]
    assert [(v.record, v.status) for v in uploaded] == [
        (v.record, "duplicate" if v.status == "added" else v.status) for v in verdicts
    ]


# --- what every store refuses ------------------------------------------------------------------


async def test_scope_0_is_no_server_and_cannot_hide_an_article_from_the_global_collection(
    archive: Archive, tmp_path: Path
) -> None:
    """Duplicates are keyed on coalesce(scope, 0): an article stored under scope 0 would make
    the same text a "duplicate" in the global collection, which could not see it. A scope
    past the ids a server can have is refused as well."""
    (tmp_path / "a.txt").write_text(corpus.WOLF, encoding="utf-8")
    for scope in (0, -1, 2**63):
        with pytest.raises(ValueError, match="server id"):
            await add(archive, parsed("n", "Onder scope nul."), scope=scope)
        with pytest.raises(ValueError, match="server id"):
            archive.import_paths([tmp_path / "a.txt"], scope=scope)
        with pytest.raises(ValueError, match="server id"):
            archive.import_file(SourceFile("a.txt", corpus.WOLF.encode()), scope=scope)
    [verdict] = [v async for v in archive.import_paths([tmp_path / "a.txt"])]
    assert verdict.status == "added"
    [top] = await add(archive, parsed("t", "Op de hoogste server."), scope=2**63 - 1)
    assert (await archive.article(top.article_id, scope=2**63 - 1)).summary.scope == 2**63 - 1


async def test_an_id_no_article_can_have_is_an_unknown_article(archive: Archive) -> None:
    """Ids past the stores' 64-bit integers come from forged buttons and typed numbers."""
    [stored] = await add(archive, parsed("Sluis", "De sluis bij Terneuzen is dicht."))
    for number in (0, -1, 2**63, -(2**63) - 1, 10**30):
        assert await archive.article(number) is None, number
        assert not await archive.delete(number), number
    assert (await archive.article(stored.article_id)).summary.title == "Sluis"


async def test_a_source_filter_takes_wildcard_characters_literally(archive: Archive) -> None:
    """A member's /recent source "100%" or "_" is text to find, not a LIKE pattern that
    matches every source."""
    await add(
        archive,
        parsed("Sluis", "De sluis bij Terneuzen is dicht.", source="Zeeuwse Krant"),
        parsed("Kade", "De haven van Harlingen krijgt een kade.", source="100% Noord"),
        parsed("Dijk", "De dijk bij Kampen is verhoogd.", source="Dijk_post"),
    )
    for source, titles in (
        ("100%", ["Kade"]),
        ("0% n", ["Kade"]),
        ("_", ["Dijk"]),
        ("%", ["Kade"]),
    ):
        listed = await archive.recent(Filters(source=source), limit=10)
        assert [a.title for a in listed] == titles, source
    assert await archive.recent(Filters(source="k%t"), limit=10) == []


async def test_a_limit_below_one_lists_nothing(filled: Archive) -> None:
    assert len(await filled.recent(limit=1)) == 1
    assert await filled.recent(limit=0) == await filled.recent(limit=-1) == []


async def test_the_dates_of_the_stats_are_those_the_articles_carry(filled: Archive) -> None:
    """Amsterdam's time, as every date the archive hands out: not 2019-03-24T23:00:00+00:00
    for an article of 25 March 2019."""
    published = sorted(a.published.isoformat() for a in await filled.recent(limit=50))
    stats = await filled.stats()
    assert (stats.oldest.isoformat(), stats.newest.isoformat()) == (published[0], published[-1])


async def test_a_date_at_the_end_of_the_calendar_filters_like_any_other(filled: Archive) -> None:
    """The year 9999 runs to the last moment a date can name (`parse_period`)."""
    since, until = parse_period("9999")
    assert until.year == 9999 and await filled.recent(Filters(since=since)) == []
    assert len(await filled.recent(Filters(until=until))) == len(corpus.CORPUS)
    assert (await filled.search("Stoltenberg kernwapens", Filters(until=until))).hits


async def test_a_read_only_archive_reads_and_refuses_every_write(
    archive_target: str | Path,
) -> None:
    async with await Archive.open(archive_target) as archive:
        [stored] = await add(archive, parsed("Sluis", "De sluis bij Terneuzen is dicht."))
    async with await Archive.open(archive_target, read_only=True) as archive:
        assert (await archive.article(stored.article_id)).summary.title == "Sluis"
        assert (await archive.search("sluis Terneuzen")).hits[0].article.id == stored.article_id
        with pytest.raises(RuntimeError, match="read-only"):
            await add(archive, parsed("Brug", "De brug bij Zwolle is open."))
        with pytest.raises(RuntimeError, match="read-only"):
            await archive.delete(stored.article_id)
        with pytest.raises(RuntimeError, match="read-only"):
            await archive.reindex()
    async with await Archive.open(archive_target) as archive:
        assert [a.title for a in await archive.recent()] == ["Sluis"]


# --- asking and browsing, per server ----------------------------------------------------------


async def test_each_server_asks_browses_and_deletes_in_its_own_and_the_global_articles(
    filled: Archive,
) -> None:
    [own] = await import_all(
        filled, [SourceFile("veer.txt", _text("De veerpont in Genemuiden vaart weer."))], scope=1
    )
    [other] = await import_all(
        filled, [SourceFile("pont.txt", _text("De veerpont in Genemuiden ligt stil."))], scope=2
    )
    question = "Vaart de veerpont in Genemuiden?"
    assert [h.article.id for h in (await filled.search(question, Filters(scope=1))).hits] == [
        own.article_id
    ]
    assert {h.article.id for h in (await filled.search(question, Filters(scope=2))).hits} == {
        other.article_id
    }
    assert not (await filled.search(question)).hits
    assert (await filled.search("Stoltenberg kernwapens", Filters(scope=1))).hits

    listed = {a.id for a in await filled.recent(Filters(scope=1), limit=50)}
    assert own.article_id in listed and other.article_id not in listed
    assert len(listed) == len(corpus.CORPUS) + 1
    assert (await filled.stats(scope=1)).articles == len(corpus.CORPUS) + 1
    assert (await filled.stats()).articles == len(corpus.CORPUS)

    assert await filled.article(other.article_id, scope=1) is None
    assert not await filled.delete(other.article_id, scope=1)
    navo = (await filled.search("Stoltenberg kernwapens", Filters(scope=1))).hits[0].article
    assert not await filled.delete(navo.id, scope=1), "the global collection is the operator's"
    assert await filled.article(other.article_id, scope=2) is not None

    assert await filled.delete(own.article_id, scope=1)
    assert not (await filled.search(question, Filters(scope=1))).hits
    assert await filled.article(own.article_id, scope=1) is None


# --- safe keeping -----------------------------------------------------------------------------


async def test_an_export_holds_every_article_oldest_first_or_only_the_given_owners(
    archive: Archive,
) -> None:
    """Oldest means first stored, whatever the publication dates say."""
    stored = []
    for name, date, scope in (
        ("nieuw", (2024, 3, 1), None),
        ("server", (2019, 5, 1), 5),
        ("oud", (2016, 1, 4), None),
        ("ander", (2020, 7, 7), 6),
    ):
        file = SourceFile(f"{name}.txt", _text(f"Het {name} bericht over de kade.", date=date))
        [verdict] = await import_all(archive, [file], scope=scope)
        stored.append((verdict.article_id, name, scope))

    def exported(articles) -> list[tuple]:
        return [(a.id, a.summary.file.removesuffix(".txt"), a.summary.scope) for a in articles]

    assert exported([a async for a in archive.export()]) == stored
    assert exported([a async for a in archive.export([None, 5])]) == stored[:3]
    assert exported([a async for a in archive.export([6])]) == stored[3:]
    assert [a async for a in archive.export([7])] == []
    [first] = [a async for a in archive.export([5])]
    assert first.body == ("Het server bericht over de kade.",)
    assert first.added_by == "test"


async def test_an_export_of_one_owner_reaches_past_many_articles_of_others(
    archive: Archive,
) -> None:
    records = [
        {"title": f"Melding {n}", "body": f"Melding {n}: de dijk bij Kampen is verhoogd."}
        for n in range(520)
    ]
    await import_all(archive, [SourceFile("veel.json", json.dumps(records).encode())], scope=5)
    [late] = await import_all(
        archive,
        [SourceFile("laat.txt", _text("Het laatste bericht gaat over de sluis bij Grave."))],
    )
    assert [a.id for a in [a async for a in archive.export([None])]] == [late.article_id]
    assert len([a async for a in archive.export()]) == 521


@only_sqlite
async def test_a_backup_refuses_an_existing_target_and_otherwise_is_a_working_copy(
    filled: Archive, tmp_path: Path
) -> None:
    taken = tmp_path / "bestaat.db"
    taken.write_bytes(b"niet overschrijven")
    with pytest.raises(FileExistsError) as refused:
        await filled.backup(taken)
    assert refused.value.filename == str(taken)
    assert taken.read_bytes() == b"niet overschrijven"
    (tmp_path / "map").mkdir()
    with pytest.raises(FileExistsError):
        await filled.backup(tmp_path / "map")

    await filled.backup(tmp_path / "kopie.db")
    async with await Archive.open(tmp_path / "kopie.db") as copy:
        assert await copy.stats() == await filled.stats()
        question = "Wat zei Stoltenberg over kernwapens?"
        assert (await copy.search(question)).hits == (await filled.search(question)).hits


# --- the analyser an archive was indexed with -------------------------------------------------


QUESTIONS = (
    "Wat zei Stoltenberg over kernwapens?",
    "Hoeveel startbewijzen waren er voor de Vierdaagse?",
    "Wie won het kampioenschap op de 1500 meter in Thialf?",
    "Zijn de schapen in Daarle door een wolf doodgebeten?",
    "Wat kostte de verbouwing van de bibliotheek in Zwolle?",
)


def _reversed_stems(text: str) -> list[str]:
    """Another analyser: every stem reversed."""
    return [term[::-1] for term in analyse(text)]


async def _answers(archive: Archive) -> dict[str, list[tuple[int, float]]]:
    return {
        question: [(hit.article.id, hit.score) for hit in (await archive.search(question)).hits]
        for question in QUESTIONS
    }


async def test_an_archive_indexed_by_another_analyser_is_refused_until_reindexed(
    archive_target: str | Path,
) -> None:
    """Questions and imports are refused, browsing is not; once re-indexed the archive
    gives the answers it gave before, with the same article ids."""
    async with await Archive.open(archive_target) as archive:
        await import_all(archive, corpus.files())
        before = await _answers(archive)
        await archive.store.reindex(_reversed_stems, "omgekeerd/v1")

    with pytest.raises(ArchiveError) as refused:
        await Archive.open(archive_target)
    assert refused.value.code == "outdated_index"
    assert refused.value.figures == {"built": "omgekeerd/v1", "current": ANALYZER_VERSION}
    async with await Archive.open(archive_target, read_only=True, outdated_ok=True) as archive:
        assert (await archive.stats()).articles == len(corpus.CORPUS)
        with pytest.raises(ArchiveError, match="outdated_index"):
            await archive.search(QUESTIONS[0])
    async with await Archive.open(archive_target, outdated_ok=True) as archive:
        with pytest.raises(ArchiveError, match="outdated_index"):
            archive.import_paths([])
        with pytest.raises(ArchiveError, match="outdated_index"):
            archive.import_file(SourceFile("a.txt", b"Tekst."))
        assert await archive.reindex() > len(corpus.CORPUS)

    async with await Archive.open(archive_target) as archive:
        assert await _answers(archive) == before
    assert_archive_consistent(archive_target)


async def test_reindexing_rebuilds_the_champion_lists(
    archive_target: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(candidates, "LIST_SIZE", 2)
    monkeypatch.setattr(candidates, "COMMON", 2)
    async with await Archive.open(archive_target) as archive:
        await import_all(archive, corpus.files())
        await archive.store.reindex(_reversed_stems, "omgekeerd/v1")
        assert_archive_consistent(archive_target)
        await archive.reindex()
    assert_archive_consistent(archive_target)
