"""From file to storable article: the identity that recognises duplicates, and a file that
fails alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.ingest import prepare
from storage.ingest.prepare import PreparedFile, body_hash, prepare_batch
from storage.models import FileOnDisk, ImportLimits, SourceFile, Verdict
from tests.corpus import page, parsed


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


def test_a_file_that_fails_unexpectedly_fails_alone(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever goes wrong with one file in a worker, the rest of its batch is prepared."""
    analyse = prepare.analyse

    def fragile(text: str):
        if "Urk" in text:
            raise ValueError("a bug that only this article finds")
        return analyse(text)

    monkeypatch.setattr(prepare, "analyse", fragile)
    (tmp_path / "c.txt").write_text(page(["Het gemaal bij Urk draait weer."]), encoding="utf-8")
    sources = [
        SourceFile("a.txt", page(["De sluis bij Terneuzen is dicht."]).encode()),
        SourceFile("b.txt", page(["Het gemaal bij Urk draait op zonne-energie."]).encode()),
        FileOnDisk(str(tmp_path / "c.txt"), named=True),
        SourceFile("d.txt", page(["Het veer naar Texel vaart vaker."]).encode()),
    ]
    prepared = prepare_batch(sources, ImportLimits())
    outcomes = []
    for item in prepared:
        assert isinstance(item, PreparedFile)
        [result] = item.items
        outcomes.append((item.name, result.code if isinstance(result, Verdict) else "ok"))
    assert outcomes == [("a.txt", "ok"), ("b.txt", "error"), ("c.txt", "error"), ("d.txt", "ok")]
