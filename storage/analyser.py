"""Whether an archive's index was built by the analyser this Archivaris questions it with.

A store keeps analysed terms, never re-analysing stored text; a question analysed by a
different stemmer looks for stems the index does not hold, and gets wrong answers without
any error. So a store records the analyser that built it and refuses to open under another.
"""

from __future__ import annotations

from storage.language.text import ANALYZER_VERSION
from storage.store import StoreError


class AnalyserMismatch(StoreError):
    """The archive was analysed by another analyser; the message says what to do."""


def check_analyser(stored: str | None) -> None:
    """Refuse an archive whose recorded analyser (None: not recorded yet) is not ours."""
    if stored is None or stored == ANALYZER_VERSION:
        return
    raise AnalyserMismatch(
        f"This archive was indexed with the analyser {stored!r}, and this Archivaris "
        f"analyses questions with {ANALYZER_VERSION!r}: searching it would miss what it "
        "holds. Export its articles with the Archivaris that built it (archivaris export) "
        "and import them into a new archive with this one."
    )
