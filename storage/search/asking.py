"""What kind of answer a question asks for, and what that answer should be of.

A who-question is answered by a name, a how-many by a number with its unit, a when by a
date, a why by a reason, a where by a place (`expected`). A `hoeveel`, `welke` or `hoe
heet` also says what the answer is *of*: `hoeveel zetels` wants a number of seats, `welke
architect` a name beside that noun, `hoe lang` a unit of length or time (`measures`).
storage/search/mentions/ then finds, in an article's sentences, the words that could be
that answer.

The word classes are closed classes of Dutch and English: question words, the adjectives
of `hoe` with the units of their dimension (storage/search/wordclasses.py), verbs of
naming and costing. None of them names a topic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from storage.language.text import STOP_WORDS, term
from storage.search.wordclasses import (
    AGE,
    AMOUNT,
    AREA,
    CLOCK_ASKED,
    FINES,
    FREQUENCY,
    LENGTH,
    MONEY,
    PARTICIPLE_PREFIXES,
    PAST_AUXILIARIES,
    PENALTY,
    PENALTY_NOUNS,
    PERCENT,
    PERFECT_AUXILIARIES,
    PLACE_PREPOSITIONS,
    PUNISHMENTS,
    QUESTION_IRREALIS,
    SCORE,
    SHARE_NOUNS,
    TIME,
    UNITS,
    UNTIL,
    WEIGHT,
)

Expect = Literal["person", "number", "date", "reason", "name", "place"]


@dataclass(frozen=True)
class Ask:
    """One thing a question asks for: the kind of answer, and what it should be of."""

    expects: Expect | None
    measure: frozenset[str] = frozenset()


NUMBER_QUESTION = ("hoeveel", "hoeveelste")
_DATE_QUESTION = frozenset({"wanneer", "when"})
# The parts of a day (`in welke nacht`) and the spans that hold years (`welke periode`,
# `welk decennium`): each is answered by a date as the calendar's units are.
_PARTS_AND_SPANS = frozenset(
    """
    nacht nachten avond avonden ochtend ochtenden middag middagen weekend weekenden
    periode periodes perioden seizoen seizoenen eeuw eeuwen decennium decennia night nights
    evening evenings morning mornings afternoon afternoons weekends period periods season
    seasons century centuries decade decades
    """.split()
)
# The nouns of time after `welke`/`which`, in the plural too ("between which dates"); not
# `data`, which is mostly information.
_DATE_AFTER_WHICH = _PARTS_AND_SPANS | frozenset(
    """
    datum datums dag dagen week weken jaar jaren maand maanden tijdstip tijdstippen tijd
    tijden date dates day days week weeks year years month months time times
    """.split()
)
# `hoe laat` asks for a time of day: `rond 19.15 uur`.
_CLOCK_QUESTION = "laat"
REASON_QUESTION = frozenset({"waarom", "why", "waardoor", "hoezo"})
# Nouns that name why something happened: its reason, its cause, what occasioned it
# (`aanleiding`: "Aanleiding is de recente mazelenuitbraak").
REASON_NOUNS = frozenset({"reden", "oorzaak", "aanleiding", "reason", "cause"})
# "Hoe komt het dat ...?", "Hoe kan het dat ...?": Dutch asks for a cause with `hoe`, a verb
# of coming about or of possibility and `het`, whose content is the `dat` clause after it.
_HOW_COME_VERBS = frozenset("komt kwam kan kon".split())
# Particles that may stand between `het` and its `dat` clause: "Hoe kan het toch dat ...".
_PARTICLES = frozenset("toch nou nu dan eigenlijk".split())
_PERSON_QUESTION = frozenset({"wie", "wiens", "wier", "who", "whom", "whose"})
_PLACE_QUESTION = frozenset({"waar", "where", "waarheen", "vanwaar"})
WHICH = frozenset({"welke", "welk", "which", "what"})
NAME_VERBS = frozenset({"heet", "heten", "heette", "heetten", "called", "named"})
_COST_VERBS = frozenset({"kost", "kostte", "kosten", "kostten", "cost", "costs"})
# Verbs whose object is a sum of money, and `waard`: "Hoeveel moesten ze betalen?", "Hoeveel
# heeft hij verdiend?", "Hoeveel is het schilderij waard?" ask for an amount in a currency.
_MONEY_VERBS = _COST_VERBS | frozenset(
    """
    gekost betaal betaalt betaalde betaalden betalen betaald pay pays paid
    verdien verdient verdiende verdienden verdienen verdiend earn earns earned waard worth
    """.split()
)
# The finite forms of the modal verbs and the auxiliaries: after `hoeveel` such a word is
# the question's verb, never a noun it counts ("Hoeveel moesten die Oekraïners ...?").
_FINITE_AUXILIARIES = frozenset(
    """
    zal zullen zou zouden wil wilt willen wilde wilden kan kunnen kon konden moet moeten
    moest moesten mag mogen mocht mochten heeft hebben had hadden is zijn was waren wordt
    worden werd werden
    """.split()
)

# Dimensions a `hoe`/`how` adjective asks for, as the units that measure them.
DIMENSIONS: dict[str, str] = {
    "lang": f"{LENGTH} {TIME}",
    "long": f"{LENGTH} {TIME}",
    "groot": f"{AREA} {LENGTH}",
    "big": f"{AREA} {LENGTH}",
    "large": f"{AREA} {LENGTH}",
    "hoog": f"{LENGTH} {MONEY} {PERCENT}",
    "high": f"{LENGTH} {MONEY} {PERCENT}",
    "tall": LENGTH,
    "oud": f"jaar {AGE}",
    "old": f"jaar {AGE}",
    "duur": f"{MONEY} {TIME}",
    "expensive": MONEY,
    "zwaar": WEIGHT,
    "heavy": WEIGHT,
    "ver": LENGTH,
    "far": LENGTH,
    "breed": LENGTH,
    "wide": LENGTH,
    "diep": LENGTH,
    "deep": LENGTH,
    "dik": LENGTH,
    "thick": LENGTH,
    "snel": LENGTH,
    "hard": LENGTH,
    "fast": LENGTH,
    "vaak": FREQUENCY,
    "often": FREQUENCY,
    "much": f"{MONEY} {PERCENT} {WEIGHT}",
    "many": "",
    "veel": "",
    "geld": MONEY,
    "money": MONEY,
    "tijd": TIME,
    "procent": PERCENT,
    "percent": PERCENT,
    "percentage": PERCENT,
}
# Nouns of a dimension, which `welke` asks a measure of as `hoe` asks with the adjective
# (`op welke leeftijd` as `hoe oud`, `welk bedrag` as `hoe duur`).
_DIMENSION_NOUNS = {
    "leeftijd": "oud",
    "age": "old",
    "hoogte": "hoog",
    "height": "high",
    "lengte": "lang",
    "length": "long",
    "afstand": "ver",
    "distance": "far",
    "diepte": "diep",
    "depth": "deep",
    "breedte": "breed",
    "width": "wide",
    "snelheid": "snel",
    "speed": "fast",
    "gewicht": "zwaar",
    "weight": "heavy",
    "bedrag": "expensive",
}

# The heads of nouns that name a sum of money: how much of it is an amount in a currency
# (`hoeveel subsidie`, `hoeveel schadevergoeding`, `hoeveel prijzengeld`), and so is how
# high it is (`hoe hoog was de boete`). Not `winst`, also a win, nor `schade`, also harm.
_SUM_HEADS = (
    "geld", "bedrag", "boete", "vergoeding", "subsidie", "salaris", "loon", "premie",
    "huur", "uitkering", "omzet", "budget", "bonus", "opbrengst",
)  # fmt: skip


# The dimensions a sum of money is measured in.
_SUM_DIMENSIONS = frozenset({"hoog", "groot", "high", "big"})


def _names_sum(word: str) -> bool:
    """Whether a (folded) noun names a sum of money: Dutch compounds are headed by their
    last part, so `prijzengeld` is money as `geld` is."""
    return word.endswith(_SUM_HEADS)


# Words that open a question, also after a coordinating `en`: "..., en hoeveel geld?"
_QUESTION_WORDS = frozenset(
    "wie wat waar waarom wanneer hoe hoeveel welke welk who what where why when how which".split()
)

_PREPOSITIONS = frozenset("met voor in op tot van naar bij uit door om with for on at by".split())


def parts(words: Sequence[str]) -> list[Sequence[str]]:
    """The questions a question joins with `en`/`and`: "Welke partij won, en met hoeveel
    procent?" asks two things. A part starts where `en` is followed by a question word,
    directly or after a preposition (`en met hoeveel`, `en voor hoeveel geld`)."""
    cuts = [0]
    for i, word in enumerate(words):
        if word not in ("en", "and") or i <= cuts[-1]:
            continue
        following = words[i + 1 : i + 3]
        opens = bool(following) and following[0] in _QUESTION_WORDS
        governed = (
            len(following) == 2
            and following[0] in _PREPOSITIONS
            and following[1] in _QUESTION_WORDS
        )
        if opens or governed:
            cuts.append(i + 1)
    return [words[a:b] for a, b in zip(cuts, [*cuts[1:], len(words)], strict=True)]


def asks(
    words: Sequence[str],
    translate: Callable[[str], Iterable[str]] | None = None,
    names: frozenset[str] = frozenset(),
    compounded: frozenset[str] = frozenset(),
) -> tuple[Ask, ...]:
    """What each part of the question asks for (one part for most questions); `names` are
    the question's words written with a capital inside it, `compounded` those that open a
    hyphenated compound (`vvd` in `VVD-Kamerlid`)."""
    words = apart(words)
    return tuple(
        Ask(expected(part), measures(part, translate, names, compounded)) for part in parts(words)
    )


# Question words Dutch also writes as one word (`hoelang`, `hoevaak`), and `wat voor`,
# which asks which kind as `welke` does ("Wat voor boom is het?", "In wat voor gebouw?").
_WRITTEN_AS_ONE = {
    "hoelang": ("hoe", "lang"),
    "hoevaak": ("hoe", "vaak"),
    "hoelaat": ("hoe", "laat"),
    "hoever": ("hoe", "ver"),
}


def apart(words: Sequence[str]) -> list[str]:
    """The question's words with its question words written as the questions read them:
    `hoelang` as `hoe lang`, `wat voor (een)` as `welke`."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] == "wat" and words[i + 1 : i + 2] == ["voor"]:
            out.append("welke")
            i += 3 if words[i + 2 : i + 3] == ["een"] else 2
            continue
        out.extend(_WRITTEN_AS_ONE.get(words[i], (words[i],)))
        i += 1
    return out


