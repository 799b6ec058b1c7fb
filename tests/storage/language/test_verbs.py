"""Separable verbs split in a question, joined again to meet the article's forms."""

from __future__ import annotations

import pytest

from storage.language.verbs import family, separated


def test_a_strong_verb_has_every_form_of_its_row() -> None:
    assert family("liet") == ("laten", "laat", "liet", "lieten", "gelaten")
    assert family("fietst") == ()


def test_a_form_that_is_as_often_a_noun_is_no_verb_form() -> None:
    assert family("reden") == ()
    assert "reden" not in family("rijden")


@pytest.mark.parametrize(
    ("question", "verb", "joined"),
    [
        ("waarom liet de manager haar toe", 1, "toegelaten"),
        ("waarom liet een manager die vrouw toe in het resort", 1, "toelaten"),
        ("waarom trok de bouwer zich terug uit het windpark", 1, "teruggetrokken"),
        ("welke regel schafte de minister af", 2, "afschafte"),
    ],
)
def test_the_particle_at_the_end_of_the_clause_joins_the_finite_verb(
    question: str, verb: int, joined: str
) -> None:
    found = separated(question.split())
    assert found is not None
    assert found[0] == verb
    assert joined in found[1]


@pytest.mark.parametrize(
    "question",
    [
        "waarom stond de auto in de weg",
        "wat deed de politie op het feest",
        "waarom stopt de volleyballer als international",
        "liet de manager haar toe",
    ],
)
def test_a_preposition_or_a_noun_is_no_particle(question: str) -> None:
    assert separated(question.split()) is None
