"""What every kind of mention shares: what a sentence denies fits partially at most."""

from __future__ import annotations

from storage.search.mentions import FULL, PARTIAL
from tests.storage.search.mentions.helpers import found


def test_what_a_sentence_denies_is_no_full_answer() -> None:
    question = "Wie heeft de schilderwedstrijd gewonnen?"
    denied = found("Suzana Jovanovic is niet de beste schilder geworden.", question)
    assert denied == [("Suzana Jovanovic", PARTIAL)]
    said = found("Niet Suzana Jovanovic, maar Sebas Groot won de finale.", question)
    assert dict(said) == {"Suzana Jovanovic": PARTIAL, "Sebas Groot": FULL}


def test_a_negation_in_a_subordinate_clause_denies_that_clause_only() -> None:
    said = found("Sebas Groot zei dat hij het niet had verwacht.", "Wie won de finale?")
    assert said == [("Sebas Groot", FULL)]
    assert found("De brug gaat niet op 4 mei open.", "Wanneer gaat de brug open?")[0][1] == PARTIAL


def test_a_negation_within_a_reason_is_part_of_it() -> None:
    said = found("Ze stopte omdat ze niet verder kon lopen.", "Waarom stopte ze?")
    assert said == [("omdat ze niet verder kon lopen", FULL)]
