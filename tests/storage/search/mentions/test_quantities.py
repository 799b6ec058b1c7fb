"""Quantities: a number with what it counts, graded by what the question counts."""

from __future__ import annotations

from storage.search.mentions import FULL, mentions
from tests.storage.search.mentions.helpers import found

# What "on how many charges" counts, with the translations of `charges` (one of them
# `beschuldiging`, whose head `schuld` an adjective after the noun has too).
COUNTED = frozenset({"aanklacht", "beschuld"})


def test_a_quantity_fits_best_with_the_unit_the_question_counts_in() -> None:
    said = found(
        "Het huis heeft 600 vierkante meter. De kartbaan is 980 meter lang.",
        "Hoe lang is de kartbaan?",
    )
    assert said[0] == ("980 meter", FULL)
    assert ("600 vierkante", FULL) not in said


def test_a_compound_with_the_same_head_counts_what_the_question_counts() -> None:
    said = found("Er stonden 2600 hennepplanten en zestig stekken.", "Hoeveel wietplanten?")
    assert said[0] == ("2600 hennepplanten", FULL)


def test_years_clock_times_and_days_of_the_month_are_no_quantities() -> None:
    said = found("Om 17.00 uur op 3 mei 2018 waren er ruim duizend kiezers.", "Hoeveel kiezers?")
    assert [text for text, _ in said] == ["ruim duizend kiezers"]


def test_the_quantity_ends_with_the_noun_it_counts() -> None:
    sentence = "Hij is op vijf aanklachten schuldig bevonden."
    said = mentions(sentence, "number", frozenset(), COUNTED)
    assert [(sentence[m.start : m.end], m.strength) for m in said] == [("vijf aanklachten", FULL)]
