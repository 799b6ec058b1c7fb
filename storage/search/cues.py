"""What kind of answer a question asks for, and where a sentence holds one.

A who-question is answered by a name, a how-many by a number with its unit, a when by a
date, a why by a reason, a where by a place. The sentence that repeats the question's
words is often not the one that answers it: news gives the answer in the sentence before
or after ("De twee Zweedse politici Jens Holm en ..." follows the sentence that repeats
the question). So answer composition looks, around the sentences that match, for the
words that could be the answer: *mentions*, each with a strength that says how well it
fits what was asked.

The grades follow what a reader would accept as an answer:

- number: a quantity, never a year, a clock time or a day of the month. It fits best
  when its unit is the thing counted in the question (`hoeveel zetels` - `35 zetels`,
  `hoeveel wietplanten` - `2600 hennepplanten`, whose compound has the same head) or a
  unit of the dimension asked about (`hoe lang` - metres or years, `hoeveel geld` -
  euros); a quantity of something else or a bare number fits less.
- date: a day and month fit best, a month with a year nearly as well; a month or a year
  alone less; words that only say when counted from the day of writing (`zaterdag`,
  `gisteren`, `binnenkort`) hardly.
- person and name: a name the question does not have, best right beside the noun the
  question asks about (`welke architect` - `toparchitect Ellen van Loon`, `welke Zweedse
  politici` - `de twee Zweedse politici Jens Holm en ...`); a name of two or more
  capitalised words fits a who-question well, a single one (a surname used again) less.
- place: a name after a preposition of place (`in Woerden`, `naar Lissabon`).
- reason: a clause opened by a causal connective (omdat, doordat, want, vanwege, wegens,
  dankzij, aangezien, `komt door`) or a causal noun (reden, oorzaak); a purpose clause
  (`om ... te`, which also introduces plain infinitives) and a sentence opened by an
  anaphoric connective (daarom, daardoor), whose cause is the sentence before, fit less.

The word classes below are closed classes of Dutch (and English, for the question):
question words, number words, units of measure, months and weekdays, prepositions and
connectives. None of them names a topic.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from storage.language.dates import MONTHS, WEEKDAYS
from storage.language.text import STOP_WORDS, fold, term

Expect = Literal["person", "number", "date", "reason", "name", "place"]

_NUMBER_QUESTION = ("hoeveel", "hoeveelste")
_DATE_QUESTION = frozenset({"wanneer", "when"})
_DATE_AFTER_WHICH = frozenset("datum dag jaar maand tijdstip date day year month".split())
_REASON_QUESTION = frozenset({"waarom", "why", "waardoor", "hoezo"})
_REASON_NOUNS = frozenset({"reden", "oorzaak", "reason", "cause"})
_PERSON_QUESTION = frozenset({"wie", "who", "whom", "whose"})
_PLACE_QUESTION = frozenset({"waar", "where", "waarheen", "vanwaar"})
_WHICH = frozenset({"welke", "welk", "which", "what"})
_NAME_VERBS = frozenset({"heet", "heten", "called", "named"})
_COST_VERBS = frozenset({"kost", "kostte", "kosten", "kostten", "cost", "costs"})

# Dimensions a `hoe`/`how` adjective asks for, as the units that measure them.
_LENGTH = "meter kilometer centimeter millimeter km cm mm m mijl miles mile feet voet"
_TIME = (
    "jaar jaren maand maanden week weken dag dagen uur uren minuut minuten seconde seconden "
    "eeuw eeuwen decennium decennia"
)
_MONEY = "euro dollar pond cent frank yen roebel"
_WEIGHT = "kilo kilogram gram ton kg pond"
_AREA = "vierkante hectare m2 km2"
_PERCENT = "procent %"
_DIMENSIONS: dict[str, str] = {
    "lang": f"{_LENGTH} {_TIME}",
    "long": f"{_LENGTH} {_TIME}",
    "groot": f"{_AREA} {_LENGTH}",
    "big": f"{_AREA} {_LENGTH}",
    "large": f"{_AREA} {_LENGTH}",
    "hoog": f"{_LENGTH} {_MONEY} {_PERCENT}",
    "high": f"{_LENGTH} {_MONEY} {_PERCENT}",
    "oud": "jaar",
    "old": "jaar",
    "duur": f"{_MONEY} {_TIME}",
    "zwaar": _WEIGHT,
    "ver": _LENGTH,
    "far": _LENGTH,
    "breed": _LENGTH,
    "diep": _LENGTH,
    "dik": _LENGTH,
    "snel": _LENGTH,
    "vaak": "keer maal",
    "often": "keer maal",
    "much": f"{_MONEY} {_PERCENT} {_WEIGHT}",
    "many": "",
    "veel": "",
    "geld": _MONEY,
    "money": _MONEY,
    "procent": _PERCENT,
    "percent": _PERCENT,
}
_UNITS = frozenset(f"{_LENGTH} {_TIME} {_MONEY} {_WEIGHT} {_AREA} {_PERCENT} keer maal".split())

_NUMBER_MORPHEMES = (
    "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig "
    "tachtig negentig honderd duizend miljoen miljard en ën"
).split()
_NUMBER_WORDS = frozenset(
    """
    één anderhalf half helft kwart dozijn tientallen honderden duizenden miljoenen
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion half dozen
    """.split()
)
_SCALE_WORDS = frozenset("honderd duizend miljoen miljard biljoen mln mld".split())
# Words that make a number approximate or a bound; they belong to the quantity.
_APPROXIMATE = frozenset(
    "ruim bijna zo'n zo’n ongeveer circa zeker maximaal minimaal minstens hooguit "
    "krap pakweg ca. tot liefst".split()
)
# Dates are read in the archive's language, Dutch: English month names would take
# Theresa May for a date.
_MONTH_WORDS = frozenset(MONTHS) | frozenset(
    "jan feb mrt apr jun jul aug sep sept okt nov dec".split()
)
_WEEKDAY_WORDS = frozenset(WEEKDAYS)
_RELATIVE_DAYS = frozenset(
    """
    vandaag morgen gisteren overmorgen eergisteren vanavond vannacht vanmiddag vanochtend
    vanmorgen binnenkort straks voorjaar najaar zomer winter lente herfst
    """.split()
)
# A question for a `datum` wants a day of the calendar; a month or a year does not answer it.
_CALENDAR_DAY = frozenset({"datum", "date"})
# Prepositions that open a time or place phrase; one before a date or place is quoted.
_TIME_PREPOSITIONS = frozenset(
    "op vanaf per tot sinds voor na in rond uiterlijk begin eind medio half".split()
)
_PLACE_PREPOSITIONS = frozenset("in te naar uit bij op aan nabij vanuit richting".split())
_CAUSAL = frozenset("omdat doordat want vanwege wegens dankzij aangezien because due since".split())
_ANAPHORIC_CAUSAL = frozenset({"daarom", "daardoor", "zodoende", "therefore"})
# Particles inside Dutch and other names: Frank de Grave, Ludwig van Beethoven.
_NAME_PARTICLES = frozenset("van de der den ter ten te 't la le du da di von el al".split())
# Prepositions, conjunctions and adverbs that are capitalised only when they open a sentence
# (stop words aside): never the start of a name.
_OPENERS = frozenset(
    """
    volgens tijdens namens dankzij hoewel sinds vanaf toen daarna inmiddels intussen
    bovendien daarom daardoor echter ondanks behalve binnen buiten rond langs via vanuit
    tussen achter naast boven beneden verder eerder later vervolgens ook zelfs alleen
    according during after before since while although however
    """.split()
)
_CLAUSE_END = re.compile(r"[,;:.!?]\s|[;:!?]$|\.$|[\"”’)]")
# Numbers (with their separators), and words with any digits they hold (D66, COP25).
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*%?(?![^\W_])|[^\W_]+(?:['’][^\W\d_]+)*")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_CLOCK = re.compile(r"^\d{1,2}[.:]\d\d$")

# The shortest shared ending that makes two compounds share a head (plant, klacht): shorter
# endings are suffixes (-ing, -heid), not words.
HEAD = 5
# Grades of fit (see the module docstring).
FULL = 1.0
GOOD = 0.8
PARTIAL = 0.5
WEAK = 0.2


@dataclass(frozen=True)
class Mention:
    """Words at `start`..`end` of a sentence that could answer the question, and how well
    they fit the kind of answer asked for (0..1)."""

    start: int
    end: int
    strength: float


def expected(words: Sequence[str]) -> Expect | None:
    """The answer type a question asks for, from its folded words, or None if unclear.

    The first question word decides: in "Welke architect ... waar de ambtenaren over
    klagen" the `waar` is a relative pronoun, not a where-question.
    """
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in _NUMBER_QUESTION or (word in ("hoe", "how") and following in _DIMENSIONS):
            return "number"
        if word in _DATE_QUESTION or (word in _WHICH and following in _DATE_AFTER_WHICH):
            return "date"
        if word in _REASON_QUESTION or word in _REASON_NOUNS:
            return "reason"
        if word in _WHICH and following in _REASON_NOUNS:
            return "reason"
        if word in _PERSON_QUESTION:
            return "person"
        if word in _PLACE_QUESTION:
            return "place"
        if word in ("hoe", "what", "wat") and following in _NAME_VERBS:
            return "name"
        if word in ("wat", "what") and following in _COST_VERBS:
            return "number"
        if word in _WHICH and following and following not in STOP_WORDS:
            before = words[i - 1] if i > 0 else ""
            return "place" if before in _PLACE_PREPOSITIONS else "name"
    return None


def measures(words: Sequence[str]) -> frozenset[str]:
    """What the answer should be *of*, as terms: the noun a `hoeveel`, `welke` or `hoe heet`
    asks about (and the word after it, for an adjective in between: `welke Zweedse
    politici`), and for `hoe` with an adjective the units of that dimension (`hoe lang`:
    metres and years; `hoeveel geld`: euros). An answer stands next to it: `35 zetels`,
    `2600 hennepplanten`, `de twee Zweedse politici Jens Holm en ...`."""
    found: set[str] = set()
    for i, word in enumerate(words):
        if word in ("hoe", "how", "what", "wat") and i + 1 < len(words):
            if words[i + 1] in _DIMENSIONS:
                found.update(_DIMENSIONS[words[i + 1]].split())
                continue
            if words[i + 1] in _COST_VERBS:
                found.update(_MONEY.split())
                continue
            if words[i + 1] not in _NAME_VERBS:
                continue
            following = [w for w in words[i + 2 : i + 5] if w not in STOP_WORDS][:1]
        elif word in _NUMBER_QUESTION or word in _WHICH:
            following = [w for w in words[i + 1 : i + 3] if w not in STOP_WORDS]
        else:
            continue
        for w in following:
            if w in _DIMENSIONS:
                found.update(_DIMENSIONS[w].split())
            elif t := term(w):
                found.add(t)
    return frozenset(found)


def holds(sentence: str, expect: Expect | None, question_terms: Collection[str]) -> bool:
    """Whether the sentence contains an answer of the expected kind that the question lacks."""
    return bool(mentions(sentence, expect, frozenset(question_terms)))


def mentions(
    sentence: str,
    expect: Expect | None,
    question_terms: frozenset[str],
    measure: frozenset[str] = frozenset(),
) -> tuple[Mention, ...]:
    """The words of `sentence` that could answer a question of kind `expect`, strongest
    first; words the question has already are no answer."""
    if expect is None:
        return ()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    if expect == "number":
        found = _quantities(tokens, question_terms, measure)
    elif expect == "date":
        found = _dates(tokens, question_terms, measure)
    elif expect == "reason":
        found = _reasons(sentence, tokens)
    else:
        found = _names(tokens, expect, question_terms, measure)
    return tuple(sorted(found, key=lambda m: (-m.strength, m.start)))


# --- numbers ------------------------------------------------------------------------------------


def _quantities(
    tokens: list[tuple[int, int, str]], asked: frozenset[str], measure: frozenset[str]
) -> list[Mention]:
    out = []
    i = 0
    while i < len(tokens):
        word = tokens[i][2]
        if not _is_number(word) or term(word) in asked:
            i += 1
            continue
        first = i
        while first > 0 and fold(tokens[first - 1][2]) in _APPROXIMATE:
            first -= 1
        if first > 1 and fold(tokens[first - 1][2]) == "dan" and _comparative(tokens[first - 2]):
            first -= 2
        last = i
        while last + 1 < len(tokens) and (
            fold(tokens[last + 1][2]) in _SCALE_WORDS or _is_digits(tokens[last + 1][2])
        ):
            last += 1
        after = [fold(t[2]) for t in tokens[last + 1 : last + 3]]
        if _not_a_quantity(word, after, tokens, i):
            i = last + 1
            continue
        unit = after[0] if after else ""
        counted = unit == "%" or (unit.isalpha() and unit not in STOP_WORDS)
        # An adjective may stand between a number and what it counts: drieduizend zilveren
        # munten (but vierkante meter is a unit of its own).
        noun = after[1] if len(after) > 1 and counted and unit not in _UNITS else ""
        if _same_head(unit, measure) or _same_head(noun, measure) or (unit and unit in measure):
            strength = FULL
        elif unit in _UNITS and not measure:
            strength = GOOD
        else:
            strength = PARTIAL
        end = (
            tokens[last + (2 if noun and _same_head(noun, measure) else 1)][1]
            if counted
            else tokens[last][1]
        )
        out.append(Mention(tokens[first][0], end, strength))
        i = last + 1
    return out


def _is_digits(word: str) -> bool:
    return word[:1].isdigit()


def _is_number(word: str) -> bool:
    if word[:1].isdigit():
        return True
    folded = fold(word)
    return folded in _NUMBER_WORDS or _number_word(folded)


def _comparative(token: tuple[int, int, str]) -> bool:
    return fold(token[2]) in ("meer", "minder", "ruim", "more", "less")


@lru_cache(maxsize=10_000)
def _number_word(word: str) -> bool:
    """A Dutch number written as one word: `vijfduizend`, `drieëntwintig`; not `een`."""
    if word in ("een", "en", "ën") or not word.isalpha():
        return False

    @cache
    def splits(rest: str) -> bool:
        if not rest:
            return True
        return any(
            rest.startswith(m) and splits(rest[len(m) :])
            for m in _NUMBER_MORPHEMES
            if not (m in ("en", "ën") and len(rest) == len(m))
        )

    return splits(word) and not word.startswith(("en", "ën"))


def _not_a_quantity(
    word: str, after: list[str], tokens: list[tuple[int, int, str]], i: int
) -> bool:
    """Years, clock times and days of the month are numbers but not quantities."""
    if _CLOCK.match(word) and (not after or after[0] in ("uur", "u")):
        return True
    if after and after[0] in _MONTH_WORDS:
        return True
    if i > 0 and fold(tokens[i - 1][2]) in _MONTH_WORDS:
        return True
    return bool(_YEAR.match(word)) and not (
        after and (after[0] in _UNITS or after[0] in _SCALE_WORDS)
    )


def _same_head(word: str, measure: frozenset[str]) -> bool:
    """The word is a measure term or shares its head with one: Dutch compounds put the
    head last, so hennepplanten counts what wietplanten does (`plant`)."""
    if not measure or not word.isalpha():
        return False
    t = term(word)
    if not t:
        return False
    return any(t == m or _common_tail(t, m) >= HEAD for m in measure)


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


# --- dates --------------------------------------------------------------------------------------


def _dates(
    tokens: list[tuple[int, int, str]], asked: frozenset[str], focus: frozenset[str] = frozenset()
) -> list[Mention]:
    out = []
    folded = [fold(t[2]) for t in tokens]
    calendar_day = bool(focus & _CALENDAR_DAY)
    i = 0
    while i < len(tokens):
        word = folded[i]
        first = last = i
        strength = 0.0
        if word in _WEEKDAY_WORDS and i + 1 < len(tokens) and _day_month(folded, i + 1):
            i += 1
            continue
        month = _day_month(folded, i)
        if month:
            strength, last = FULL, month
            if i > 0 and folded[i - 1] in _WEEKDAY_WORDS:
                first = i - 1
        elif calendar_day:
            pass
        elif word in _MONTH_WORDS and i + 1 < len(tokens) and _YEAR.match(folded[i + 1]):
            strength, last = GOOD, i + 1
        elif word in _MONTH_WORDS or _YEAR.match(word):
            strength = PARTIAL
        elif word in _RELATIVE_DAYS or word in _WEEKDAY_WORDS:
            strength = WEAK
        if strength and last + 1 < len(tokens) and _YEAR.match(folded[last + 1]):
            last += 1
        if not strength or all(term(t[2]) in asked for t in tokens[first : last + 1]):
            i += 1
            continue
        if first > 0 and folded[first - 1] in _TIME_PREPOSITIONS:
            first -= 1
        out.append(Mention(tokens[first][0], tokens[last][1], strength))
        i = last + 1
    return out


def _day_month(folded: list[str], i: int) -> int | None:
    """Where the month of a day-and-month date starting at `i` is: `4 mei`, and the
    coordinated days of `13 en 20 april` or `13 tot 20 april`."""
    if not folded[i].isdigit() or len(folded[i]) > 2:
        return None
    if i + 1 < len(folded) and folded[i + 1] in _MONTH_WORDS:
        return i + 1
    if (
        i + 3 < len(folded)
        and folded[i + 1] in ("en", "tot", "t", "of")
        and folded[i + 2].isdigit()
        and folded[i + 3] in _MONTH_WORDS
    ):
        return i + 3
    return None


# --- names and places ---------------------------------------------------------------------------


def _names(
    tokens: list[tuple[int, int, str]],
    expect: Expect,
    asked: frozenset[str],
    focus: frozenset[str] = frozenset(),
) -> list[Mention]:
    out: list[Mention] = []
    for first, last in _coordinated(tokens, _name_runs([t[2] for t in tokens])):
        words = [
            (j, t[2])
            for j, t in enumerate(tokens[first : last + 1], start=first)
            if t[2][:1].isupper()
        ]
        # A sentence's first word is capitalised for its place, so it is no new name.
        if all(term(w) in asked or j == 0 for j, w in words):
            continue
        before = tokens[first - 1][2] if first > 0 else ""
        if expect == "place":
            strength = FULL if fold(before) in _PLACE_PREPOSITIONS else PARTIAL
        elif _same_head(before, focus) or (first == 0 and _same_head(words[0][1], focus)):
            strength = FULL
        elif len(words) > 1:
            strength = FULL if expect == "person" and not focus else GOOD
        else:
            strength = PARTIAL
        if first == 0 and len(words) > 2:
            # "Schaatsster Lotte Bakker": the opening word is most likely what she is.
            first = words[1][0]
        out.append(Mention(tokens[first][0], tokens[last][1], strength))
    return out


def _coordinated(
    tokens: list[tuple[int, int, str]], runs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Runs joined by `en` or `of` become one: "Jens Holm en Hakan Svenneling" answers
    "welke politici" as a whole. (Runs that only a comma separates are one run already.)"""
    out: list[tuple[int, int]] = []
    for first, last in runs:
        if out:
            gap = tokens[out[-1][1] + 1 : first]
            if len(gap) == 1 and fold(gap[0][2]) in ("en", "of", "and", "or"):
                out[-1] = (out[-1][0], last)
                continue
        out.append((first, last))
    return out


