"""Reasons: the clause a causal connective opens, or what moves someone to act.

A clause opened by a causal connective (omdat, doordat, vanwege, wegens, dankzij,
aangezien, `komt door`), a causal prepositional phrase (`als gevolg van`, `uit angst
voor`) or a causal noun (reden, oorzaak; with what follows it in its clause or after its
colon) fits fully; one opened by `want`, which mostly gives the speaker's ground for a
claim, fits well. What moves someone to act fits well: a fear or worry (`bang voor`,
`zorgen over`), or an argument put forward (`voerden aan dat`, `wijst op`). A purpose
clause (`om ... te`) fits well after a word that says it is one (`bedoeld om`, `met als
doel om`) and partially otherwise, since `om ... te` also introduces plain infinitives
(`besloot om te stoppen`). A sentence opened by an anaphoric connective (daarom,
daardoor) fits partially: its cause is the sentence before. A causal noun under a
negation ("de oorzaak is nog niet gevonden") or pointing back (`om dezelfde reden`)
states no reason of its own. A reason explains the clause it is attached to: when that
main clause holds no word of the question and points back to nothing, the reason is for
something else and fits partially. A sentence that says it follows from the one before
(`Daarom ...`, `Hierdoor ...`, `Om die reden ...`, `Dat is de reden ...`) makes that
sentence its reason (`points_back`); one that announces a reason (`Dat heeft een reden.`,
`De reden van zijn tocht?`) makes the next sentence its reason (`announces`). What the
actor wants, in a sentence of its own (`Hij wil meer tijd met zijn gezin`), is the aim of
what it did, and fits well. `Dat komt door ...` names a cause as `komt doordat` does, and
so do `heeft te maken met` after a clause and `door` opening a sentence that is no
passive; `namelijk` after the verb makes its sentence explain the one before.
"""

from __future__ import annotations

import re

from storage.language.text import STOP_WORDS, fold, term
from storage.search.asking import REASON_NOUNS, participle
from storage.search.mentions.base import FULL, GOOD, PARTIAL, QUOTED, Mention, Token

_CAUSAL = frozenset("omdat doordat want vanwege wegens dankzij aangezien because due since".split())
# `want` gives the speaker's ground for saying what came before ("Hij is thuis, want het
# licht brandt") more often than the cause of what happened, as `omdat` does.
_GROUNDS = frozenset({"want"})
_ANAPHORIC_CAUSAL = frozenset({"daarom", "daardoor", "zodoende", "therefore"})
# Pronominal adverbs and adverbs that say a clause follows from what was said before,
# wherever they stand in it: `daarom`, `hierdoor`, `vandaar`.
_CONSEQUENCE = _ANAPHORIC_CAUSAL | frozenset({"hierdoor", "hierom", "vandaar", "hence"})
# Adverbs that say so only at the head of a sentence: `Dus ...` (inside a clause `dus` is
# a particle: "dat is dus niet zo").
_OPENING_CONSEQUENCE = frozenset({"dus", "so"})
# The demonstratives that, as a sentence's subject, point back to what was said before:
# "Dat is de reden", "Dat komt door ...".
DEMONSTRATIVES = frozenset("dat dit that this".split())
# How far into its sentence a causal noun is the predicate of a demonstrative subject:
# "Dat kan volgens hem een reden zijn".
_PREDICATE_REACH = 6
# Determiners that make a causal noun point back: om die reden, om dezelfde reden.
_POINTING = frozenset("die deze dat dit dezelfde zelfde this that same".split())
# Those of them that point back to what was just said: `om die reden`, not `om dezelfde
# reden`, which names again a reason given for something else.
_THAT = _POINTING - {"dezelfde", "zelfde", "same"}
_PURPOSE = frozenset("bedoeld bedoeling doel opzet".split())
# How far before `om` a word of purpose may stand: `bedoeld om`, and the subject of a
# copula whose complement the purpose clause is, `Doel van de proef was om ... te`.
_PURPOSE_REACH = 5
# Prepositional phrases that say why, as vanwege does.
_CAUSAL_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "als gevolg van",
        "ten gevolge van",
        "naar aanleiding van",
        "in verband met",
        "omwille van",
        "door toedoen van",
        "uit angst",
        "uit vrees",
        "uit protest",
        "uit onvrede",
        "uit woede",
        "op grond van",
        "onder druk van",
        "bij gebrek aan",
    )
)
_PHRASE_STARTS = frozenset(p[0] for p in _CAUSAL_PHRASES)
# Fears and worries, what moves people to act.
_FEARS = frozenset("bang vrees vreest vreesde vreesden vrezen angst bezorgd ongerust".split())
# Hopes, what moves people to act as fears do, when said of what they do: `hopen zo ...
# tegen te gaan`, `in de hoop dat`.
_HOPES = frozenset("hoop hopen hoopt hoopte hoopten".split())
# The adverbs that make a hope the aim of an act: by it, thereby.
_BY_IT = frozenset("zo daarmee hiermee hierdoor daardoor zodoende".split())
# The prepositions that attribute a view to someone: `volgens de bonden`.
_ACCORDING = frozenset({"volgens", "according"})
# How many words after `volgens` name whom the view is of: `volgens de jonge activisten`.
_ACTOR_REACH = 3
# Verbs of holding a view, in their finite forms: `vinden`, `menen`.
_OPINION = frozenset("vind vindt vinden vond vonden meent menen meende meenden".split())
# Verbs that point out an argument: `wijst op`.
_POINTING_OUT = frozenset("wijst wees wezen wijzen".split())
_NEGATIONS = frozenset("niet geen nooit onduidelijk onbekend".split())
_CLAUSE_END = re.compile(r"[,;:.!?]\s|[;:!?]$|\.$|[\"”’)]")


