"""Dutch text analysis: what a word is, where sentences end, how passages are cut."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.language.text import (
    MAX_PASSAGE_CHARS,
    aligned_spans,
    analyse,
    split_passages,
    split_sentences,
    term_spans,
)


def test_diacritics_and_case_fold_away() -> None:
    assert analyse("Oekraïne") == analyse("oekraine") == analyse("OEKRAÏNE")


def test_numbers_keep_their_separators() -> None:
    assert analyse("53.074 deelnemers, 2,3 procent en 1.000.000 euro") == [
        "53.074",
        *analyse("deelnemers"),
        "2,3",
        *analyse("procent"),
        "1.000.000",
        *analyse("euro"),
    ]


def test_stop_words_question_words_and_single_letters_go() -> None:
    assert analyse("Wie zei wat, waarom en hoeveel? Zo'n 's avonds") == analyse("avonds")


def test_plural_and_singular_share_a_stem() -> None:
    assert analyse("schapen") == analyse("schaap")
    assert analyse("startbewijzen") == analyse("startbewijs")


def test_stems_stay_those_stored_in_existing_archives() -> None:
    """Archives keep the stems they were analysed with; a stemmer that stems otherwise
    would make their passages unfindable by the same words."""
    words = "kernwapens Oekraïne gebeurde schapen startbewijzen vergaderingen bibliotheken"
    assert analyse(words) == [
        "kernwapen",
        "oekraine",
        "beur",
        "schaap",
        "startbewijs",
        "vergader",
        "bibliotheek",
    ]


def test_hyphenated_words_are_split() -> None:
    assert analyse("NAVO-chef") == analyse("NAVO chef")


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = 'Dat zei J. Stoltenberg bijv. gisteren. "Nou, het kost 2.3 mln. euro." Klaar'
    assert split_sentences(text) == [
        "Dat zei J. Stoltenberg bijv. gisteren.",
        '"Nou, het kost 2.3 mln. euro."',
        "Klaar",
    ]


def test_a_quotation_opened_the_dutch_way_starts_a_sentence() -> None:
    text = "Dat zei hij gisteren. ,,Het is klaar,'' aldus de man. „Echt waar”, zei ze."
    assert split_sentences(text) == [
        "Dat zei hij gisteren.",
        ",,Het is klaar,'' aldus de man.",
        "„Echt waar”, zei ze.",
    ]
    assert split_sentences("Het kost 3,,5 euro. Klaar") == ["Het kost 3,,5 euro.", "Klaar"]


def test_long_paragraphs_become_bounded_verbatim_windows() -> None:
    paragraph = " ".join(f"Zin nummer {n} gaat over de haven van Harlingen." for n in range(60))
    short = "Een korte alinea."
    passages = split_passages([short, paragraph])
    assert passages[0] == short
    assert len(passages) > 3
    assert all(len(p) <= MAX_PASSAGE_CHARS for p in passages)
    assert all(p in paragraph for p in passages[1:])
    assert " ".join(passages[1:]) == paragraph


def test_a_run_on_sentence_is_cut_at_spaces() -> None:
    run_on = " ".join(["woord"] * 400)
    passages = split_passages([run_on])
    assert all(len(p) <= MAX_PASSAGE_CHARS for p in passages)
    assert " ".join(passages) == run_on


WORDS = (
    "De schapen in Daarle 53.074 wie é NAVO-chef zo'n a Oekraïne kernwapens , . 2,3 "
    "ﬁets İstanbul ß ẞ ǅ"
).split()
TEXT = st.lists(
    st.sampled_from([*WORDS, "\n", " "]),
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_aligned_spans_equal_analysing_afresh(text: str) -> None:
    assert aligned_spans(text, analyse(text)) == list(term_spans(text))


def test_aligned_spans_fall_back_when_the_terms_do_not_line_up() -> None:
    text = "De schapen in Daarle"
    assert aligned_spans(text, ["iets", "anders", "dan", "dit"]) == list(term_spans(text))
    assert aligned_spans(text, ["te", "weinig"][:1]) == list(term_spans(text))
