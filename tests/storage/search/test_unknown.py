"""The archive saying it does not know what the question asks."""

from __future__ import annotations

from storage.search.unknown import says_unknown


def test_the_archive_saying_it_does_not_know() -> None:
    question = "Hoe hoog is de boete voor de aannemer?"
    assert says_unknown("Hoe hoog die boete is, wil de gemeente niet zeggen.", question)
    assert not says_unknown("De boete is hoog, zegt de gemeente.", question)
    assert not says_unknown("Hoe hoog is de boete niet?", question)
