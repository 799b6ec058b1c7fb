"""Moments: the dates, months, years, days and times of day a when-question can be
answered by.

A day and month fit best, a month with a year nearly as well, and so do a month or a year
in a time phrase (`in juni`: news places it in the month nearest the day of writing; `in
2021`) and a season with its year (`de zomer van 2027`); a bare month or a year alone
less; words that only say when counted from the day of writing (`zaterdag`, `gisteren`,
`binnenkort`), and a time of day, hardly. A question for a `datum` wants a day of the
calendar, one for a `jaar` a year, one for a `week` a numbered week (`week 110`), one for
a time of day (`hoe laat`, `op welke tijden`) a clock time (`rond 19.15 uur`), which then
fit fully.
"""

from __future__ import annotations

from datetime import date

from storage.language.dates import MONTH_NUMBERS, MONTHS
from storage.language.text import STOP_WORDS, fold, term
from storage.search.mentions.base import (
    CLOCK,
    FULL,
    GOOD,
    PARTIAL,
    WEAK,
    YEAR,
    Mention,
    Token,
    decade,
    folded,
)
from storage.search.wordclasses import CLOCK_NOUNS, MONTH_WORDS, UNTIL, WEEKDAY_WORDS

_RELATIVE_DAYS = frozenset(
    """
    vandaag morgen gisteren overmorgen eergisteren vanavond vannacht vanmiddag vanochtend
    vanmorgen binnenkort straks voorjaar najaar zomer winter lente herfst
    """.split()
)
# The days and seasons of the calendar that news names by their feast (`op Koningsdag`,
# `met Pasen`, `in het paasweekend`): each is a time of the year as a month is, its year
# the one the article is about.
_FEASTS = frozenset(
    """
    koningsdag koninginnedag bevrijdingsdag dodenherdenking prinsjesdag valentijnsdag
    moederdag vaderdag kerst kerstmis kerstavond kerstdag kerstdagen kerstnacht
    kerstvakantie oudjaar oudejaar oudejaarsdag oudejaarsavond oudejaarsnacht nieuwjaar
    nieuwjaarsdag nieuwjaarsnacht pasen paasdag paasdagen paaszondag paasmaandag
    paasweekend paasweekeinde paasweekeind paasvakantie hemelvaart hemelvaartsdag
    pinksteren pinksterdag pinksterdagen pinksterweekend sinterklaasavond pakjesavond
    carnaval halloween allerheiligen allerzielen driekoningen ramadan suikerfeest
    offerfeest christmas easter thanksgiving
    """.split()
)
# ... opened by a preposition of time or by `met` (`met Kerst`), before its article if it
# has one (`tijdens de kerstdagen`).
_FEAST_OPENERS = frozenset({"met", "tijdens"}) | frozenset(
    "op vanaf per tot sinds voor na in rond uiterlijk begin eind medio half".split()
)
# A question for a `datum` wants a day of the calendar; a month or a year does not answer it.
_CALENDAR_DAY = frozenset({"datum", "date"})
# A question for a `jaar` (`in welk jaar`) is answered by a year alone.
_YEAR_ASKED = frozenset({"jaar", "year"})
# A question for a `week` (`in welke week`) is answered by a numbered week: `week 110`.
_WEEK_ASKED = frozenset({"week"})
# Prepositions that open a time phrase; one before a date is quoted with it.
_TIME_PREPOSITIONS = frozenset(
    "op vanaf per tot sinds voor na in rond uiterlijk begin eind medio half".split()
)


# Adverbs that bound the time phrase after them, and so belong to it: `uiterlijk in mei` is
# a deadline, `pas in 2020` a late start, `al in 1962` an early one.
_LIMITS = frozenset("uiterlijk pas al reeds".split())

# Prepositions that open a time of day, besides those of any time phrase: `om 8 uur`.
_CLOCK_PREPOSITIONS = frozenset("om omstreeks rond tegen vanaf tot sinds na voor".split())

