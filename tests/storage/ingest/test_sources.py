"""Paths, folders and zips to in-memory files, with every zip trick turned into a verdict."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from storage.ingest import sources
from storage.ingest.parse import parse_file
from storage.ingest.prepare import PreparedFile, prepare_batch
from storage.ingest.sources import count_files, expand_paths, read_file, unpack
from storage.models import FileOnDisk, ImportLimits, SourceFile, Verdict

LIMITS = ImportLimits()
ARTICLE = b"Bron: NOS\n\nHet zwembad aan de Parkweg blijft open tot de sporthal klaar is.\n"


def make_zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in entries.items():
            if name.endswith("/"):
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, data)
    return buffer.getvalue()


def patch_headers(data: bytes, *, flag_bits: int | None = None, size: int | None = None) -> bytes:
    """Rewrite the first entry's headers, as a hand-crafted hostile zip would."""
    raw = bytearray(data)
    local = raw.find(b"PK\x03\x04")
    central = raw.find(b"PK\x01\x02")
    if flag_bits is not None:
        struct.pack_into("<H", raw, local + 6, flag_bits)
        struct.pack_into("<H", raw, central + 8, flag_bits)
    if size is not None:
        struct.pack_into("<I", raw, local + 22, size)
        struct.pack_into("<I", raw, central + 24, size)
    return bytes(raw)


def unpacked(
    name: str, data: bytes, limits: ImportLimits = LIMITS
) -> tuple[list[SourceFile], list[Verdict]]:
    files: list[SourceFile] = []
    verdicts: list[Verdict] = []
    for item in unpack(SourceFile(name, data), limits):
        (files if isinstance(item, SourceFile) else verdicts).append(item)
    return files, verdicts


def read_all(
    paths: Iterable[str | Path], limits: ImportLimits = LIMITS
) -> list[SourceFile | Verdict]:
    """What an import of `paths` gets to parse: the files found, read as a worker reads them."""
    return [
        read
        for item in expand_paths(paths, limits)
        for read in (read_file(item, limits) if isinstance(item, FileOnDisk) else [item])
    ]


def codes(verdicts: list[Verdict]) -> list[str | None]:
    assert all(v.status == "rejected" and v.file for v in verdicts)
    return [v.code for v in verdicts]


# --- unpack ---------------------------------------------------------------------------------


def test_a_plain_file_comes_through_unchanged() -> None:
    file = SourceFile("artikel.txt", ARTICLE)
    assert list(unpack(file, LIMITS)) == [file]


def test_zip_entries_come_through_by_base_name() -> None:
    data = make_zip({"map/een.txt": ARTICLE, "twee.md": b"# Titel\n\nTekst", "map/": b""})
    files, verdicts = unpacked("upload.zip", data)
    assert files == [SourceFile("een.txt", ARTICLE), SourceFile("twee.md", b"# Titel\n\nTekst")]
    assert verdicts == []


def test_unpacked_entries_parse() -> None:
    files, _ = unpacked("upload.zip", make_zip({"een.txt": ARTICLE}))
    [article] = parse_file(files[0])
    assert getattr(article, "source", None) == "NOS"


def test_path_tricks_are_reduced_to_base_names(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = make_zip({"../../evil.txt": ARTICLE, "/etc/passwd.txt": ARTICLE, "C:\\x\\win.txt": b"x"})
    files, verdicts = unpacked("upload.zip", data)
    assert [f.name for f in files] == ["evil.txt", "passwd.txt", "win.txt"]
    assert verdicts == []
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "evil.txt").exists()


def test_macos_junk_and_hidden_files_are_skipped_silently() -> None:
    data = make_zip(
        {
            "__MACOSX/._een.txt": b"\x00\x05\x16\x07",
            "map/.DS_Store": b"\x00\x00\x00\x01Bud1",
            ".git/config.txt": b"x",
            "een.txt": ARTICLE,
        }
    )
    files, verdicts = unpacked("upload.zip", data)
    assert [f.name for f in files] == ["een.txt"]
    assert verdicts == []


