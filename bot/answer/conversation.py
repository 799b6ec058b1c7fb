"""Conversations: a question read with the ones just before it, without a language model.

People ask, read the answer and go on: "wanneer was dat?", "en wat zei Borrell
daarover?", "meer?". Read alone, such a follow-up finds nothing or something else. Here it
is read with the turn it follows, by plain rules about Dutch and English:

- A follow-up that names no subject of its own carries over the earlier subject. What is
  left of it after question words, stop words, anaphora (dat, daarover, hij, toen; that,
  it, he, then) and the closed class of words that ask about what was said (gebeurde,
  reageerde; happened, said) names no subject unless a word is a name, a number or a
  content word the archive knows but that is not in every twentieth passage (`topics`).
- A follow-up with a subject of its own is a new question, unless it points back: a
  pronominal adverb ("daarover", "ervan"; "about that") stands for what the earlier
  question had after that preposition ("over kernwapens") or, failing that, its things
  (its words that are not names); a follow-up that opens with "en"/"and" says the same
  of something else ("en op Schiermonnikoog?"), so it too carries those things; a
  personal pronoun ("hij", "zij"; "he", "she") in a follow-up that names nobody stands
  for the earlier question's names.
- What is carried are the earlier question's concepts as it was understood (spelling
  corrected, translated); its question words and the kind of answer it wanted are not:
  the follow-up's own asking decides that (wanneer: a date, wie: a person).
- The articles quoted before are preferred when they answer (bot/answer/compose.py):
  "wanneer was dat?" about a quoted statement gets that article's date when the
  statement itself names none.
- "meer?" asks for the next articles of the turn it follows.

A turn remembers the questions it was asked in (`Turn.asked`, at most MAX_ASKED), so a
conversation can be asked again from its questions alone (`replay`): the Discord buttons
do that after a restart, and bench/quality.py with its follow-up pairs. The context
itself is short-lived (MAX_TURNS turns, EXPIRY seconds) and kept in memory by whoever
holds the conversation (`Conversations`), never in the archive.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.answer.compose import Answer, compose, more
from storage.archive import Archive, Concept, SearchResult
from storage.models import Filters

MAX_TURNS = 8
EXPIRY = 3600.0
# Conversations held at once (channels and threads with a recent answer); the oldest goes.
MAX_CONVERSATIONS = 10_000
# The questions a turn keeps to be asked again: the first, up to two follow-ups.
MAX_ASKED = 3
# A content word in more passages than this share of the archive is no topic ("jaar"); in
# a small archive, no word in at most COMMON passages is too common to be one.
TOPIC_SHARE = 0.05
COMMON = 10
QUOTED = 3

_WORDS = re.compile(r"[^\W_]+")

# Words that point back at something said before. Those standing for a thing or a person
# carry over what they stand for even when the follow-up names something of its own.
_PREPOSITIONS = {
    "over": "over",
    "about": "over",
    "van": "van",
    "of": "van",
    "mee": "met",
    "met": "met",
    "with": "met",
    "voor": "voor",
    "for": "voor",
    "bij": "bij",
    "aan": "aan",
    "op": "op",
    "on": "op",
    "in": "in",
    "uit": "uit",
    "tegen": "tegen",
    "against": "tegen",
    "door": "door",
    "naar": "naar",
    "toe": "naar",
    "to": "naar",
    "onder": "onder",
    "tussen": "tussen",
}
_ADVERB = re.compile(rf"(?:daar|er|hier)({'|'.join(p for p in _PREPOSITIONS if len(p) > 2)})")
_THING_PRONOUNS = frozenset("that it this those these".split())
_PERSONS = frozenset("hij hem zij ze haar hen hun he him she her his they them their".split())
ANAPHORA = (
    frozenset(
        "dat dit die deze het er daar hier toen daarna daarvoor zo dezelfde hetzelfde "
        "that it this these those there then same".split()
    )
    | _PERSONS
)
# What opens a noun phrase that names something. Demonstratives are left out: "die
# vrouw", "dat plan" point back at what was named before.
_DETERMINERS = frozenset(
    "de het een zijn haar hun mijn onze ons jullie uw elk elke ieder iedere geen welk welke "
    "the a an his her their its my our your every which".split()
)
# Words that ask about what was said or done, or how it went on, and never name a subject.
_NO_TOPIC = frozenset(
    """
    gebeurde gebeurd gebeurt gebeuren vond vindt vinden gevonden denkt dacht denken
    reageerde reageert reageren reactie bedoelde bedoelt betekent betekende deed doet
    gedaan doen ging gaat gegaan kwam komt gekomen verklaarde verklaard antwoordde
    antwoord vraag nieuws later eerder verder precies ongeveer ooit nu dan nog ook weer
    ander andere anders meer eigenlijk nou wel niet vanaf sinds tijdens voordat nadat
    said say says happened happen happens did does do done think thought react reacted
    reaction mean meant went later earlier again else more other answer news exactly
    """.split()
)
_MORE = frozenset("meer more nog verder en and andere other others further next volgende".split())
_ASKS_MORE = frozenset("meer more verder further andere other others volgende next".split())
INTERROGATIVES = frozenset(
    """
    wie wat waar waarom wanneer hoe hoeveel hoeveelste welke welk waarover waarmee waardoor
    waarvan waarin waarop hoezo hoelang who what where why when how which whose whom
    """.split()
)


@dataclass(frozen=True)
class Turn:
    """One question and its answer, as a follow-up needs them.

    `asked` are the questions of the conversation this turn was asked with, ending with
    its own; `carried` the concepts its search was given from before, `subject` the
    concepts that named what it was about (its own and carried ones), `cited` the
    articles quoted so far (more are added as more are shown). `messages` are the ids
    by which a reply or a thread finds the turn (on Discord: the question and the
    answer), `at` when it was asked (a `time.monotonic` reading).
    """

    asked: tuple[str, ...]
    carried: tuple[Concept, ...]
    subject: tuple[Concept, ...]
    cited: tuple[int, ...]
    at: float
    messages: tuple[int, ...] = ()

    @property
    def question(self) -> str:
        return self.asked[-1]


@dataclass(frozen=True)
class Context:
    """The last turns of one conversation (a channel, a thread, a terminal)."""

    turns: tuple[Turn, ...] = ()

    def current(self, now: float) -> Context:
        return Context(tuple(t for t in self.turns if now - t.at <= EXPIRY))

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def find(self, message_id: int) -> Turn | None:
        """The turn a message belongs to (its question or its answer)."""
        return next((t for t in reversed(self.turns) if message_id in t.messages), None)

    def add(self, turn: Turn) -> Context:
        kept = [t for t in self.turns if not set(t.messages) & set(turn.messages)]
        return Context((*kept, turn)[-MAX_TURNS:])


@dataclass(frozen=True)
class Reading:
    """How to ask a question in its conversation: with which concepts of before, which
    articles to prefer, and the questions it follows (`follows`, for showing and asking
    again); `more` when it asks for the next articles of the turn it follows."""

    question: str
    carried: tuple[Concept, ...] = ()
    cited: tuple[int, ...] = ()
    follows: tuple[str, ...] = ()
    more: bool = False


@dataclass(frozen=True)
class Asked:
    """A question answered in its conversation, and the turn to remember."""

    answer: Answer
    reading: Reading
    turn: Turn
    result: SearchResult


def words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def is_question(text: str) -> bool:
    """Does a message ask something? A question mark, an interrogative word, or a request
    for more: "thanks!" under an answer is no question, "en wanneer was dat" is."""
    folded = words(text)
    return "?" in text or bool(INTERROGATIVES.intersection(folded)) or wants_more(folded)


def wants_more(folded: Sequence[str]) -> bool:
    """ "meer?", "nog meer", "en verder?", "more": only words that ask for more."""
    return bool(folded) and set(folded) <= _MORE and bool(_ASKS_MORE.intersection(folded))


def topics(result: SearchResult) -> tuple[Concept, ...]:
    """The concepts of `result`'s question that name a subject: names, numbers that are
    no year, and content words the archive knows in at most TOPIC_SHARE of its passages.
    The parts of a split compound go together."""
    query = result.query
    stats = query.stats
    passages = stats.passages if stats else 0
    df = stats.df if stats else {}
    years = {year for year, _ in query.years}

    def names_one(concept: Concept) -> bool:
        word = concept.text.casefold()
        if word in ANAPHORA or word in _NO_TOPIC or _ADVERB.fullmatch(word):
            return False
        if concept.terms[0] in years:
            return False
        if concept.specific:
            return True
        known = max(df.get(t, 0) for t in concept.terms)
        return 0 < known <= max(COMMON, TOPIC_SHARE * passages)

    named = {c.text for c in query.concepts if names_one(c)}
    return tuple(c for c in query.concepts if c.text in named)


def own_subject(result: SearchResult) -> tuple[Concept, ...]:
    """The topics a follow-up names itself: its names and numbers, and the content words
    that head a noun phrase (after an article, a possessive or a preposition: "het
    boek", "op Schiermonnikoog"; after a demonstrative it points back: "die vrouw"). A
    verb, an adverb or the adjective of a hoe-question asks about the earlier subject
    ("wie besloot dat?", "hoe oud is ze?"), and so do the words of what is asked for
    ("hoeveel mensen").

    Only a follow-up is read this way: a question that opens a conversation carries all
    its topics on, its verbs included, which find its articles again."""
    question = result.question
    tokens = [(m.start(), m.group().casefold()) for m in _WORDS.finditer(question)]
    measure = result.query.measure

    def heads_a_phrase(concept: Concept) -> bool:
        if concept.specific:
            return True
        if measure.intersection(concept.terms):
            return False
        at = question.find(concept.text)
        before = [w for start, w in tokens if start < at]
        return bool(before) and before[-1] in _DETERMINERS | _PREPOSITIONS.keys()

    return tuple(c for c in topics(result) if heads_a_phrase(c))


def read(question: str, turn: Turn | None, alone: SearchResult | None = None) -> Reading:
    """How to ask `question` after `turn` (module docstring); `alone` is the question
    searched on its own, which a request for more needs not."""
    if turn is None:
        return Reading(question)
    folded = words(question)
    if wants_more(folded):
        return Reading(turn.question, turn.carried, turn.cited, turn.asked[:-1], more=True)
    if alone is None:
        raise ValueError("a follow-up is read with what its own words find")
    follows = turn.asked[-(MAX_ASKED - 1) :]
    own = own_subject(alone)
    carried = _pointed_at(folded, own, turn) if own else turn.subject
    if not carried:
        return Reading(question)
    return Reading(question, carried, turn.cited, follows)


def _pointed_at(folded: list[str], own: Sequence[Concept], turn: Turn) -> tuple[Concept, ...]:
    """What the follow-up's anaphora stand for, beside the subject it names itself."""
    taken = {t for c in own for t in c.terms}
    earlier = [c for c in turn.subject if not taken.intersection(c.terms)]
    found: list[Concept] = []
    for i, word in enumerate(folded):
        adverb = _ADVERB.fullmatch(word)
        preposition = adverb.group(1) if adverb else None
        if word in _THING_PRONOUNS and i and folded[i - 1] in _PREPOSITIONS:
            preposition = folded[i - 1]
        if preposition is None:
            continue
        after = _after(turn.question, _PREPOSITIONS[preposition], earlier)
        found += after or [c for c in earlier if not c.specific]
    if folded[:1] in (["en"], ["and"]) and not found:
        # "en op Schiermonnikoog?": an ellipsis after a conjunction says the same of
        # something else, which replaces what was named before.
        found += [c for c in earlier if not c.specific]
    if _PERSONS.intersection(folded) and not any(c.specific for c in own):
        found += [c for c in earlier if c.specific]
    return tuple(dict.fromkeys(found))


def _after(question: str, preposition: str, concepts: Sequence[Concept]) -> list[Concept]:
    """The concepts that stand after `preposition` in `question` (with no other
    preposition in between): what "daarover" stands for after "... over kernwapens?"."""
    tokens = [(m.start(), m.group().casefold()) for m in _WORDS.finditer(question)]
    found = []
    for concept in concepts:
        at = question.find(concept.text)
        before = [_PREPOSITIONS[w] for start, w in tokens if start < at and w in _PREPOSITIONS]
        if at >= 0 and before and before[-1] == preposition:
            found.append(concept)
    return found


async def ask(
    archive: Archive,
    question: str,
    filters: Filters,
    turn: Turn | None = None,
    now: float | None = None,
    limit: int = QUOTED,
) -> Asked:
    """Answer `question` after `turn` (None: on its own), as the bot and the chat do.

    Composing reads every sentence of the best passages (a few ms for long articles), so
    it runs off the event loop, as the ranking does: the bot keeps its heartbeat."""
    now = time.monotonic() if now is None else now
    if turn is not None and wants_more(words(question)):
        reading = read(question, turn)
        result = await archive.search(reading.question, filters, carried=reading.carried)
        answer = await asyncio.to_thread(more, result, reading.cited, limit)
        shown = reading.cited + tuple(q.article.id for q in answer.quotes)
        return Asked(answer, reading, replace(turn, cited=shown, at=now), result)
    result = await archive.search(question, filters)
    reading = read(question, turn, result)
    if reading.carried:
        result = await archive.search(_unpointed(question), filters, carried=reading.carried)
    composed = await asyncio.to_thread(compose, result, limit, cited=reading.cited)
    answer = replace(composed, question=question)
    subject = topics(result)
    asked = (*reading.follows, question)
    cited = tuple(dict.fromkeys(q.article.id for q in answer.quotes))
    return Asked(answer, reading, Turn(asked, reading.carried, subject, cited, now), result)


def _unpointed(question: str) -> str:
    """The question without its pronominal adverbs: what "daarover" stands for is carried
    over, and the word itself is no word to look for in an article."""
    kept = [m for m in _WORDS.finditer(question) if _ADVERB.fullmatch(m.group().casefold())]
    for match in reversed(kept):
        question = question[: match.start()] + question[match.end() :]
    return " ".join(question.split())


async def replay(
    archive: Archive, asked: Sequence[str], filters: Filters, limit: int = QUOTED
) -> Asked:
    """Ask a conversation's questions again, in order, each after the one before: what a
    button needs after a restart, from the questions its answer shows."""
    turn = None
    asked_now = None
    for question in asked[-MAX_ASKED:]:
        asked_now = await ask(archive, question, filters, turn, limit=limit)
        turn = asked_now.turn
    if asked_now is None:
        raise ValueError("a conversation has at least one question")
    return asked_now


class Conversations:
    """The conversations the bot holds, each under a key (a channel's or thread's id):
    the last MAX_TURNS turns of the last hour, in memory only. A bot process serves whole
    servers (Discord puts a server on one shard), so one process sees all of a
    conversation."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._held: OrderedDict[int, Context] = OrderedDict()

    def get(self, key: int) -> Context:
        context = self._held.get(key)
        if context is None:
            return Context()
        current = context.current(self.clock())
        if not current.turns:
            del self._held[key]
        return current

    def remember(self, key: int, turn: Turn) -> None:
        self._held[key] = self.get(key).add(turn)
        self._held.move_to_end(key)
        while len(self._held) > MAX_CONVERSATIONS:
            self._held.popitem(last=False)