def find(sentence: str, tokens: list[Token], asked: frozenset[str] = frozenset()) -> list[Mention]:
    out = _explained(sentence, tokens, asked)
    folded = [fold(t[2]) for t in tokens]
    for i, word in enumerate(folded):
        start = tokens[i][0]
        if word in REASON_NOUNS and not _in_phrase(folded, i):
            pointing = _points_back(folded, i) or _predicate_of_anaphor(folded, i)
            stated = not pointing and not _negated(sentence, folded, tokens, i)
            if stated and (named := _named_reason(sentence, tokens, folded, i)) is not None:
                out.append(named)
        elif (
            word in _CAUSAL
            or word == "opdat"
            or (word == "door" and _coming_about(folded, i))
            or (
                word in _PHRASE_STARTS
                and any(tuple(folded[i : i + len(p)]) == p for p in _CAUSAL_PHRASES)
            )
        ):
            strength = PARTIAL if asked and _explains_else(folded, i, asked) else FULL
            if word in _GROUNDS:
                strength = min(strength, GOOD)
            out.append(Mention(start, clause_end(sentence, tokens[i][1]), strength))
        elif _caused_by(folded, i):
            # "Door de werkzaamheden aan de tunnel reed er geen trein": a sentence that
            # opens with `door` and its noun phrase, outside a passive, names its cause.
            out.append(Mention(start, clause_end(sentence, start), FULL))
        elif _explaining(sentence, tokens, folded, i):
            # "Vanessa was namelijk de enige zwarte activiste": what the sentence says
            # after `namelijk` explains the sentence before.
            out.append(Mention(tokens[i + 1][0], clause_end(sentence, start), FULL))
        elif _related(folded, i):
            # "Dat Day Zero niet kwam, heeft te maken met de waterbesparing": what a
            # demonstrative or a clause as subject `te maken heeft met` is its cause.
            out.append(Mention(start, clause_end(sentence, tokens[i + 2][1]), FULL))
        elif word == "om" and "te" in folded[i + 2 : i + 12]:
            purpose = _PURPOSE.intersection(folded[max(0, i - _PURPOSE_REACH) : i])
            strength = GOOD if purpose else PARTIAL
            out.append(Mention(start, clause_end(sentence, tokens[i][1]), strength))
        elif word in _ACCORDING and i == 0 and _asked_actor(folded, i, asked):
            # "Volgens de activisten draagt het beleid te weinig bij": the view of whom the
            # question asks about is the reason they give.
            end = clause_end(sentence, tokens[i][1])
            if sum(t[1] <= end for t in tokens) > i + 2 + _ACTOR_REACH:
                # Not "Volgens SATL, waarbij ...": the view itself follows the comma.
                out.append(Mention(start, end, GOOD))
        elif _attempt(folded, i):
            # "In een poging de prijzen af te remmen, ...": an attempt names its aim, with
            # or without `om`.
            out.append(Mention(tokens[i - 2][0], clause_end(sentence, tokens[i][1]), GOOD))
        elif word in _OPINION and _actor_before(folded, i, asked):
            # "De aanklagers vonden de straf te licht": the view the actor the question
            # names holds is the reason it acts on, as with `volgens`.
            end = clause_end(sentence, tokens[i][1])
            if i + 1 < len(tokens) and tokens[i + 1][0] < end:
                out.append(Mention(tokens[i + 1][0], end, GOOD))
        elif word in _ANAPHORIC_CAUSAL:
            # The cause is in the sentence before, which the quote takes with it.
            out.append(Mention(tokens[0][0], tokens[-1][1], PARTIAL))
        elif _wish(folded, i, asked):
            # "Hij wil meer tijd doorbrengen met zijn gezin": what the actor wants, said
            # apart from what the question asks, is the aim of the act told before.
            end = clause_end(sentence, tokens[i][1])
            if i + 1 < len(tokens) and tokens[i + 1][0] < end:
                out.append(Mention(tokens[i + 1][0], end, GOOD))
        elif _motive(folded, i):
            # An argument is what follows `aan dat` or `op`; a fear is said with its word.
            first = i + 2 if word == "aan" else i + 1 if word in _POINTING_OUT else i
            if first < len(tokens):
                end = clause_end(sentence, tokens[first][1])
                out.append(Mention(tokens[first][0], end, GOOD))
    return out


