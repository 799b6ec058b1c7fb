"""The direct answer line: the few words of the first quote that answer, taken verbatim."""

from __future__ import annotations

import re

from bot.answer.abstention import no_answer
from bot.answer.reading import ELLIPSIS, Focus, Window, further_asks, hit_sentences, sentence_of
from storage.archive import FULL, Hit, Mention

# The direct answer line: a mention that fits at least this well (storage/search/mentions/:
# a quantity of some unit, a month with its year, a name of two words), at most this long.
DIRECT = 0.8
MAX_DIRECT = 120

# A direct line for a question that asks two things holds an answer to each when each
# fits at least partially (storage/search/mentions/) and one at least DIRECT.
EACH = 0.5


def direct_line(
    excerpt: str, pick: tuple[Hit, Window], focus: Focus, *more: tuple[Hit, Window]
) -> tuple[str | None, tuple[int, int] | None]:
    """The few words of the first quote that answer, and where they are in it: the
    mention its stretch was built around, when it fits the kind asked for well (at least
    DIRECT), cut to MAX_DIRECT characters at a word. A question that asks two things gets
    both answers: in one sentence when each fits at least partially (EACH) and one well,
    as the words from the first to the last; in neighbouring sentences when each fits
    well, one after the other.

    When the stretch holds no such answer, the quote's second stretch (`more`) may: it
    is quoted for what the first lacks, of the question or of the kind of answer asked
    for ("Volgens de rechter is Smit overleden doordat ..." further down the article)."""
    words, span = _answer_in(excerpt, pick, focus)
    if words is not None:
        fuller = _fitting_fully(pick, focus, more)
        if fuller is not None and (found := _answer_in(excerpt, fuller, focus))[0] is not None:
            return found
        return words, span
    for other in more:
        if _of_the_subject(other, focus):
            # Its answer decides even when it fits only partly: a partial reason about the
            # topic outranks a reason guessed from the order of sentences.
            return _answer_in(excerpt, other, focus)
    return None, None


def _fitting_fully(
    pick: tuple[Hit, Window], focus: Focus, more: tuple[tuple[Hit, Window], ...]
) -> tuple[Hit, Window] | None:
    """A further stretch of the quote whose answer fits fully where the first stretch's
    fits only well: "Statisticus Joop Hox vindt het onderzoek gedegen" names the kind asked
    for (`welke statisticus`) beside its name, which says that he is the one asked about;
    "socioloog Niels Blom" in the sentence that repeats the question is only a name. Not
    for a question that asks two things, whose answers the first stretch gives together."""
    first = _strongest(*pick, focus)
    if first is None or first.strength >= FULL or focus.further:
        return None
    for other in more:
        better = _strongest(*other, focus)
        if better is not None and better.strength >= FULL:
            return other
    return None


def _of_the_subject(pick: tuple[Hit, Window], focus: Focus) -> bool:
    """Whether the sentence of a further stretch's answer names what the question is about
    (its subject, `Focus.topic`): away from the sentences that match the question, an
    answer is about what is asked only where the article names it again ("Shell slaat de
    uitnodiging af, omdat ..." for "Waarom komt Shell niet ..."); elsewhere it may be the
    reason or the number of something else ("Brazilië ... omdat de klimaatcrisis ...")."""
    hit, window = pick
    mention = _strongest(hit, window, focus)
    if mention is None or not focus.topic:
        return False
    found = hit_sentences(hit, focus)[1][sentence_of(window, mention.start)]
    return bool(found & focus.topic)


def _answer_in(
    excerpt: str, pick: tuple[Hit, Window], focus: Focus
) -> tuple[str | None, tuple[int, int] | None]:
    """The direct line one stretch of the quote gives (`direct_line`)."""
    hit, window = pick
    mention = _strongest(hit, window, focus)
    if mention is None:
        return None, None
    said = sorted([mention, *_answers_beside(hit, window, focus, mention)], key=lambda m: m.start)
    if len(said) == 1 + len(focus.further) > 1:
        one = sentence_of(window, said[0].start) == sentence_of(window, said[-1].start)
        weakest = min(m.strength for m in said)
        whole = hit.text[said[0].start : said[-1].end]
        pieces = [hit.text[m.start : m.end].strip() for m in said]
        together = one and weakest >= EACH and max(m.strength for m in said) >= DIRECT
        if together and len(whole) <= MAX_DIRECT and whole in excerpt:
            start = excerpt.find(whole)
            return whole, (start, start + len(whole))
        if (together or weakest >= DIRECT) and all(p in excerpt for p in pieces):
            start = excerpt.find(pieces[0])
            return f" {ELLIPSIS} ".join(pieces), (start, start + len(pieces[0]))
    if mention.strength < DIRECT:
        return None, None
    words = hit.text[mention.start : mention.end].strip()
    start = excerpt.find(words)
    if start < 0:
        return None, None
    if focus.expects in ("person", "name"):
        words, start = _in_full(excerpt, words, start)
    words, start = _tidied(excerpt, words, start)
    if len(words) > MAX_DIRECT:
        cut = words.rfind(" ", 0, MAX_DIRECT)
        words = words[: cut if cut > 0 else MAX_DIRECT - 1].rstrip(" ,;:") + ELLIPSIS
        return words, (start, start + len(words) - 1)
    return words, (start, start + len(words))


