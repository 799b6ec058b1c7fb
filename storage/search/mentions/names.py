"""Names and places: runs of capitalised words the question does not have.

A name fits best right beside the noun the question asks about (`welke architect` -
`toparchitect Ellen van Loon`, `welke Zweedse politici` - `de twee Zweedse politici Jens
Holm en ...`); a name of two or more capitalised words fits a who-question well, a single
one (a surname used again) less. A noun in close apposition says what a name is: when it
is another noun than the one asked about (`Productiehuis De Familie` for `welke
documentairemaker`) the name fits partially; a name ending in that noun (`TWA Hotel` for
`which hotel`) fits fully. A place is a name after a preposition of place (`in
Woerden`, `naar Lissabon`). Some kinds have no names: a `welke straf` is answered by a
compound its noun heads (`een voorwaardelijke werkstraf van 40 uur`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from storage.language.text import STOP_WORDS, fold, term
from storage.search.asking import Expect, attributive
from storage.search.mentions.base import (
    FULL,
    GOOD,
    PARTIAL,
    WEAK,
    Mention,
    Token,
    apposed,
    folded,
    persons,
    same_head,
    subkind,
)
from storage.search.mentions.quantities import is_number
from storage.search.wordclasses import (
    MONTH_WORDS,
    PLACE_PREPOSITIONS,
    REGIONS,
    SETTLEMENT_NOUNS,
    WEEKDAY_WORDS,
)

# Prepositions that make the name after them a place, never a person (unlike `bij`, `aan`,
# `van`, `voor`, which govern both).
_LOCATIVE = frozenset("in op naar uit te nabij vanuit richting".split())
# The definite articles, which a person's name goes without.
_ARTICLES = frozenset({"de", "het", "the"})
# The articles a name may hold inside it, capitalised: "Vrije School De Regenboog".
_ARTICLES_IN_NAMES = _ARTICLES | {"den", "der"}
# What a question for a destination (`waar ... naartoe`) wants before its place.
_DIRECTIONS = frozenset({"naar", "richting"})
# What may stand before a noun in close apposition to a name: `de kunstenaar`, `van
# kunstenaar`.
_DETERMINERS = frozenset(
    """
    de het een die deze dat dit zijn haar hun onze ons mijn uw van voor met door bij aan
    over tegen volgens namens in op uit the a an his her their its of by for with
    """.split()
)
_BREAKS = frozenset('()[]:;"“”„')
# Particles inside Dutch and other names: Frank de Grave, Ludwig van Beethoven.
_NAME_PARTICLES = frozenset(
    "van de der den ter ten te 't la le du des da di del della dos von el al".split()
)
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


# The endings of inflected adjectives (Buitenlandse, Europese, Islamitische,
# Maatschappelijke, Nationale), which first names and surnames do not have.
_ADJECTIVAL = ("dse", "tse", "mse", "nse", "ese", "sche", "lijke", "nale", "rale")


def _asked(word: str, asked: frozenset[str]) -> bool:
    """Whether a word of a name is the question's, or an article inside a name the
    question gives whole ("Vrije School De Regenboog")."""
    return term(word) in asked or fold(word) in _ARTICLES_IN_NAMES


def _institution(words: list[tuple[int, str]]) -> bool:
    """Whether a name opens with an inflected adjective, as an institution's does
    ("Buitenlandse Zaken", "Europese Commissie"): no person is named so."""
    return len(words) > 1 and folded(words[0][1]).endswith(_ADJECTIVAL)


_SETTLEMENTS = frozenset(t for w in SETTLEMENT_NOUNS if (t := term(w)))


def _region_for_settlement(words: list[tuple[int, str]], focus: frozenset[str]) -> bool:
    """Whether the question asks for a settlement (`in welke stad`, `which town`) and the
    name is a country, a continent or a province (`wordclasses.REGIONS`), which holds
    settlements and is none."""
    return bool(focus & _SETTLEMENTS) and _region(words)


def _region_for_person(words: list[tuple[int, str]], expect: Expect, focus: frozenset[str]) -> bool:
    """Whether the question asks for a person and the name is a country, a continent or a
    province: "Groot-Brittannië" answers no `wie van de BDI`."""
    return (expect == "person" or persons(focus)) and _region(words)


def _region(words: list[tuple[int, str]]) -> bool:
    """Whether the name (its capitalised words) is a country, a continent or a province."""
    return "-".join(fold(w) for _, w in words) in REGIONS


def find(
    sentence: str,
    tokens: list[Token],
    expect: Expect,
    asked: frozenset[str],
    focus: frozenset[str] = frozenset(),
) -> list[Mention]:
    out: list[Mention] = []
    texts = [t[2] for t in tokens]
    opening = bool(texts) and _named(texts)
    heads = _compound_heads(sentence, tokens)
    runs = _name_runs(texts, adjectives=expect == "place", focus=focus, heads=heads)
    runs = [part for run in runs for part in _bracketed(sentence, tokens, run)]
    for first, last in _coordinated(tokens, runs):
        words = [
            (j, t[2])
            for j, t in enumerate(tokens[first : last + 1], start=first)
            if t[2][:1].isupper()
        ]
        # A sentence's first word may be capitalised for its place only, and before a name
        # the question has it says what that is ("Kledingketen CoolCat").
        if all(_asked(w, asked) or (j == 0 and not opening) for j, w in words):
            continue
        if _classing_opener(words, asked):
            continue
        before = tokens[first - 1][2] if first > 0 else ""
        governor = _governor(tokens, first)
        if expect == "place":
            kind = focus - _DIRECTIONS
            placed = _kind_apposed(before, kind) or _placed(before, governor, kind)
            strength = FULL if placed else PARTIAL
            if focus & _DIRECTIONS and fold(before) not in _DIRECTIONS:
                # Where to: `in Rockanje` is where it was, not where it went.
                strength = PARTIAL
            elif _of_another_kind(sentence, tokens, first, last, words, kind):
                # "Op welke brug": `bij Gorinchem` is a place, the Merwedebrug the bridge.
                strength = min(strength, GOOD)
        elif (expect == "person" or persons(focus)) and governor in _LOCATIVE:
            # "op de Champs-Élysées": a name a preposition of place governs is a place, and
            # no person, also where `hoe heet de buschauffeur` asks a person's name.
            strength = WEAK
        elif expect == "person" and fold(before) in _ARTICLES:
            # "de Raad van State", "het Openbaar Ministerie": a name with an article is an
            # institution or a thing; Dutch and English name a person without one.
            strength = PARTIAL
        elif (
            same_head(before, focus)
            or (first == 0 and same_head(words[0][1], focus))
            or _headed(words, focus)
            or _apposed(sentence, tokens, last, focus)
            or _predicated(tokens, last, focus)
        ):
            strength = FULL
        elif focus and _classified(tokens, first, words):
            # "Productiehuis De Familie" is a production company, not the maker asked for.
            strength = PARTIAL
        elif len(words) > 1:
            strength = FULL if expect == "person" and not focus else GOOD
        else:
            strength = PARTIAL
        if expect in ("place", "name") and _region_for_settlement(words, focus):
            strength = min(strength, PARTIAL)
        if _region_for_person(words, expect, focus):
            strength = min(strength, WEAK)
        if expect == "person" and _institution(words):
            strength = min(strength, PARTIAL)
        if expect != "place" and _named_more_fully(words, asked, focus):
            strength = min(strength, PARTIAL)
        if first == 0 and (len(words) > 2 or _role_opening(words, focus)):
            # "Schaatsster Lotte Bakker": the opening word is most likely what she is; and
            # "Directeur Emondts" for `wie is de directeur` certainly.
            first = words[1][0]
        out.append(Mention(tokens[first][0], tokens[last][1], strength))
    return out + _numbered(tokens, asked, focus) + _subkinds(tokens, expect, asked, focus)


def _subkinds(
    tokens: list[Token], expect: Expect, asked: frozenset[str], focus: frozenset[str]
) -> list[Mention]:
    """A common noun that is a compound headed by the noun a `welke N` question asks about
    says which N, where the kind has no names: Dutch compounds are right-headed and their
    modifier picks out a kind of the head (`werkstraf`, `celstraf`, `taakstraf` for `welke
    straf`). Taken with the inflected adjectives before it and a measure after it (`een
    voorwaardelijke werkstraf van 40 uur`); the asked noun itself with such a measure says
    which one as well (`een celstraf van tien jaar` for `welke celstraf`). It fits well:
    where the kind has names, a name says more than a subkind (`regeringspartij` against
    `de VVD`)."""
    if expect != "name" or not focus:
        return []
    out = []
    # A word can only be headed by an asked noun that it holds (the stems cut off at most
    # an inflection), which spares stemming the others.
    heads = [m[:4] for m in focus if m.isalpha() and len(m) >= 4]
    for k, (_, _, word) in enumerate(tokens):
        if not (word.isalpha() and word.islower() and any(h in word for h in heads)):
            continue
        t = term(word)
        if not t:
            continue
        measured = tokens[k + 1 : k + 4]
        has_measure = (
            len(measured) == 3 and fold(measured[0][2]) == "van" and is_number(measured[1][2])
        )
        # The asked noun itself says which one with a measure after it: `een celstraf van
        # tien jaar` for `welke celstraf`.
        which = subkind(t, focus, asked) if t not in asked else has_measure and t in focus
        if not which:
            continue
        first = k
        while first > 0 and attributive(tokens[first - 1][2]) and tokens[first - 1][2].islower():
            first -= 1
        last = k + 3 if has_measure else k
        out.append(Mention(tokens[first][0], tokens[last][1], GOOD))
    return out


def _named_more_fully(
    words: list[tuple[int, str]], asked: frozenset[str], focus: frozenset[str]
) -> bool:
    """Whether a name of several words opens with the only one of them the question gives,
    and so is the question's own referent named in full: "Greta Thunberg" for a question
    about "Greta" (a first name picks out one person in the article that gives it with her
    surname), "Basisschool De Wegwijzer" for one about "de basisschool"; "Mars One
    Ventures" for "Mars One" names more than the question does. Not the noun asked about
    (`Museum Arnhem` for `welk museum`), nor an adjective derived from a name
    (`Haarlemse`, which the question may share with another name)."""
    if len(words) < 2:
        return False
    return _only_asked(words[0][1], words[1:], asked, focus) or _surnamed(words, asked, focus)


def _surnamed(words: list[tuple[int, str]], asked: frozenset[str], focus: frozenset[str]) -> bool:
    """Whether a first name and a surname are the person the question names by the surname
    alone: "Donald Trump" does not answer `wie benoemde Trump`. Only the two words side by
    side: "Robert Claasen van Chemelot" is named after a place the question may give."""
    given = len(words) == 2 and words[1][0] == words[0][0] + 1
    return given and _only_asked(words[1][1], words[:1], asked, focus)


def _only_asked(
    word: str, others: list[tuple[int, str]], asked: frozenset[str], focus: frozenset[str]
) -> bool:
    """Whether `word` is the only one of the name's words the question has, and not the
    noun it asks about nor an adjective derived from a name."""
    t = term(word)
    return (
        t in asked
        and t not in focus
        and not folded(word).endswith(("se", "sche"))
        and not any(term(w) in asked for _, w in others)
    )


def _numbered(tokens: list[Token], asked: frozenset[str], focus: frozenset[str]) -> list[Mention]:
    """A number right after the noun a `welke N` question asks about says which N, as a
    name would: `week 110`, `artikel 44`, `lijn 5` (close apposition of a numeral)."""
    out = []
    for k in range(len(tokens) - 1):
        noun, number = tokens[k][2], tokens[k + 1][2]
        if (
            number.isdigit()
            and number not in asked
            and tokens[k + 1][0] - tokens[k][1] == 1
            and noun.isalpha()
            and noun.islower()
            and same_head(noun, focus)
        ):
            out.append(Mention(tokens[k][0], tokens[k + 1][1], FULL))
    return out


def _kind_apposed(before: str, kind: frozenset[str]) -> bool:
    """Whether a name stands in apposition to the kind of place asked for (`op welke
    basisschool`): "De Enschedese basisschool La Res is ..." names that school wherever
    the sentence puts it, with or without a preposition of place."""
    return bool(kind) and same_head(before, kind)


def _placed(before: str, governor: str, kind: frozenset[str]) -> bool:
    """Whether a preposition of place governs the name: right before it (`in Woerden`),
    or, for a question for a kind of place (`op welke brug`), before its article: Dutch
    names towns and countries without one, but a bridge, a park or a building with
    (`op de Merwedebrug`, `in het Vondelpark`)."""
    return fold(before) in PLACE_PREPOSITIONS or (bool(kind) and governor in PLACE_PREPOSITIONS)


def _of_another_kind(
    sentence: str,
    tokens: list[Token],
    first: int,
    last: int,
    words: list[tuple[int, str]],
    kind: frozenset[str],
) -> bool:
    """Whether a place name is not said to be of the kind a `welke N` question asks for
    (`op welke brug`): not named after it (`Merwedebrug`, `Erasmusbrug`: a compound is
    what its head is), not classed by it in close apposition (`de brug Zeeburg`) or
    after a comma. Such a place answers where, not which N."""
    if not kind:
        return False
    before = tokens[first - 1][2] if first > 0 else ""
    return not (
        same_head(before, kind)
        or any(same_head(w, kind) for _, w in words)
        or _apposed(sentence, tokens, last, kind)
    )


def _classing_opener(words: list[tuple[int, str]], asked: frozenset[str]) -> bool:
    """A sentence's first word before a name the question has is what that name is, in
    close apposition ("Kledingketen CoolCat", "Topuniversiteit Yale"): no other name."""
    return len(words) > 1 and words[0][0] == 0 and all(term(w) in asked for _, w in words[1:])


def _role_opening(words: list[tuple[int, str]], focus: frozenset[str]) -> bool:
    """A name of two words side by side whose first is the noun asked about, capitalised
    as the sentence's first word: it says what the one named by the second is (not in a
    coordination: "VVD en CDA")."""
    return len(words) == 2 and words[1][0] == words[0][0] + 1 and same_head(words[0][1], focus)


def _headed(words: list[tuple[int, str]], focus: frozenset[str]) -> bool:
    """A name whose last word is the noun asked about names one of its kind: the `TWA
    Hotel` is a hotel, as a Dutch compound is what its head is."""
    return len(words) > 1 and same_head(words[-1][1], focus)


def _apposed(sentence: str, tokens: list[Token], last: int, focus: frozenset[str]) -> bool:
    """An apposition says the name is one of the kind asked about: "De Daybreaker, de nieuwe
    nachttrein" names the night train of "hoe heet de nachttrein"."""
    return any(same_head(w, focus) for w in apposed(sentence, tokens, last))


