"""What every kind of mention shares: the mention itself, the grades of fit, the tokens of
a sentence and the test for a shared compound head."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from storage.language.text import fold, term
from storage.search.asking import attributive, participle
from storage.search.wordclasses import (
    DISTRIBUTIVES,
    IRREALIS,
    PAST_AUXILIARIES,
    PERFECT_AUXILIARIES,
    RATE_ADVERBS,
)

# Numbers (with their separators), and words with any digits they hold (D66, COP25).
TOKEN = re.compile(r"\d+(?:[.,:]\d+)*%?(?![^\W_])|[^\W_]+(?:['’][^\W\d_]+)*")
YEAR = re.compile(r"^(1[89]|20)\d\d$")
# A time of day as news writes it: `19.15`, `09.00`, `8:30`.
CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])[.:][0-5]\d$")

# The shortest shared ending that makes two compounds share a head (plant, klacht): shorter
# endings are suffixes (-ing, -heid), not words.
HEAD = 5
# Grades of fit (see storage/search/mentions/__init__.py).
FULL = 1.0
GOOD = 0.8
PARTIAL = 0.5
WEAK = 0.2

Token = tuple[int, int, str]


@dataclass(frozen=True)
class Mention:
    """Words at `start`..`end` of a sentence that could answer the question, and how well
    they fit the kind of answer asked for (0..1)."""

    start: int
    end: int
    strength: float
    explains_next: bool = False
    """The mention is the reason of what the next sentence says, which points back to it
    (`Daarom ...`, `Dat is de reden ...`)."""


def tokens(sentence: str) -> list[Token]:
    """The sentence's words and numbers with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(sentence)]


@lru_cache(maxsize=100_000)
def folded(word: str) -> str:
    return fold(word)


def same_head(word: str, measure: frozenset[str]) -> bool:
    """The word is a measure term or shares its head with one: Dutch compounds put the
    head last, so hennepplanten counts what wietplanten does (`plant`)."""
    if not measure:
        return False
    if _abbreviated(word, measure):
        return True
    if not word.isalpha():
        return False
    t = term(word)
    return bool(t) and headed(t, measure)


def headed(t: str, measure: frozenset[str]) -> bool:
    """The term `t` is a measure term or a compound that shares its head with one."""
    return any(t == m or _common_tail(t, m) >= HEAD or _compound_of(t, m) for m in measure)


# The Dutch suffixes that make a noun name a person (kiez-er, leraar, activist, student,
# chauffeur).
AGENT = ("er", "aar", "ist", "ant", "ent", "eur")


# The numbers of tens, which after `jaren` name a decade.
_TENS = frozenset("twintig dertig veertig vijftig zestig zeventig tachtig negentig".split())


def decade(before: str, word: str) -> bool:
    """`jaren zeventig`, `jaren 80` (folded words): `jaren` before a number of tens names a
    decade, a time, not a count (a count puts its number first: `zeventig jaren`)."""
    tens = word in _TENS or (len(word) == 2 and word.isdigit() and word.endswith("0"))
    return before == "jaren" and tens


def persons(measure: frozenset[str]) -> bool:
    """Whether the question asks about people of some kind: an agent noun among what its
    answer is of (`welke boswachter`, `hoe heet de buschauffeur`)."""
    return any(m.endswith(AGENT) and m.isalpha() for m in measure)


_ARTICLES = frozenset("de het een the a an".split())
# How far a noun's postmodifier may run before a bracketed apposition: `1596 zelfstandigen
# zonder personeel (zzp'ers)`.
_POSTMODIFIER = 3


def apposed(sentence: str, tokens: list[Token], last: int) -> list[str]:
    """The words of an apposition to the phrase that ends at token `last`, which say what
    it is: in brackets after it (or after a short postmodifier of its noun), `1596
    zelfstandigen zonder personeel (zzp'ers)`; or a noun phrase after a comma with its
    article, `De Daybreaker, de nieuwe nachttrein tussen ...`, whose noun follows any
    inflected adjectives."""
    for k in range(last + 1, min(last + 2 + _POSTMODIFIER, len(tokens))):
        gap = sentence[tokens[k - 1][1] : tokens[k][0]]
        if "(" in gap:
            close = sentence.find(")", tokens[k][0])
            end = close if close >= 0 else len(sentence)
            return [t[2] for t in tokens[k:] if t[1] <= end]
        if gap.strip() == "," and k == last + 1 and folded(tokens[k][2]) in _ARTICLES:
            j = k + 1
            while j + 1 < len(tokens) and attributive(tokens[j][2]):
                j += 1
            return [tokens[j][2]] if j < len(tokens) else []
        if gap.strip() or not tokens[k][2].islower():
            return []
    return []


