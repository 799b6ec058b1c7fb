"""Spelling against the archive's vocabulary: which slips are cheap, which compound cuts win."""

from __future__ import annotations

import pytest

from bot.answer.compose import compose
from storage.archive import Archive
from storage.language.text import term
from storage.search import spelling
from storage.search.spelling import (
    CHEAP,
    MAX_CORRECTABLE,
    Split,
    best_correction,
    best_split,
    edits,
    splits,
    word_edits,
)

# --- typing slips -----------------------------------------------------------------------------


def test_edits_are_one_slip_away_and_the_common_slips_cost_less() -> None:
    proposals = edits("klagt")
    assert proposals["klacht"] < proposals["klant"], "g/ch sounds alike, g/n does not"
    assert edits("binn")["bin"] < 1.0, "an undoubled letter is a cheap slip"
    assert "klagt" not in proposals
    assert all(abs(len(p) - len("klagt")) <= 1 for p in proposals if p != "klacht")


@pytest.mark.parametrize(
    ("typed", "meant", "other"),
    [
        ("rijs", "reis", "rijk"),
        ("peil", "pijl", "peel"),
        ("blouw", "blauw", "blouws"),
        ("gauden", "gouden", "gaden"),
        ("vlugt", "vlucht", "vlut"),
    ],
)
def test_dutch_sound_alike_spellings_cost_less_than_other_slips(
    typed: str, meant: str, other: str
) -> None:
    """ei/ij, au/ou and g/ch sound the same; writers mix them up more than they mistype."""
    proposals = edits(typed)
    assert proposals[meant] == CHEAP
    assert proposals[other] == 1.0


def test_a_doubled_or_undoubled_letter_is_a_cheap_slip() -> None:
    assert edits(term("parkeergarrage"))[term("parkeergarage")] == CHEAP
    assert word_edits("binnnen")[term("binnen")] == CHEAP
    assert edits("parkeergarag")["parkeergarrag"] == CHEAP
    assert edits("parkeergarag")["parkeergarak"] == 1.0


def test_short_and_non_alphabetic_stems_get_no_proposals() -> None:
    assert edits("wk") == {} and edits("2019") == {} and edits("abc") == {}


def test_a_stem_longer_than_any_word_gets_no_proposals() -> None:
    long = "verkeersveiligheidsmaatregelen"
    assert len(long) == MAX_CORRECTABLE and edits(long)
    assert edits(long + "x") == {} and word_edits(long + "x") == {}


def test_the_cheapest_known_neighbour_wins_before_the_most_frequent() -> None:
    assert best_correction(edits("klagt"), {"klant": 500, "klacht": 20}) == "klacht"
    assert best_correction(edits("rijs"), {"rijk": 900, "reis": 10}) == "reis"
    assert best_correction(edits("direkteur"), {"directeur": 3}) == "directeur"
    assert best_correction(edits("stoltenbreg"), {"stoltenberg": 1}) == "stoltenberg"
    assert best_correction(edits("qwertyuiop"), {"klacht": 20}) is None


def test_among_equally_cheap_neighbours_the_most_frequent_wins() -> None:
    proposals = edits("hant")
    assert proposals["hand"] == proposals["kant"] == 1.0
    assert best_correction(proposals, {"hand": 40, "kant": 90}) == "kant"
    assert best_correction(proposals, {"hand": 90, "kant": 40}) == "hand"


def test_slips_that_change_how_the_stemmer_reads_a_word_are_undone_on_the_word() -> None:
    assert term("doodgebten") != term("doodgebeten")
    assert term("doodgebeten") not in edits(term("doodgebten"))
    assert term("doodgebeten") in word_edits("doodgebten")
    assert term("doodgebeten") not in word_edits("doodgebeten"), "no word is its own slip"


# --- compounds --------------------------------------------------------------------------------


def test_compounds_split_into_parts_the_archive_knows() -> None:
    options = list(splits("zonnepanelen"))
    assert Split(term("zonne"), term("panelen")) in options
    df = {term("zonne"): 4, term("panelen"): 9, "zon": 50, "nepanel": 0}
    assert best_split(options, df) == Split(term("zonne"), term("panelen"))
    assert best_split(options, {}) is None


def test_a_linking_s_is_dropped_where_the_part_is_only_known_without_it() -> None:
    options = list(splits("gezichtspunt"))
    assert Split(term("gezichts"), "punt") in options
    assert best_split(options, {term("gezicht"): 30, "punt": 40}) == Split(
        term("gezicht"), "punt", linked=True
    )


def test_a_cut_without_a_dropped_link_wins() -> None:
    options = list(splits("billendoekjes"))
    chosen = best_split(options, {"bil": 5, "bill": 8, "doek": 17})
    assert (chosen.left, chosen.right) == ("bil", "doek")
    chosen = best_split(list(splits("schapenboer")), {"schaap": 3, "schap": 50, "boer": 40})
    assert chosen == Split(term("schapen"), "boer"), "the plural -en- is a word, not a link"


def test_the_split_whose_rarer_part_is_commonest_wins() -> None:
    """Two real words beat a long word plus a fragment that happens to be a term."""
    options = list(splits("kinderopvang"))
    df = {"kinder": 20, "opvang": 15, "kind": 500, "ropvang": 1}
    assert best_split(options, df) == Split("kinder", "opvang")


# --- through the archive ----------------------------------------------------------------------


async def test_a_question_of_one_very_long_word_costs_bounded_work(
    filled: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cutting a word into compound parts analyses every cut: quadratic in its length, and
    an 8,000-letter "word" took seconds and hundreds of MB. No compound is that long."""
    calls = 0

    def counted(token: str) -> str | None:
        nonlocal calls
        calls += 1
        return term(token)

    monkeypatch.setattr(spelling, "term", counted)
    result = await filled.search("kern" * 2_000)
    assert not compose(result).answered
    assert calls < 100