# The copulas by which a name is said to be what its predicate noun names.
_COPULAS = frozenset("is was wordt werd blijft bleef zijn waren worden werden".split())


def _predicated(tokens: list[Token], last: int, focus: frozenset[str]) -> bool:
    """Whether the name is the subject of a copula whose predicate is the noun asked about:
    "Joep de Groot wordt de nieuwe bestuursvoorzitter van CZ" says he is the chairman
    asked for, as an apposition would; the noun follows an article or a possessive and
    any inflected adjectives."""
    if not focus:
        return False
    following = [folded(t[2]) for t in tokens[last + 1 : last + 6]]
    if len(following) < 3 or following[0] not in _COPULAS or following[1] not in _DETERMINERS:
        return False
    j = 2
    while j + 1 < len(following) and attributive(following[j]):
        j += 1
    return same_head(following[j], focus)


def _classified(tokens: list[Token], first: int, words: list[tuple[int, str]]) -> bool:
    """Whether a common noun in close apposition says what the name is: the noun right
    before it (`kunstenaar Gabriël Sterk`, `de club Standard Luik`) after an article, a
    possessive, a preposition or an inflected adjective, or a sentence's capitalised first
    word before a name of two words or more (`Productiehuis De Familie`)."""
    if first == 0:
        return len(words) > 2 and not folded(words[0][1]).endswith("e")
    if _exemplified(tokens, first):
        return True
    noun = folded(tokens[first - 1][2])
    # An inflected adjective (`het nieuwe TWA Hotel`) ends in -e; the nouns that do are few.
    if not noun.isalpha() or noun in STOP_WORDS or noun in _OPENERS or noun.endswith("e"):
        return False
    if first == 1:
        return tokens[0][2][:1].isupper()
    determiner = folded(tokens[first - 2][2])
    return determiner in _DETERMINERS or (len(determiner) > 3 and determiner.endswith("e"))


