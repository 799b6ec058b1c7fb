"""When to say "not found": the first article to quote most likely does not answer.

`abstain` lists the readings; each has its reason in docs/answer-quality.md.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from bot.answer.reading import Focus, Window, headed_by, hit_sentences, sentence_of
from storage.archive import (
    PENALTY,
    Hit,
    Mention,
    SearchResult,
    headed,
    parse_period,
    persons,
    says_planned,
    says_unknown,
    sentence_spans,
    term_spans,
)

_NEXT_WORD = re.compile(r" +([^\W\d_]+)")

# The kinds of answer that are names (storage/search/mentions/names.py).
_NAMES = frozenset({"person", "name", "place"})

# What places a clause after the time of writing: the deictic adverbs of time to come, a
# span counted from now (`over een week`; `binnen een jaar` may be counted from another
# time: "voor de zevende keer binnen een jaar"), a coming unit of the calendar (`volgende
# week`, `de komende maanden`).
_AHEAD = re.compile(
    r"\b(?:morgen|overmorgen|binnenkort|straks"
    r"|over (?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+|enkele|een paar)"
    r" (?:dag|dagen|week|weken|maand|maanden|jaar)"
    r"|(?:volgende|komende|later deze) (?:week|weken|maand|maanden|jaar|jaren|dagen))\b",
    re.IGNORECASE,
)
# A day of a month, with its year if given (read by `parse_period`).
_DAY_OF_MONTH = re.compile(r"\b(\d{1,2}) ([a-z]{3,9})(?: (\d{4}))?\b")
# The verbs of wanting, demanding, hoping and expecting, in their finite forms.
_DEMANDING = frozenset(
    """
    wil wilt willen wilde wilden eist eisen eiste eisten geëist hoopt hopen hoopte hoopten
    verwacht verwachten verwachtte verwachtten moet moeten moest moesten
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+")
# A year, which sets a sentence in a time the outcome filter compares with the question's.
_A_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# What ends a clause inside a sentence.
_CLAUSES = re.compile(r"[,;:]")

# The nouns and verbs of searching, up to the `naar` that takes what is sought and its
# definite article: an inquiry (`onderzoek`, `zoektocht`, `speurtocht`) or a search
# (`zoeken`, `op zoek`) for the one thing that answers (a concealed question: `de
# oorzaak`, `de dader`); an indefinite object ("zoeken naar overlevenden") is any such.
_SEARCH = re.compile(
    r"\b(?:\w*onderzoek(?:en|t)?|\w*(?:zoek|speur)tocht(?:en)?|zoek(?:en|t)?|zocht(?:en)?"
    r"|speur(?:en|t)?)(?: \w+){0,2} naar (?:de|het)\W+",
    re.IGNORECASE,
)
# The nouns that stand for the answer to why (a concealed question: `de oorzaak van de
# brand` is why it burnt), as terms.
_CAUSES = frozenset(t for _, _, t in term_spans("oorzaak aanleiding"))

# The definite articles and demonstratives, which open a definite description.
_DEFINITE = frozenset("de het die deze dat dit".split())

# What may close a sentence after its question mark, and open one before its first word.
_CLOSING = " \"'”’»)"


# The fit of a name a preposition of place governs, for a question for a person
# (storage/search/mentions/names.py: WEAK).
PLACE_FOR_PERSON = 0.2

# A mention that fits the kind asked for well (storage/search/mentions/: GOOD).
WELL = 0.8

# Share of the question's weight the best article must match before we cite it. Below
# it the archive most likely does not answer the question, and saying so beats quoting
# something that merely shares a word with it.
MIN_COVERAGE = 0.3


