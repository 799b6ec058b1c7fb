"""Names: runs of capitalised words, graded by where they stand."""

from __future__ import annotations

from storage.search.mentions import FULL
from tests.storage.search.mentions.helpers import found


def test_a_name_beside_the_noun_asked_about_fits_best() -> None:
    said = found(
        "De Duitse onderzoeker Mark Scherz en de Rotterdamse hoogleraar Piet Smit.",
        "Welke onderzoeker heeft de kikker ontdekt?",
    )
    assert said[0] == ("Mark Scherz", FULL)
    coordinated = found("De politici Jens Holm en Hakan Svenneling.", "Welke politici?")
    assert coordinated[0][0] == "Jens Holm en Hakan Svenneling"