def _exemplified(tokens: list[Token], first: int) -> bool:
    """Whether the name is an example of a plural noun before `als` (such as):
    "bestsellers als Sonny Boy en Bernhard", "landen als Frankrijk" are of that class."""
    if first < 2 or folded(tokens[first - 1][2]) != "als":
        return False
    noun = folded(tokens[first - 2][2])
    return (
        noun.isalpha() and noun not in STOP_WORDS and len(noun) > 3 and noun.endswith(("en", "s"))
    )


def _bracketed(sentence: str, tokens: list[Token], run: tuple[int, int]) -> list[tuple[int, int]]:
    """A run split where brackets, quotes, a colon or a semicolon come between its words:
    "Matthijs van Nieuwkerk (De Wereld Draait Door)" names a man and a programme."""
    parts = []
    start = run[0]
    for j in range(run[0] + 1, run[1] + 1):
        if _BREAKS.intersection(sentence[tokens[j - 1][1] : tokens[j][0]]):
            parts.append((start, j - 1))
            start = j
    parts.append((start, run[1]))
    return parts


def _governor(tokens: list[Token], first: int) -> str:
    """The preposition before a name, past an article: `in Woerden`, `op de Dam`."""
    j = first - 1
    if j >= 0 and fold(tokens[j][2]) in ("de", "het", "den", "the"):
        j -= 1
    return fold(tokens[j][2]) if j >= 0 else ""