def abstain(
    result: SearchResult,
    focus: Focus,
    hits: list[Hit],
    pick: tuple[Hit, Window] | None = None,
    dated: bool = False,
) -> bool:
    """Say "not found" when the first article to quote (its passages `hits`, its chosen
    stretch `pick`) most likely does not answer the question:

    - it matches too little of the question. The kind of answer asked for counts as one
      more concept of the question (ANSWER times an average one), present as far as the
      stretch's mention fits: "Hoeveel wietplanten ...?" is answered by "2600
      hennepplanten" though the article never says wietplanten;
    - it lacks the very name or number the question is about (the 2022 World Cup in an
      archive that only mentions other World Cups);
    - the question asks for a name, number, date or place and there is none beside the
      sentences that match (the article's own date answers a when-question when
      `dated`, see `compose`); a name the question gives itself, an adjective of
      origin or what a question of the article asks about is none (`_answer_strength`);
      which one of a kind the article speaks of may be told by a description instead
      (`_kind_spoken_of`);
    - the question asks for one of a kind of thing (`welke straf`, `hoe heet het
      tijdperk`), the article never names that kind, and nothing in the stretch fits the
      question well (`_kind_unnamed`);
    - it says itself that what is asked is not known ("Hoe hoog die boete is, wil de
      gemeente niet zeggen", "Yale heeft de identiteit van de student niet
      bekendgemaakt"; `_told_unknown`);
    - the question asks what happened, and the article tells only what was wanted
      (`_only_wanted`) or planned (`_only_planned`), or speaks of part of what is asked
      only as still to come ("De rechtbank doet over twee weken uitspraak";
      `_only_ahead`);
    - the article speaks of the thing asked for only as what is being searched for ("de
      zoektocht naar de oorzaak"; `_only_sought`);
    - nothing in the stretch fits well, and the question asks for the final outcome or
      the exact figure (`uiteindelijk`, `precies`; `_final_asked`), for a punishment
      (`_punishment_unnamed`), or for who came out of a contest whose verb the article
      never uses (`_contest_only`).
    """
    strength = 1.0 if dated else _answer_strength(focus, pick) if pick else 0.0
    # The readings of the whole article give way to a stretch that answers well.
    answered = max(strength, _best_in_stretch(focus, pick)) >= WELL
    return (
        result.evidence.lacks_specific
        or covered(result, focus, strength) < MIN_COVERAGE
        or (_no_answer_kind(focus, strength) and not _kind_spoken_of(result, focus, hits))
        or _kind_unnamed(result, focus, hits, answered)
        or _told_unknown(result, focus, hits)
        or _only_wanted(focus, hits)
        or _only_planned(focus, hits)
        or _only_ahead(result, focus, hits, answered)
        or _only_sought(result, focus, hits, answered)
        or _final_asked(result, focus, pick, answered)
        or _punishment_unnamed(focus, answered)
        or _contest_only(result, focus, answered)
    )


def _punishment_unnamed(focus: Focus, answered: bool) -> bool:
    """The question asks for a punishment (`welke straf`, `tot hoeveel jaar cel`) and
    nothing in the stretch to quote fits it well. The number reader reads a punishment
    fully when its kind stands beside its term or sum (`zes jaar cel`, `een boete van 80
    euro`, `levenslang`); an article that reports one names it so, and a bare count, an
    age or a term of something else is no punishment at all."""
    return focus.expects == "number" and PENALTY in focus.measure and not answered


# The verbs that tell who or what came out of a contest or a choice, as a question has
# them: winning, being chosen, elected or appointed.
_DECIDED = frozenset(
    """
    won wonnen gewonnen wint winnen gekozen verkozen koos kozen benoemd benoemde benoemden
    wins elected appointed chosen
    """.split()
)


def _contest_only(result: SearchResult, focus: Focus, answered: bool) -> bool:
    """The question asks who or what came out of a contest or a choice ("Welke fotograaf
    won de publieksprijs?", "Wie werd gekozen tot Leraar van het Jaar?"), the article to
    quote never uses its verb, and nothing in the stretch fits the kind asked for well:
    such an article speaks of the contest, its nominees or candidates, and a name it
    gives is one of them, not the outcome. Not for a question that asks two things, whose
    other answer may be the one the article gives."""
    if focus.expects not in ("person", "name") or focus.further or answered:
        return False
    return bool(_DECIDED.intersection(w.lower() for w in result.evidence.missing))


# Adverbs that ask for the outcome at the end of a course of events (`uiteindelijk`,
# `ultimately`) or for the exact figure (`precies`, `exactly`).
_FINAL = frozenset("uiteindelijk ultimately eventually precies exact exactly".split())


def _final_asked(
    result: SearchResult, focus: Focus, pick: tuple[Hit, Window] | None, answered: bool
) -> bool:
    """The question stresses that it asks for the final outcome ("Welke straf kreeg hij
    uiteindelijk?") or the exact figure ("Hoeveel zijn er precies gevonden?"), nothing in
    the stretch to quote fits it well, and the stretch does not say so itself
    ("Uiteindelijk hebben 38 deelnemers een baan"). Asked so, a partial fit is a stage on
    the way (the demand, the first verdict) or an estimate, which the question sets aside."""
    if focus.expects in (None, "reason") or answered:
        return False
    if not _FINAL.intersection(_words(result.question)):
        return False
    if pick is None:
        return True
    hit, window = pick
    stretch = hit.text[window.spans[window.first][0] : window.spans[window.last][1]]
    return not _FINAL.intersection(_words(stretch))


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _answer_strength(focus: Focus, pick: tuple[Hit, Window]) -> float:
    """How well the chosen stretch answers: the fit of its mention, or, when that mention
    is no answer after all (`no_answer`), of the best other one in the stretch."""
    hit, window = pick
    mention = window.mention
    if mention is None or not no_answer(hit.text, window, mention, focus):
        return window.answer
    return _best_in_stretch(focus, pick)


