"""Browsing: /recent and /article, paged, and a failing button (the buttons: test_pagination.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.discord.client import Archivaris
from tests.botworld import (
    World,
    add_articles,
    button,
    is_ephemeral,
    reply_to,
    response_to,
    turned,
)


async def test_recent_is_newest_first_and_pages_with_buttons(server: World, run_bot: Any):
    fake = server.fake
    await add_articles(
        server,
        [
            {
                "title": f"Gemeenteraad vergadert {day}",
                "date": f"2025-03-{day:02d}",
                "body": f"De raad sprak over agendapunt {day}. " * 3,
            }
            for day in range(1, 23)
        ],
    )
    async with run_bot(server.make_bot()):
        inter = await fake.invoke_command(
            server.guild, server.chat, server.reader, "recent", {"limit": 25}
        )
        first = await response_to(fake, inter)
        embed = first["embeds"][0]
        assert embed["title"] == "Nieuwste artikelen"
        assert embed["footer"]["text"] == "pagina 1 van 3"
        titles = re.findall(r"Gemeenteraad vergadert (\d+)", embed["description"])
        assert titles == [str(day) for day in range(22, 12, -1)]
        assert "zaterdag 22 maart 2025" in embed["description"]
        previous = button(first, "archivaris:recent:0:")
        assert previous["disabled"]

        click = await fake.click_button(first, "archivaris:recent:1:25:", server.reader)
        second = await turned(server, click, first)
        assert second["embeds"][0]["footer"]["text"] == "pagina 2 van 3"
        assert "Gemeenteraad vergadert 12" in second["embeds"][0]["description"]

        click = await fake.click_button(second, "archivaris:recent:2:25:", server.reader)
        third = await turned(server, click, first)
        description = third["embeds"][0]["description"]
        assert "Gemeenteraad vergadert 2\n" in description
        assert "Schaatsster" in description or "Lotte Bakker" in description
        assert button(third, "archivaris:recent:2:25:")["disabled"]
    fake.assert_clean()


async def test_recent_by_source_and_when_empty(server: World, running: Archivaris):
    fake = server.fake
    inter = await fake.invoke_command(
        server.guild, server.chat, server.reader, "recent", {"source": "tubantia"}
    )
    embed = (await response_to(fake, inter))["embeds"][0]
    assert embed["title"] == "Nieuwste artikelen met bron “tubantia”"
    assert "Tubantia" in embed["description"] and "Sportblad" not in embed["description"]
    assert "footer" not in embed

    inter = await fake.invoke_command(
        server.guild, server.chat, server.reader, "recent", {"source": "De Telegraaf"}
    )
    message = await response_to(fake, inter)
    assert message["content"] == "Er zijn geen artikelen met een bron die “De Telegraaf” bevat."
    assert not message["components"]
    fake.assert_clean()


async def test_a_long_article_is_read_page_by_page(server: World, run_bot: Any):
    fake = server.fake
    paragraphs = [f"Alinea {n:02d} over de polder. " + "Het water stijgt. " * 60 for n in range(40)]
    [article_id] = await add_articles(
        server,
        [{"title": "De polder", "source": "Polderkrant", "date": "2020-02-03", "body": paragraphs}],
    )
    async with run_bot(server.make_bot()):
        inter = await fake.invoke_command(
            server.guild, server.chat, server.reader, "article", {"id": article_id}
        )
        message = await response_to(fake, inter)
        seen, pages = [], None
        while True:
            embed = message["embeds"][0]
            assert embed["title"] == "De polder"
            assert len(embed["description"]) <= 4096
            footer = embed["footer"]["text"]
            assert "Polderkrant" in footer and "maandag 3 februari 2020" in footer
            page, pages = map(int, re.search(r"pagina (\d+) van (\d+)", footer).groups())
            seen += re.findall(r"Alinea (\d\d)", embed["description"])
            if page == pages:
                break
            click = await fake.click_button(
                message, f"archivaris:article:{article_id}:{page}", server.reader
            )
            message = await turned(server, click, message)
    assert pages and pages > 5
    assert seen == [f"{n:02d}" for n in range(40)]
    fake.assert_clean()


async def test_an_unknown_article(server: World, running: Archivaris):
    fake = server.fake
    inter = await fake.invoke_command(
        server.guild, server.chat, server.reader, "article", {"id": 999}
    )
    assert (await response_to(fake, inter))["content"] == (
        "Er is geen artikel met nummer 999 in dit archief."
    )
    fake.assert_clean()


async def test_a_failing_button_says_so_briefly(
    server: World, running: Archivaris, monkeypatch: pytest.MonkeyPatch
):
    fake = server.fake
    question = await fake.send_message(
        server.guild, server.answers, server.reader, "Wie won het NK op de 1500 meter?"
    )
    answer = (await reply_to(fake, question)).message
    assert answer is not None

    async def broken(*_args: object) -> None:
        raise RuntimeError("database weg")

    monkeypatch.setattr(running.archive, "article", broken)
    click = await fake.click_button(answer, "archivaris:open:4", server.reader)
    failed = await response_to(fake, click)
    assert is_ephemeral(failed) and failed["content"].startswith("Er ging iets mis.")
    fake.assert_clean()