def test_zip_bomb_is_rejected() -> None:
    data = make_zip({"bom.txt": b"\x00" * (3 * 1024 * 1024), "een.txt": ARTICLE})
    assert len(data) < 20_000
    files, verdicts = unpacked("upload.zip", data)
    assert codes(verdicts) == ["zip_bomb"]
    assert verdicts[0].file == "bom.txt"
    assert [f.name for f in files] == ["een.txt"]


def test_a_forged_small_size_never_yields_more_than_declared() -> None:
    data = patch_headers(make_zip({"bom.txt": b"A" * (1024 * 1024)}), size=1000)
    files, verdicts = unpacked("upload.zip", data)
    assert files == []
    assert codes(verdicts)[0] in ("bad_zip", "zip_bomb")


def test_too_many_entries() -> None:
    data = make_zip({f"{n}.txt": ARTICLE for n in range(5)})
    files, verdicts = unpacked("upload.zip", data, ImportLimits(max_zip_entries=3))
    assert files == []
    assert codes(verdicts) == ["too_many_entries"]
    assert verdicts[0].file == "upload.zip"
    assert (verdicts[0].count, verdicts[0].limit) == (5, 3)


def test_an_entry_over_the_file_limit() -> None:
    data = make_zip({"groot.txt": ARTICLE * 20, "klein.txt": ARTICLE}, zipfile.ZIP_STORED)
    files, verdicts = unpacked("upload.zip", data, ImportLimits(max_file_bytes=500))
    assert codes(verdicts) == ["too_large"]
    assert verdicts[0].file == "groot.txt"
    assert [f.name for f in files] == ["klein.txt"]


def test_total_unpacked_size_is_bounded() -> None:
    entries = {f"{n}.txt": ARTICLE for n in range(5)}
    limits = ImportLimits(max_unpacked_bytes=len(ARTICLE) * 2)
    files, verdicts = unpacked("upload.zip", make_zip(entries), limits)
    assert len(files) == 2
    assert codes(verdicts) == ["unpacked_too_large"]
    assert verdicts[0].file == "upload.zip"


def test_encrypted_entry() -> None:
    data = patch_headers(make_zip({"geheim.txt": ARTICLE}), flag_bits=0x1)
    files, verdicts = unpacked("upload.zip", data)
    assert files == []
    assert codes(verdicts) == ["encrypted"]


def test_nested_zip_is_rejected_but_siblings_come_through() -> None:
    inner = make_zip({"binnen.txt": ARTICLE})
    data = make_zip({"binnen.zip": inner, "vermomd.txt": inner, "een.txt": ARTICLE})
    files, verdicts = unpacked("upload.zip", data)
    assert codes(verdicts) == ["nested_zip", "nested_zip"]
    assert [v.file for v in verdicts] == ["binnen.zip", "vermomd.txt"]
    assert [f.name for f in files] == ["een.txt"]


def test_unsupported_entry_is_named() -> None:
    files, verdicts = unpacked("upload.zip", make_zip({"foto.jpg": b"\xff\xd8", "a.txt": ARTICLE}))
    assert codes(verdicts) == ["unsupported"]
    assert verdicts[0].file == "foto.jpg"
    assert [f.name for f in files] == ["a.txt"]


@pytest.mark.parametrize(
    "data",
    [b"this is not a zip at all", b"PK\x03\x04" + bytes(range(200)), b""],
)
def test_corrupt_zip(data: bytes) -> None:
    files, verdicts = unpacked("upload.zip", data)
    assert files == []
    assert codes(verdicts) == ["bad_zip"]
    assert verdicts[0].file == "upload.zip"