def no_answer(passage: str, window: Window, mention: Mention, focus: Focus) -> bool:
    """A mention found as the answer that cannot be one: the question's own name
    (`_echoes`), an adjective of origin (`_attributive`), one a question of the article
    asks about (`_asked`), or what a search is for (`_searched`)."""
    return (
        _echoes(passage, mention, focus)
        or _attributive(passage, mention, focus)
        or _asked(passage, window, mention, focus)
        or _searched(passage, window, mention, focus)
    )


def _searched(passage: str, window: Window, mention: Mention, focus: Focus) -> bool:
    """Whether the mention is what a noun or verb of searching looks for ("de zoektocht
    naar de oorzaak van het ongeval"): what is sought is not yet found, so it answers
    nothing (see `_only_sought`). A number is not sought even there: in "de zoektocht
    naar de twintig vermisten" the count is known."""
    if focus.expects == "number":
        return False
    a, b = window.spans[sentence_of(window, mention.start)]
    return "naar" in passage[a : mention.start] and mention.start - a in _sought(passage[a:b])


def _sought(text: str) -> set[int]:
    """Where in `text` the object of a noun or verb of searching begins: the word right
    after its `naar` and the definite article. Only the object itself is sought: a name further in
    ("onderzoek naar de vernielingen in het Land van Maas en Waal") says where what is
    investigated happened, and is known."""
    return {m.end() for m in _SEARCH.finditer(text)}


def _asked(passage: str, window: Window, mention: Mention, focus: Focus) -> bool:
    """Whether the mention stands in a sentence that is a question: a question asserts
    nothing, so "Wordt het Johnson of Hunt?" says of neither that he became premier.
    What it presupposes it still takes for granted (`_presupposed`)."""
    a, b = window.spans[sentence_of(window, mention.start)]
    return passage[a:b].rstrip(_CLOSING).endswith("?") and not _presupposed(
        passage[a : mention.start], focus.measure | focus.kind
    )


def _presupposed(before: str, asked: frozenset[str]) -> bool:
    """Whether a name stands in close apposition after a definite article and the noun the
    question asks about ("de gemeente Gemert-Bakel" for "In welke gemeente ...?"), the
    words `before` it ending there. A definite description presupposes what it
    describes, and a presupposition survives a question: it is shared by the question
    and every answer to it (the family-of-sentences test, Chierchia and McConnell-Ginet
    1990). "Moet de gemeente Gemert-Bakel ingrijpen?" asks whether the municipality must
    act and takes for granted which one it is; the names of "Wordt het Johnson of
    Hunt?" are what it asks about, and in "Wordt wethouder Piet Smit burgemeester?"
    what is presupposed (that Smit is a wethouder) is not what `wie werd burgemeester`
    asks."""
    words = before.split()
    return (
        len(words) >= 2
        and words[-2].lower() in _DEFINITE
        and words[-1].isalpha()
        and words[-1].islower()
        and any(headed_by(t, asked) for _, _, t in term_spans(words[-1]))
    )


def _attributive(passage: str, mention: Mention, focus: Focus) -> bool:
    """Whether a mention is one capitalised adjective before its noun: Dutch capitalises
    the adjectives it derives from names of places and peoples (`Belgische activiteiten`,
    `Amerikaanse topuniversiteiten`), and they end in -se or -sche once inflected. Such an
    adjective says where something is from; it names no one and nothing, unless its noun
    is the one the question asks about (`de Duitse nationaliteit` for `welke
    nationaliteit`). Where something is from is a partial answer to where, so a
    question for a place keeps it (`een Duitse toerist` for `uit welk land`)."""
    if focus.expects == "place":
        return False
    word = passage[mention.start : mention.end]
    following = _NEXT_WORD.match(passage, mention.end)
    if not (word.isalpha() and word.lower().endswith(("se", "sche")) and following):
        return False
    noun = following.group(1)
    return noun.islower() and not any(headed_by(t, focus.measure) for _, _, t in term_spans(noun))