def _abbreviated(word: str, measure: frozenset[str]) -> bool:
    """Dutch joins a suffix to an abbreviation (or a word ending in a long vowel) with an
    apostrophe, and a question's words are split there: `zzp'ers` counts the `zzp` asked."""
    stem = re.split("['’]", word, maxsplit=1)[0]
    return stem != word and stem.isalpha() and term(stem) in measure


def subkind(t: str, measure: frozenset[str], asked: frozenset[str] = frozenset()) -> bool:
    """The term `t` is a compound headed by a measure term, the whole of it (`werkstraf`,
    `celstraf` of `straf`): its modifier says which kind of the head it is. Not when the
    modifier is a word of the question (`asked`): `miersoort` for `which ant species`
    says the question's noun again and picks out no kind."""
    return any(
        _compound_of(t, m) and not any(t[: -len(m)].startswith(a) for a in asked if len(a) > 2)
        for m in measure
        if m.isalpha()
    )


def _compound_of(t: str, m: str) -> bool:
    """`broedpaar` is a compound whose head is the whole word `paar`: a word of four letters
    after a modifier of three or more (not a prefix: `bestem` is no kind of `stem`)."""
    return len(m) >= 4 and len(t) - len(m) >= 3 and t.endswith(m)


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


# How many words after a mention make up what qualifies it: `in Flevoland`.
POSTMODIFIER = 2


def qualified(tokens: list[Token], mention: Mention, asked: frozenset[str]) -> bool:
    """Whether the words right after the mention (its postmodifier, up to a comma or a
    bracket) hold a word of the question: where a sentence pairs several names or numbers
    each with what qualifies it ("Hans Wiegel in Zuid-Holland en ... Annemarie van Gaal in
    Flevoland"), the one asked for is qualified as the question qualifies it ("de
    informateur in Flevoland")."""
    after = next((k for k, t in enumerate(tokens) if t[0] >= mention.end), len(tokens))
    for k in range(after, min(after + POSTMODIFIER, len(tokens))):
        end = tokens[k - 1][1] if k > after else mention.end
        if tokens[k][0] - end > 1:
            return False
        if term(tokens[k][2]) in asked:
            return True
    return False


_NEGATIONS = frozenset("niet geen nooit niemand not never".split())
# Subordinating conjunctions and relative pronouns: what follows them is a clause of its own.
_SUBORDINATORS = frozenset(
    "dat die omdat als wanneer waar wat of zodat terwijl nadat voordat hoewel doordat "
    "zodra totdat welke wie that which who because when if while".split()
)
# `toen` opens a clause of its own inside a sentence ("werd opgepakt toen hij ... wilde
# verkopen"); at its head it is the adverb `then` ("Toen wilde hij ...").
_TOEN = "toen"


# A negation that scopes over one word of degree, not over the clause: `niet veel later`
# (soon after), `niet lang daarna`, `niet ver van`, `niet alleen` (and also), `niet meer
# dan` (at most). The sentence asserts what it says.
_DEGREE_NEGATED = {
    "veel": frozenset("later eerder daarna nadien".split()),
    "lang": frozenset("daarna nadien later erna na geleden".split()),
    "ver": frozenset(["van", "weg", "buiten"]),
    "alleen": None,
    "meer": frozenset(["dan"]),
    "minder": frozenset(["dan"]),
}
# Litotes: a negation that, with the words after it, asserts (`niet voor niets`, for good
# reason; `niet in het minst`, above all; `niet zelden`, often).
_LITOTES = tuple(
    tuple(p.split())
    for p in (
        "voor niets",
        "zelden",
        "onbelangrijk",
        "toevallig",
        "in het minst",
        "in de laatste plaats",
    )
)
# Words that open a coordinated main clause: a negation after one denies that clause.
_COORDINATORS = frozenset("en maar want".split())