def _surname_particle(words: Sequence[str], i: int) -> bool:
    """A capitalised `Van`, `Ter`, `Ten` or `Von` before a capitalised name starts a
    surname: Dutch writes the particle with a capital when no first name precedes it
    (Van Nieuwkerk, Van der Laan)."""
    if not words[i][:1].isupper() or folded(words[i]) not in ("van", "ter", "ten", "von"):
        return False
    following = [w for w in words[i + 1 : i + 3] if folded(w) not in _NAME_PARTICLES]
    return bool(following) and following[0][:1].isupper()


def _derived_adjective(words: Sequence[str], i: int, focus: frozenset[str]) -> bool:
    """A capitalised word that is an adjective derived from a name, before its noun: Dutch
    forms them with -s(ch)e (`Amerikaanse wetenschappers`, `Utrechtse tram`, `Belgische
    club`) and writes them with a capital, but they name no one, unless their noun is
    the one asked about (`de Franse nationaliteit` for `welke nationaliteit`)."""
    word, following = words[i], words[i + 1 : i + 2]
    if len(word) < 5 or not folded(word).endswith(("se", "sche")) or not following:
        return False
    noun = following[0]
    return (
        noun.isalpha()
        and noun.islower()
        and folded(noun) not in _NAME_PARTICLES
        and not same_head(noun, focus)
    )


