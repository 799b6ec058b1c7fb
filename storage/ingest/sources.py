"""What a user hands over (paths, folders, zips, uploads) turned into in-memory files.

Plain files found on disk become `FileOnDisk`s, read by `read_file` where they are parsed.
A big JSON-lines file is cut into parts of whole lines (`JsonLines`) as it is read, so it
streams through the import like a folder of files.

Zips are the risky part: an upload can be a zip bomb, hold thousands of entries, name
entries `../../etc/passwd`, be encrypted or simply be damaged. Entries are read into memory
only, under their base name, with every limit of `ImportLimits` enforced while reading
(declared sizes can lie), and each problem becomes a rejected `Verdict` so that the good
entries of a partly bad zip still get imported.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from storage.ingest.decode import decode, without_surrogates
from storage.ingest.formats import (
    JSON_LINES_EXTENSION,
    SUPPORTED_EXTENSIONS,
    ZIP_EXTENSION,
    extension,
)
from storage.models import FileOnDisk, ImportLimits, JsonLines, SourceFile, Verdict

Found = FileOnDisk | SourceFile | JsonLines | Verdict

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Office and e-book formats are zips too, but unpacking them would only produce XML noise;
# they are passed on whole so the user hears "not supported" about the file they sent.
_ZIP_BASED_DOCUMENTS = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub")
_JUNK_NAMES = ("__MACOSX", "Thumbs.db", "desktop.ini")
_IMPORTABLE = (*SUPPORTED_EXTENSIONS, ZIP_EXTENSION)
# A file found in a folder is opened without following a link that took its place after
# the walk, and without waiting on a pipe.
_FOUND_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_NAMED_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
# A JSON-lines file bigger than this is cut into parts of at most this many bytes or
# records: about what a batch of files is, so that a part is parsed as one job.
PART_BYTES = 4 * 1024 * 1024
PART_RECORDS = 64


def expand_paths(paths: Iterable[str | Path], limits: ImportLimits) -> Iterator[Found]:
    """Every importable file under `paths`: files as given, folders walked in sorted order.

    Inside folders only supported types are taken and hidden files and READMEs, licences
    and changelogs are skipped, so pointing at a project folder does not report every .git
    object; a file named explicitly always gets a verdict. Links, pipes and devices inside
    a folder are never read (a folder from someone else may link to the bot's .env, and the
    global collection is shown to every server); a link named explicitly is the user's
    choice and is followed. Zips are read and unpacked here, so that their entries are
    batched like files, and so are big JSON-lines files, cut into parts; every other file
    is left for `read_file`, which whoever parses it calls.
    """
    for item in _inputs(paths):
        if isinstance(item, Verdict):
            yield item
        elif extension(item[0].name) == ZIP_EXTENSION:
            yield from _read(*item, limits)
        elif extension(item[0].name) == JSON_LINES_EXTENSION and _size(item[0]) > PART_BYTES:
            yield from _read_in_parts(*item, limits)
        else:
            yield FileOnDisk(str(item[0]), item[1])


def read_file(file: FileOnDisk, limits: ImportLimits) -> Iterator[SourceFile | JsonLines | Verdict]:
    """The file's content (its entries if it is a zip in disguise), or why it cannot be had."""
    return _read(Path(file.path), file.named, limits)


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files and zip entries an import of `paths` will report on, for a progress
    bar: it walks the folders and reads each zip's directory, but no file's content."""
    return sum(_reported(paths))


def has_files(paths: Iterable[str | Path]) -> bool:
    """Whether an import of `paths` will report on anything: `count_files`, stopping at
    the first file instead of walking a whole folder twice."""
    return any(_reported(paths))


def _reported(paths: Iterable[str | Path]) -> Iterator[int]:
    """For each input of an import, how many files and zip entries it will report on."""
    for item in _inputs(paths):
        if isinstance(item, Verdict) or extension(item[0].name) != ZIP_EXTENSION:
            yield 1
            continue
        try:
            with zipfile.ZipFile(item[0]) as archive:
                yield sum(
                    1 for i in archive.infolist() if not i.is_dir() and not _is_junk(i.filename)
                )
        except (OSError, zipfile.BadZipFile):
            yield 1


def _inputs(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool] | Verdict]:
    """The files to read, in order, each with whether the user named it explicitly."""
    for path in map(Path, paths):
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            yield from _walk(path)
        elif is_file:
            yield path, True
        elif os.path.exists(path):
            yield Verdict(_shown(path.name), "rejected", "not_a_file")
        else:
            yield Verdict(_shown(str(path)), "rejected", "unreadable", detail="missing")


def unpack(file: SourceFile, limits: ImportLimits) -> Iterator[SourceFile | JsonLines | Verdict]:
    """`file` itself (in parts if it is a big JSON-lines file), or the entries of `file` if
    it is a zip."""
    ext = extension(file.name)
    is_zip = ext == ZIP_EXTENSION or (
        file.data.startswith(_ZIP_MAGIC) and ext not in _ZIP_BASED_DOCUMENTS
    )
    if not is_zip:
        yield from _whole_or_in_parts(file, limits)
        return
    if len(file.data) > limits.max_zip_bytes:
        yield Verdict(
            file.name, "rejected", "too_large", size=len(file.data), limit=limits.max_zip_bytes
        )
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(file.data))
        entries = archive.infolist()
    except Exception:  # zipfile raises a zoo of exception types on hostile bytes
        yield Verdict(file.name, "rejected", "bad_zip")
        return
    with archive:
        if len(entries) > limits.max_zip_entries:
            count, limit = len(entries), limits.max_zip_entries
            yield Verdict(file.name, "rejected", "too_many_entries", count=count, limit=limit)
            return
        yield from _entries(file.name, archive, entries, limits)


def _entries(
    zip_name: str, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limits: ImportLimits
) -> Iterator[SourceFile | JsonLines | Verdict]:
    unpacked = 0
    for info in entries:
        name = PurePosixPath(info.filename.replace("\\", "/")).name
        if not name or info.is_dir() or _is_junk(info.filename):
            continue
        problem = _entry_problem(name, info, limits)
        if problem:
            yield problem
            continue
        budget = limits.max_unpacked_bytes - unpacked
        if info.file_size > budget:
            limit = limits.max_unpacked_bytes
            yield Verdict(zip_name, "rejected", "unpacked_too_large", limit=limit)
            return
        cap = min(
            limits.max_bytes(extension(name)),
            budget,
            max(info.compress_size, 1) * limits.max_compression_ratio,
        )
        try:
            with archive.open(info) as stream:
                data = stream.read(cap + 1)
        except Exception:  # bad CRC, truncated data, unknown compression, ...
            yield Verdict(name, "rejected", "bad_zip", detail="entry")
            continue
        if len(data) > cap:
            # More came out than the zip's directory promised: a forged header.
            yield Verdict(name, "rejected", "zip_bomb")
            continue
        unpacked += len(data)
        if data.startswith(_ZIP_MAGIC):
            yield Verdict(name, "rejected", "nested_zip")
            continue
        yield from _whole_or_in_parts(SourceFile(name, data), limits)


def _entry_problem(name: str, info: zipfile.ZipInfo, limits: ImportLimits) -> Verdict | None:
    """What is wrong with an entry judging by the zip's directory alone, before reading it."""
    ext = extension(name)
    if ext == ZIP_EXTENSION:
        return Verdict(name, "rejected", "nested_zip")
    if ext not in SUPPORTED_EXTENSIONS:
        return Verdict(name, "rejected", "unsupported")
    if info.flag_bits & 0x1:
        return Verdict(name, "rejected", "encrypted")
    if info.file_size > max(info.compress_size, 1) * limits.max_compression_ratio:
        return Verdict(name, "rejected", "zip_bomb")
    if info.file_size > limits.max_bytes(ext):
        return Verdict(
            name, "rejected", "too_large", size=info.file_size, limit=limits.max_bytes(ext)
        )
    return None