def _echoes(passage: str, mention: Mention, focus: Focus) -> bool:
    """Whether a name found as the answer is one the question gives itself: every
    capitalised word of it is a word of the question, or a compound whose head is one
    ("Eurovisiesongfestival" for a question about the songfestival, "Noord-Brabant" for
    one about Brabant: `_modifier`). A question names
    what it asks about, so that name is not what it asks for. The noun the answer is of
    (`welk hotel`: the TWA Hotel) is what an answer is named after, not an echo. A name
    of several words the question gives is echoed only whole: "Jos Verstappen" shares a
    word with "Max Verstappen" but is someone else.

    A sentence's first word, capitalised for its place, before a name the question has
    ("Kledingketen CoolCat") is read where the names are found
    (storage/search/mentions/names.py, `_classing_opener`): such a mention is dropped
    there, before the quote and the direct line are chosen, so it never comes here."""
    if focus.expects not in _NAMES:
        return False
    spans = list(term_spans(passage[mention.start : mention.end]))
    named = [
        t
        for s, e, t in spans
        if passage[mention.start + s].isupper() and not _modifier(passage, mention.start + e)
    ]
    own = focus.terms - focus.measure
    held = {t for _, _, t in spans}
    return (
        bool(named)
        and all(headed_by(t, own) for t in named)
        and all(all(w & held for w in name) for name in focus.names if any(w & held for w in name))
    )


def _modifier(passage: str, end: int) -> bool:
    """Whether the word ending at `end` is joined by a hyphen to the next: the first part
    of a compound written with one, which its last part heads (`Noord-Brabant` is a part
    of Brabant, as `Schiphol-directeur` is a director)."""
    return passage[end : end + 1] == "-"


def covered(result: SearchResult, focus: Focus, strength: float) -> float:
    """The share of the question the best article holds, the kind of answer asked for
    counting as one more concept (ANSWER average ones), held as far as `strength` says."""
    total = sum(w for _, w in focus.concepts)
    slot = focus.answer_weight
    return (result.coverage * total + slot * strength) / (total + slot) if total + slot else 0.0


def _no_answer_kind(focus: Focus, strength: float) -> bool:
    """A name, number, date or place is asked for and none stands beside what matches. A
    person asked for (`wie`, or the name of an agent noun: `hoe heet de buschauffeur`) is
    not answered by a place (`in België`), which the names reader grades weakly
    (PLACE_FOR_PERSON) only so that a quote can still be built on it."""
    asks_person = focus.expects == "person" or (focus.expects == "name" and persons(focus.measure))
    if asks_person and strength <= PLACE_FOR_PERSON:
        return True
    return focus.expects not in (None, "reason") and strength == 0.0


def _kind_spoken_of(result: SearchResult, focus: Focus, hits: list[Hit]) -> bool:
    """The question asks which one of a kind of thing (`welke straf`), and the article
    uses the noun of that kind, or a compound it heads (`celstraffen`). One of a kind may
    be told by a description as well as by a name ("anderhalf jaar cel" is which
    punishment), and names are all the engine reads for `welke N`: in an article that
    speaks of the kind, finding no name is no sign that the answer is missing. The
    converse of `_kind_unnamed`. A question for a person (`wie`, an agent noun) asks for
    a name, and keeps to it."""
    if focus.expects != "name" or not focus.kind or persons(focus.measure):
        return False
    return any(headed(t, focus.kind) for hit in _whole(result, hits) for t in hit.terms)


def _kind_unnamed(result: SearchResult, focus: Focus, hits: list[Hit], answered: bool) -> bool:
    """The question asks for one of a kind of thing, named by its noun (`welke straf`,
    `hoe heet het nieuwe tijdperk`, `op welke plek`; `Focus.kind`), the article never
    uses that noun or a compound it heads, and the stretch to quote holds only answers
    that fit partially (a name classed as something else, a number of another unit).
    An article that answers speaks of the thing asked, with its noun ("kreeg een celstraf
    van ...") or with an answer that fits it well; one that does neither is about the
    topic, not about what is asked ("het nummer Ride or Die" for the punishment of a
    rapper). The whole article is read (`SearchResult.context`), not only the passages
    that matched; an article the search did not hand whole is not judged, nor a question
    that asks two things (its other answer may be the one that fits), nor a count: a count
    is often told with another noun for what is counted ("337 interlands" for `hoeveel
    wedstrijden`, "48 uur" for `hoeveel tijd`), and the number reader already grades a
    number of another noun as a partial fit. A punishment is a number that is read so:
    an article that reports one names it (`zes jaar cel`, `levenslang`)."""
    counted = focus.expects == "number" and PENALTY not in focus.measure
    if focus.expects in (None, "reason") or counted or not focus.kind or focus.further:
        return False
    if answered:
        return False
    held = {t for hit in _whole(result, hits) for t in hit.terms}
    return bool(held) and not any(headed(t, focus.kind) for t in held)