def _named(words: Sequence[str]) -> bool:
    """Whether a sentence's first word, capitalised for its place, is a name: the next
    word past any name particles is capitalised too (Michiel van Erp), or it has a capital
    of its own (GroenLinks, VVD)."""
    following = [w for w in words[1:4] if folded(w) not in _NAME_PARTICLES][:1]
    return bool(following and following[0][:1].isupper()) or any(c.isupper() for c in words[0][1:])


def _coordinated(tokens: list[Token], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def _calendar(low: str, inside: bool, following: Sequence[str]) -> bool:
    """Whether a capitalised word is a month or a weekday, not a name: Dutch writes them in
    lowercase, so one capitalised inside a name is a name of its own (`Kees Jan Westra`),
    and so is one before a surname (`Jan de Vries`); one opening a run otherwise is left
    out (`Jan` may be January at the start of a sentence)."""
    if not (low in MONTH_WORDS or low in WEEKDAY_WORDS) or inside:
        return False
    name = [w for w in following if folded(w) not in _NAME_PARTICLES][:1]
    return not (name and name[0][:1].isupper() and name[0].isalpha())


def _compound_heads(sentence: str, tokens: list[Token]) -> frozenset[int]:
    """The tokens that open a compound with a lowercase last part (`KLM-dochter`,
    `F-site`): the name in them only says which daughter or site."""
    return frozenset(
        i
        for i, (a, b) in enumerate(pairwise(tokens))
        if sentence[a[1] : b[0]] == "-" and b[2][:1].islower()
    )


def _lettered(word: str) -> bool:
    """A word of letters, or of letters and digits that a name holds (`C1000`, `D66`)."""
    return word.isalpha() or (word.isalnum() and word[:1].isalpha())


def _name_runs(
    words: Sequence[str],
    adjectives: bool = False,
    focus: frozenset[str] = frozenset(),
    heads: frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """Runs of capitalised words (name particles allowed inside) as token index ranges; the
    sentence's first word only when it is a name by more than its place (`_named`).
    Adjectives derived from names count only with `adjectives`: where something is from
    partly answers where. A name particle does not join a run to a word that opens a
    compound (`heads`)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = -1
    for i, word in enumerate(words):
        low = folded(word)
        if i in heads and start is not None and last < i - 1:
            # A particle does not join a name to one that opens a compound: "Agnes Cremers
            # van F-site" is Agnes Cremers; "het Mars One-project" keeps Mars One whole.
            runs.append((start, last))
            start = None
        if start is not None and last < i - 1 and low.endswith(_ADJECTIVAL):
            # After `van` an adjective opens a phrase of its own: "Stef Blok van
            # Buitenlandse Zaken" is Stef Blok.
            runs.append((start, last))
            start = None
        capital = word[:1].isupper() and _lettered(word) and low not in STOP_WORDS
        capital = capital and low not in _OPENERS
        capital = capital and not _calendar(low, start is not None, words[i + 1 : i + 4])
        capital = capital and (adjectives or not _derived_adjective(words, i, focus))
        capital = capital or (start is None and _surname_particle(words, i))
        if capital and (i > 0 or _named(words)):
            if start is None:
                start = i
            last = i
        elif start is not None and low in _NAME_PARTICLES:
            continue
        elif start is not None:
            runs.append((start, last))
            start = None
    if start is not None:
        runs.append((start, last))
    return runs
