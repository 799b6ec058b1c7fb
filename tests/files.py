"""Files for imports, made by the tests themselves: numbered articles, folders and zips."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from storage.models import SourceFile
from tests.corpus import page


def numbered(count: int) -> list[SourceFile]:
    """`count` distinct articles, and among them a copy of the third and an empty file."""
    files = [
        SourceFile(f"{n:03d}.txt", page([f"Bericht {n} over de haven van Harlingen{n}."]).encode())
        for n in range(count)
    ]
    files.insert(5, SourceFile("dubbel.txt", files[2].data))
    files.insert(9, SourceFile("leeg.txt", b""))
    return files


def in_folder(folder: Path, files: Iterable[SourceFile]) -> Path:
    """The files written to a new folder, as an operator's import finds them on disk."""
    folder.mkdir()
    for file in files:
        (folder / file.name).write_bytes(file.data)
    return folder


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()