def denied(tokens: list[Token], sentence: str = "") -> tuple[int, int]:
    """Which part (character offsets, start and end) of the sentence is denied: the clause
    whose main clause holds a negation, up to `maar` in "niet X, maar Y" (Y is asserted),
    from where that clause opens (after `en`, `maar` or `want` that join a second main
    clause, or a semicolon: "Sagawa bracht in 1981 ... om het leven en zat ... geen dag in
    de gevangenis" asserts the year); nothing without a negation, or when it only bounds
    a word of degree (`niet veel later`). (0, 0) when nothing is denied."""
    low = [folded(t[2]) for t in tokens]
    negation = _in_main_clause(low, _NEGATIONS)
    while negation is not None and _of_degree(low, negation):
        later = _in_main_clause(low[negation + 1 :], _NEGATIONS)
        negation = None if later is None else negation + 1 + later
    if negation is None:
        return 0, 0
    contrast = next((i for i in range(negation + 1, len(low)) if low[i] == "maar"), None)
    end = tokens[contrast][0] if contrast is not None else tokens[-1][1]
    opens = next(
        (k for k in range(negation - 1, 0, -1) if _opens_clause(tokens, low, k, sentence)), None
    )
    return (tokens[opens][0] if opens is not None else 0), end


def negates(question: str) -> bool:
    """Whether a question holds a negation of its own ("Sinds wanneer zijn ze er niet meer
    geweest?"): the answer's sentence then shares it, and it denies nothing."""
    return any(folded(t[2]) in _NEGATIONS for t in tokens(question))


def _of_degree(low: list[str], at: int) -> bool:
    """Whether the negation at `at` bounds the word of degree after it (`_DEGREE_NEGATED`),
    or is part of a litotes (`_LITOTES`)."""
    if low[at] == "niet" and any(tuple(low[at + 1 : at + 1 + len(p)]) == p for p in _LITOTES):
        return True
    if low[at] != "niet" or at + 1 >= len(low) or low[at + 1] not in _DEGREE_NEGATED:
        return False
    after = _DEGREE_NEGATED[low[at + 1]]
    return after is None or (at + 2 < len(low) and low[at + 2] in after)


# A colon that opens a quotation: what follows is the words of someone the sentence is
# about, not the sentence's own main clause. Dutch papers also open one with two commas.
QUOTED = re.compile(r":\s*(?:[\"'“‘„«]|,,)")


def _quotes(gap: str) -> bool:
    """Whether the text between two words opens a quotation after a colon."""
    return QUOTED.search(gap) is not None


def _opens_clause(tokens: list[Token], low: list[str], k: int, sentence: str) -> bool:
    """Whether a second main clause opens at token `k`: a semicolon before it, or `en`,
    `maar` or `want` after the first clause has had its own words (not in a list of
    names or numbers, which has one on either side: "Rutte en Hoekstra", "3 en 4"); or a
    quotation after a colon, the words of the one the sentence names ("Kamerlid Laura
    Bromet: ,,We weten nog altijd niet ..." denies nothing of her)."""
    gap = sentence[tokens[k - 1][1] : tokens[k][0]] if sentence else ""
    if ";" in gap or _quotes(gap):
        return True
    if low[k] not in _COORDINATORS or k < 3:
        return False
    after = tokens[k + 1][2] if k + 1 < len(tokens) else ""
    return not _in_list(tokens[k - 1][2], after)


def _in_list(before: str, after: str) -> bool:
    """Whether the words either side of a coordinator are members of a list of names or
    numbers: coordination joins like with like, so `Idris en werd` opens a clause where
    `Rutte en Hoekstra` does not."""
    return all(word[:1].isupper() or word[:1].isdigit() for word in (before, after))


def unrealised(tokens: list[Token], sentence: str) -> bool:
    """Whether the sentence's main clause is headed by a verb of modality: it says what is
    wanted, demanded, expected or possible ("Justitie wil 16 jaar cel", "Dan zal de
    rechtbank ... bespreken"), not what is or happened. A quotation the sentence opens
    after a colon is someone's own utterance, not its main clause: "Glas riep in 2015 op
    tot onderzoek: 'We kunnen dit niet negeren'" says what Glas did."""
    if quoted := QUOTED.search(sentence):
        tokens = [t for t in tokens if t[0] < quoted.start()]
    low = [folded(t[2]) for t in tokens]
    at = _in_main_clause(low, IRREALIS)
    return at is not None and not _reported(low, at) and not _claims_lives(low, at)


# Forms of `eisen`, which demands, or claims lives: "De tornado's eisten 23 levens".
_EISEN = frozenset("eist eisen eiste eisten geeist".split())
# The objects that make `eisen` claim lives rather than demand.
_VICTIMS = frozenset("leven levens mensenlevens slachtoffers dodelijke doden".split())


def _claims_lives(low: list[str], at: int) -> bool:
    """Whether the verb at `at` is `eisen` in its other sense, to claim victims: what the
    sentence says then happened ("De storm eiste drie levens")."""
    return low[at] in _EISEN and bool(_VICTIMS.intersection(low))