def about_outcome(words: Sequence[str]) -> bool:
    """Whether the question asks what happened: it is in the past tense (a past auxiliary,
    or a perfect: `heeft ... gegeven`, `is ... veroordeeld`) and has no verb of modality.
    Only of such a question can a demand or a plan in an article be told apart from the
    answer: "Hoeveel jaar cel heeft de rechter gegeven?" is not answered by "Justitie wil
    16 jaar cel". A question in the present tense may ask about what is to come."""
    if QUESTION_IRREALIS.intersection(words):
        return False
    perfect = any(
        w in PERFECT_AUXILIARIES
        and (any(map(participle, words[i + 1 :])) or words[i + 1 : i + 2] == ["been"])
        for i, w in enumerate(words)
    )
    return bool(PAST_AUXILIARIES.intersection(words) or perfect or past_finite(words))


# The presents of the auxiliaries a when-question about what is to come is asked with
# (`wordt`, `wil`, `gaan`: stop words, or plurals that no other tense shares); English
# `will`, `does`.
_AHEAD_PRESENTS = frozenset(
    """
    wordt worden moet moeten wil willen zal zullen kan kunnen mag mogen gaat gaan komt
    komen staat staan will does do are can shall
    """.split()
)
# Pasts that end in -t as a present does.
_PASTS_IN_T = frozenset("moest mocht wist dacht bracht kocht zocht liet schoot sloot vocht".split())
# `Sinds wanneer` asks when something began, which lies before the article's day.
_SINCE = frozenset({"sinds", "sedert", "since"})


