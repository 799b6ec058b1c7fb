"""Which files an import reads, told by their names, and sizes as people read them."""

from __future__ import annotations

from pathlib import PurePosixPath

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm")
ZIP_EXTENSION = ".zip"
UPLOAD_EXTENSIONS = frozenset((*SUPPORTED_EXTENSIONS, ZIP_EXTENSION))


def extension(name: str) -> str:
    """The lower-case extension of a file name from any platform, e.g. ".txt" or ""."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def unsupported_reason(name: str) -> str:
    ext = extension(name)
    kind = f"{ext} files are" if ext else "Files without an extension are"
    return f"{kind} not supported; send .txt, .md, .json, .jsonl, .html or .zip files."


def format_size(size: int) -> str:
    """A byte count the way a person reads it: "5.0 MB", "12.3 KB", "512 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"