def _best_in_stretch(focus: Focus, pick: tuple[Hit, Window] | None) -> float:
    """The best fit of an answer in the stretch to quote, as the direct line takes it
    (direct.py, `_strongest`): not only the mention the stretch was built around."""
    if pick is None:
        return 0.0
    hit, window = pick
    said = hit_sentences(hit, focus)[2][window.first : window.last + 1]
    fits = [m.strength for ms in said for m in ms if not no_answer(hit.text, window, m, focus)]
    return max(fits, default=0.0)


def _only_wanted(focus: Focus, hits: list[Hit]) -> bool:
    """The question asks what happened, and the sentence of the article that matches it
    best gives an answer of the kind asked for only as what is wanted, demanded or
    planned ("Justitie wil 16 jaar cel voor ..." for "Hoeveel jaar cel heeft de rechter
    gegeven?"): the article reports the demand, not the outcome."""
    if not focus.outcome or focus.expects in (None, "reason"):
        return False
    anyhow = replace(focus, outcome=False)
    best: tuple[float, bool] = (0.0, False)
    for hit in hits:
        spans, found, said = hit_sentences(hit, focus)
        wanted = hit_sentences(hit, anyhow)[2]
        for (a, b), concepts, ms, ws in zip(spans, found, said, wanted, strict=True):
            weight = focus.weight(concepts)
            if weight > best[0] + 1e-9:
                supplied = any(_supplement(hit.text[m.end : b], focus, concepts) for m in ws)
                sentence = hit.text[a:b]
                demanded = _demands(sentence) or bool(_A_YEAR.search(sentence))
                best = (weight, bool(ws) and not ms and not supplied and demanded)
    return best[1]


def _demands(sentence: str) -> bool:
    """Whether a sentence has a verb of wanting, demanding, hoping or expecting, or of
    obligation (`zou drie jaar cel moeten krijgen`): what the reading of `_only_wanted`
    rests on, besides a year other than the question's. A future (`zal`) or a possibility
    (`kan`) alone is no demand, and the article that has one may tell what came of it
    elsewhere."""
    return bool(_DEMANDING.intersection(_words(sentence)))


def _supplement(after: str, focus: Focus, concepts: frozenset[int]) -> bool:
    """Whether the words `after` a mention open with a supplement that holds all of the
    question its sentence holds (`concepts`): an apposition or a relative clause set off
    by commas ("David Brons, organisator van de twee uitverkochte concerten, wil ...").
    A supplement is a separate assertion, outside the scope of the main clause's verb of
    modality (Potts 2005): that Brons organised the concerts is said, whatever he wants
    next. A sentence that also matches the question outside its supplement ("Piet Smit,
    kandidaat van de VVD, wil burgemeester worden" for "Wie werd burgemeester?") keeps
    what it matches under the verb of modality."""
    if not after.startswith(","):
        return False
    inside = after[1:].split(",", 1)
    return len(inside) == 2 and concepts <= _concepts_in(inside[0], focus)


def _only_planned(focus: Focus, hits: list[Hit]) -> bool:
    """The question asks what happened, and every sentence of the article that speaks of
    the thing it asks about (the noun of `welke` or `hoeveel` that the question has:
    "Welke nummers heeft Madonna gezongen?") says what is wanted, expected or planned
    ("De zangeres zal naar alle waarschijnlijkheid twee nummers zingen"): the article
    was written before it happened and cannot say what came of it."""
    asked = focus.measure & focus.terms
    if not focus.outcome or not asked:
        return False
    held = {i for i, (alternatives, _) in enumerate(focus.concepts) if alternatives & asked}
    about = [
        hit.text[a:b]
        for hit in hits
        for (a, b), concepts in zip(*hit_sentences(hit, focus)[:2], strict=True)
        if concepts & held
    ]
    return bool(about) and all(map(says_planned, about))