def looks_ahead(words: Sequence[str]) -> bool:
    """Whether a when-question asks about what is still to come: its finite verb, right
    after `wanneer`/`when` (verb second), is a present (`doet`, `begint`, `wordt`, `gaat`,
    `moet`, `wil`; `will`, `does`), and it asks no beginning (`sinds wanneer`). News
    announces such a thing before it happens ("De rechtbank doet op 19 april uitspraak"),
    so a date that the article places before its own day ("Xaja overleed op 12 oktober
    2017", "vorig jaar oktober") tells of something that happened then, not of it."""
    if about_outcome(words):
        return False
    for i, word in enumerate(words):
        if word not in _DATE_QUESTION:
            continue
        if i > 0 and words[i - 1] in _SINCE:
            return False
        verb = words[i + 1] if i + 1 < len(words) else ""
        if verb in PERFECT_AUXILIARIES:
            # A verb's ending closing the question is the participle of a perfect ("is ...
            # overleden", which `participle` does not know by its shape); else a copula.
            return not words[-1].endswith(("en", "d", "t"))
        if verb in _AHEAD_PRESENTS:
            return True
        return (
            verb.isalpha()
            and len(verb) > 2
            and verb.endswith("t")
            and verb not in STOP_WORDS
            and verb not in _PASTS_IN_T
        )
    return False