def _name_runs(words: Sequence[str]) -> list[tuple[int, int]]:
    """Runs of capitalised words (name particles allowed inside) as token index ranges; the
    sentence's first word only when the next one is capitalised too, since every sentence
    starts with one."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = -1
    for i, word in enumerate(words):
        folded = _fold(word)
        capital = word[:1].isupper() and word.isalpha() and folded not in STOP_WORDS
        capital = capital and folded not in _OPENERS
        capital = capital and folded not in _MONTH_WORDS and folded not in _WEEKDAY_WORDS
        if capital and (i > 0 or (len(words) > 1 and words[1][:1].isupper())):
            if start is None:
                start = i
            last = i
        elif start is not None and folded in _NAME_PARTICLES:
            continue
        elif start is not None:
            runs.append((start, last))
            start = None
    if start is not None:
        runs.append((start, last))
    return runs


# --- reasons ------------------------------------------------------------------------------------


def _reasons(sentence: str, tokens: list[tuple[int, int, str]]) -> list[Mention]:
    out = []
    folded = [fold(t[2]) for t in tokens]
    for i, word in enumerate(folded):
        start = tokens[i][0]
        if (
            word in _CAUSAL
            or word in _REASON_NOUNS
            or (
                word == "door"
                and i > 0
                and folded[i - 1] in ("dat", "het")
                and i > 1
                and (folded[i - 2].startswith(("kom", "kwam")))
            )
        ):
            out.append(Mention(start, _clause_end(sentence, tokens[i][1]), FULL))
        elif word == "om" and "te" in folded[i + 2 : i + 12]:
            out.append(Mention(start, _clause_end(sentence, tokens[i][1]), PARTIAL))
        elif word in _ANAPHORIC_CAUSAL:
            out.append(Mention(tokens[0][0], tokens[-1][1], PARTIAL))
    return out


def _clause_end(sentence: str, after: int) -> int:
    """Where the clause that starts before `after` ends: the next punctuation that closes
    a clause, or the end of the sentence."""
    match = _CLAUSE_END.search(sentence, after)
    end = match.start() if match else len(sentence)
    return len(sentence[:end].rstrip())


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    return fold(word)


# --- the archive saying it does not know --------------------------------------------------------

_INTERROGATIVES = frozenset(
    """
    wie wat waar waarom wanneer hoe hoeveel hoelang welke welk waarvan waardoor waarmee
    waarover waaraan waarop waarin waarvoor
    """.split()
)
# Words an interrogative phrase takes with it: `hoe hoog`, `hoeveel afleveringen`.
_PHRASAL = frozenset({"hoe", "hoeveel", "welke", "welk"})
_NEGATIONS = frozenset("niet geen nooit niemand onduidelijk onbekend onzeker".split())
_WORD = re.compile(r"[^\W_]+")


def says_unknown(sentence: str, question: str) -> bool:
    """Whether the sentence says that what the question asks is not known or not told.

    It holds the question's own interrogative phrase as an embedded question under a
    negation: "Hoe hoog die boete is, wil de gemeente niet zeggen" for "Hoe hoog is de
    boete?", "Het is nog niet duidelijk ... uit hoeveel afleveringen deze zal bestaan".
    A sentence that is itself a question does not count.
    """
    phrase = _interrogative(question)
    if not phrase or sentence.rstrip().endswith("?"):
        return False
    words = [_fold(w) for w in _WORD.findall(sentence)]
    if not _NEGATIONS.intersection(words):
        return False
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


@lru_cache(maxsize=256)
def _interrogative(question: str) -> tuple[str, ...]:
    words = [_fold(w) for w in _WORD.findall(question)]
    for i, word in enumerate(words):
        if word in _INTERROGATIVES:
            return tuple(words[i : i + 2]) if word in _PHRASAL else (word,)
    return ()
