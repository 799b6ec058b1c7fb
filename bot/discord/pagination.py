"""Articles and listings shown a page at a time, and the buttons that turn pages or open one.

Every button is a DynamicItem whose custom id holds all it needs (`archivaris:article:12:3`
is page 4 of article 12), so buttons keep working after a restart and the bot keeps no
state per message. The client registers them once (client.py); the ask extension puts
"open article" buttons under answers, the browse extension sends the first pages.

Pressing a page button on your own /recent or /article reply turns the page in place;
pressing it on someone else's gives you your own private copy instead of changing what
everyone else is reading.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

import discord
from discord import ButtonStyle
from discord.ui import Button, DynamicItem

from bot.answer.messages import Lang, say
from bot.discord.format import (
    MAX_RECENT,
    article_pages,
    button_label,
    one_line,
    recent_embed,
    shorten,
)
from bot.discord.reply import NO_PINGS, guarded, lang_of, respond
from storage.models import Filters

if TYPE_CHECKING:
    from storage.archive import Archive

Mode = Literal["new", "private", "edit"]
"""How to show a page: a new reply, a private (ephemeral) reply, or in place of the old one."""


def _button(label: str, custom_id: str, disabled: bool = False) -> Button:
    """Every button here is grey; its custom id names what it opens, so it works after a
    restart (the DynamicItem templates below read it back)."""
    return Button(label=label, style=ButtonStyle.secondary, custom_id=custom_id, disabled=disabled)


class OpenArticle(DynamicItem[Button], template=r"archivaris:open:(?P<id>[0-9]+)"):
    """Under an answer: the whole article, privately, to whoever presses it."""

    def __init__(self, article_id: int, label: str) -> None:
        super().__init__(_button(label, f"archivaris:open:{article_id}"))
        self.article_id = article_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Button, match: re.Match[str]
    ) -> OpenArticle:
        return cls(int(match["id"]), item.label or "")

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        await show_article(interaction, self.article_id, 0, "private")


class ArticlePage(
    DynamicItem[Button], template=r"archivaris:article:(?P<id>[0-9]+):(?P<page>[0-9]+)"
):
    def __init__(self, article_id: int, page: int, label: str, disabled: bool = False) -> None:
        super().__init__(_button(label, f"archivaris:article:{article_id}:{page}", disabled))
        self.article_id = article_id
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Button, match: re.Match[str]
    ) -> ArticlePage:
        return cls(int(match["id"]), int(match["page"]), item.label or "")

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        await show_article(interaction, self.article_id, self.page, _turn_mode(interaction))


class RecentPage(
    DynamicItem[Button],
    template=r"archivaris:recent:(?P<page>[0-9]+):(?P<limit>[0-9]+):(?P<source>.*)",
):
    """`source` is last in the id and may hold anything; /recent caps it so the id fits
    Discord's 100 characters."""

    def __init__(
        self, page: int, limit: int, source: str | None, label: str, disabled: bool = False
    ) -> None:
        super().__init__(
            _button(label, f"archivaris:recent:{page}:{limit}:{source or ''}", disabled)
        )
        self.page = page
        self.limit = limit
        self.source = source or None

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Button, match: re.Match[str]
    ) -> RecentPage:
        limit = min(max(int(match["limit"]), 1), MAX_RECENT)
        return cls(int(match["page"]), limit, match["source"], item.label or "")

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        await show_recent(interaction, self.page, self.limit, self.source, _turn_mode(interaction))


DYNAMIC_ITEMS = (OpenArticle, ArticlePage, RecentPage)


def answer_buttons(article_ids: Sequence[int], lang: Lang) -> discord.ui.View | None:
    """One "read article N" button per quoted article (at most five fit on a row)."""
    ids = list(dict.fromkeys(article_ids))[:5]
    if not ids:
        return None
    view = discord.ui.View(timeout=None)
    for article_id in ids:
        view.add_item(
            OpenArticle(article_id, button_label(say("open_article", lang, id=article_id)))
        )
    return view


async def show_article(
    interaction: discord.Interaction, article_id: int, page: int, mode: Mode
) -> None:
    lang = lang_of(interaction)
    await _acknowledge(interaction, mode)
    article = await _archive(interaction).article(article_id, interaction.guild_id)
    if article is None:
        await _problem(interaction, mode, say("no_such_article", lang, id=article_id))
        return
    pages = await asyncio.to_thread(article_pages, article, lang)
    page = min(page, len(pages) - 1)

    def make(target: int, label: str, disabled: bool) -> DynamicItem[Button]:
        return ArticlePage(article_id, target, label, disabled)

    await _deliver(
        interaction, mode, embeds=[pages[page]], view=_pager(make, page, len(pages), lang)
    )


async def show_recent(
    interaction: discord.Interaction, page: int, limit: int, source: str | None, mode: Mode
) -> None:
    lang = lang_of(interaction)
    await _acknowledge(interaction, mode)
    filters = Filters(scope=interaction.guild_id, source=source)
    articles = await _archive(interaction).recent(filters, limit)
    if not articles:
        if source:
            text = say("no_articles_source", lang, source=shorten(one_line(source), 100))
        else:
            text = say("no_articles", lang)
        await _problem(interaction, mode, text)
        return
    embed, pages = recent_embed(articles, page, lang, source)
    page = min(page, pages - 1)

    def make(target: int, label: str, disabled: bool) -> DynamicItem[Button]:
        return RecentPage(target, limit, source, label, disabled)

    await _deliver(interaction, mode, embeds=[embed], view=_pager(make, page, pages, lang))


def _pager(
    make: Callable[[int, str, bool], DynamicItem[Button]], page: int, pages: int, lang: Lang
) -> discord.ui.View | None:
    """Previous and next; their targets differ whenever there is more than one page, which
    keeps the two custom ids distinct as Discord requires."""
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(make(max(page - 1, 0), f"◀ {say('previous', lang)}", page == 0))
    view.add_item(make(min(page + 1, pages - 1), f"{say('next', lang)} ▶", page == pages - 1))
    return view


def _archive(interaction: discord.Interaction) -> Archive:
    return interaction.client.archive  # type: ignore[attr-defined]


def _turn_mode(interaction: discord.Interaction) -> Mode:
    """In place on your own reply (or a private one, which only you can see), else a copy."""
    message = interaction.message
    if message is None:
        return "private"
    if message.flags.ephemeral:
        return "edit"
    metadata = message.interaction_metadata
    return "edit" if metadata is not None and metadata.user.id == interaction.user.id else "private"


async def _acknowledge(interaction: discord.Interaction, mode: Mode) -> None:
    """First, within Discord's 3 seconds: the archive may be slow while a big upload runs."""
    if mode == "edit":
        await interaction.response.defer()
    else:
        await interaction.response.defer(ephemeral=mode == "private", thinking=True)


async def _deliver(
    interaction: discord.Interaction,
    mode: Mode,
    *,
    embeds: list[discord.Embed],
    view: discord.ui.View | None,
) -> None:
    if mode == "edit":
        await interaction.edit_original_response(
            content=None, embeds=embeds, view=view, allowed_mentions=NO_PINGS
        )
    else:
        await respond(interaction, embeds=embeds, view=view, ephemeral=mode == "private")


async def _problem(interaction: discord.Interaction, mode: Mode, text: str) -> None:
    """Said privately when turning a page, so the page others see stays as it was."""
    await respond(interaction, text, ephemeral=mode != "new")