# Question words after which the finite verb follows at once ("Wie won", "Who won"), and
# those that first take the noun they ask about ("Welke partij won", "Which team won").
_SUBJECT_QUESTION = frozenset({"wie", "who", "wat", "what"})
_NOUN_QUESTION = frozenset({"welke", "welk", "which", "hoeveel"})
# The presents that end in neither -t nor -s: the modal verbs, the copula, `ben`.
_BARE_PRESENTS = frozenset("is ben kan wil zal mag am can may".split())


def past_finite(words: Sequence[str]) -> bool:
    """Whether the finite verb of a question whose subject is one person or thing is in
    the past tense, read from the agreement it lacks. The present of such a subject ends
    in -t in Dutch (`wint`, `wordt`) and in -s in English (`wins`); the past does not
    (`won`, `kreeg`, `speelde`, `got`). So "Wie won ..." and "Who won ..." ask what
    happened, though no auxiliary says so. The verb stands right after `wie`/`who`, or
    after the noun of `welke`/`which`/`hoeveel` (and the inflected adjectives before it);
    an ending in -en or -n (a plural: `wonnen`, `gaan`) tells no tense and is left alone."""
    for i, word in enumerate(words):
        if word in _SUBJECT_QUESTION:
            at = i + 1
        elif word in _NOUN_QUESTION:
            at = _past_noun(words, i)
        else:
            continue
        verb = words[at] if at < len(words) else ""
        if not verb.isalpha() or verb in STOP_WORDS or verb in _BARE_PRESENTS:
            return False
        if verb.endswith(("de", "te")) and len(verb) > 4:
            return True
        return not verb.endswith(("t", "s", "en", "aan", "oen", "ien", "ijn"))
    return False


def _past_noun(words: Sequence[str], i: int, modifiers: frozenset[str] = frozenset()) -> int:
    """Where the verb stands after `welke`/`which`/`hoeveel` at `i`: past its noun and the
    inflected adjectives before it, and the `modifiers` (words that stand before a noun
    only to modify it) among them."""
    at = i + 1
    while at < len(words) - 1 and (attributive(words[at]) or words[at] in modifiers):
        at += 1
    return at + 1


def topic(words: Sequence[str]) -> str | None:
    """The term of what a question is about: the first content word after its finite
    verb, which in a question stands right after the question word (and the noun phrase
    of `welke`/`hoeveel`, or the adjective of `hoe`): "Waarom komt Shell niet ...",
    "Hoeveel zetels kreeg de Likud ...", "Why did vandals steal ...". That is the subject,
    or, when the question word is the subject (`wie won de finale`), what it is asked of."""
    for i, word in enumerate(words):
        if word in _NOUN_QUESTION or (word in WHICH and word not in ("what", "wat")):
            at = _past_noun(words, i)
        elif word in ("hoe", "how") and words[i + 1 : i + 2] and words[i + 1] in DIMENSIONS:
            at = i + 2
        elif word in _QUESTION_WORDS or word in REASON_QUESTION:
            at = i + 1
        else:
            continue
        content = [w for w in words[at + 1 :] if w not in STOP_WORDS and w.isalpha()]
        return term(content[0]) or None if content else None
    return None


def participle(word: str) -> bool:
    """Whether a Dutch word has the shape of a past participle: ge- (after any separable
    particle: vrijgekomen) and -d, -t or -en (gegeven, gekregen), or an unstressed prefix
    and -d or -t (veroordeeld: with -en it is as likely an infinitive, beroven)."""
    if len(word) < 6:
        return False
    if "ge" in word[:-3]:
        return word.endswith(("d", "t", "en"))
    return word.startswith(PARTICIPLE_PREFIXES) and word.endswith(("d", "t"))


