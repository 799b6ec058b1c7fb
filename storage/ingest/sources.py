"""What a user hands over (paths, folders, zips, uploads) turned into in-memory files.

Plain files found on disk become `FileOnDisk`s, read by `read_file` where they are parsed.

Zips are the risky part: an upload can be a zip bomb, hold thousands of entries, name
entries `../../etc/passwd`, be encrypted or simply be damaged. Entries are read into memory
only, under their base name, with every limit of `ImportLimits` enforced while reading
(declared sizes can lie), and each problem becomes a rejected `Verdict` so that the good
entries of a partly bad zip still get imported.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from storage.ingest.decode import without_surrogates
from storage.ingest.formats import SUPPORTED_EXTENSIONS, ZIP_EXTENSION, extension
from storage.models import FileOnDisk, ImportLimits, SourceFile, Verdict

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


def expand_paths(
    paths: Iterable[str | Path], limits: ImportLimits
) -> Iterator[FileOnDisk | SourceFile | Verdict]:
    """Every importable file under `paths`: files as given, folders walked in sorted order.

    Inside folders only supported types are taken and hidden files and READMEs, licences
    and changelogs are skipped, so pointing at a project folder does not report every .git
    object; a file named explicitly always gets a verdict. Links, pipes and devices inside
    a folder are never read (a folder from someone else may link to the bot's .env, and the
    global collection is shown to every server); a link named explicitly is the user's
    choice and is followed. Zips are read and unpacked here,
    so that their entries are batched like files; every other file is left for
    `read_file`, which whoever parses it calls.
    """
    for item in _inputs(paths):
        if isinstance(item, Verdict):
            yield item
        elif extension(item[0].name) == ZIP_EXTENSION:
            yield from _read(*item, limits)
        else:
            yield FileOnDisk(str(item[0]), item[1])


def read_file(file: FileOnDisk, limits: ImportLimits) -> Iterator[SourceFile | Verdict]:
    """The file's content (its entries if it is a zip in disguise), or why it cannot be had."""
    return _read(Path(file.path), file.named, limits)


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files and zip entries an import of `paths` will report on, for a progress
    bar: it walks the folders and reads each zip's directory, but no file's content."""
    total = 0
    for item in _inputs(paths):
        if isinstance(item, Verdict) or extension(item[0].name) != ZIP_EXTENSION:
            total += 1
            continue
        try:
            with zipfile.ZipFile(item[0]) as archive:
                total += sum(
                    1 for i in archive.infolist() if not i.is_dir() and not _is_junk(i.filename)
                )
        except (OSError, zipfile.BadZipFile):
            total += 1
    return total


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


def unpack(file: SourceFile, limits: ImportLimits) -> Iterator[SourceFile | Verdict]:
    """`file` itself, or the entries of `file` if it is a zip."""
    ext = extension(file.name)
    is_zip = ext == ZIP_EXTENSION or (
        file.data.startswith(_ZIP_MAGIC) and ext not in _ZIP_BASED_DOCUMENTS
    )
    if not is_zip:
        yield file
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
) -> Iterator[SourceFile | Verdict]:
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
        yield SourceFile(name, data)


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


def _read(path: Path, named: bool, limits: ImportLimits) -> Iterator[SourceFile | Verdict]:
    """The file at `path` (unpacked if a zip), reading no more than its limit allows."""
    name = _shown(path.name)
    ext = extension(name)
    if named and ext not in _IMPORTABLE:
        yield Verdict(name, "rejected", "unsupported")
        return
    limit = limits.max_bytes(ext)
    try:
        descriptor = os.open(path, _NAMED_FLAGS if named else _FOUND_FLAGS)
    except OSError as error:
        code = "symlink" if error.errno == errno.ELOOP and not named else "unreadable"
        yield Verdict(name, "rejected", code)
        return
    try:
        with open(descriptor, "rb") as handle:
            found = os.fstat(descriptor)
            size = found.st_size
            # read(n) first allocates n bytes: asking for the limit (megabytes) for every
            # file of a 100,000-file import cost more than the reading itself. A size of 0
            # may mean "unknown" (/proc), so then the limit it is.
            regular = stat.S_ISREG(found.st_mode)
            data = handle.read((min(size, limit) if size else limit) + 1) if regular else b""
    except OSError:
        yield Verdict(name, "rejected", "unreadable")
        return
    if not regular:
        yield Verdict(name, "rejected", "not_a_file")
        return
    if len(data) > limit:
        yield Verdict(name, "rejected", "too_large", size=max(size, len(data)), limit=limit)
        return
    yield from unpack(SourceFile(name, data), limits)


def _shown(name: str) -> str:
    """A file name as it can be stored and shown: a byte that is not UTF-8 becomes "\ufffd"."""
    return without_surrogates(name, "\ufffd")