def _in_phrase(folded: list[str], i: int) -> bool:
    """Whether the causal noun at word `i` is part of a causal phrase (`naar aanleiding
    van`), which is read as the phrase it is."""
    return any(
        tuple(folded[j : j + len(p)]) == p
        for p in _CAUSAL_PHRASES
        for j in range(max(0, i - len(p) + 1), i + 1)
    )


def _named_reason(sentence: str, tokens: list[Token], folded: list[str], i: int) -> Mention | None:
    """The reason a causal noun at word `i` names: what its clause says after it ("de
    reden is dat ..."), past a colon that opens it ("Oorzaak: een administratief
    foutje"), which does not end the clause but introduces what the noun stands for.

    What a phrase right after the noun names is what the reason is of, not the reason
    ("Aanleiding voor het geweld zou een kwetsende opmerking zijn geweest", "de reden
    waarom hij stopt, is ..."): the reason is the predicate after the verb that follows.
    Without such a verb the noun states none: "Aanleiding voor 50Plus om ... te
    heroverwegen." is said of the sentence before. Nor does a noun that ends its clause
    ("Dat heeft een reden."): it announces the reason, which the next sentence gives
    (`announces`)."""
    after = tokens[i][1]
    if sentence[after : after + 1] == ":":
        return Mention(tokens[i][0], clause_end(sentence, after + 1), FULL)
    end = clause_end(sentence, after)
    if i + 1 >= len(tokens) or tokens[i + 1][0] >= end:
        return None
    if folded[i + 1] not in _OF_WHAT:
        return Mention(tokens[i][0], end, FULL)
    verb = next((k for k in range(i + 2, len(tokens)) if folded[k] in _COPULAS), None)
    if verb is None or verb + 1 >= len(tokens):
        return None
    return Mention(tokens[verb + 1][0], clause_end(sentence, tokens[verb + 1][1]), FULL)


# The words after a causal noun that open what it is the reason of: `reden voor`,
# `oorzaak van`, `aanleiding tot`, `aanleiding om`, `reden waarom`.
_OF_WHAT = frozenset("voor van tot om waarom".split())
# The verbs that link a causal noun to the reason it is: "De oorzaak van de brand is ...";
# not `zijn`, as often the possessive ("om zijn standpunt te heroverwegen").
_COPULAS = frozenset("is was waren zou zouden lijkt leek blijkt bleek ligt lag".split())
# Adjectives that say a reason is plain before giving it: "De reden is simpel."
_PLAIN = frozenset("simpel eenvoudig duidelijk helder".split())


def announces(sentence: str, words: list[str]) -> bool:
    """Whether a sentence (its text and folded words) announces the reason that the next
    one gives: a causal noun closing it ("Dat deze zaak in Nederland voor de rechter is
    gebracht, heeft een reden."; "Daar is een goede reden voor."; "De reden is simpel."),
    or asked as a question ("De reden van zijn tocht?"), as writers raise one to answer
    it."""
    for i, word in enumerate(words):
        if word not in REASON_NOUNS or _points_back(words, i) or _predicate_of_anaphor(words, i):
            continue
        rest = words[i + 1 :]
        if (
            not rest
            or rest == ["voor"]
            or (len(rest) == 2 and rest[0] in _COPULAS and rest[1] in _PLAIN)
        ):
            return True
        if (
            sentence.rstrip().endswith("?")
            and rest[0] in _OF_WHAT
            and not _COPULAS.intersection(rest)
        ):
            return True
    return False