def test_truncated_zip() -> None:
    data = make_zip({"een.txt": ARTICLE * 50, "twee.txt": ARTICLE})
    files, verdicts = unpacked("upload.zip", data[: len(data) // 2])
    assert files == []
    assert codes(verdicts) == ["bad_zip"]


def test_zip_over_the_zip_limit() -> None:
    data = make_zip({"een.txt": ARTICLE})
    _, verdicts = unpacked("upload.zip", data, ImportLimits(max_zip_bytes=10))
    assert codes(verdicts) == ["too_large"]


def test_a_zip_under_another_name_is_unpacked() -> None:
    files, _ = unpacked("upload.txt", make_zip({"een.txt": ARTICLE}))
    assert [f.name for f in files] == ["een.txt"]


def test_office_documents_are_not_unpacked() -> None:
    data = make_zip({"word/document.xml": b"<w:document/>"})
    assert list(unpack(SourceFile("brief.docx", data), LIMITS)) == [SourceFile("brief.docx", data)]


# --- expand_paths ---------------------------------------------------------------------------


def test_folders_are_walked_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".verborgen").mkdir()
    (tmp_path / "b" / "2.txt").write_bytes(ARTICLE)
    (tmp_path / "b" / "1.md").write_bytes(ARTICLE)
    (tmp_path / "a.json").write_bytes(b"{}")
    (tmp_path / ".geheim.txt").write_bytes(ARTICLE)
    (tmp_path / ".verborgen" / "x.txt").write_bytes(ARTICLE)
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "c.zip").write_bytes(make_zip({"uit-zip.txt": ARTICLE}))
    (tmp_path / "README.md").write_bytes(b"# Over deze map")

    items = read_all([tmp_path])
    assert all(isinstance(item, SourceFile) for item in items)
    assert [getattr(item, "name", None) for item in items] == [
        "a.json",
        "1.md",
        "2.txt",
        "uit-zip.txt",
    ]


def test_named_files_missing_paths_and_unsupported_types(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8")
    items = read_all([str(tmp_path / "a.txt"), tmp_path / "weg.txt", tmp_path / "foto.jpg"])
    assert items[0] == SourceFile("a.txt", ARTICLE)
    missing, unsupported = items[1:]
    assert isinstance(missing, Verdict) and missing.code == "unreadable"
    assert missing.file == str(tmp_path / "weg.txt")
    assert isinstance(unsupported, Verdict) and unsupported.code == "unsupported"
    assert unsupported.file == "foto.jpg"


def test_links_and_special_files_in_a_folder_are_not_followed(tmp_path: Path) -> None:
    """A folder to import can come from anyone: a link in it named notes.txt could point
    at the bot's .env, and what is imported may be shown to every server."""
    secret = tmp_path / "geheim"
    secret.mkdir()
    (secret / ".env").write_bytes(b"DISCORD_TOKEN=" + b"x" * 70)
    (secret / "nieuws.txt").write_bytes(ARTICLE)
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "echt.txt").write_bytes(ARTICLE)
    (folder / "notes.txt").symlink_to(secret / ".env")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "meer").symlink_to(secret, target_is_directory=True)
    (folder / "lib.so").symlink_to("/etc/hostname")
    os.mkfifo(folder / "pijp.txt")

    items = read_all([folder])
    assert items[0] == SourceFile("echt.txt", ARTICLE)
    assert [(v.file, v.code) for v in items[1:]] == [
        ("meer", "symlink"),
        ("notes.txt", "symlink"),
        ("passwd.txt", "symlink"),
        ("pijp.txt", "not_a_file"),
    ]
    assert count_files([folder]) == len(items)

    [named] = read_all([folder / "notes.txt"])
    assert named == SourceFile("notes.txt", (secret / ".env").read_bytes()), "the user's choice"


def test_a_file_swapped_for_a_link_after_the_walk_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    (tmp_path / "geheim.txt").write_bytes(b"DISCORD_TOKEN=" + b"x" * 70)
    found = list(expand_paths([tmp_path], LIMITS))
    (tmp_path / "a.txt").unlink()
    (tmp_path / "a.txt").symlink_to(tmp_path / "geheim.txt")
    [verdict] = list(read_file(found[0], LIMITS))
    assert isinstance(verdict, Verdict) and (verdict.file, verdict.code) == ("a.txt", "symlink")


def test_a_large_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "groot.txt"
    big.write_bytes(ARTICLE * 100)
    [verdict] = read_all([big], ImportLimits(max_file_bytes=1000))
    assert isinstance(verdict, Verdict)
    assert verdict.code == "too_large"
    assert (verdict.size, verdict.limit) == (len(ARTICLE) * 100, 1000)


