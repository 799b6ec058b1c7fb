"""Which files an import reads, told by their names from any platform."""

from __future__ import annotations

import pytest

from storage.ingest.formats import SUPPORTED_EXTENSIONS, UPLOAD_EXTENSIONS, extension


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("artikel.txt", ".txt"),
        ("Artikel.TXT", ".txt"),
        ("verzameling.JSONL", ".jsonl"),
        ("map/sub/notities.md", ".md"),
        ("C:\\Users\\redactie\\Nieuws.Html", ".html"),
        ("archief.tar.gz", ".gz"),
        ("dir.v2\\bestand", ""),
        ("dir.v2/bestand", ""),
        ("README", ""),
        (".verborgen", ""),
        ("naam.", ""),
    ],
)
def test_the_extension_is_the_last_suffix_of_the_base_name_in_lower_case(
    name: str, found: str
) -> None:
    assert extension(name) == found


def test_every_text_format_and_zip_may_be_uploaded_and_nothing_else() -> None:
    assert {".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm"} == set(
        SUPPORTED_EXTENSIONS
    )
    assert set(UPLOAD_EXTENSIONS) == {*SUPPORTED_EXTENSIONS, ".zip"}
    for name in ("scan.pdf", "brief.docx", "foto.JPG", "archief.tar.gz", "README", "a.7z"):
        assert extension(name) not in UPLOAD_EXTENSIONS, name