# The forms of `komen` that with `door` say what caused something.
_COMING = frozenset("komt kwam kwamen komen".split())
# Adverbs that weigh a cause without changing that it is one: "komt mede door", "komt
# vooral door".
_WEIGHING = frozenset("mede vooral deels grotendeels voornamelijk hoofdzakelijk puur ook".split())


# The forms of `worden`, the auxiliary of the passive, whose agent `door` may open.
_PASSIVE = frozenset("word wordt worden werd werden geworden".split())
# What opens the noun phrase after `door`: an article, a demonstrative, a possessive.
_DETERMINING = frozenset("de het een deze die dit dat zijn haar hun".split())


def _caused_by(folded: list[str], i: int) -> bool:
    """Whether the sentence opens with `door` and a noun phrase and is no passive, whose
    agent `door` would open: then what follows `door` caused what the sentence says."""
    if i != 0 or folded[0] != "door" or len(folded) < 4 or folded[1] not in _DETERMINING:
        return False
    return not _PASSIVE.intersection(folded) and not _participle_at_end(folded)


def _participle_at_end(folded: list[str]) -> bool:
    """Whether the sentence ends in a past participle (`asking.participle`: ge- and -d, -t
    or -en, also after a separable prefix, `aangehouden`; be-, ver-, ont- and -d or -t,
    `veroordeeld`), as a passive with `zijn` does ("Door de politie is hij aangehouden")."""
    return participle(folded[-1])


def _explaining(sentence: str, tokens: list[Token], folded: list[str], i: int) -> bool:
    """Whether word `i` is `namelijk` after the finite verb, where it says that its
    sentence explains the one before, as `want` does; after a comma or a colon it
    specifies ("twee landen, namelijk Frankrijk en Duitsland")."""
    if folded[i] != "namelijk" or i == 0 or i + 1 >= len(tokens):
        return False
    return sentence[: tokens[i][0]].rstrip()[-1:] not in (",", ":")


# The forms of `hebben` that `te maken met` says a relation with, and what may stand
# between them: `heeft alles te maken met`, `heeft mede te maken met`.
_HAVING = frozenset("heeft hebben had hadden".split())
_HOW_MUCH = _WEIGHING | frozenset("alles veel niets weinig".split())


def _related(folded: list[str], i: int) -> bool:
    """Whether word `i` opens `te maken met` after a form of `hebben`, in a sentence whose
    subject is a demonstrative, `het` or a clause (`Dat ...`): a relation of a state of
    affairs to what brought it about. With a noun as subject it says what one deals with
    ("De politie heeft te maken met veel meldingen")."""
    if folded[i : i + 3] != ["te", "maken", "met"] or i + 3 >= len(folded):
        return False
    verb = i - 1
    while verb > 0 and folded[verb] in _HOW_MUCH:
        verb -= 1
    return folded[verb] in _HAVING and folded[0] in DEMONSTRATIVES | {"het"}


def _coming_about(folded: list[str], i: int) -> bool:
    """Whether `door` at word `i` follows a form of `komen`, which with it says what
    caused something: "Dat komt door het medisch beroepsgeheim", "Volgens hem komt het
    door ...", "kwam door een val om het leven"."""
    verb = i - 1
    while verb > 0 and folded[verb] in _WEIGHING:
        verb -= 1
    if verb > 0 and folded[verb] in ("dat", "het"):
        verb -= 1
    return verb >= 0 and folded[verb] in _COMING


# Words by which a main clause points back to what was said before: "Dat komt doordat".
_ANAPHORS = frozenset(
    "dat dit het die deze daar daarom daardoor hij zij ze zich that this it".split()
)


def _explains_else(folded: list[str], i: int, asked: frozenset[str]) -> bool:
    """Whether the causal clause opened at word `i` explains something the question does
    not ask about: a subordinate reason explains its main clause (the words before it),
    and when that holds no word of the question and points back to nothing, the reason is
    for something else ("Drie mensen zijn naar een ziekenhuis gebracht omdat ...")."""
    main = folded[:i]
    if len(main) < 3:
        return False
    return not (_ANAPHORS.intersection(main) or {term(w) for w in main} & asked)