def _is_junk(path: str) -> bool:
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return any(
        (part.startswith(".") and part not in (".", "..")) or part in _JUNK_NAMES for part in parts
    )


def _walk(folder: Path) -> Iterator[tuple[Path, bool] | Verdict]:
    try:
        children = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield Verdict(_shown(str(folder)), "rejected", "unreadable", detail="folder")
        return
    for child in children:
        if child.name.startswith(".") or _is_project_file(child.name):
            continue
        importable = extension(child.name) in _IMPORTABLE
        if child.is_symlink():
            if importable or child.is_dir():
                yield Verdict(_shown(child.name), "rejected", "symlink")
        elif child.is_dir(follow_symlinks=False):
            yield from _walk(Path(child.path))
        elif importable and child.is_file(follow_symlinks=False):
            yield Path(child.path), False
        elif importable:
            yield Verdict(_shown(child.name), "rejected", "not_a_file")


def _is_project_file(name: str) -> bool:
    """README, LICENSE and the like describe a folder; they are never its articles."""
    return name.split(".")[0].upper() in ("README", "LICENSE", "LICENCE", "CHANGELOG", "COPYING")


def _read(
    path: Path, named: bool, limits: ImportLimits
) -> Iterator[SourceFile | JsonLines | Verdict]:
    """The file at `path` (unpacked if a zip), reading no more than its limit allows."""
    name = _shown(path.name)
    ext = extension(name)
    if named and ext not in _IMPORTABLE:
        yield Verdict(name, "rejected", "unsupported")
        return
    limit = limits.max_bytes(ext)
    opened = _open(path, named)
    if isinstance(opened, Verdict):
        yield opened
        return
    handle, size = opened
    try:
        with handle:
            # read(n) first allocates n bytes: asking for the limit (megabytes) for every
            # file of a 100,000-file import cost more than the reading itself. A size of 0
            # may mean "unknown" (/proc), so then the limit it is.
            data = handle.read((min(size, limit) if size else limit) + 1)
    except OSError:
        yield Verdict(name, "rejected", "unreadable")
        return
    if len(data) > limit:
        yield Verdict(name, "rejected", "too_large", size=max(size, len(data)), limit=limit)
        return
    yield from unpack(SourceFile(name, data), limits)


