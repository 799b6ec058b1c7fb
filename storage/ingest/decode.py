"""Raw bytes to clean text, or the verdict that the bytes are not text at all.

Archives arrive from scrapers, old Windows tools and copy-paste, so the same article can be
UTF-8, cp1252, UTF-8 with a few stray Latin-1 bytes, or carry a BOM, CRLF or CR-only line
endings and decomposed accents. Everything downstream (hashing for duplicates, matching,
quoting) must see one spelling of the same text, so this module settles all of that once.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from storage.models import Verdict

_FALLBACK_ERRORS = "archivaris.cp1252_fallback"


def _byte_as_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined; latin-1 maps them to C1 controls.
        return bytes([byte]).decode("latin-1")


_CP1252_TABLE = tuple(_byte_as_cp1252(b) for b in range(256))


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Replace one invalid byte at a time, so valid UTF-8 right after it survives."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _CP1252_TABLE[error.object[error.start]], error.start + 1


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)

# Formats that are plainly not text, recognised by their first bytes, so the verdict can
# name the format even when the file happens to contain few control bytes. The names are
# stable `Verdict.detail` values of the "binary" code.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0", "ole"),
)

# Controls that no text editor writes: NUL, C0 except tab/newline/form feed/CR, DEL, C1,
# and the replacement character left behind by earlier broken conversions.
_SUSPICIOUS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
# C1 controls too: "\x9b" is a terminal's one-byte escape, as "\x1b[" is.
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Every other line break Unicode knows (form feed, NEL, line and paragraph separators).
_NEWLINES = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def decode(data: bytes) -> str | Verdict:
    """The text of `data` as NFC with "\\n" line endings, or why it is not usable text (a
    rejected verdict without a file name: the caller knows which file it was).

    A single stray control byte in a long article is tolerated (and removed); only a
    meaningful share of them marks the file as binary, because a scraper glitch should
    not cost a user their article.
    """
    if not data:
        return Verdict("", "rejected", "empty")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return Verdict("", "rejected", "binary", detail=kind)

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8", errors=_FALLBACK_ERRORS).removeprefix("\ufeff")

    if _looks_binary(text):
        return Verdict("", "rejected", "binary")

    text = tidy(text)
    if not text.strip():
        return Verdict("", "rejected", "whitespace")
    return text


def tidy(text: str) -> str:
    """Stray controls removed, "\\n" line endings, NFC.

    Also for strings that never were bytes in a file (JSON escapes, HTML entities) but can
    still carry a decomposed accent or a CR.
    """
    text = _STRAY_CONTROLS.sub("", text)
    text = _NEWLINES.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def without_surrogates(text: str, replacement: str = "") -> str:
    """`text` without lone surrogates, which no store or terminal accepts.

    Bytes never decode to them here, but JSON escapes can hold them (a scraper that cut an
    emoji in half leaves "\\ud83d") and so can a file name on disk that is not UTF-8.
    """
    return _SURROGATES.sub(replacement, text)


def has_surrogates(text: str) -> bool:
    return _SURROGATES.search(text) is not None


def _looks_binary(text: str) -> bool:
    suspicious = len(_SUSPICIOUS.findall(text))
    return suspicious > 1 and suspicious * 100 > len(text)