def _asked_actor(folded: list[str], i: int, asked: frozenset[str]) -> bool:
    """Whether `volgens` at word `i` attributes the view to someone the question names
    ("Waarom wilden de activisten ...?" - "Volgens de activisten ..."): what people are
    said to hold is the reason they act on. (Only a `volgens` that opens its sentence
    frames the whole statement as their view: "Die ongelukken zorgen volgens de Radboud
    voor ..." says what the accidents do.)"""
    return _names_asked(folded[i + 1 : i + 1 + _ACTOR_REACH], asked)


def _names_asked(words: list[str], asked: frozenset[str]) -> bool:
    """Whether any of the (folded) words, stop words aside, is a word of the question."""
    return any(w not in STOP_WORDS and term(w) in asked for w in words)


# Verbs that open what is said after a colon: a quotation or a report, no explanation.
_SAYING = frozenset("zegt zei zeiden zeggen stelt stelde schrijft schreef aldus luidt".split())
# How many words the clause before an explaining colon has at least.
_CLAUSE_WORDS = 4


def _explained(sentence: str, tokens: list[Token], asked: frozenset[str]) -> list[Mention]:
    """What follows a colon that closes a statement of what the question asks about:
    "wolven zullen die niet opzoeken: rond het park liggen voldoende bossen" - after a
    whole clause, a colon opens its explanation; it opens an elaboration, a list or what
    someone says as often, so the explanation fits partially (not after a verb of saying,
    nor before quotation marks, nor when the clause is short). As a direct line it gave
    more wrong lines than right ones on the tuning sets."""
    colon = sentence.find(":")
    if colon < 0 or not asked or QUOTED.match(sentence, colon):
        return []
    before = [fold(t[2]) for t in tokens if t[1] <= colon]
    after = [t for t in tokens if t[0] > colon]
    if len(before) < _CLAUSE_WORDS or len(after) < _CLAUSE_WORDS:
        return []
    if _SAYING.intersection(before) or not _names_asked(before, asked):
        return []
    return [Mention(after[0][0], clause_end(sentence, after[0][1]), PARTIAL)]


def _attempt(folded: list[str], i: int) -> bool:
    """Word `i` is the noun of `in een poging (om) ... te`, a purpose adverbial."""
    return (
        folded[i] == "poging"
        and folded[max(0, i - 2) : i] == ["in", "een"]
        and ("te" in folded[i + 1 : i + 12])
    )


def _actor_before(folded: list[str], i: int, asked: frozenset[str]) -> bool:
    """Whether the subject before the verb at word `i`, opening the sentence, names
    someone the question asks about ("De aanklagers vonden ..." for "Waarom gingen de
    aanklagers in beroep?")."""
    return 0 < i <= _ACTOR_REACH and _names_asked(folded[:i], asked)


# Finite forms of `willen`, and the personal pronouns that, as its subject opening a
# sentence, refer back to the actor the sentence before named.
_WANTS = frozenset("wil wilt willen wilde wilden".split())
_PRONOUNS = frozenset("hij zij ze".split())


def _wish(folded: list[str], i: int, asked: frozenset[str]) -> bool:
    """Whether word `i` is `willen` after a pronoun subject opening the sentence, and what
    is wanted holds no word of the question: "Hij stopt als international. Hij wil meer tijd
    met zijn gezin." A deliberate act is explained by its aim, and news gives the aim in a
    sentence of its own; what is wanted that repeats the question ("Ze wil dat de sultan
    ...") is the act asked about, not its aim, and a wish contrasted with what came of
    it ("Ze wilde in maart terugkeren, maar ...") was given up."""
    if i != 1 or folded[i] not in _WANTS or folded[0] not in _PRONOUNS or not asked:
        return False
    return "maar" not in folded and not _names_asked(folded[i + 1 :], asked)