# What asks for the score or tally a match or a vote ended in: `hoe eindigde`, `hoe liep
# ... af`, `wat was de uitslag` (how it ended: what stood on the board).
_ENDED = frozenset("eindigde eindigt eindigden afliep".split())
_SCORE_NOUNS = frozenset("uitslag eindstand eindscore score".split())


def _score_asked(words: Sequence[str], i: int) -> bool:
    """Whether word `i` opens a question for a score: `hoe` before a verb of ending, or
    `wat` before a copula and a noun of the score."""
    if words[i] == "hoe":
        following = words[i + 1] if i + 1 < len(words) else ""
        return following in _ENDED or (following == "liep" and "af" in words[i + 2 :])
    if words[i] in ("wat", "what"):
        return bool(_SCORE_NOUNS.intersection(words[i + 2 : i + 4]))
    return False


def _costs(words: Sequence[str], i: int) -> bool:
    """Whether `wat` asks for a sum: a verb of costing, paying or earning follows it, right
    away or at the end of the clause after a modal or an auxiliary ("Wat mag de
    verbouwing maximaal kosten?", "Wat heeft het gekost?", "Wat betaal je voor een
    kaartje?")."""
    return words[i] in ("wat", "what") and bool(_MONEY_VERBS.intersection(words[i + 1 :]))


def expected(words: Sequence[str]) -> Expect | None:
    """The answer type a question asks for, from its folded words, or None if unclear.

    The first question word decides: in "Welke architect ... waar de ambtenaren over
    klagen" the `waar` is a relative pronoun, not a where-question.
    """
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in NUMBER_QUESTION or (word in ("hoe", "how") and following in DIMENSIONS):
            return "number"
        if word in _DATE_QUESTION or (word in WHICH and following in _DATE_AFTER_WHICH):
            return "date"
        if word == "hoe" and following == _CLOCK_QUESTION:
            return "date"
        if word in REASON_QUESTION or word in REASON_NOUNS or _how_come(words, i):
            return "reason"
        if word in WHICH and following in REASON_NOUNS:
            return "reason"
        if word in _PERSON_QUESTION:
            return "person"
        if word in _PLACE_QUESTION:
            return "place"
        if word in ("hoe", "what", "wat") and following in NAME_VERBS:
            return "name"
        if word in ("wat", "what") and _costs(words, i):
            return "number"
        if _score_asked(words, i):
            return "number"
        if word in WHICH and (following in SHARE_NOUNS or following in _DIMENSION_NOUNS):
            return "number"
        if word in WHICH and following in PENALTY_NOUNS:
            return "number"
        if word in WHICH and following and following not in STOP_WORDS:
            before = words[i - 1] if i > 0 else ""
            return "place" if before in PLACE_PREPOSITIONS else "name"
    return None


def _how_come(words: Sequence[str], i: int) -> bool:
    """Whether word `i` opens a question for a cause in the form of a question for a
    manner: `hoe komt het dat`, `hoe kan het (toch) dat` (not "hoe kan het museum dat
    betalen", where `het` is an article), English `how come`."""
    if words[i] == "how":
        return words[i + 1 : i + 2] == ["come"]
    if words[i] != "hoe" or words[i + 1 : i + 2] == [] or words[i + 1] not in _HOW_COME_VERBS:
        return False
    rest = [w for w in words[i + 2 : i + 5] if w not in _PARTICLES]
    return rest[:2] == ["het", "dat"]


