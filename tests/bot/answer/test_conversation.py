"""Conversations: follow-ups read with the question before them, "meer?", and their expiry."""

from __future__ import annotations

import threading

import pytest

from bot.answer.conversation import (
    EXPIRY,
    Conversations,
    Turn,
    ask,
    is_question,
    replay,
)
from bot.answer.render import answer_text
from storage.archive import Archive
from storage.models import Filters, SourceFile
from tests.corpus import page
from tests.fixtures import import_all

FIRST = "Wat zei Stoltenberg over kernwapens?"
NAVO = 1


async def first_turn(archive: Archive) -> Turn:
    asked = await ask(archive, FIRST, Filters(), now=0.0)
    assert {q.article.id for q in asked.answer.quotes} == {NAVO}
    return asked.turn


async def test_a_follow_up_without_a_subject_gets_the_date_of_the_statement(
    filled: Archive,
) -> None:
    """The statement names no date, so the answer is its article's, and says so."""
    alone = await ask(filled, "wanneer was dat?", Filters())
    assert not alone.answer.answered, "on its own it asks about nothing"

    asked = await ask(filled, "wanneer was dat?", Filters(), await first_turn(filled), now=1.0)
    assert asked.reading.follows == (FIRST,)
    assert [c.text for c in asked.reading.carried] == ["Stoltenberg", "kernwapens"]
    assert asked.answer.dated and asked.answer.quotes[0].article.id == NAVO
    text = answer_text(asked.answer, "nl")
    assert text.startswith("Antwoord: vrijdag 14 oktober 2022, 08:47 (de datum van het artikel")
    assert "Stoltenberg" in asked.answer.quotes[0].excerpt


async def test_daarover_carries_what_was_asked_about_and_a_new_name_replaces_the_old(
    filled: Archive,
) -> None:
    asked = await ask(filled, "en wat zei Ollongren daarover?", Filters(), await first_turn(filled))
    assert [c.text for c in asked.reading.carried] == ["kernwapens"]
    assert "Ollongren" in asked.answer.quotes[0].excerpt
    assert asked.answer.question == "en wat zei Ollongren daarover?"


async def test_a_follow_up_with_a_subject_of_its_own_is_a_new_question(filled: Archive) -> None:
    question = "Hoeveel startbewijzen waren er voor de Vierdaagse?"
    asked = await ask(filled, question, Filters(), await first_turn(filled))
    assert asked.reading.carried == () and asked.reading.follows == ()
    assert asked.answer.quotes[0].article.id == 2
    assert asked.turn.asked == (question,)


async def test_a_follow_up_in_english_carries_the_dutch_subject(filled: Archive) -> None:
    asked = await ask(filled, "when was that?", Filters(), await first_turn(filled))
    assert asked.answer.dated and asked.answer.quotes[0].article.id == NAVO
    assert answer_text(asked.answer, "en").startswith("Answer: Friday 14 October 2022")


TRAMS = [
    page([f"De nieuwe tram in {town} rijdt vanaf maart. De tramlijn kostte {n} miljoen euro."])
    for town, n in [("Zwolle", 10), ("Deventer", 12), ("Almelo", 14), ("Hengelo", 16)]
]


async def test_meer_quotes_the_next_articles_then_says_there_are_none(filled: Archive) -> None:
    files = [SourceFile(f"tram{n}.txt", text.encode()) for n, text in enumerate(TRAMS)]
    await import_all(filled, files)
    first = await ask(filled, "Wat kostte de nieuwe tramlijn?", Filters(), limit=2)
    assert first.answer.more
    shown = [q.article.id for q in first.answer.quotes]
    nexts = await ask(filled, "meer?", Filters(), first.turn, limit=2)
    assert nexts.reading.more and nexts.answer.answered
    further = [q.article.id for q in nexts.answer.quotes]
    assert len(further) == 2 and not set(further) & set(shown)
    assert not nexts.answer.more
    last = await ask(filled, "nog meer?", Filters(), nexts.turn, limit=2)
    assert last.reading.more and not last.answer.answered


async def test_a_conversation_asked_again_gives_the_same_answer(filled: Archive) -> None:
    asked = await ask(filled, "wanneer was dat?", Filters(), await first_turn(filled))
    again = await replay(filled, asked.turn.asked, Filters())
    assert again.answer == asked.answer
    assert again.reading.follows == (FIRST,)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("thanks!", False),
        ("Dank je wel", False),
        ("meer?", True),
        ("meer", True),
        ("en wanneer was dat", True),
        ("Zei hij dat echt?", True),
        ("who said that", True),
    ],
)
def test_a_message_asks_something_by_its_question_mark_or_question_word(
    text: str, asks: bool
) -> None:
    assert is_question(text) is asks


def test_a_conversation_is_forgotten_after_an_hour_and_keeps_its_last_turns() -> None:
    now = [0.0]
    held = Conversations(clock=lambda: now[0])
    for n in range(12):
        held.remember(7, Turn((f"vraag {n}",), (), (), (n,), now[0], messages=(n,)))
    context = held.get(7)
    assert len(context.turns) == 8 and context.last is not None
    assert context.last.question == "vraag 11"
    assert context.find(11) is context.last and context.find(2) is None
    assert held.get(8).last is None
    now[0] = EXPIRY + 1
    assert held.get(7).last is None


async def test_the_answer_is_composed_off_the_event_loop(
    filled: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bot's loop keeps answering Discord (and heartbeating) while a quote is chosen."""
    import bot.answer.conversation as conversation

    threads: list[int] = []

    def recording(real):
        def wrapper(*args, **kwargs):
            threads.append(threading.get_ident())
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(conversation, "compose", recording(conversation.compose))
    monkeypatch.setattr(conversation, "more", recording(conversation.more))
    turn = await first_turn(filled)
    await ask(filled, "meer?", Filters(), turn)
    assert len(threads) == 2
    assert threading.get_ident() not in threads
