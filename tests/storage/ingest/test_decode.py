"""Bytes to text: every encoding accident a scraped archive shows, and what must be refused."""

from __future__ import annotations

import codecs
import random
import unicodedata

import pytest

from storage.ingest.decode import decode, tidy
from storage.models import Verdict

ARTICLE = (
    "De gemeente opent een café voor ouderen. “Het is een ideeën-café”, zegt de wethouder.\n"
    "\n"
    "De opening kost €12.000 – ongeveer… het budget van één jaar. Daarna volgt Oekraïne."
)


def text_of(data: bytes) -> str:
    result = decode(data)
    assert isinstance(result, str), result
    return result


def test_utf8_passes_through_unchanged() -> None:
    assert text_of(ARTICLE.encode("utf-8")) == ARTICLE


def test_cp1252_copy_decodes_to_the_utf8_original() -> None:
    assert text_of(ARTICLE.encode("cp1252")) == text_of(ARTICLE.encode("utf-8"))


def test_every_cp1252_byte_decodes_as_cp1252_would() -> None:
    defined = bytes(b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    data = b"Tekst met alle hoge bytes: " + defined
    assert text_of(data) == data.decode("cp1252")


def test_stray_latin1_bytes_keep_the_surrounding_utf8() -> None:
    data = "Oekraïne en “de” Vier".encode() + b"\xe9\xe9n" + " daagse in één dag.".encode()
    assert text_of(data) == "Oekraïne en “de” Vieréén daagse in één dag."


def test_utf8_bom_is_removed() -> None:
    assert text_of(codecs.BOM_UTF8 + ARTICLE.encode()) == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert text_of(bom + ARTICLE.encode(encoding)) == ARTICLE


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_become_newlines(newline: str) -> None:
    assert text_of(ARTICLE.replace("\n", newline).encode()) == ARTICLE


def test_decomposed_accents_are_composed() -> None:
    nfd = unicodedata.normalize("NFD", ARTICLE)
    assert nfd != ARTICLE
    assert text_of(nfd.encode()) == ARTICLE


def test_a_single_stray_nul_is_removed_not_rejected() -> None:
    data = ARTICLE.encode().replace(b"ouderen", b"oude\x00ren")
    assert text_of(data) == ARTICLE


def test_empty_file_is_rejected() -> None:
    assert decode(b"") == Verdict("", "rejected", "empty")


@pytest.mark.parametrize("data", [b"   ", b" \n\n\t\r\n  \r", "\u00a0\n".encode()])
def test_whitespace_only_is_rejected(data: bytes) -> None:
    result = decode(data)
    assert isinstance(result, Verdict)
    assert result.code == "whitespace"


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_rejected_as_binary(seed: int) -> None:
    data = random.Random(seed).randbytes(8192)
    result = decode(data)
    assert isinstance(result, Verdict)
    assert result.code == "binary"
    assert result.detail is None


def test_a_pdf_is_recognised_as_one() -> None:
    result = decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    assert isinstance(result, Verdict)
    assert result.code == "binary"
    assert result.detail == "pdf"


def test_utf16_without_bom_is_rejected_rather_than_garbled() -> None:
    result = decode(ARTICLE.encode("utf-16-le"))
    assert isinstance(result, Verdict)
    assert result.code == "binary"


def test_tidy_normalises_strings_that_never_were_bytes() -> None:
    assert tidy("e\u0308en\r\nregel\x00") == "ëen\nregel"


def test_tidy_removes_c1_controls_and_reads_every_line_break_as_one() -> None:
    """ "\x9b" is the one-byte form of a terminal escape: left in a title it could recolour
    or clear the terminal that shows it."""
    assert tidy("kern\x9b2Jwapens\x7f") == "kern2Jwapens"
    assert (
        tidy("een\x0ctwee\x85drie\u2028vier\u2029vijf\x0bzes") == "een\ntwee\ndrie\nvier\nvijf\nzes"
    )