def measures(
    words: Sequence[str],
    translate: Callable[[str], Iterable[str]] | None = None,
    names: frozenset[str] = frozenset(),
    compounded: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """What the answer should be *of*, as terms: the noun a `hoeveel`, `welke` or `hoe heet`
    asks about (and the word after it, for an adjective in between: `welke Zweedse
    politici`), and for `hoe` with an adjective the units of that dimension (`hoe lang`:
    metres and years; `hoeveel geld`: euros). An answer stands next to it: `35 zetels`,
    `2600 hennepplanten`, `de twee Zweedse politici Jens Holm en ...`.

    With `translate`, a noun also stands for its translations: the answer to "how many
    bottles" is written in Dutch, `90.000 flessen`. A hyphenated compound is of its
    head, the last part (`welk VVD-Kamerlid`: a member, not the party)."""
    found: set[str] = set()
    for i, word in enumerate(words):
        if word in _DATE_QUESTION and i > 0 and words[i - 1] in ("tot", "until", "till"):
            # "Tot wanneer ...?" asks for the end of a period: `tot de zomervakantie`.
            found.add(UNTIL)
            continue
        if word in NUMBER_QUESTION and i > 0 and words[i - 1] in ("tot", "naar"):
            # "Tot hoeveel ... verlaagd?" asks for the value something was brought to.
            found.add(UNTIL)
        if word == "hoe" and words[i + 1 : i + 2] == [_CLOCK_QUESTION]:
            found.add(CLOCK_ASKED)
            continue
        if _score_asked(words, i):
            found.add(SCORE)
            continue
        if word in WHICH and i + 1 < len(words) and words[i + 1] in PENALTY_NOUNS:
            # "Welke straf kreeg hij?": a term or a sum, told with the punishment's kind;
            # a fine is a sum.
            found.update(f"{PENALTY} {MONEY}".split())
            if words[i + 1] not in FINES:
                found.update(TIME.split())
            continue
        if word in ("hoe", "how", "what", "wat") and i + 1 < len(words):
            if words[i + 1] in _SUM_DIMENSIONS and any(map(_names_sum, words[i + 2 : i + 5])):
                # "Hoe hoog was de boete?": the height of a sum is an amount of money, or a
                # share of another (`een bonus van 20 procent`), never a length.
                found.update(f"{MONEY} {PERCENT}".split())
                continue
            if words[i + 1] in DIMENSIONS:
                found.update(DIMENSIONS[words[i + 1]].split())
                continue
            if _costs(words, i):
                found.update(MONEY.split())
                continue
            if words[i + 1] not in NAME_VERBS:
                continue
            following = _named_noun(words[i + 2 : i + 6])
        elif word in WHICH and i + 1 < len(words) and words[i + 1] in _DIMENSION_NOUNS:
            # "Op welke leeftijd": the units of that dimension, as for `hoe oud`.
            found.update(DIMENSIONS[_DIMENSION_NOUNS[words[i + 1]]].split())
            continue
        elif word in WHICH and i + 1 < len(words) and words[i + 1] in SHARE_NOUNS:
            # "Welk deel van de bezoekers": a share, as a percentage or a fraction.
            found.update(PERCENT.split())
            continue
        elif _part_of(words, i):
            following = [w for w in words[i + 2 : i + 5] if w not in STOP_WORDS][:1]
            found.update(PERCENT.split())
        elif word in NUMBER_QUESTION and _verb_second(words, i, names):
            # "Hoeveel betaalt de club ...?": `hoeveel` alone is what is asked, an amount
            # of no noun, and the word after it the verb; what that amount is of, the
            # verbs of the clause may say (`betalen`: money).
            if _MONEY_VERBS.intersection(words[i + 1 :]):
                found.update(MONEY.split())
            continue
        elif word in NUMBER_QUESTION or word in WHICH or _how_many(words, i):
            following = [w for w in words[i + 1 : i + 3] if w not in STOP_WORDS]
            if following and following[0] in compounded:
                following = following[1:]
            if word in NUMBER_QUESTION and _mass(words, _past_noun(words, i) - 1):
                found.add(AMOUNT)
            if following and (base := _comparative(following[0])) is not None:
                # "hoeveel duurder": a difference, as a share, a factor or in the units
                # of that dimension.
                found.update(f"{PERCENT} {FREQUENCY} {DIMENSIONS.get(base, '')}".split())
        elif word == "waarheen" or (word in ("waar", "where") and _towards(words[i + 1 :])):
            # "Waar is de zwaan naartoe gebracht?": a place after `naar`.
            found.add("naar")
            continue
        elif _unit_named(words, i):
            found.add(words[i + 1])
            continue
        else:
            continue
        for w in following:
            if w in DIMENSIONS:
                found.update(DIMENSIONS[w].split())
            else:
                if _names_sum(w):
                    found.update(MONEY.split())
                alternatives = [w, *(translate(w) if translate else ())]
                found.update(t for a in alternatives if (t := term(a)))
    return frozenset(found)


# The general nouns of people: a count of people is said with any of them (`veertig
# personen` for `hoeveel mensen`), so they name no kind of thing an answer must repeat.
_GENERAL_NOUNS = frozenset("mensen mens personen persoon people persons person".split())
# The nouns of naming: `onder welke naam` asks for a name, which a text gives without
# saying that it is one, so they name no kind of thing either.
_NAMING_NOUNS = frozenset("naam namen benaming name names".split())
# The nouns of geographic units: a place of such a kind is named without its noun (`in
# Frankrijk`, not `in het land Frankrijk`), so an article need not use it either.
_GEOGRAPHIC = frozenset(
    """
    land stad dorp plaats gemeente provincie staat regio country city town village state
    province region
    """.split()
)
# The verbs that may stand where the noun of a question phrase would: `hoeveel moesten ...`.
_VERBS = QUESTION_IRREALIS | PAST_AUXILIARIES | PERFECT_AUXILIARIES


def named_kind(
    words: Sequence[str],
    translate: Callable[[str], Iterable[str]] | None = None,
    names: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """The noun that names the kind of thing a question asks for, as terms: the noun of
    `welke`, `which`, `hoeveel` or `how many`, past inflected adjectives (`welke Franse
    minister`), or of `hoe heet` (`hoe heet het nieuwe tijdperk`). With `translate` (an
    English question), the noun's Dutch translations, as the articles write it. Empty
    when the question has none: a unit of `hoe` (`hoeveel geld`), a verb in that place
    (`hoeveel moesten die ...`), a general noun of people or of a geographic unit. A
    punishment (`welke straf`) is named by any noun of punishment (PUNISHMENTS).

    English writes an adjective of origin with a capital and puts it, as it does a noun
    used as a modifier, before its noun: in "Which Dutch minister ..." or "Which Ajax
    player ..." the kind is the lower-case noun after the `names` (capitalised words)."""
    modifiers = names if translate else frozenset()
    for i, word in enumerate(words):
        if word in ("hoe", "how", "wat", "what") and words[i + 1 : i + 2]:
            if words[i + 1] not in NAME_VERBS:
                continue
            found = _named_noun(words[i + 2 : i + 6])
        elif word in _NOUN_QUESTION or _how_many(words, i):
            at = _past_noun(words, i, modifiers) - 1
            found = list(words[at : at + 1])
        else:
            continue
        nouns = [
            w
            for w in found
            if w.isalpha()
            and w not in STOP_WORDS | _VERBS | _GENERAL_NOUNS | _NAMING_NOUNS | _GEOGRAPHIC
            and w not in DIMENSIONS
        ]
        alternatives = [a for w in nouns for a in ([w, *translate(w)] if translate else [w])]
        if PENALTY_NOUNS.intersection(nouns):
            alternatives += PUNISHMENTS
        return frozenset(t for a in alternatives if (t := term(a)))
    return frozenset()


def _named_noun(rest: Sequence[str]) -> list[str]:
    """The noun `hoe heet` asks the name of, past its article and any inflected adjectives:
    "hoe heet die nieuwe nachttrein" asks for the name of a night train, not of something
    new (an attributive adjective ends in -e and stands before its noun)."""
    at = next((k for k, w in enumerate(rest) if w not in STOP_WORDS), len(rest))
    while at + 1 < len(rest) and attributive(rest[at]) and rest[at + 1] not in STOP_WORDS:
        at += 1
    return list(rest[at : at + 1])


def attributive(word: str) -> bool:
    """Whether a word has the shape of an inflected adjective before its noun: `nieuwe`,
    `Roemeense` (nouns in -e are few)."""
    return len(word) > 3 and word.endswith("e") and word.isalpha()


# What opens the subject of a question: articles, possessives, personal pronouns, `er`,
# demonstratives.
_SUBJECT_OPENERS = frozenset(
    """
    de het een haar hun mijn jouw uw onze ons ze zij hij je jij we wij u men er deze
    dit die dat the a an his her their my our your they he she we you it this that
    """.split()
)
# Demonstratives that also open a relative clause after a noun: `hoeveel mensen die ...`.
_RELATIVES = frozenset({"die", "dat", "that"})
# Prepositions a question phrase may start with: `voor hoeveel`.
_GOVERNING = frozenset("voor met tot op om for by at".split())


def _verb_second(words: Sequence[str], i: int, names: frozenset[str] = frozenset()) -> bool:
    """Whether the `hoeveel` at `i` is the whole question phrase: the finite verb follows
    a question's question phrase (verb second), then the subject, so when the word after
    `hoeveel` is followed by what opens a subject (or a name: `names`, the words written
    with a capital inside the question), that word is the verb ("Hoeveel vroeg die
    verhuurder ...", "Hoeveel betaalt Bayern ..."), not a noun counted. A
    demonstrative after a plural or a mass noun may open a relative clause instead
    (`hoeveel mensen die ...`), so after a word in -en or -s it is read as one. Only a
    question phrase that opens the question is followed by its verb: in an embedded
    question the verb comes last ("Weet iemand hoeveel doekjes we ... spoelen?"). `zijn`
    is left out of the openers: it is as often the verb (`hoeveel mensen zijn er`). A
    modal verb or an auxiliary right after `hoeveel` is the verb whatever follows it
    ("Hoeveel moesten die Oekraïners ..."), unless it is written as a name (IS)."""
    if i + 2 >= len(words) or not words[i + 1].isalpha():
        return False
    if i > 0 and not (i == 1 and words[0] in _GOVERNING):
        return False
    verb, subject = words[i + 1], words[i + 2]
    if verb in _FINITE_AUXILIARIES and verb not in names:  # not IS, the Islamic State
        return True
    if subject in _RELATIVES and verb.endswith(("en", "s")):
        return False
    return subject in _SUBJECT_OPENERS or subject in names


def _part_of(words: Sequence[str], i: int) -> bool:
    """`hoeveel van de tickets`: a part of them, a share as well as a count."""
    return words[i] in NUMBER_QUESTION and words[i + 1 : i + 2] in (["van"], ["of"])


def _unit_named(words: Sequence[str], i: int) -> bool:
    """`..., in kilo's?`: the unit the answer is to be given in."""
    return words[i] == "in" and i + 1 < len(words) and words[i + 1] in UNITS


def _towards(rest: Sequence[str]) -> bool:
    """The question asks where to: `waar ... naartoe`, `naar toe`, `heen`, `where ... to`."""
    return bool({"naartoe", "heen", "naar"} & set(rest)) or (bool(rest) and rest[-1] == "to")


def _mass(words: Sequence[str], at: int) -> bool:
    """Whether the noun of `hoeveel` at `at` is in the singular, and so names a mass whose
    amount is asked (`hoeveel verlies`, `hoeveel asbest`, `hoeveel subsidie`): a noun
    counted stands in the plural (`hoeveel kinderen`, `hoeveel fans`, `hoeveel
    plantages`, `hoeveel organisaties`, `hoeveel pagina's`). A unit (`hoeveel kilo`), a
    dimension (`hoeveel geld`) or a comparative of one (`hoeveel duurder`) is a measure of
    its own."""
    noun = words[at] if at < len(words) else ""
    return (
        noun.isalpha()
        and len(noun) > 2
        and noun not in STOP_WORDS
        and noun not in UNITS
        and noun not in DIMENSIONS
        and _comparative(noun) is None
        and not _plural(noun)
        and words[at + 1 : at + 2] != ["s"]
    )


def _plural(noun: str) -> bool:
    """Whether a noun has the ending of a Dutch plural: -en, or -s after a consonant or the
    unstressed -e (`fans`, `plantages`), and -ies after the t, s or c of a Latinate noun in
    -ie (`organisaties`, `commissies`); `verlies` and `asbest` have none."""
    if noun.endswith("en"):
        return True
    if not noun.endswith("s"):
        return False
    if noun.endswith("ies"):
        return noun[-4:-3] in ("t", "s", "c")
    return noun[-2] not in _VOWELS or noun.endswith("es")


def _how_many(words: Sequence[str], i: int) -> bool:
    """`hoe veel`, `how many`, `how much`: the noun after them is what is counted."""
    return words[i] in ("veel", "many", "much") and i > 0 and words[i - 1] in ("hoe", "how")


_VOWELS = frozenset("aeiou")


def _comparative(word: str) -> str | None:
    """The adjective a comparative is formed from (`duurder` duur, `groter` groot, `meer`),
    "" for a comparative of no known dimension, None for a word that is none."""
    if word in ("meer", "minder", "more", "less", "fewer"):
        return ""
    for suffix in ("der", "er"):
        base = word[: -len(suffix)]
        if not word.endswith(suffix) or len(base) < 2:
            continue
        if base in DIMENSIONS:
            return base
        # Dutch spells a long vowel double in a closed syllable: groter - groot, hoger - hoog.
        doubled = base[:-1] + base[-2] + base[-1]
        if base[-2] in _VOWELS and base[-3:-2] not in _VOWELS and doubled in DIMENSIONS:
            return doubled
    return None
