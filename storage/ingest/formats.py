"""Which files an import reads, told by their names."""

from __future__ import annotations

from pathlib import PurePosixPath

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm")
ZIP_EXTENSION = ".zip"
JSON_LINES_EXTENSION = ".jsonl"
UPLOAD_EXTENSIONS = frozenset((*SUPPORTED_EXTENSIONS, ZIP_EXTENSION))


def extension(name: str) -> str:
    """The lower-case extension of a file name from any platform, e.g. ".txt" or ""."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()