# What opens a time phrase around a month alone (`in juni`, `eind april`, `tot september`).
_MONTH_OPENERS = _TIME_PREPOSITIONS
# ... and around a year (`in 2021`).
_YEAR_OPENERS = _TIME_PREPOSITIONS


def find(
    tokens: list[Token], asked: frozenset[str], focus: frozenset[str] = frozenset()
) -> list[Mention]:
    out = []
    folded = [fold(t[2]) for t in tokens]
    calendar_day = bool(focus & _CALENDAR_DAY)
    year_asked = bool(focus & _YEAR_ASKED)
    week_asked = bool(focus & _WEEK_ASKED)
    until = UNTIL in focus
    clock_asked = bool(focus & CLOCK_NOUNS)
    i = 0
    while i < len(tokens):
        word = folded[i]
        first = last = i
        strength = 0.0
        opening = _TIME_PREPOSITIONS
        if word in WEEKDAY_WORDS and i + 1 < len(tokens) and _day_month(folded, i + 1):
            i += 1
            continue
        month = _day_month(folded, i)
        if month:
            strength, last = FULL, month
            if i > 0 and folded[i - 1] in WEEKDAY_WORDS:
                first = i - 1
        elif calendar_day:
            pass
        elif (end := _clock(folded, i)) is not None:
            # A time of day answers `hoe laat`; for a `wanneer` it says less than the day.
            strength, last = FULL if clock_asked else WEAK, end
            opening = _CLOCK_PREPOSITIONS
        elif word in MONTH_WORDS and i + 1 < len(tokens) and YEAR.match(folded[i + 1]):
            strength, last = GOOD, i + 1
        elif word in MONTH_WORDS and _deictic_year(folded, i + 1):
            strength, last = GOOD, i + 2
        elif word in MONTH_WORDS and i > 1 and _deictic_year(folded, i - 2):
            strength, first = GOOD, i - 2
        elif year_asked and _year(folded, i):
            strength = FULL
        elif (
            week_asked
            and word in _WEEK_ASKED
            and folded[i + 1 : i + 2] != []
            and folded[i + 1].isdigit()
        ):
            strength, last = FULL, i + 1
        elif word in MONTHS and i > 0 and folded[i - 1] in _MONTH_OPENERS:
            # "worden in juni uitgevoerd": a time phrase with a month and no year places
            # it in the month nearest the day of writing, as news does.
            strength = GOOD
        elif word in _FEASTS:
            # "op Valentijnsdag": a feast names its day of the year as fully as "14 februari".
            before = folded[max(0, i - 2) : i]
            if before[-1:] and before[-1] in ("de", "het"):
                before = before[:-1]
            opened = bool(before) and before[-1] in _FEAST_OPENERS
            strength, opening = FULL if opened else PARTIAL, _FEAST_OPENERS
        elif word in _SEASONS and (end := _of_year(folded, i)):
            # "na de zomer van 2027": a season with its year, as definite as a month with one.
            strength, last = GOOD, end
        elif i + 1 < len(tokens) and decade(word, folded[i + 1]):
            # "begin jaren tachtig", "in de jaren 80": a decade says when, if vaguely.
            first = i - 1 if i > 0 and folded[i - 1] == "de" else i
            opened = first > 0 and folded[first - 1] in _YEAR_OPENERS
            strength, last = GOOD if opened else PARTIAL, i + 1
        elif (end := _from_now(folded, i)) is not None:
            # "eind dit jaar", "vorige week": a time counted from the day of writing, which
            # the article's date places; a year so told as definitely as by its number.
            strength, last = GOOD if folded[end] == "jaar" else PARTIAL, end
        elif YEAR.match(word) and i > 0 and folded[i - 1] in _YEAR_OPENERS:
            # "In 2021 moet het klaar zijn": a year in a time phrase says when, as a month
            # in one does.
            strength = GOOD
        elif word in MONTHS or YEAR.match(word):
            # A month alone is written out: `Jan` before a name is Jan, not January.
            strength = PARTIAL
        elif word in WEEKDAY_WORDS and (end := _at_hour(folded, i + 1)) is not None:
            # "zondag om 19.00 uur": news announces what happens in the coming days by
            # weekday and hour, which the article's day places as a date would.
            strength, last = FULL if clock_asked else GOOD, end
        elif word in _RELATIVE_DAYS or word in WEEKDAY_WORDS:
            strength = WEAK
        elif _by_event(folded, i, asked, until):
            # "Tot wanneer ...?" asks for the end, and `tot de zomervakantie` gives it.
            strength, last = GOOD if until and word == UNTIL else WEAK, i + 2
        if strength and last + 1 < len(tokens) and YEAR.match(folded[last + 1]):
            last += 1
        if not strength or all(term(t[2]) in asked for t in tokens[first : last + 1]):
            i += 1
            continue
        if first > 0 and folded[first - 1] in opening:
            first -= 1
        if first > 0 and folded[first - 1] in _LIMITS:
            first -= 1
        out.append(Mention(tokens[first][0], tokens[last][1], strength))
        i = last + 1
    return out


