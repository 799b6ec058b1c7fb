"""Quantities: a number with what it counts, never a year, a clock time or a day of the
month.

A quantity fits best when its unit is the thing counted in the question (`hoeveel zetels`
- `35 zetels`, `hoeveel wietplanten` - `2600 hennepplanten`, whose compound has the same
head) or a unit of the dimension asked about (`hoe lang` - metres or years, `hoeveel
geld` - euros); a quantity of something else or a bare number fits less. `mensen`, the
general noun of people, counts well what a person noun counts (`hoeveel kiezers` -
`ruim duizend mensen`). A fraction (`een vijfde`, `twee derde`) is a share; the n-th
time (`de zevende keer`) says how often. A tally (`560
tegen 35`) is one quantity, whose unit goes without saying, and so is a range (`33 tot
36 zetels`). In a sentence about `het aantal N` a bare number counts N, and of `van X naar
Y` the value now is Y. A quantity ends where a
bracket or a comma does; a rate takes its `per` phrase with it (`50.000 euro per jaar`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from storage.language.text import STOP_WORDS, fold, term
from storage.search.mentions.base import (
    CLOCK,
    FULL,
    GOOD,
    PARTIAL,
    YEAR,
    Mention,
    Token,
    apposed,
    decade,
    persons,
    same_head,
)
from storage.search.wordclasses import (
    AGE,
    AMOUNT,
    APPROXIMATE,
    FRACTIONS,
    FREQUENCY,
    MONEY,
    MONTH_WORDS,
    NUMBER_MORPHEMES,
    NUMBER_WORDS,
    PENALTY,
    PERCENT,
    SCALE_WORDS,
    SCORE,
    TIME,
    UNITS,
    UNTIL,
)

# A `hoe vaak` question counts in these, or in the noun of the very event it asks about
# ("Hoe vaak werd er afval gedumpt?" - "vijfduizend dumpingen").
_FREQUENCY = frozenset(FREQUENCY.split())
_SHARE = frozenset(PERCENT.split())
_DURATION = frozenset(TIME.split())
_MEASURES = UNITS - _SHARE
_OLD = frozenset({"oud", "oude", "old"})
_AGED = frozenset({"jarig", "jarige"})
# The most words of a name that joins a compound with a hyphen (`Rode Kruis-vrijwilligers`).
_NAME_WORDS = 3
# The general nouns of people.
_PEOPLE = frozenset("mensen personen mens persoon people persons".split())
_CURRENCIES = frozenset(MONEY.split())
# What a term or a sum is when it is a punishment.
_PENALISED = _DURATION | _CURRENCIES
_SUSPENDED = frozenset({"voorwaardelijk", "onvoorwaardelijk"})
# Units a sum of money is also counted in: `een ton` is a hundred thousand euros, `een
# pond` a pound sterling (already a currency).
_MONEY_UNITS = _CURRENCIES | {"ton"}
# The verbs whose object is a sum of money, as they end a Dutch clause (the infinitive and
# the participle): in "wil liever 15 miljard uitgeven" the number is the sum spent.
_PAYING = frozenset(
    """
    betalen uitgeven uitgegeven investeren geinvesteerd ontvangen kosten verdienen besparen
    bespaard bezuinigen bezuinigd lenen geleend doneren gedoneerd schenken geschonken
    uittrekken uitgetrokken opbrengen opgebracht opleveren opgeleverd inzamelen ingezameld
    vrijmaken vrijgemaakt storten gestort
    """.split()
)
# The currency signs written before an amount: `€ 2,5 miljoen`.
_CURRENCY_SIGNS = ("€", "$", "£")
# What may stand between `van` and the plural noun of a partitive (`twee van haar kinderen`).
_DETERMINERS = frozenset("de het die deze zijn haar hun onze mijn jouw".split())
# The heads of Dutch street names, which a house number follows.
_STREETS = ("straat", "laan", "weg", "plein", "kade", "gracht", "dijk", "singel", "steeg", "dreef")


def find(
    sentence: str, tokens: list[Token], asked: frozenset[str], measure: frozenset[str]
) -> list[Mention]:
    out = []
    counting = _number_of(tokens) or _whole_of(tokens)
    told_in = _told_in(measure)
    i = 0
    part: int | None = None
    while i < len(tokens):
        word = tokens[i][2]
        if PENALTY in measure and fold(word).startswith("levenslang"):
            # A life sentence is a punishment without a term: "De man kreeg levenslang".
            end = _penalty_after(tokens, i)
            out.append(Mention(tokens[i][0], tokens[end][1], FULL))
            i = end + 1
            continue
        if PENALTY in measure and _kind_of_punishment(tokens, i):
            # "Hij kreeg een taakstraf": which punishment, though not how much of it.
            out.append(Mention(tokens[i][0], tokens[i][1], GOOD))
            i += 1
            continue
        if measure & _FREQUENCY and _ordinal_time(tokens, i):
            # "voor de zevende keer": the seventh time counts seven.
            out.append(Mention(tokens[i][0], tokens[i + 1][1], FULL))
            i += 2
            continue
        if (
            not (is_number(word) or _fraction(tokens, i) or _one_in(tokens, i))
            or term(word) in asked
            or _designation(tokens, i)
        ):
            i += 1
            continue
        if _partitive(tokens, i):
            # "22 van de 23 deelstaten": the part is the quantity, the whole says of what.
            part = i if part is None else part
            i += 1
            continue
        first = i if part is None else part
        part = None
        if _numeral_one(tokens, first):
            first -= 1
        while first > 0 and fold(tokens[first - 1][2]) in APPROXIMATE:
            first -= 1
        if first > 1 and fold(tokens[first - 1][2]) == "dan" and _comparative(tokens[first - 2]):
            first -= 2
        last = i
        while last + 1 < len(tokens) and (
            fold(tokens[last + 1][2]) in SCALE_WORDS or _thousands(tokens[last + 1][2])
        ):
            last += 1
        tally = _tally(tokens, last) or _score(sentence, tokens, last)
        last = tally or _range(tokens, last) or _coordinated(sentence, tokens, last) or last
        # A compound written with a hyphen is one unit: `billen-doekjes` are billendoekjes.
        head = _hyphen_head(sentence, tokens, last + 1)
        after = [fold(t[2]) for t in tokens[head : head + 2]]
        if after and head > last + 1:
            after[0] = "".join(fold(t[2]) for t in tokens[last + 1 : head + 1])
        if last + 1 < len(tokens) and tokens[last + 1][0] - tokens[last][1] > 1:
            # A bracket, a comma or a full stop ends the quantity: "(31 tegen 4) stemde".
            after = []
        if _not_a_quantity(word, after, tokens, i):
            i = last + 1
            continue
        unit = after[0] if after else ""
        counted = unit == "%" or _noun_after(unit)
        # An adjective may stand between a number and what it counts: drieduizend zilveren
        # munten (but vierkante meter is a unit of its own).
        adjective = _adjective(after)
        noun_at = head + 1
        if adjective:
            noun_at = _past_adjectives(tokens, noun_at)
            after = [after[0], fold(tokens[noun_at][2])]
        own = not adjective and (
            ((unit in FRACTIONS or _one_word_fraction(fold(word))) and bool(measure & _SHARE))
            or same_head(unit, measure)
            or (unit and unit in measure)
            or (bool(measure & _FREQUENCY) and _event(unit, asked))
            or (counted and _apposed(sentence, tokens, last + 1, measure))
        )
        # What a measure counts may follow its unit (`veertig kilo plastic`), but a unit
        # after a unit is one of two words (`vierkante meter`).
        noun = after[1] if len(after) > 1 and counted and not own and after[1] not in UNITS else ""
        if own or same_head(noun, measure) or _valued(tokens, first, unit, asked, measure):
            strength = FULL
        elif unit in UNITS and (not measure or (AMOUNT in measure and unit not in _DURATION)):
            # A quantity in a unit tells an amount: of anything, or of the mass asked about;
            # how long something lasts is no amount of it (`hoeveel tijd` asks a duration).
            strength = GOOD
        elif tally and SCORE in measure:
            # "Hoe eindigde Willem II-Ajax?": the score, `1-4`.
            strength = FULL
        elif SCORE in measure:
            strength = PARTIAL
        elif tally and not counted:
            # The unit of a tally goes without saying: the votes, seats or goals counted.
            strength = GOOD
        elif adjective and same_head(unit, measure):
            # "ruim 9500 Nederlandse huurwoningen" for "hoeveel Nederlandse huurhuizen":
            # described as the question describes them, named with another noun.
            strength = GOOD
        elif unit in _PEOPLE and _persons(measure):
            # "ruim duizend mensen" counts the voters "hoeveel kiezers" asks about.
            strength = GOOD
        elif measure & _PEOPLE and _counts_persons(unit):
            # "zo'n vierhonderd bezoekers" counts the people "hoeveel mensen" asks about.
            strength = GOOD
        elif unit in _SHARE and measure & _FREQUENCY:
            # How often, as a share of the occasions: "bij 39 procent van de meldingen".
            strength = GOOD
        elif not counted and counting and counting[0] < i and same_head(counting[1], measure):
            # "Het aantal broedparen is gedaald van 100.000 naar 35.000": a bare number in a
            # sentence about `het aantal N` counts N.
            strength = FULL
        elif told_in and unit in _PAYING:
            # "15 miljard uitgeven": what is paid is a sum, its currency understood.
            strength = GOOD
        else:
            strength = PARTIAL
        if UNTIL in measure:
            # "Tot hoeveel ... verlaagd?": the value after `tot` or `naar`, where it ended.
            before = {fold(t[2]) for t in tokens[max(0, first - 1) : first + 1]}
            reached = bool(before & _REACHED)
            strength = max(strength, GOOD) if reached else min(strength, PARTIAL)
        if AGE in measure and _age_told(sentence, tokens, first, last, unit):
            strength = FULL
        elif _an_age(unit):
            # "de 1-jarige Xaja" is an age, whatever a question for years asks about.
            strength = min(strength, PARTIAL)
        if _changed_from(tokens, first, last) or _whole(tokens, first, last):
            # "gedaald van 100.000 naar 35.000": the value it was, not the one it is; "Van
            # de 34.650 jongeren zijn er 7000 ingeënt": the whole, not the part counted.
            strength = min(strength, PARTIAL)
        what = after[1] if adjective else unit
        if told_in and _counts_else(sentence, tokens, first, last, what, told_in):
            i = last + 1
            continue
        closing = noun_at if adjective else head + (1 if noun and same_head(noun, measure) else 0)
        if counted:
            closing = _rest_of_phrase(sentence, tokens, closing, asked, measure)
        end = tokens[_rate(sentence, tokens, closing)][1] if counted else tokens[last][1]
        if PENALTY in measure and unit in _PENALISED and not _of_age(tokens, head):
            # "zes jaar cel", "een werkstraf van 40 uur": a term or a sum is the punishment
            # asked for when the kind of punishment stands beside it, and is quoted with it.
            named = _penalty_before(tokens, first)
            through = _penalty_after(tokens, closing)
            if named is not None or through > closing:
                strength = max(strength, FULL)
                first = first if named is None else named
                end = max(end, tokens[through][1])
            else:
                strength = min(strength, GOOD)
        elif PENALTY in measure:
            # Not a term nor a sum: an age (`28-jarige`), a count of people or of things.
            strength = min(strength, PARTIAL)
        out.append(Mention(tokens[first][0], end, strength))
        i = last + 1
    return out


def _designation(tokens: list[Token], i: int) -> bool:
    """Whether a number is part of a name rather than a quantity: written with a capital
    after its digits (`5G`, `50Plus`, `3D`: the name of a standard, a party), or the house
    number after a street name, a compound headed by `straat`, `laan`, `weg` and their
    kind (`Paradijslaan 8`). Neither counts anything."""
    word = tokens[i][2]
    if word[:1].isdigit() and any(c.isupper() for c in word):
        return True
    before = tokens[i - 1][2] if i > 0 else ""
    return before[:1].isupper() and fold(before).endswith(_STREETS)


def _told_in(measure: frozenset[str]) -> frozenset[str] | None:
    """The units an answer must be told in, when the question asks for a sum of money and
    nothing else (`hoeveel geld`, `wat kost`, `hoeveel verdiende hij`: currencies and no
    unit of another dimension, nor a punishment, which may be a term), or for a sum or
    its share of another (`hoe hoog was de boete`: `500 euro`, `20 procent`); None for
    any other question."""
    if PENALTY in measure:
        return None
    units = measure & UNITS
    if units & _CURRENCIES and units <= _CURRENCIES | _SHARE:
        return _MONEY_UNITS | units
    return None


def _counts_else(
    sentence: str, tokens: list[Token], first: int, last: int, unit: str, told_in: frozenset[str]
) -> bool:
    """Whether a quantity counts something other than the units `told_in`: a noun after it
    (and its adjectives: `9 miljoen Zweedse kronen`) that is none of them (`tweehonderd
    woningen`, `40 procent`), a plural noun it is a part of (`twee van haar kinderen`), a
    fraction (`driekwart`) or a number written with a slash (a fraction or a date: `7/3`),
    or someone's age (`de 26-jarige`, `Bekir E. (31)`). A sum of money is written with
    its currency (`60.000 euro`, `€ 500`, `zeven ton`) or bare once the currency is clear
    (`ontving 35.794 van de gemeente`); a number of houses, a share, a day or an age is no
    sum, however close it stands to the question's words, so for a question that asks
    for one it is no partial answer either."""
    if sentence[: tokens[first][0]].rstrip().endswith(_CURRENCY_SIGNS):
        return False
    counted = _noun_after(unit)
    slashed = "/" in sentence[max(0, tokens[first][0] - 1) : tokens[last][1] + 1]
    return (
        (counted and unit not in told_in)
        or slashed
        or _part_of_plural(tokens, last)
        or _one_word_fraction(fold(tokens[first][2]))
        or _age_told(sentence, tokens, first, last, unit)
    )


def _part_of_plural(tokens: list[Token], last: int) -> bool:
    """`twee van haar kinderen`: `van`, a determiner and a plural noun after a number make
    it a part of what that noun counts (a singular one is where a sum came from: `35.794
    van de gemeente`)."""
    following = [t[2] for t in tokens[last + 1 : last + 4]]
    return (
        len(following) == 3
        and fold(following[0]) == "van"
        and fold(following[1]) in _DETERMINERS
        and following[2].islower()
        and following[2].endswith(("en", "s"))
    )


def _punishment(word: str) -> bool:
    """Whether a word names a punishment: `cel`, a compound of straf or boete
    (`werkstraf`, `geldboete`), `jeugddetentie`."""
    return word == "cel" or word.endswith(("straf", "boete", "detentie"))


def _kind_of_punishment(tokens: list[Token], i: int) -> bool:
    """Token `i` is a compound that names a kind of punishment (`taakstraf`, `celstraf`,
    `geldboete`; not `straf` itself) without the term or sum it measures, after it (`een
    celstraf van zes maanden`) or before it (`zes jaar celstraf`), with which it is read."""
    word = fold(tokens[i][2])
    if word in ("straf", "boete") or not word.endswith(("straf", "boete")):
        return False
    following = [fold(t[2]) for t in tokens[i + 1 : i + 3]]
    before = [fold(t[2]) for t in tokens[max(0, i - 2) : i]]
    measured = following[:1] == ["van"] and len(following) > 1 and is_number(following[1])
    return not measured and not _PENALISED.intersection(before)


def _penalty_after(tokens: list[Token], k: int) -> int:
    """The last token of the punishment named after token `k` (`jaar cel`, `maanden
    jeugddetentie`, `levenslange gevangenisstraf`) and of whether it is suspended (`22
    maanden voorwaardelijk`); `k` itself when neither follows."""
    words = [fold(t[2]) for t in tokens[k + 1 : k + 4]]
    j = 1 if len(words) > 1 and words[0].endswith("e") and _punishment(words[1]) else 0
    if j < len(words) and _punishment(words[j]):
        end, rest = k + 1 + j, words[j + 1 : j + 2]
    else:
        end, rest = k, words[:1]
    return end + 1 if rest and rest[0] in _SUSPENDED else end


def _penalty_before(tokens: list[Token], first: int) -> int | None:
    """Where the punishment that a term or a sum starting at token `first` is the measure
    of begins: `een (voorwaardelijke) werkstraf van 40 uur`, `een boete van 500 euro`."""
    if (
        first < 2
        or fold(tokens[first - 1][2]) != "van"
        or not _punishment(fold(tokens[first - 2][2]))
    ):
        return None
    start = first - 2
    while (
        start > 0
        and fold(tokens[start - 1][2]).endswith("e")
        and fold(tokens[start - 1][2]) not in STOP_WORDS
    ):
        start -= 1
    return start


# Adjectives of a dimension, which follow the measure that gives it: `14 meter hoog`.
_DIMENSION_ADJECTIVES = frozenset(
    "hoog lang breed diep dik oud zwaar groot ver high long wide deep thick tall old".split()
)


def _rest_of_phrase(
    sentence: str, tokens: list[Token], k: int, asked: frozenset[str], measure: frozenset[str]
) -> int:
    """The last token of a quantity whose unit or noun ends at token `k`, with what follows
    it in the same phrase: a noun of what the question counts after a unit (`zes jaar cel`
    for `hoeveel jaar cel`), the adjective of the dimension a unit measures (`veertien
    meter hoog`), and a noun coordinated with the one counted that the question has too
    (`220 militairen en veteranen` for `hoeveel militairen en veteranen`: the number
    quantifies both)."""
    while k + 1 < len(tokens) and sentence[tokens[k][1] : tokens[k + 1][0]] == " ":
        following = tokens[k + 1][2]
        word = fold(following)
        after_unit = fold(tokens[k][2]) in UNITS
        asked_noun = following.islower() and word != "per" and term(following) in measure
        if after_unit and (word in _DIMENSION_ADJECTIVES or asked_noun):
            k += 1
        elif (
            word in ("en", "of", "and", "or")
            and k + 2 < len(tokens)
            and tokens[k + 2][2].islower()
            and term(tokens[k + 2][2]) in asked
        ):
            k += 2
        else:
            break
    return k


def _rate(sentence: str, tokens: list[Token], k: int) -> int:
    """The last token of a quantity whose unit ends at token `k`: past a `per` phrase that
    makes it a rate (`50.000 euro per jaar`, `twee euro per liter`), which is part of
    what is measured."""
    if (
        k + 2 < len(tokens)
        and fold(tokens[k + 1][2]) == "per"
        and tokens[k + 2][2].isalpha()
        and not sentence[tokens[k][1] : tokens[k + 2][0]].replace("per", "").strip()
    ):
        return k + 2
    return k


def _hyphen_head(sentence: str, tokens: list[Token], k: int) -> int:
    """Where the compound written with hyphens that starts at token `k` ends (its last
    part, which heads it); `k` itself for a plain word. A name of more words joins a
    compound with a hyphen after its last word (`54 IC Direct-locomotieven`)."""
    start = k
    while (
        k + 1 < len(tokens)
        and k - start < _NAME_WORDS
        and tokens[k][2][:1].isupper()
        and sentence[tokens[k][1] : tokens[k + 1][0]] == " "
        and tokens[k + 1][2][:1].isupper()
    ):
        k += 1
    if not (k + 1 < len(tokens) and sentence[tokens[k][1] : tokens[k + 1][0]] == "-"):
        return start
    while k + 1 < len(tokens) and sentence[tokens[k][1] : tokens[k + 1][0]] == "-":
        k += 1
    return k


def _valued(
    tokens: list[Token], first: int, unit: str, asked: frozenset[str], measure: frozenset[str]
) -> bool:
    """The quantity is the value of a noun of the question, in the measure phrase `een N van
    Q` ("een marktaandeel van 40 procent", "een boete van 500 euro", "een verlies van 6,3
    miljoen euro" for `hoeveel verlies`), and the question asks for a measure or an amount,
    not a count of something else (then Q would be beside the point). A span of time
    after `van` tells how old or how long (`jongeren van 18 tot 25 jaar`), the value asked
    only when the question asks a time."""
    if first < 2 or fold(tokens[first - 1][2]) != "van":
        return False
    if not (measure <= UNITS or AMOUNT in measure):
        return False
    if _age_or_span(unit, measure):
        return False
    noun = tokens[first - 2][2]
    return noun.isalpha() and noun.islower() and term(noun) in asked


def _age_or_span(unit: str, measure: frozenset[str]) -> bool:
    """A time after `van` is how old or how long (`_valued`), unless a time is asked."""
    return unit in _DURATION and not measure & _DURATION


def _apposed(sentence: str, tokens: list[Token], unit: int, measure: frozenset[str]) -> bool:
    """An apposition to the counted noun says it counts what is asked: "1596 zelfstandigen
    zonder personeel (zzp'ers)" counts the zzp'ers of "hoeveel zzp'ers"."""
    return any(same_head(w, measure) for w in apposed(sentence, tokens, unit))


def _past_adjectives(tokens: list[Token], at: int) -> int:
    """Where the noun counted stands when adjectives stack before it, the first of them
    just before `at`: "148 jonge Twentse ouders" counts parents."""
    while _adjective([fold(t[2]) for t in tokens[at : at + 2]]):
        at += 1
    return at


def _adjective(after: list[str]) -> bool:
    """Whether the word after a number is an inflected adjective before the noun counted,
    which is then no unit: "honderd Russische militairen" counts soldiers, "twee
    Russische vliegtuigen" planes."""
    unit = after[0] if after else ""
    return (
        unit.endswith("e")
        and unit not in UNITS
        and unit not in FRACTIONS
        and len(after) > 1
        and after[1].isalpha()
        and after[1] not in STOP_WORDS
    )


_ORDINAL_DIGITS = re.compile(r"^\d+(e|de|ste)$")
_ORDINAL_ENDINGS = ("tiende", "tigste", "honderdste", "duizendste")


def _ordinal_time(tokens: list[Token], i: int) -> bool:
    """Token `i` is an ordinal before `keer` or `maal` (`de zevende keer`, `voor de 7e
    maal`): the n-th time says how often something has happened, n times."""
    if i + 1 >= len(tokens) or fold(tokens[i + 1][2]) not in _FREQUENCY:
        return False
    word = fold(tokens[i][2])
    return (
        word in FRACTIONS
        or word in ("tweede", "elfde", "twaalfde")
        or word.endswith(_ORDINAL_ENDINGS)
        or bool(_ORDINAL_DIGITS.match(word))
    )


def _persons(measure: frozenset[str]) -> bool:
    """Whether the question counts people of some kind: an agent noun (kiez-er, deelnem-er,
    leraar, activist, student), which `mensen` or `personen`, the general noun, counts
    too."""
    return persons(measure - UNITS)


def _counts_persons(unit: str) -> bool:
    """Whether the counted noun names people of some kind (bezoek-er, demonstr-ant): the
    general noun `mensen` counts them too. A unit of measure in -er (kilometer) is none."""
    stem = term(unit)
    return bool(stem) and _persons(frozenset({stem}))


def _fraction(tokens: list[Token], i: int) -> bool:
    """`een` before an ordinal that names a fraction: `een vijfde (van de bezoekers)` is a
    share; an ordinal before its noun (`een vierde kind`) is none."""
    following = [fold(t[2]) for t in tokens[i + 1 : i + 3]]
    return (
        fold(tokens[i][2]) == "een"
        and bool(following)
        and following[0] in FRACTIONS
        and (len(following) == 1 or following[1] in STOP_WORDS)
    )


# The prepositions before the value something was brought to: `verlaagd tot 75 jaar`,
# `gedaald naar 35.000`.
_REACHED = frozenset({"tot", "naar"})


def _one_in(tokens: list[Token], i: int) -> bool:
    """`een` opening a proportion is the numeral one: `één op de negen kalveren` counts
    one calf in nine (`_partitive`), not nine calves."""
    return fold(tokens[i][2]) == "een" and _partitive(tokens, i)


def _tally(tokens: list[Token], last: int) -> int | None:
    """Where a tally that starts with the number ending at `last` ends: `560 tegen 35`
    counts both sides of a vote or a match as one quantity."""
    joined = last + 2 < len(tokens) and fold(tokens[last + 1][2]) in ("tegen", "against")
    return last + 2 if joined and is_number(tokens[last + 2][2]) else None


def _score(sentence: str, tokens: list[Token], last: int) -> int | None:
    """Where a score written with a dash (`3-1`, `1-4`) that starts at `last` ends: two
    numbers joined by it, neither of them a year (`2019-2020` is a period)."""
    if last + 1 >= len(tokens) or not is_number(tokens[last + 1][2]):
        return None
    between = sentence[tokens[last][1] : tokens[last + 1][0]]
    years = YEAR.match(tokens[last][2]) or YEAR.match(tokens[last + 1][2])
    return last + 1 if between in ("-", "–") and not years else None


def _number_of(tokens: list[Token]) -> tuple[int, str] | None:
    """Where the N of `het aantal N` stands in the sentence, and N."""
    low = [fold(t[2]) for t in tokens]
    for k in range(len(low) - 2):
        if low[k] == "het" and low[k + 1] == "aantal" and low[k + 2] not in STOP_WORDS:
            return k + 2, low[k + 2]
    return None


def _whole_of(tokens: list[Token]) -> tuple[int, str] | None:
    """Where the X of a whole `van de N X` stands (`Van de ruim 34.650 jongeren zijn er
    inmiddels ruim 7000 ingeënt`), and X: a bare number after it counts X, as one after
    `het aantal X` does."""
    low = [fold(t[2]) for t in tokens]
    for k in range(len(low) - 3):
        if low[k] == "van" and low[k + 1] in ("de", "het"):
            j = k + 2
            while j < len(low) and (low[j] in APPROXIMATE or is_number(low[j])):
                j += 1
            if j > k + 2 and j < len(low) and is_number(low[j - 1]) and low[j] not in STOP_WORDS:
                return j, low[j]
    return None


def _noun_after(word: str) -> bool:
    """Whether the word after a number may be the noun it counts: a word, not a function
    word nor the verb that ends the clause (`zijn er 7000 ingeënt`, `15 miljard uitgeven`)."""
    return (
        word.isalpha()
        and word not in STOP_WORDS
        and not _finite_participle(word)
        and word not in _PAYING
    )


def _finite_participle(word: str) -> bool:
    """Whether a word after a number is a past participle, the verb that ends its clause
    ("zijn er 7000 ingeënt"), rather than a noun it counts: ge- and -d or -t (plural
    nouns of that shape end in -en: `gebieden`)."""
    return "ge" in word[:-3] and word.endswith(("d", "t")) and len(word) > 5


def _changed_from(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the quantity is the former value of a change: `van` X `naar` Y."""
    before = fold(tokens[first - 1][2]) if first > 0 else ""
    after = [fold(t[2]) for t in tokens[last + 1 : last + 3]]
    return before == "van" and len(after) == 2 and after[0] == "naar" and is_number(after[1])


# What joins the two ends of a range: `tot`, and `à` (folded to `a`: `4 à 5 miljoen`).
_RANGE_WORDS = frozenset({"tot", "a", "to"})


def _range(tokens: list[Token], last: int) -> int | None:
    """Where a range that starts with the number ending at `last` ends: `33 tot 36 zetels`
    is one quantity, not 33 and `tot 36 zetels` (up to 36), and so are `vijf tot negen
    horecagelegenheden`, `4 à 5 miljoen euro` and `8 uur tot 15 uur`."""
    joined = last + 2 < len(tokens) and fold(tokens[last + 1][2]) in _RANGE_WORDS
    if joined and is_number(tokens[last + 2][2]):
        end = last + 2
        while end + 1 < len(tokens) and fold(tokens[end + 1][2]) in SCALE_WORDS:
            end += 1
        return end
    return _unit_range(tokens, last)


def _age_told(sentence: str, tokens: list[Token], first: int, last: int, unit: str) -> bool:
    """Whether the number is someone's age as news gives it: before `-jarige` (`de
    66-jarige bestuurder`), or alone in brackets right after a name or a noun (`Paula
    Schot (25)`, `de twee taxichauffeurs (26 en 20)`)."""
    if unit in _AGED:
        return True
    opened = sentence[: tokens[first][0]].rstrip().endswith("(")
    closed = sentence[tokens[last][1] :].lstrip().startswith(")")
    return opened and closed and first > 0 and tokens[first - 1][2].isalpha()


def _an_age(unit: str) -> bool:
    """`-jarig` after a number says how old, not how many years of anything."""
    return unit in _AGED


def _of_age(tokens: list[Token], unit: int) -> bool:
    """A time before `oud` is an age (`haar negen maanden oude zoontje`), no term."""
    return unit + 1 < len(tokens) and fold(tokens[unit + 1][2]) in _OLD


def _coordinated(sentence: str, tokens: list[Token], last: int) -> int | None:
    """Where two numbers joined by `en` or `of` that share the unit after the second end:
    in `18 en 19 jaar` and `682.000 en 975.000 euro` the first number's unit is left out
    (gapped), so the two are one answer, as the ages in `(26 en 20)` are."""
    if last + 2 >= len(tokens) or fold(tokens[last + 1][2]) not in ("en", "of", "and", "or"):
        return None
    second = tokens[last + 2][2]
    if not is_number(second) or YEAR.match(tokens[last][2]) or YEAR.match(second):
        return None
    end = last + 2
    while end + 1 < len(tokens) and fold(tokens[end + 1][2]) in SCALE_WORDS:
        end += 1
    following = fold(tokens[end + 1][2]) if end + 1 < len(tokens) else ""
    bracketed = sentence[tokens[end][1] : tokens[end][1] + 1] == ")"
    return end if following in UNITS or bracketed else None


def _unit_range(tokens: list[Token], last: int) -> int | None:
    """A range with its unit said at both ends, `van 8 uur tot 15 uur`: where its second
    number is."""
    words = [fold(t[2]) for t in tokens[last + 1 : last + 5]]
    repeated = len(words) == 4 and words[1] in _RANGE_WORDS and words[0] == words[3]
    return last + 3 if repeated and words[0] in UNITS and _is_digits(words[2]) else None


def _numeral_one(tokens: list[Token], first: int) -> bool:
    """`een` before a scale word is the numeral one: `een miljoen dollar` is a million."""
    return (
        first > 0 and fold(tokens[first - 1][2]) == "een" and fold(tokens[first][2]) in SCALE_WORDS
    )


def _whole(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the quantity is the whole a part of it is counted from: after a definite
    `van de` (`Van de ruim 34.650 jongeren zijn er inmiddels ruim 7000 ingeënt`), with
    another number later in the sentence, which counts the part (the `er` of Dutch
    counts it from the set named before). A later number in a unit of measure counts no
    part of the set: in `Veel van de 36.000 snorfietsen rijden harder dan 25 km per uur`
    the whole is the only count of them."""
    opening = [fold(t[2]) for t in tokens[max(0, first - 2) : first]]
    later = any(
        is_number(t[2]) and not _measured(tokens, j)
        for j, t in enumerate(tokens[last + 1 :], last + 1)
    )
    return opening in (["van", "de"], ["van", "het"], ["of", "the"]) and later


def _measured(tokens: list[Token], i: int) -> bool:
    """The number at `i` is in a unit of length, time, money or weight, not a share."""
    return i + 1 < len(tokens) and fold(tokens[i + 1][2]) in _MEASURES


def _event(noun: str, asked: frozenset[str]) -> bool:
    """The noun names an event of the question's verb: Dutch makes one with -ing
    (`dumpen` - `dumpingen`), which the stemmer takes off again."""
    return noun.endswith(("ing", "ingen")) and term(noun) in asked


def _partitive(tokens: list[Token], i: int) -> bool:
    """A number followed by `van de` (or `van het`, `op de`) and another number, or by
    `op` and a number: `zes op tien Gelderlanders` is a proportion, one quantity."""
    after = [fold(t[2]) for t in tokens[i + 1 : i + 4]]
    if len(after) >= 2 and after[0] == "op" and _is_digits_or_word(tokens[i + 2][2]):
        return True
    return (
        len(after) == 3
        and after[0] in ("van", "op", "of", "out")
        and after[1] in ("de", "het", "the")
        and is_number(tokens[i + 3][2])
    )


def _is_digits_or_word(word: str) -> bool:
    """A number in digits or a number word, not a year (`op 2019` is no proportion)."""
    return is_number(word) and not YEAR.match(word)


def _is_digits(word: str) -> bool:
    return word[:1].isdigit()


def _thousands(word: str) -> bool:
    """A group of three digits, which continues the number before it (`1 500 000`); any
    other number after a number is one of its own ("kreeg in 2017 24 maanden cel")."""
    return len(word) == 3 and word.isdigit()


def is_number(word: str) -> bool:
    """Whether a word is a number, in digits or in words (`tien`, `zevenhonderd`)."""
    if word[:1].isdigit():
        return True
    folded = fold(word)
    return folded in NUMBER_WORDS or _number_word(folded) or _one_word_fraction(folded)


_DENOMINATORS = ("kwart", *FRACTIONS)


def _one_word_fraction(word: str) -> bool:
    """A fraction written as one word, its numerator before its denominator: `driekwart`,
    `tweederde`, `eenvijfde`: a share, as `een vijfde` is."""
    return any(
        word.endswith(d) and (word[: -len(d)] == "een" or _number_word(word[: -len(d)]))
        for d in _DENOMINATORS
        if len(word) > len(d)
    )


def _comparative(token: Token) -> bool:
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
            for m in NUMBER_MORPHEMES
            if not (m in ("en", "ën") and len(rest) == len(m))
        )

    return splits(word) and not word.startswith(("en", "ën"))


def _not_a_quantity(word: str, after: list[str], tokens: list[Token], i: int) -> bool:
    """Years, decades (`de jaren zeventig`), clock times, days of the month and moments
    counted back (`vijf jaar geleden`) are numbers but not quantities."""
    if CLOCK.match(word) and (not after or after[0] in ("uur", "u")):
        return True
    if len(after) > 1 and after[1] in ("geleden", "ago"):
        return True
    if after and after[0] in MONTH_WORDS:
        return True
    if i > 0 and fold(tokens[i - 1][2]) in MONTH_WORDS and _after_month_a_year(word):
        return True
    if _decade(tokens, i):
        return True
    if not YEAR.match(word):
        return False
    return not (after and (after[0] in UNITS or after[0] in SCALE_WORDS or _counts(tokens, i)))


def _after_month_a_year(word: str) -> bool:
    """Whether a number right after a month is its year (`maart 2019`), not a quantity
    told after a time phrase (`in februari en maart 280 christenen`)."""
    return bool(YEAR.match(word))


def _decade(tokens: list[Token], i: int) -> bool:
    """`de jaren zeventig`, `de jaren 80`: `jaren` before a number of tens names a decade,
    a time, not a count (a count puts its number first: `zeventig jaren`)."""
    return i > 0 and decade(fold(tokens[i - 1][2]), fold(tokens[i][2]))


# What stands before a year: a preposition of time, or a month or a season.
_BEFORE_YEAR = frozenset(
    "in sinds vanaf tot van na voor rond begin eind medio half uit anno jaar zomer winter "
    "voorjaar najaar lente herfst en of".split()
)


def _counts(tokens: list[Token], i: int) -> bool:
    """Whether a number shaped like a year counts the plural noun after it: `1800
    automobilisten`. A year stands after a preposition of time or a month (`in 1800`,
    `sinds 1996`) and is followed by no noun it counts."""
    if i + 1 >= len(tokens) or (i > 0 and fold(tokens[i - 1][2]) in _BEFORE_YEAR):
        return False
    noun = tokens[i + 1][2]
    return (
        noun.isalpha()
        and noun.islower()
        and noun not in STOP_WORDS
        and noun.endswith(("en", "s"))
        and tokens[i + 1][0] - tokens[i][1] == 1
    )