# Quotation marks, and a single quote that is one: not between two letters, where it is
# an apostrophe (zo'n, auto's).
_QUOTE_MARK = re.compile(r"[\"“”„‘]|(?<![^\W\d_])['’]|['’](?![^\W\d_])")
_TRAILING = ".,;:"


def _tidied(excerpt: str, words: str, start: int) -> tuple[str, int]:
    """The line without what its clause's end left on it: a full stop or a comma, and a
    quotation mark whose partner is outside it; or with that partner, when the quote has
    it right beside the line ("'zeer gering'", "'uiterlijk' 1 juni")."""
    words = words.rstrip(_TRAILING)
    if len(_QUOTE_MARK.findall(words)) % 2 == 0:
        return words, start
    end = start + len(words)
    following = excerpt[end : end + 1]
    if following and _QUOTE_MARK.fullmatch(following):
        return excerpt[start : end + 1], start
    if start > 0 and _QUOTE_MARK.fullmatch(excerpt[start - 1]):
        return excerpt[start - 1 : end], start - 1
    if _QUOTE_MARK.match(words):
        rest = words[1:].lstrip()
        return rest, start + len(words) - len(rest)
    if _QUOTE_MARK.fullmatch(words[-1]):
        return words[:-1].rstrip(_TRAILING + " "), start
    return words, start


# A capitalised word inside a sentence, as a first name before a surname is.
_GIVEN = re.compile(r"(?<=[a-z,;:(\-] )(?:[A-Z][a-z]+ ){1,2}$")


def _in_full(excerpt: str, words: str, start: int) -> tuple[str, int]:
    """A surname the quote gives in full elsewhere, in full: news names a person once with
    the first name ("oud-raadslid Roland van Tilborg") and then by the surname alone ("Van
    Tilborg springt ..."), which refers back to the full name."""
    if " " not in words and not words[:1].isupper():
        return words, start
    for match in re.finditer(re.escape(words) + r"(?!\w)", excerpt, re.IGNORECASE):
        given = _GIVEN.search(excerpt, 0, match.start())
        if given is None or not all(map(_first_name, given.group().split())):
            continue
        full = excerpt[given.start() : match.end()]
        if given.end() == match.start() and len(full) <= MAX_DIRECT:
            return full, given.start()
    return words, start


def _first_name(word: str) -> bool:
    """Whether a capitalised word before a surname may be a first name: not an article
    (`De Graaf`) nor an adjective derived from a name (`de Zweedse Greta Thunberg`)."""
    return word.lower() not in ("de", "het", "een", "the") and not word.endswith(("se", "sche"))


def _strongest(hit: Hit, window: Window, focus: Focus) -> Mention | None:
    """The mention the direct line gives: the one the stretch was built around, or, when
    that one fits only partially, the best in the stretch that fits well. The stretch is
    the one to three sentences that hold the question; a partial answer in its middle
    ("in Rockanje", where the swan was caught) does not outweigh a full one beside it
    ("naar Vogelklas Karel Schot", where it was taken).

    A mention that abstention reads as no answer at all (`no_answer`: the question's own
    name, an adjective of origin, what a question of the article asks about) is passed
    over for the best other one of the stretch, the one abstention weighed in its place:
    "Het Prins Bernhard Cultuurfonds ... geeft haar Designprijs aan Simone Post" answers
    who gets the prize with Simone Post, not with the fund the question names."""
    said = hit_sentences(hit, focus)[2][window.first : window.last + 1]
    mention = window.mention
    if mention is not None and no_answer(hit.text, window, mention, focus):
        others = [m for ms in said for m in ms if not no_answer(hit.text, window, m, focus)]
        mention = max(others, key=lambda m: (m.strength, -m.start), default=None)
    if mention is None or mention.strength >= DIRECT or focus.further:
        return mention
    best = max((m for ms in said for m in ms), key=lambda m: (m.strength, -m.start), default=None)
    return best if best is not None and best.strength >= DIRECT else mention


def _answers_beside(hit: Hit, window: Window, focus: Focus, mention: Mention) -> list[Mention]:
    """For each further thing the question asks for, its best answer in the sentence of
    `mention` or next to it, if there is one that does not overlap what is said already."""
    i = sentence_of(window, mention.start)
    found: list[Mention] = []
    for said in further_asks(hit, focus):
        near = [m for ms in said[max(0, i - 1) : i + 2] for m in ms]
        free = [
            m for m in near if all(m.end <= o.start or m.start >= o.end for o in [mention, *found])
        ]
        best = max(free, key=lambda m: (m.strength, -abs(m.start - mention.start)), default=None)
        if best is not None:
            found.append(best)
    return found