def _told_unknown(result: SearchResult, focus: Focus, hits: list[Hit]) -> bool:
    """A sentence of the article that matches the question says the asked is not known."""
    for hit in hits:
        spans, found, _ = hit_sentences(hit, focus)
        for (a, b), concepts in zip(spans, found, strict=True):
            if concepts and says_unknown(hit.text[a:b], result.question, focus.expects):
                return True
    return False


def _whole(result: SearchResult, hits: list[Hit]) -> list[Hit]:
    """Every passage of the first article to quote, when the search handed it whole
    (`SearchResult.context`); none when it did not, and then the readings of the whole
    article judge nothing."""
    article = hits[0].article.id
    return [h for h in result.context if h.article.id == article]


def _only_ahead(result: SearchResult, focus: Focus, hits: list[Hit], answered: bool) -> bool:
    """The question asks what happened, and some part of it the article speaks of only in
    clauses it places after its own time of writing ("De bestuursrechter doet over een
    week uitspraak", "De uitspraak is op 21 maart" in an article of 8 March) for "Wat
    besliste de bestuursrechter?", "Wat was de uitspraak?": the article was written
    before that part of the story, so it cannot tell how it came out. A part of the
    question said anywhere else in the article, outside such a clause, may be told there
    as done ("De munten, die in 2018 zijn gevonden, zijn vanaf morgen te zien"). What lies
    ahead may be only the topic, not what is asked ("Rietjes worden over twee jaar
    verboden; de raad stemde er gisteren mee in, 31 tegen 4" for "Met hoeveel stemmen
    ...?"), so a stretch that answers well is kept."""
    if not focus.outcome or answered:
        return False
    written = hits[0].article.published
    ahead: set[int] = set()
    elsewhere: set[int] = set()
    for hit in _whole(result, hits):
        if not (_AHEAD.search(hit.text) or _DAY_OF_MONTH.search(hit.text)):
            held = set(hit.terms)
            elsewhere.update(i for i, (alts, _) in enumerate(focus.concepts) if alts & held)
            continue
        for a, b in sentence_spans(hit.text):
            for clause in _CLAUSES.split(hit.text[a:b]):
                held_here = _concepts_in(clause, focus)
                (ahead if _placed_ahead(clause, written) else elsewhere).update(held_here)
    return bool(ahead - elsewhere)


def _concepts_in(text: str, focus: Focus) -> set[int]:
    held = {t for _, _, t in term_spans(text)}
    return {i for i, (alternatives, _) in enumerate(focus.concepts) if alternatives & held}


def _placed_ahead(clause: str, written: datetime | None) -> bool:
    """Whether the clause says it tells of a time after `written`: by an adverbial of time
    to come, or by a day later than that. A day named without its year is the nearest
    such day to the time of writing ("op 12 december" in a March article is last
    December's), as a reader takes it."""
    if _AHEAD.search(clause):
        return True
    if written is None:
        return False
    for day, month, year in _DAY_OF_MONTH.findall(clause):
        years = [int(year)] if year else [written.year - 1, written.year, written.year + 1]
        days = [p[0] for y in years if (p := parse_period(f"{day} {month} {y}")) is not None]
        if days and min(days, key=lambda d: abs(d - written)) > written:
            return True
    return False


def _only_sought(result: SearchResult, focus: Focus, hits: list[Hit], answered: bool) -> bool:
    """The article speaks of the thing the question asks for (the noun of `welke` or
    `hoeveel`, or the cause a why-question names: "Wat was de oorzaak van de aanvaring?")
    only as what is being searched for ("de zoektocht naar de oorzaak van het ongeval",
    "een onderzoek naar de oorzaak"), and nothing in the stretch to quote answers well.
    A noun or verb of searching takes what is sought as a concealed question (the cause
    sought is which cause it was), and searching for it implies it is not yet found, as
    `wonder` and `investigate` do (Karttunen 1977; Lahiri 2002): the article was written
    while the answer was still being looked for. Said anywhere else in the article, the
    noun may come with its answer ("De oorzaak bleek een kapotte schroef")."""
    asked = focus.measure | focus.kind
    if focus.expects == "reason":
        asked |= {t for t in focus.terms if headed(t, _CAUSES)}
    asked &= focus.terms
    if not asked or answered:
        return False
    sought = False
    for hit in _whole(result, hits):
        if not any(headed(t, asked) for t in hit.terms):
            continue
        objects = _sought(hit.text)
        if not objects:
            return False
        for start, _, t in term_spans(hit.text):
            if headed(t, asked):
                if start not in objects:
                    return False
                sought = True
    return sought
