"""From file to storable article: the identity that recognises duplicates."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storage.ingest.prepare import body_hash
from tests.corpus import parsed


def test_body_hash_is_the_one_archives_already_store() -> None:
    """Archives keep each article's hash: a new release must compute the same one, or an
    article imported before would no longer be recognised as a duplicate."""
    article = parsed(
        "t",
        "Voor de NAVO\u00a0zou  overwegen\tkernwapens in te zetten.",
        " Oekraïne\r\nwil  meer. ",
        dateline="BRUSSEL/BRUGGE (ANP) - ",
    )
    assert body_hash(article) == "50f973a8f934da6ae217a3f9f643f36ef2f3d648"


words = st.lists(
    st.text(st.characters(blacklist_categories=("Zs", "Cc", "Cs")), min_size=1), min_size=1
)
spaces = st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003"]), min_size=1)


@given(words, spaces, spaces)
def test_body_hash_ignores_how_words_are_spaced(
    body: list[str], one: list[str], other: list[str]
) -> None:
    def spaced(gaps: list[str]) -> str:
        return "".join(w + gaps[i % len(gaps)] for i, w in enumerate(body))

    assert body_hash(parsed("t", spaced(one))) == body_hash(parsed("t", spaced(other)))


def test_body_hash_tells_different_words_apart() -> None:
    assert body_hash(parsed("t", "De brug is open.")) != body_hash(parsed("t", "De brug is dicht."))