def _past_weekday(folded: list[str], i: int) -> int:
    """Where a coordinated day starting at `i` has its number: past its weekday, if it
    brings one (`zaterdag 25 en zondag 26 mei`)."""
    return i + 1 if folded[i] in WEEKDAY_WORDS else i


def _at_hour(folded: list[str], i: int) -> int | None:
    """Where a time of day that starts at word `i`, or after a preposition there, ends."""
    if i < len(folded) and folded[i] in _CLOCK_PREPOSITIONS:
        i += 1
    return _clock(folded, i) if i < len(folded) else None


def _clock(folded: list[str], i: int) -> int | None:
    """Where a time of day starting at word `i` ends: `19.15 uur`, the span `09.00 tot
    15.00 uur`, or a whole hour a preposition opens (`om 8 uur`; `48 uur` alone is a
    duration). A time written with minutes needs `uur` after it or such a preposition
    before it: `2.50` alone is an amount."""
    word = folded[i]
    opened = i > 0 and folded[i - 1] in _CLOCK_PREPOSITIONS
    if CLOCK.match(word):
        j = i
        if j + 2 < len(folded) and folded[j + 1] in ("tot", "en") and CLOCK.match(folded[j + 2]):
            j += 2
        if folded[j + 1 : j + 2] == ["uur"]:
            return j + 1
        return j if opened else None
    whole_hour = word.isdigit() and int(word) <= 24 and folded[i + 1 : i + 2] == ["uur"]
    return i + 1 if whole_hour and opened else None


# Prepositions that are only of time: what they open says when, by an event or a period
# (`na de bouwvak`, `tijdens de kerstvakantie`, `sinds de fusie`).
_ONLY_OF_TIME = frozenset({"na", "tijdens", "sinds"})


def _by_event(folded: list[str], i: int, asked: frozenset[str], until: bool) -> bool:
    """Word `i` opens a time told by an event: a preposition that is only of time before
    an article and its noun (`na de bouwvak`). It says when without the calendar, as
    `zaterdag` or `binnenkort` do; one about the question's own noun (`na de verkiezingen`
    for a question about them) places the question, it does not answer it. `tot` opens
    one too when the question asks `tot wanneer` (elsewhere it is also of place: `tot de
    rand`)."""
    phrase = folded[i : i + 3]
    return (
        len(phrase) == 3
        and (phrase[0] in _ONLY_OF_TIME or (until and phrase[0] == UNTIL))
        and phrase[1] in ("de", "het")
        and phrase[2].isalpha()
        and phrase[2] not in STOP_WORDS
        and term(phrase[2]) not in asked
        and not (phrase[2] in _SEASONS and _of_year(folded, i + 2))
    )


_SEASONS = frozenset("voorjaar zomer najaar winter lente herfst".split())


def _of_year(folded: list[str], i: int) -> int | None:
    """Where the year of a season starting at `i` is: `zomer 2027`, `zomer van 2027`."""
    following = folded[i + 1 : i + 3]
    if following[:1] and YEAR.match(following[0]):
        return i + 1
    if len(following) == 2 and following[0] == "van" and YEAR.match(following[1]):
        return i + 2
    return None


