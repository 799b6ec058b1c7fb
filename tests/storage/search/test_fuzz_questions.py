"""Any question at all gets a valid answer or a clean "not found": never an error.

Hypothesis writes the questions: arbitrary Unicode, FTS5 and SQL syntax, markdown,
mentions, zero-width and right-to-left characters, very long and empty ones.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.answer.compose import ELLIPSIS, compose
from bot.answer.render import answer_text
from storage.archive import Archive
from tests import corpus

HOSTILE = (
    *('"', "*", "NEAR(", "AND", "OR", "NOT", "^", ":", "(", ")", "{", "}", "-", "+"),
    *("'; DROP TABLE articles; --", "' OR 1=1 --", "/*", "*/", "\\", "%", "_"),
    *("**", "__", "`", "```", "||", "~~", "> ", "[x](http://a)", "# "),
    *("@everyone", "@here", "<@123>", "<@!123>", "<@&1>", "<#5>", "<:e:1>"),
    *("\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\x00", "\n", "\t", "🚀", "👩‍👩‍👧"),
    *("kernwapens", "Stoltenberg", "Vierdaagse", "startbewijzen", "wolf", "schapen", "de"),
    *("wie", "wat", "waarom", "hoeveel", "Oekraïne", "53.074", "2,3", "ﬁ", "İ", "ß"),
)
QUESTIONS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(HOSTILE), max_size=30).map(" ".join),
    st.lists(st.sampled_from(HOSTILE), max_size=30).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=3_500, max_size=4_000),
)


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
def filled(loop: asyncio.AbstractEventLoop, tmp_path_factory) -> Iterator[Archive]:
    async def open_filled(path: Path) -> Archive:
        archive = await Archive.open(path)
        for file in corpus.files():
            async for _ in archive.import_file(file):
                pass
        return archive

    archive = loop.run_until_complete(open_filled(tmp_path_factory.mktemp("fuzz") / "a.db"))
    yield archive
    loop.run_until_complete(archive.close())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=QUESTIONS)
def test_any_question_gets_an_answer_or_not_found(
    loop: asyncio.AbstractEventLoop, filled: Archive, question: str
) -> None:
    result = loop.run_until_complete(filled.search(question))
    answer = compose(result)
    assert answer.question == question
    assert answer.answered == bool(answer.quotes)
    event("answered" if answer.answered else "not found")
    for quote in answer.quotes:
        article = loop.run_until_complete(filled.article(quote.article.id))
        assert article is not None
        quoted = quote.excerpt.removeprefix(f"{ELLIPSIS} ").removesuffix(f" {ELLIPSIS}")
        for stretch in quoted.split(f" {ELLIPSIS} "):
            assert any(stretch in paragraph for paragraph in article.body), stretch
        ends = [end for _, end in quote.highlights]
        starts = [start for start, _ in quote.highlights]
        assert all(0 <= s < e <= len(quote.excerpt) for s, e in quote.highlights)
        assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))
    assert answer_text(answer)