def test_count_files_counts_what_an_import_reports_on(tmp_path: Path) -> None:
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "a.txt").write_bytes(ARTICLE)
    (tmp_path / "map" / "README.md").write_bytes(b"# over deze map")
    (tmp_path / "map" / "foto.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "b.zip").write_bytes(
        make_zip({"1.txt": ARTICLE, "2.txt": ARTICLE, "__MACOSX/._1.txt": b"", "sub/": b""})
    )
    paths = [tmp_path / "map", tmp_path / "b.zip", tmp_path / "weg.txt"]
    assert count_files(paths) == 4
    reported = {getattr(item, "name", None) or item.file for item in read_all(paths)}
    assert len(reported) == 4


def test_a_file_that_goes_missing_before_it_is_read_gets_a_verdict(tmp_path: Path) -> None:
    """Files are read where they are parsed, a moment after the folder was walked."""
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    (tmp_path / "b.txt").write_bytes(ARTICLE.replace(b"Parkweg", b"Dorpsstraat"))
    found = list(expand_paths([tmp_path], LIMITS))
    (tmp_path / "a.txt").unlink()
    gone, kept = prepare_batch(found, LIMITS)
    assert isinstance(gone, Verdict) and gone.code == "unreadable"
    assert isinstance(kept, PreparedFile) and kept.name == "b.txt" and len(kept.items) == 1


# --- big JSON-lines files, in parts ---------------------------------------------------------


def in_parts(data: bytes, monkeypatch: pytest.MonkeyPatch, **limits: int) -> list:
    monkeypatch.setattr(sources, "PART_BYTES", 300)
    monkeypatch.setattr(sources, "PART_RECORDS", 3)
    return list(unpack(SourceFile("groot.jsonl", data), ImportLimits(**limits)))


def record_line(number: int) -> bytes:
    return b'{"title": "T%d", "body": "Het zwembad aan de Parkweg blijft open."}\n' % number


def test_a_big_json_lines_file_comes_in_parts_numbered_as_the_file(monkeypatch) -> None:
    data = b"".join(record_line(n) for n in range(1, 8))
    data = data.replace(b'\n{"title": "T4"', b'\n\n\n{"title": "T4"')
    parts = in_parts(data, monkeypatch)
    assert [(p.first_line, p.first_record, p.records) for p in parts] == [
        (1, 1, 3),
        (4, 4, 3),
        (9, 7, 1),
    ]
    assert b"".join(p.data for p in parts) == data
    small = SourceFile("klein.jsonl", record_line(1) * 2)
    assert list(unpack(small, LIMITS)) == [small]


def test_what_only_the_whole_file_tells_is_told_once(monkeypatch) -> None:
    long_line = b'{"body": "' + b"x" * 5000 + b'"}\n'
    data = record_line(1) + long_line + b"".join(record_line(n) for n in range(3, 9))
    found = in_parts(data, monkeypatch, max_file_bytes=500, max_records_per_file=6)
    verdicts = [item for item in found if isinstance(item, Verdict)]
    assert [(v.code, v.line, v.record, v.count) for v in verdicts] == [
        ("too_large", 2, 2, None),
        ("too_many_records", None, 7, 8),
    ]
    parts = [item for item in found if not isinstance(item, Verdict)]
    assert [(p.first_line, p.first_record, p.records) for p in parts] == [
        (1, 1, 1),
        (3, 3, 3),
        (6, 6, 1),
    ]

    [binary] = in_parts(bytes(range(1, 32)) * 400 + b"\n" * 10, monkeypatch)
    assert (binary.code, binary.file) == ("binary", "groot.jsonl")
    [blank] = in_parts(b" \n" * 1000, monkeypatch)
    assert blank.code == "whitespace"
    utf16 = "\n".join(json.dumps({"title": f"T{n}"}) for n in range(40)).encode("utf-16")
    assert in_parts(utf16, monkeypatch) == [SourceFile("groot.jsonl", utf16)]
