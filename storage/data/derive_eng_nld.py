"""Derive eng-nld.tsv from Debian's FreeDict English-Dutch and Dutch-English dictionaries.

    apt-get download dict-freedict-eng-nld dict-freedict-nld-eng
    dpkg-deb -x dict-freedict-eng-nld_*.deb x && dpkg-deb -x dict-freedict-nld-eng_*.deb x
    python storage/data/derive_eng_nld.py x/usr/share/dictd > storage/data/eng-nld.tsv

Both dictionaries are FreeDict data under the GNU GPL, version 2 or later (see COPYING
beside this file), and so is the derived list. It keeps what a search needs and nothing
else: one-word English entries and their one-word Dutch translations, in the dictionaries'
order, the English-Dutch senses first and the reversed Dutch-English entries after them.
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from pathlib import Path

MAX_TRANSLATIONS = 8
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_HEADWORD = re.compile(r"^(?P<word>.+?)\s+/[^/]*/\s*$")
_ENGLISH = re.compile(r"^[a-z]{2,}$")
_DUTCH = re.compile(r"^[a-zà-öø-ÿ]{2,}$")
_DROP = ("de ", "het ", "een ", "zich ", "te ")


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def entries(folder: Path, name: str) -> list[tuple[str, list[str]]]:
    """(headword, translations) of one dictd dictionary, in index order."""
    with gzip.open(folder / f"{name}.dict.dz") as packed:
        data = packed.read()
    out = []
    for line in (folder / f"{name}.index").read_text(encoding="utf-8").splitlines():
        headword, offset, length = line.split("\t")
        if headword.startswith("00database"):
            continue
        text = data[_number(offset) : _number(offset) + _number(length)].decode("utf-8")
        lines = [x.strip() for x in unicodedata.normalize("NFKC", text).splitlines()]
        match = _HEADWORD.match(lines[0]) if lines else None
        word = match["word"] if match else headword
        senses = [re.sub(r"^\d+\.\s*", "", x) for x in lines[1:] if x]
        out.append((word, [t.strip() for s in senses for t in s.split(",") if t.strip()]))
    return out


def _dutch(phrase: str) -> str | None:
    phrase = phrase.lower()
    for article in _DROP:
        if phrase.startswith(article):
            phrase = phrase[len(article) :]
    return phrase if _DUTCH.match(phrase) else None


def derive(folder: Path) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}

    def add(english: str, dutch: str) -> None:
        # A name English writes with its article ("the Netherlands") is looked up without it.
        english = english.lower().removeprefix("the ")
        word = _dutch(dutch)
        if not _ENGLISH.match(english) or not word:
            return
        known = table.setdefault(english, [])
        if word not in known and len(known) < MAX_TRANSLATIONS:
            known.append(word)

    for english, translations in entries(folder, "freedict-eng-nld"):
        for dutch in translations:
            add(english, dutch)
    for dutch, translations in entries(folder, "freedict-nld-eng"):
        for english in translations:
            add(english, dutch)
    return {k: v for k, v in sorted(table.items()) if v}


def main() -> None:
    table = derive(Path(sys.argv[1]))
    print("# English -> Dutch words, derived from FreeDict eng-nld 0.2 and nld-eng 0.2")
    print("# (Copyright (C) 1999-2017 FreeDict contributors, generated from Ergane) by")
    print("# storage/data/derive_eng_nld.py. GNU GPL version 2 or later: see COPYING.")
    for english, dutch in table.items():
        print(english + "\t" + " ".join(dutch))


if __name__ == "__main__":
    main()