# The relative pronouns and adverbs that open a clause about the noun before them (`dat`
# and `wat` also open what is said or wanted, so they are left out).
_RELATIVES = frozenset("die waar waarin waarop waarbij waarmee waarna who whom where".split())


def described(tokens: list[Token]) -> int:
    """Where (a character offset) a relative clause in the past opens after the verb of
    modality of the main clause, 0 when there is none: in "Het OM wil een schouw rond de
    plek waar in augustus 1998 de jongen dood werd gevonden" the finding is no wish. A
    relative clause describes its noun; what it tells in the past is taken for granted
    by the sentence, whatever its main clause wants (a presupposition survives a verb of
    modality, Karttunen 1973). In the present it may describe what is wanted: "een straf
    die zestien jaar bedraagt"."""
    low = [folded(t[2]) for t in tokens]
    at = _in_main_clause(low, IRREALIS)
    if at is None:
        return 0
    for k in range(at + 2, len(low)):
        if low[k] not in _RELATIVES or not low[k - 1].isalpha() or low[k - 1] in IRREALIS:
            continue
        end = next((i for i in range(k + 1, len(low)) if low[i] in _SUBORDINATORS), len(low))
        clause = low[k + 1 : end]
        perfect = PERFECT_AUXILIARIES.intersection(clause) and any(map(participle, clause))
        if PAST_AUXILIARIES.intersection(clause) or perfect:
            return tokens[k][0]
    return 0


# Words that place a clause in the past: the past of the auxiliaries and the copula, and
# the adverbs of a time gone by.
_THEN = frozenset("was waren had hadden werd werden toen geleden vroeger destijds".split())


def former(tokens: list[Token]) -> int:
    """Up to where (a character offset) the sentence says how things were, when it sets a
    then against a now: "Waren de producten toen twee keer zo duur, nu is het verschil 63
    procent" gives the former value first and the present one after `nu`."""
    low = [folded(t[2]) for t in tokens]
    for k in range(1, len(low)):
        after_a_break = tokens[k][0] - tokens[k - 1][1] > 1
        if low[k] == "nu" and after_a_break and _THEN.intersection(low[:k]):
            return tokens[k][0]
    return 0


_RATES = frozenset(RATE_ADVERBS.values())


def habitual(tokens: list[Token]) -> bool:
    """Whether the sentence says what happens as a rule, by a rate (`jaarlijks`, `per jaar`,
    `elke dag`): "Jaarlijks verlaten dertigduizend gedetineerden de gevangenis" is no count
    of what a project achieved."""
    low = [folded(t[2]) for t in tokens]
    return bool(_RATES.intersection(low)) or any(
        a in DISTRIBUTIVES and b in RATE_ADVERBS for a, b in pairwise(low)
    )


_RATE_TERMS = frozenset(term(adverb) for adverb in RATE_ADVERBS.values())


def rate_asked(asked: frozenset[str]) -> bool:
    """Whether the question asks for a rate: it has a unit of time after `per` or `elk`,
    which the question's reading joins with the adverb Dutch derives from it (`per jaar`
    also matches `jaarlijks`, storage/search/query.py)."""
    return bool(_RATE_TERMS & asked)


def elsewhen(tokens: list[Token], asked: frozenset[str]) -> bool:
    """Whether the sentence places what it says in another year than the question names:
    "toen in 1996 de club de finale won" does not say who won the final of 2019."""
    wanted = {w for w in asked if YEAR.match(w)}
    said = {folded(t[2]) for t in tokens if YEAR.match(t[2])}
    return bool(wanted and said) and not wanted & said


def _reported(low: list[str], at: int) -> bool:
    """`zou` with a perfect infinitive reports what happened, as a claim ("Hij zou ...
    hebben gestreken", "er zouden stoffen zijn vrijgekomen"); it is not a conditional."""
    if low[at] not in ("zou", "zouden"):
        return False
    end = next((i for i in range(at + 1, len(low)) if low[i] in _SUBORDINATORS), len(low))
    clause = low[at + 1 : end]
    return "hebben" in clause or any(map(participle, clause))


def _in_main_clause(low: list[str], words: frozenset[str]) -> int | None:
    """Where the first of `words` stands in the main clause, before any subordinate one
    opens: a word of a subordinate clause ("zei dat hij niet ...") is that clause's."""
    at = next((i for i, w in enumerate(low) if w in words), None)
    if at is None or _SUBORDINATORS.intersection(low[:at]) or _TOEN in low[1:at]:
        return None
    return at