def _open(path: Path, named: bool) -> tuple[BinaryIO, int] | Verdict:
    """The open file and its size, if it is a regular file that may be read."""
    name = _shown(path.name)
    try:
        descriptor = os.open(path, _NAMED_FLAGS if named else _FOUND_FLAGS)
    except OSError as error:
        code = "symlink" if error.errno == errno.ELOOP and not named else "unreadable"
        return Verdict(name, "rejected", code)
    handle = open(descriptor, "rb")  # noqa: SIM115 (closed by the caller)
    try:
        found = os.fstat(descriptor)
    except OSError:
        handle.close()
        return Verdict(name, "rejected", "unreadable")
    if not stat.S_ISREG(found.st_mode):
        handle.close()
        return Verdict(name, "rejected", "not_a_file")
    return handle, found.st_size


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- JSON lines in parts -----------------------------------------------------------------


def _read_in_parts(path: Path, named: bool, limits: ImportLimits) -> Iterator[JsonLines | Verdict]:
    """A big JSON-lines file on disk, read a part at a time (runs where the import reads
    its sources: a thread of the importing process)."""
    name = _shown(path.name)
    opened = _open(path, named)
    if isinstance(opened, Verdict):
        yield opened
        return
    handle, size = opened
    limit = limits.max_bytes(JSON_LINES_EXTENSION)
    with handle:
        if size > limit:
            yield Verdict(name, "rejected", "too_large", size=size, limit=limit)
            return
        try:
            yield from _parts(name, handle, limit, limits)
        except OSError:
            yield Verdict(name, "rejected", "unreadable")


def _whole_or_in_parts(
    file: SourceFile, limits: ImportLimits
) -> Iterator[SourceFile | JsonLines | Verdict]:
    size, limit = len(file.data), limits.max_bytes(JSON_LINES_EXTENSION)
    if extension(file.name) != JSON_LINES_EXTENSION or not PART_BYTES < size <= limit:
        yield file
        return
    yield from _parts(file.name, io.BytesIO(file.data), limit, limits)


def _parts(
    name: str, stream: BinaryIO, limit: int, limits: ImportLimits
) -> Iterator[SourceFile | JsonLines | Verdict]:
    """The lines of `stream` in parts, or why the file cannot be read.

    Whether the file is text at all is judged by its first part, so that a big binary
    file gets one verdict rather than one per part.
    """
    judged = False
    for found in _runs(name, stream, limit, limits):
        if isinstance(found, JsonLines) and not judged:
            judged = True
            text = decode(found.data)
            if isinstance(text, Verdict):
                yield replace(text, file=name)
                return
        yield found


def _runs(
    name: str, stream: BinaryIO, limit: int, limits: ImportLimits
) -> Iterator[SourceFile | JsonLines | Verdict]:
    """Runs of whole lines, numbered as the file numbers its lines and records.

    What only the whole file can tell is told here: a line too long to read (skipped
    without holding it), a file with too many records, a file bigger than its limit. A file
    in UTF-16, whose newlines are two bytes, comes whole.
    """
    lines: list[bytes] = []
    number = records = read = in_run = run_bytes = 0
    run_line = run_record = 1
    while line := stream.readline(limits.max_line_bytes + 2):
        if number == 0 and line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield SourceFile(name, line + stream.read(limit + 1 - len(line)))
            return
        number += 1
        blank = not line.strip()
        records += not blank
        too_long = len(line.rstrip(b"\r\n")) > limits.max_line_bytes
        cut = too_long and not line.endswith(b"\n")
        size = len(line) + (_rest_of_line(stream) if cut else 0)
        read += size
        if read > limit:
            yield Verdict(name, "rejected", "too_large", size=read, limit=limit)
            return
        if records > limits.max_records_per_file:
            continue
        if too_long or in_run >= PART_RECORDS or run_bytes >= PART_BYTES:
            if in_run:
                yield JsonLines(name, b"".join(lines), run_line, run_record, in_run)
            lines, in_run, run_bytes = [], 0, 0
            run_line, run_record = number, records + blank
        if too_long:
            cap = limits.max_line_bytes
            yield Verdict(
                name, "rejected", "too_large", size=size, limit=cap, line=number, record=records
            )
            run_line, run_record = number + 1, records + 1
            continue
        lines.append(line)
        in_run += not blank
        run_bytes += len(line)
    if in_run:
        yield JsonLines(name, b"".join(lines), run_line, run_record, in_run)
    if not records:
        yield Verdict(name, "rejected", "whitespace")
    elif records > limits.max_records_per_file:
        cap = limits.max_records_per_file
        yield Verdict(
            name, "rejected", "too_many_records", count=records, limit=cap, record=cap + 1
        )


def _rest_of_line(stream: BinaryIO) -> int:
    """Read past the end of the current line; how many bytes that took."""
    skipped = 0
    while chunk := stream.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _shown(name: str) -> str:
    """A file name as it can be stored and shown: a byte that is not UTF-8 becomes "\ufffd"."""
    return without_surrogates(name, "\ufffd")
