"""Reasons: the clause a causal connective opens."""

from __future__ import annotations

from storage.search.mentions import FULL
from tests.storage.search.mentions.helpers import found


def test_a_reason_is_the_clause_a_causal_connective_opens() -> None:
    said = found("Ze ging eerder weg omdat ze niet verder kon lopen, zei de politie.", "Waarom?")
    assert said == [("omdat ze niet verder kon lopen", FULL)]
    assert found("Volgens Bovag komt dat door de hoge aanschafprijs.", "Waarom?")[0][1] == FULL
