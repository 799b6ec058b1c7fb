"""Paged replies and their buttons: ids that carry all they need, pagers, private copies."""

from __future__ import annotations

from typing import Any

import pytest
from discord.ui import Button, DynamicItem

from bot.discord.client import Archivaris
from bot.discord.format import MAX_RECENT
from bot.discord.pagination import (
    DYNAMIC_ITEMS,
    ArticlePage,
    OpenArticle,
    RecentPage,
    _pager,
    answer_buttons,
)
from tests.botworld import (
    World,
    add_articles,
    buttons_of,
    is_ephemeral,
    reply_to,
    response_to,
    text_of,
    turned,
)
from tests.fakediscord import ClientRefused

FIELDS = ("article_id", "page", "limit", "source")


def fields(item: DynamicItem[Button]) -> dict[str, Any]:
    return {name: getattr(item, name) for name in FIELDS if hasattr(item, name)}


def news(count: int, **extra: str) -> list[dict[str, Any]]:
    return [
        {"title": f"Bericht {n}", "body": f"Een bericht met nummer {n}. " * 3, **extra}
        for n in range(count)
    ]


# --- custom ids -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: OpenArticle(12, "Lees artikel 12"),
        lambda: ArticlePage(12, 3, "Volgende ▶"),
        lambda: RecentPage(2, 25, "NOS: Sport “live”", "Volgende ▶", disabled=True),
        lambda: RecentPage(0, 10, None, "◀ Vorige"),
    ],
)
async def test_a_button_is_rebuilt_from_its_custom_id_alone(make) -> None:
    """After a restart the bot has only the id Discord sends back; exactly one template
    reads it, and gives back the button that was sent."""
    sent = make()
    readers = [
        (kind, match)
        for kind in DYNAMIC_ITEMS
        if (match := kind.__discord_ui_compiled_template__.fullmatch(sent.custom_id))
    ]
    [(kind, match)] = readers
    assert kind is type(sent)
    back = await kind.from_custom_id(None, sent.item, match)
    assert back.custom_id == sent.custom_id
    assert fields(back) == fields(sent)
    assert len(sent.custom_id) <= 100


async def test_answer_buttons_open_each_quoted_article_once_and_five_at_most() -> None:
    view = answer_buttons([4, 2, 4, 9, 1, 7, 3], "en")
    assert view is not None
    assert [b.custom_id for b in view.children] == [f"archivaris:open:{n}" for n in (4, 2, 9, 1, 7)]
    assert [b.item.label for b in view.children][:2] == ["Read article 4", "Read article 2"]
    assert answer_buttons([], "nl") is None


async def test_the_pager_disables_its_ends_and_keeps_its_two_ids_apart() -> None:
    def make(target: int, label: str, disabled: bool) -> DynamicItem[Button]:
        return ArticlePage(7, target, label, disabled)

    assert _pager(make, 0, 1, "nl") is None
    for pages in (2, 3, 5):
        for page in range(pages):
            view = _pager(make, page, pages, "nl")
            assert view is not None
            previous, following = view.children
            assert previous.custom_id != following.custom_id
            assert (previous.item.label, following.item.label) == ("◀ Vorige", "Volgende ▶")
            assert previous.item.disabled is (page == 0)
            assert following.item.disabled is (page == pages - 1)
            if page > 0:
                assert previous.page == page - 1
            if page < pages - 1:
                assert following.page == page + 1


# --- pressing them ----------------------------------------------------------------------------


async def test_someone_elses_page_button_gives_a_private_copy(server: World, run_bot: Any):
    fake = server.fake
    await add_articles(server, news(15))
    async with run_bot(server.make_bot()):
        inter = await fake.invoke_command(
            server.guild, server.chat, server.reader, "recent", {"limit": 20}
        )
        shown = await response_to(fake, inter)
        click = await fake.click_button(shown, "archivaris:recent:1:20:", server.admin)
        copy = await response_to(fake, click)
        assert is_ephemeral(copy) and copy["embeds"][0]["footer"]["text"] == "pagina 2 van 2"
        assert fake.message(shown)["embeds"] == shown["embeds"]

        click = await fake.click_button(copy, "archivaris:recent:0:20:", server.admin)
        back = await turned(server, click, copy)
        assert back["embeds"][0]["footer"]["text"] == "pagina 1 van 2"
    fake.assert_clean()


async def test_pages_of_a_listing_by_source_keep_the_source_and_the_member_language(
    server: World, run_bot: Any
):
    """The longest source /recent takes, with a colon in it, still fits the button's id."""
    fake = server.fake
    source = "NOS: " + "Sport en Binnenland " * 3
    source = source[:60]
    await add_articles(server, news(12, source=source + " (regio)"))
    async with run_bot(server.make_bot()):
        inter = await fake.invoke_command(
            server.guild,
            server.chat,
            server.reader,
            "recent",
            {"limit": 100, "source": source},
            locale="en-GB",
        )
        first = await response_to(fake, inter)
        assert first["embeds"][0]["footer"]["text"] == "page 1 of 2"
        previous, following = buttons_of(first)
        assert (previous["label"], following["label"]) == ("◀ Previous", "Next ▶")
        assert following["custom_id"] == f"archivaris:recent:1:100:{source}"

        click = await fake.click_button(first, following["custom_id"], server.reader)
        second = await turned(server, click, first)
        embed = second["embeds"][0]
        assert embed["footer"]["text"] == "pagina 2 van 2", "the clicking member's language"
        assert embed["description"].count("Bericht") == 2
        assert "Schaatsster" not in embed["description"], "only articles of that source"
    fake.assert_clean()