def _motive(folded: list[str], i: int) -> bool:
    """Word `i` opens what moves someone to act: a fear or worry (`bang voor`, `vreest
    dat`, `zorgen over`), a hope for what is done (`hopen zo ...`, `in de hoop dat`) or an
    argument put forward (`voerden aan dat`, `wijst op`)."""
    word, following = folded[i], folded[i + 1 : i + 3]
    if word in _FEARS:
        return bool(following) and following[0] in ("voor", "dat", "over", "om")
    if word == "zorgen":
        return bool(following) and following[0] in ("over", "om")
    if word in _HOPES:
        # "in de hoop dat", or a hope the clause says is the aim of what is done: "Ze hopen
        # zo het lerarentekort tegen te gaan" (a plain wish, "hoopt op beter weer", is none).
        within = folded[i + 1 : i + 4]
        return folded[i - 2 : i] == ["in", "de"] or bool(_BY_IT.intersection(within))
    if word == "aan" and following[:1] == ["dat"]:
        return i > 0 and folded[i - 1].startswith(("voer", "voor"))
    return word in _POINTING_OUT and following[:1] == ["op"]


def _points_back(folded: list[str], i: int) -> bool:
    return i > 0 and folded[i - 1] in _POINTING


def _predicate_of_anaphor(folded: list[str], i: int) -> bool:
    """Whether the causal noun at word `i` is the predicate of a demonstrative subject that
    opens the sentence: in "Dat is de reden dat ze stopt" the reason is what `dat` points
    back to, and the clause after the noun is what it explains."""
    return 0 < i <= _PREDICATE_REACH and folded[0] in DEMONSTRATIVES


def standing_alone(words: list[str]) -> bool:
    """Whether a sentence (its folded words) makes a statement of its own, one a later
    sentence can point back to as its reason: not when it opens with a demonstrative or a
    pronominal adverb, which points back itself ("Dat hindert de Kamer ..."), so that the
    reason lies further back and a chain of consequences is not read."""
    return not words[:1] or not (
        words[0] in DEMONSTRATIVES
        or words[0] in ("die", "deze", "daar", "hier")
        or words[0] in _CONSEQUENCE
        or words[0].startswith(("daar", "hier"))
    )


def points_back(words: list[str]) -> bool:
    """Whether a sentence (its folded words) says that it follows from the one before it,
    whose statement is then its reason: a pronominal adverb of consequence anywhere in it
    (`Daarom is de AIVD tegen ...`, `De AIVD is daarom tegen ...`, `Hierdoor ...`,
    `Vandaar ...`), `dus` at its head, a causal noun with a demonstrative determiner (`Om
    die reden ...`; not `om dezelfde reden`, which names again a reason given for something
    else, anywhere before) or as the predicate of a demonstrative subject (`Dat is de
    reden ...`). News often states a fact and then what it led to, the link said by the
    anaphor alone."""
    if words[:1] and words[0] in _OPENING_CONSEQUENCE:
        return True
    for i, word in enumerate(words):
        if word in _CONSEQUENCE:
            return True
        demonstrative = i > 0 and words[i - 1] in _THAT
        if word in REASON_NOUNS and (demonstrative or _predicate_of_anaphor(words, i)):
            return True
    return False


def _negated(sentence: str, folded: list[str], tokens: list[Token], i: int) -> bool:
    """A negation in the clause of word `i`: "heeft de oorzaak nog niet gevonden"."""
    end = clause_end(sentence, tokens[i][1])
    start = sentence.rfind(",", 0, tokens[i][0]) + 1
    return any(w in _NEGATIONS for w, t in zip(folded, tokens, strict=True) if start <= t[0] < end)


def clause_end(sentence: str, after: int) -> int:
    """Where the clause that starts before `after` ends: the next punctuation that closes
    a clause (a closing bracket only when the clause did not open it), or the end of the
    sentence. A comma right at `after` opens an inserted phrase ("omdat, anders dan bij
    nationale verkiezingen, een overzicht nodig is"): the clause goes on past it."""
    match = _past_insertion(sentence, after, _CLAUSE_END.search(sentence, after))
    while match and match.group() == ")" and "(" in sentence[after : match.start()]:
        # A bracket opened within the clause is part of it: "(wilde schapen)".
        match = _CLAUSE_END.search(sentence, match.end())
    end = match.start() if match else len(sentence)
    return len(sentence[:end].rstrip())


def _past_insertion(sentence: str, after: int, match: re.Match[str] | None) -> re.Match[str] | None:
    """The clause's end past a phrase inserted between commas right at `after`."""
    if match is None or match.group() != ", " or sentence[after : match.start()].strip():
        return match
    closing = _CLAUSE_END.search(sentence, match.end())
    if closing is None or closing.group() != ", ":
        return match
    return _CLAUSE_END.search(sentence, closing.end())