# Determiners that place a year from the day of writing: `volgend jaar`, `vorig jaar`.
_DEICTIC = frozenset("volgend vorig komend dit afgelopen".split())


def _deictic_year(folded: list[str], i: int) -> bool:
    """Words `i` and `i + 1` name a year from the day of writing (`volgend jaar`): a month
    beside them (`volgend jaar april`, `april vorig jaar`) is as definite as one with its
    year's number, since the article's date says which year."""
    pair = folded[i : i + 2]
    return len(pair) == 2 and pair[0] in _DEICTIC and pair[1] == "jaar"


# What a deictic determiner places from the day of writing, besides the year.
_SPANS_FROM_NOW = frozenset("jaar week maand weekend voorjaar zomer najaar winter".split())
# The deictic determiners, inflected before a noun with `de` (`vorige week`).
_DEICTIC_INFLECTED = _DEICTIC | frozenset("vorige volgende komende deze".split())


def _from_now(folded: list[str], i: int) -> int | None:
    """Where a time counted from the day of writing that starts at `i` ends: a deictic
    determiner and a span (`dit jaar`, `volgend jaar`, `vorige week`, `komende zomer`)."""
    pair = folded[i : i + 2]
    if len(pair) < 2 or pair[0] not in _DEICTIC_INFLECTED or pair[1] not in _SPANS_FROM_NOW:
        return None
    # "volgend jaar april" is read at its month.
    return None if folded[i + 2 : i + 3] and folded[i + 2] in MONTH_WORDS else i + 1


# What opens an older year: a preposition of time, or `uit` (`een precedent uit 1604`).
_OLDER_YEAR_OPENERS = _TIME_PREPOSITIONS | {"uit"}


def _year(folded: list[str], i: int) -> bool:
    """Word `i` is a year, for a question that asks for one: any year of this era or the
    two before it, or an older one that a preposition of time or `uit` opens (`rond 1540`,
    `uit 1604`): a number of three or four digits in that place is a year, not a count."""
    if YEAR.match(folded[i]):
        return True
    older = folded[i].isdigit() and len(folded[i]) in (3, 4)
    return older and i > 0 and folded[i - 1] in _OLDER_YEAR_OPENERS


def _day_month(folded: list[str], i: int) -> int | None:
    """Where the month of a day-and-month date starting at `i` is: `4 mei`, and the
    coordinated days of `13 en 20 april` or `13 tot 20 april`."""
    if not folded[i].isdigit() or len(folded[i]) > 2:
        return None
    if i + 1 < len(folded) and folded[i + 1] in MONTH_WORDS:
        return i + 1
    if i + 2 < len(folded) and folded[i + 1] in ("en", "tot", "t", "of"):
        at = _past_weekday(folded, i + 2)
        if at + 1 < len(folded) and folded[at].isdigit() and folded[at + 1] in MONTH_WORDS:
            return at + 1
    return None


# Determiners that name a time back from the day of writing: `vorig jaar`, `afgelopen week`.
_BACK = frozenset("vorig vorige afgelopen".split())


def before(tokens: list[Token], mention: Mention, written: date) -> bool:
    """Whether the moment `mention` names lies before the article's day `written`: a
    year before its year, a month before its month, a day before its day, each given with
    its year; or a time named back from the day of writing (`vorig jaar oktober`). A day
    or month without a year is left alone: news places it in the nearest such month,
    which may lie either side of its day."""
    words = [folded(t[2]) for t in tokens if mention.start <= t[0] < mention.end]
    if _BACK.intersection(words):
        return True
    year = next((int(w) for w in words if YEAR.match(w)), None)
    if year is None:
        return False
    at = next((i for i, w in enumerate(words) if w in MONTH_NUMBERS), None)
    if at is None:
        return year < written.year
    month = MONTH_NUMBERS[words[at]]
    day = int(words[at - 1]) if at > 0 and words[at - 1].isdigit() else None
    if day is None or not 1 <= day <= 31:
        return (year, month) < (written.year, written.month)
    return (year, month, day) < (written.year, written.month, written.day)