async def test_a_page_button_on_a_listing_that_has_shrunk_shows_what_is_left(
    server: World, running: Archivaris
):
    fake = server.fake
    ids = await add_articles(server, news(15))
    inter = await fake.invoke_command(
        server.guild, server.chat, server.reader, "recent", {"limit": 20}
    )
    shown = await response_to(fake, inter)
    for article_id in ids[:12]:
        assert await running.archive.delete(article_id)
    click = await fake.click_button(shown, "archivaris:recent:1:20:", server.reader)
    now = await turned(server, click, shown)
    assert "footer" not in now["embeds"][0] and not buttons_of(now)
    assert now["embeds"][0]["description"].count("Bericht") == 3
    fake.assert_clean()


async def test_the_button_under_an_answer_opens_the_article_even_after_a_restart(
    server: World, run_bot: Any
):
    fake = server.fake
    async with run_bot(server.make_bot()):
        question = await fake.send_message(
            server.guild, server.answers, server.reader, "Wat zei Stoltenberg over kernwapens?"
        )
        answer = (await reply_to(fake, question)).message
        assert answer is not None
        click = await fake.click_button(answer, "archivaris:open:1", server.admin)
        opened = await response_to(fake, click)
        assert is_ephemeral(opened)
        embed = opened["embeds"][0]
        assert "Ollongren" in embed["description"]
        assert "BRUSSEL/BRUGGE (ANP)" in embed["description"]
        assert "vrijdag 14 oktober 2022, 08:47" in embed["footer"]["text"]

    async with run_bot(server.make_bot()):
        click = await fake.click_button(answer, "archivaris:open:1", server.reader, locale="en-GB")
        opened = await response_to(fake, click)
        assert "Friday 14 October 2022" in text_of(opened)
        with pytest.raises(ClientRefused, match="only the invoking member"):
            await fake.click_button(opened, "archivaris:open:1", server.admin)
    fake.assert_clean()


async def test_the_button_of_a_deleted_article_says_so_privately(
    server: World, running: Archivaris
):
    fake = server.fake
    question = await fake.send_message(
        server.guild, server.answers, server.reader, "Wat zei Stoltenberg over kernwapens?"
    )
    answer = (await reply_to(fake, question)).message
    assert answer is not None
    assert await running.archive.delete(1)
    click = await fake.click_button(answer, "archivaris:open:1", server.admin)
    said = await response_to(fake, click)
    assert is_ephemeral(said)
    assert said["content"] == "Er is geen artikel met nummer 1 in dit archief."
    assert fake.message(answer)["content"] == answer["content"]
    fake.assert_clean()


async def test_turning_a_page_of_a_deleted_article_says_so_privately_and_keeps_the_page(
    server: World, running: Archivaris
):
    fake = server.fake
    paragraphs = [f"Alinea {n:02d} over de polder. " + "Het water stijgt. " * 60 for n in range(12)]
    [article_id] = await add_articles(server, [{"title": "De polder", "body": paragraphs}])
    inter = await fake.invoke_command(
        server.guild, server.chat, server.reader, "article", {"id": article_id}
    )
    shown = await response_to(fake, inter)
    assert await running.archive.delete(article_id)
    click = await fake.click_button(shown, f"archivaris:article:{article_id}:1", server.reader)
    said = await response_to(fake, click)
    assert is_ephemeral(said)
    assert said["content"] == f"Er is geen artikel met nummer {article_id} in dit archief."
    assert fake.message(shown)["embeds"] == shown["embeds"]
    fake.assert_clean()


@pytest.mark.parametrize("forged", ["open:{id}", "article:{id}:0"])
async def test_a_forged_button_for_an_id_beyond_any_number_says_no_such_article(
    server: World, running: Archivaris, forged: str
):
    """An id past SQLite's integer range is an unknown article like any other."""
    fake = server.fake
    too_big = "9" * 20
    inter = await fake.invoke_command(server.guild, server.chat, server.reader, "recent", {})
    shown = await response_to(fake, inter)
    custom_id = "archivaris:" + forged.format(id=too_big)
    click = await fake.press_forged_button(shown, custom_id, server.reader)
    said = await response_to(fake, click)
    assert is_ephemeral(said)
    assert said["content"] == f"Er is geen artikel met nummer {too_big} in dit archief."
    fake.assert_clean()


async def test_a_forged_page_button_cannot_list_more_than_recent_allows(
    server: World, running: Archivaris, monkeypatch: pytest.MonkeyPatch
):
    """The limit in a page button's id is the member's to forge; /recent caps it."""
    asked: list[int] = []
    recent = running.archive.recent

    async def counted(filters: Any, limit: int = 10) -> Any:
        asked.append(limit)
        return await recent(filters, limit)

    monkeypatch.setattr(running.archive, "recent", counted)
    fake = server.fake
    inter = await fake.invoke_command(server.guild, server.chat, server.reader, "recent", {})
    shown = await response_to(fake, inter)
    click = await fake.press_forged_button(shown, "archivaris:recent:0:100000000:", server.reader)
    await turned(server, click, shown)
    assert asked == [10, MAX_RECENT]
