"""Spelling against the archive's own vocabulary: candidate corrections and compound splits.

Pure functions over index terms (stems). They only propose; storage/search/query.py asks the
store which proposals the archive knows and how often, and picks. Proposals are bounded
(a few hundred short strings per unknown word), so a look-up is a handful of primary-key
probes however large the vocabulary grows, and nothing is held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from storage.language.text import term

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = "aeiou"

# Spelling confusions of Dutch writers that are more than one letter apart: the sound is
# the same, the letters are not (lichgt/licht is a plain typo, klagten/klachten is this).
_SOUND_ALIKE = (("ch", "g"), ("g", "ch"), ("ei", "ij"), ("ij", "ei"), ("ou", "au"), ("au", "ou"))

# Parts of Dutch compounds are joined directly or by a linking -s-, -e- or -en-.
_LINKS = ("s", "e", "en")

MIN_CORRECTABLE = 4
MAX_CORRECTABLE = 30
CHEAP = 0.5
MIN_PART = 3
# Longer than any Dutch compound a person types; cutting costs the square of the length.
MAX_COMPOUND = 60


def edits(stem: str) -> dict[str, float]:
    """Every string one typing slip away from `stem`, with what the slip costs.

    One slip: a letter deleted, inserted, replaced or two neighbours swapped (Damerau),
    cost 1. Cheaper, at 0.5, are the slips people make most: a letter doubled or undoubled
    (binnnen, parkeergarrage) and the Dutch sound-alike spellings. Only stems of
    MIN_CORRECTABLE letters or more get proposals: shorter ones have too many neighbours
    to choose from sensibly. Past MAX_CORRECTABLE letters it is not a word.
    """
    if not MIN_CORRECTABLE <= len(stem) <= MAX_CORRECTABLE or not stem.isalpha():
        return {}
    return _slips(stem, _LETTERS, _LETTERS)


def word_edits(word: str) -> dict[str, float]:
    """Slips undone on the word as typed, then analysed: the terms they give, with costs.

    Needed where a typo changes how the stemmer treats a word: `doodgebeten` loses its
    `ge-` to the stemmer, `doodgebten` does not, so no edit of the stem finds it. To stay
    cheap (each proposal is stemmed), only deletions, swaps, sound-alikes and inserted
    vowels are tried here; edits of the stem cover the rest.
    """
    if not MIN_CORRECTABLE <= len(word) <= MAX_CORRECTABLE or not word.isalpha():
        return {}
    out: dict[str, float] = {}
    for candidate, cost in _slips(word, "", _VOWELS).items():
        t = term(candidate)
        if t and cost < out.get(t, 2.0):
            out[t] = cost
    out.pop(term(word) or "", None)
    return out


def _slips(word: str, replace_with: str, insert: str) -> dict[str, float]:
    out: dict[str, float] = {}

    def add(candidate: str, cost: float) -> None:
        if candidate != word and cost < out.get(candidate, 2.0):
            out[candidate] = cost

    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            doubled = (i > 0 and word[i - 1] == tail[0]) or (len(tail) > 1 and tail[1] == tail[0])
            add(head + tail[1:], CHEAP if doubled else 1.0)
            for c in replace_with:
                if c != tail[0]:
                    add(head + c + tail[1:], 1.0)
        if len(tail) > 1:
            add(head + tail[1] + tail[0] + tail[2:], 1.0)
        for c in insert:
            doubling = (head and head[-1] == c) or (tail and tail[0] == c)
            add(head + c + tail, CHEAP if doubling else 1.0)
    for wrong, right in _SOUND_ALIKE:
        start = word.find(wrong)
        while start != -1:
            add(word[:start] + right + word[start + len(wrong) :], CHEAP)
            start = word.find(wrong, start + 1)
    return out


def best_correction(proposals: Mapping[str, float], df: Mapping[str, int]) -> str | None:
    """The cheapest known proposal, the most frequent among equally cheap ones.

    Cost before frequency: `klagten` is a sound-alike slip from `klachten`, a plain
    letter away from the far more common `klanten`, and means the former.
    """
    known = [(cost, -df[c], c) for c, cost in proposals.items() if df.get(c)]
    return min(known)[2] if known else None


@dataclass(frozen=True)
class Split:
    """A compound cut in two: the index terms of its parts, and whether a link was dropped."""

    left: str
    right: str
    linked: bool = False


def splits(word: str) -> Iterator[Split]:
    """Ways to cut a (folded) word into two parts that are words themselves.

    The right part is the head and keeps the word's inflection; the left part may end in
    a linking -s-, -e- or -en-, which is tried both with and without. Parts are analysed
    with `term`, exactly as standalone words in the archive are, so `billendoekjes` offers
    `bil` + `doek` and finds `billen-doekjes` as well as `billen` and `doekjes` apart.
    """
    if not word.isalpha() or len(word) > MAX_COMPOUND:
        return
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        right = term(word[cut:])
        if not right:
            continue
        head = word[:cut]
        lefts = [(head, False)]
        lefts += [(head[: -len(link)], True) for link in _LINKS if head.endswith(link)]
        for left, linked in lefts:
            left_term = term(left) if len(left) >= MIN_PART else None
            if left_term:
                yield Split(left_term, right, linked)


def best_split(splits_: list[Split], df: Mapping[str, int]) -> Split | None:
    """The split whose rarer part is most common in the archive (both parts must be known).

    Maximising the smaller frequency prefers two real words over a long word plus a
    fragment that happens to be a term, the usual choice in compound splitting (Koehn and
    Knight 2003 use the geometric mean; the minimum is stricter about fragments). A cut
    that needs no dropped link wins over one that does: `billen` is `bil`, not `bill`.
    """
    known = [s for s in splits_ if df.get(s.left) and df.get(s.right)]
    if not known:
        return None
    return max(
        known,
        key=lambda s: (not s.linked, min(df[s.left], df[s.right]), s.left, s.right),
    )
