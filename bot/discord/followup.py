"""Conversations on Discord: which question a message follows, and the buttons under answers.

A reply to one of the bot's answers (or to a question it answered) follows that answer's
turn; a message in a thread follows the thread's last turn or, in a thread started from
a question or its answer, that turn. A message in a channel that is no reply is a new
question, so one member's question never colours the next member's. The turns are the
bot's `Conversations` (bot/answer/conversation.py): in memory, per channel or thread,
an hour.

A button outlives that memory (a restart, or an hour later), so it recovers its answer's
questions from the messages themselves (`asked_of`): the answer replies to the member's
question, which may reply to an earlier answer, or follows the thread's earlier answer or
starting message. Asked again (`replay`) they give the same articles, and "Meer" quotes
the next ones that pass the same bar; 👍 / 👎 keep the member's vote on the answer with
its questions and cited articles (`Archive.vote`).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import discord
from discord import ButtonStyle
from discord.ui import Button, DynamicItem

from bot.answer.compose import Answer, further, more
from bot.answer.conversation import (
    EXPIRY,
    MAX_ASKED,
    QUOTED,
    Asked,
    Conversations,
    Turn,
    replay,
)
from bot.answer.messages import Lang, say
from bot.answer.render import quoted
from bot.config import Config
from bot.discord.format import (
    CONTENT_LIMIT,
    answer_content,
    answer_embeds,
    answer_notes,
    not_found_content,
    one_line,
    shorten,
    unescape,
)
from bot.discord.pagination import OpenArticle, answer_buttons
from bot.discord.reply import guarded, lang_of, respond
from storage.archive import Archive
from storage.models import Filters, Vote

# How far back a thread is searched for the answer a message in it follows.
THREAD_HISTORY = 20
QUESTION_CHARS = 150


class Archivaris(Protocol):
    """What of the bot (client.py) a conversation needs."""

    @property
    def user(self) -> discord.ClientUser | None: ...

    archive: Archive
    conversations: Conversations
    config: Config


@dataclass(frozen=True)
class Reply:
    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()
    view: discord.ui.View | None = None


def question_text(client: Archivaris, message: discord.Message) -> str:
    """What a message asks: its text without the mention of the bot (or its role)."""
    me, guild = client.user, message.guild
    if me is None:
        return one_line(message.content)
    role = guild.self_role if guild is not None else None
    pattern = rf"<@!?{me.id}>" + (rf"|<@&{role.id}>" if role is not None else "")
    return one_line(re.sub(pattern, " ", message.content))


def turn_before(client: Archivaris, message: discord.Message) -> Turn | None:
    """The turn `message` follows, from the bot's memory (None: it opens a conversation)."""
    conversations = client.conversations
    reference = message.reference
    if reference is not None and reference.message_id is not None:
        return conversations.get(message.channel.id).find(reference.message_id)
    channel = message.channel
    if isinstance(channel, discord.Thread):
        return conversations.get(channel.id).last or conversations.get(channel.parent_id).find(
            channel.id
        )
    return None


async def turn_read_back(
    client: Archivaris, message: discord.Message, filters: Filters
) -> Turn | None:
    """The turn `message` follows when the bot does not remember it (it restarted): read
    back from the messages, within the hour, and asked again."""
    asked = await _asked_before(client, message, MAX_ASKED)
    return (await replay(client.archive, asked, filters)).turn if asked else None


def follows_an_answer(client: Archivaris, message: discord.Message) -> bool:
    """Is `message` a reply to the bot, or in a thread that goes on from one of its turns?"""
    reference = message.reference
    if reference is not None:
        resolved = reference.resolved
        if isinstance(resolved, discord.Message) and client.user is not None:
            return resolved.author.id == client.user.id
    return turn_before(client, message) is not None


async def asked_of(
    client: Archivaris, answer: discord.Message, depth: int = MAX_ASKED
) -> tuple[str, ...]:
    """The questions `answer` (a message of the bot's) was asked with, last its own; empty
    when they cannot be read back (the question was deleted, or the bot may not read the
    channel's history). Read from the messages even while the turn is remembered: the
    answer to a typed "meer?" has the turn of the answer before it, and a button has to
    know it came after that."""
    question = await _referenced(answer)
    if question is None:
        asked = heading_question(answer.content.partition("\n")[0])
        return (asked,) if asked and answer.interaction_metadata is not None else ()
    if question.author.bot:
        return ()
    text = question_text(client, question)
    if not text:
        return ()
    earlier = await _asked_before(client, question, depth - 1) if depth > 1 else ()
    return (*earlier, text)[-MAX_ASKED:]


def heading_question(line: str) -> str | None:
    """The question an /ask answer shows in its first line ("Vraag: ..."), as asked."""
    for lang in ("nl", "en"):
        prefix = say("asked", lang, question="")
        if line.startswith(prefix):
            return unescape(line.removeprefix(prefix))
    return None


async def _asked_before(
    client: Archivaris, question: discord.Message, depth: int
) -> tuple[str, ...]:
    """The questions a member's message followed when it was answered (`turn_before`, read
    from the messages instead of from memory)."""
    me = client.user
    earlier = await _referenced(question)
    channel = question.channel
    if earlier is None and isinstance(channel, discord.Thread):
        earlier = await _last_answer_in(channel, question, me)
        if earlier is None:
            earlier = await _starter(channel)
    if earlier is None or question.created_at - earlier.created_at > timedelta(seconds=EXPIRY):
        return ()
    if me is not None and earlier.author.id == me.id:
        return await asked_of(client, earlier, depth)
    text = question_text(client, earlier)
    return (text,) if text and not earlier.author.bot else ()


async def _referenced(message: discord.Message) -> discord.Message | None:
    reference = message.reference
    if reference is None or reference.message_id is None:
        return None
    if isinstance(reference.resolved, discord.Message):
        return reference.resolved
    if isinstance(reference.resolved, discord.DeletedReferencedMessage):
        return None
    try:
        return await message.channel.fetch_message(reference.message_id)
    except discord.HTTPException:
        return None


async def _last_answer_in(
    thread: discord.Thread, before: discord.Message, me: discord.ClientUser | None
) -> discord.Message | None:
    if me is None:
        return None
    try:
        async for message in thread.history(limit=THREAD_HISTORY, before=before):
            if message.author.id == me.id and message.reference is not None:
                return message
    except discord.HTTPException:
        return None
    return None


async def _starter(thread: discord.Thread) -> discord.Message | None:
    """The message a thread was started from (it has the thread's id), if any."""
    parent = thread.parent
    if not isinstance(parent, discord.TextChannel):
        return None
    try:
        return await parent.fetch_message(thread.id)
    except discord.HTTPException:
        return None


# --- what the bot says ----------------------------------------------------------------------


def answer_reply(
    asked: Asked, lang: Lang, embeds: bool, recent: str, readable: bool, votes: bool
) -> Reply:
    """The reply to a question asked in its conversation: the questions it follows, the
    answer, or what the member can try; a request for more quotes the next articles.
    `readable`: its question can be read back from the answer (it replies to it), which
    the Meer and vote buttons need; `votes`: the operator wants 👍 / 👎 buttons."""
    reading, answer = asked.reading, asked.answer
    if reading.more:
        heading = say("more_of", lang, question=shorten(one_line(reading.question), 300))
        if not answer.answered:
            return Reply(f"{heading}\n{say('no_more', lang)}")
        return _with_quotes(answer, heading, lang, embeds, _view(answer, lang, readable, votes))
    lines = []
    if reading.follows:
        shown = [shorten(one_line(q), QUESTION_CHARS) for q in reading.follows]
        lines.append(say("follows", lang, questions=quoted(shown)))
    if notes := answer_notes(answer, lang):
        lines.append(notes)
    notes = "\n".join(lines)
    if not answer.answered:
        text = not_found_content(lang, recent)
        view = _view(answer, lang, readable, votes)
        return Reply(f"{notes}\n{text}" if notes else text, view=view)
    return _with_quotes(answer, notes, lang, embeds, _view(answer, lang, readable, votes))


def more_reply(
    answer: Answer, question: str, lang: Lang, embeds: bool, following: MoreAnswers | None
) -> Reply:
    """What the Meer button says: the next articles, with a button for more after them."""
    heading = say("more_of", lang, question=shorten(one_line(question), 300))
    if not answer.answered:
        return Reply(f"{heading}\n{say('no_more', lang)}")
    view = answer_buttons([quote.article.id for quote in answer.quotes], lang)
    if view is not None and following is not None:
        view.add_item(following)
    return _with_quotes(answer, heading, lang, embeds, view)


def _with_quotes(
    answer: Answer, notes: str, lang: Lang, embeds: bool, view: discord.ui.View | None
) -> Reply:
    if embeds:
        return Reply(notes or None, embeds=tuple(answer_embeds(answer, lang)), view=view)
    text = answer_content(answer, lang, room=CONTENT_LIMIT - len(notes) - 2)
    return Reply(f"{notes}\n\n{text}" if notes else text, view=view)


def _view(answer: Answer, lang: Lang, readable: bool, votes: bool) -> discord.ui.View | None:
    """The answer's "read article" buttons on the first row; Meer (when more articles
    pass the bar) and the votes on the second. A "not found" gets the votes too: a 👎
    there is the surest sign of an answer the archive holds but the bot missed."""
    view = answer_buttons([quote.article.id for quote in answer.quotes], lang)
    if not readable or not (answer.more or votes):
        return view
    view = view or discord.ui.View(timeout=None)
    if answer.more:
        view.add_item(MoreAnswers(1, None, say("more_button", lang)))
    if votes:
        view.add_item(VoteButton(True))
        view.add_item(VoteButton(False))
    return view


def _button(label: str | None, custom_id: str, emoji: str | None = None) -> Button:
    return Button(label=label, emoji=emoji, style=ButtonStyle.secondary, custom_id=custom_id, row=1)


class MoreAnswers(
    DynamicItem[Button],
    template=r"archivaris:more:(?P<page>[0-9]{1,4})(?::(?P<answer>[0-9]{1,20}))?",
):
    """ "Meer": the next QUOTED articles of an answer. On the answer itself the id holds
    only the page; on a reply with more it also names the answer, in the same channel."""

    def __init__(self, page: int, answer_id: int | None, label: str) -> None:
        suffix = f":{answer_id}" if answer_id is not None else ""
        super().__init__(_button(label, f"archivaris:more:{page}{suffix}"))
        self.page = page
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Button, match: re.Match[str]
    ) -> MoreAnswers:
        answer = int(match["answer"]) if match["answer"] else None
        return cls(max(int(match["page"]), 1), answer, item.label or "")

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction)
        client: Archivaris = interaction.client  # type: ignore[assignment]
        await interaction.response.defer(thinking=True)
        answer = await answered_message(interaction, self.answer_id)
        asked = await asked_of(client, answer) if answer is not None else ()
        if answer is None or not asked:
            await respond(interaction, say("answer_gone", lang))
            return
        filters = Filters(scope=interaction.guild_id)
        again = await replay(client.archive, asked, filters)
        shown = list(again.turn.cited)
        fresh = [a for a in further(again.result) if a not in shown]
        shown += fresh[: (self.page - 1) * QUOTED]
        found = await asyncio.to_thread(more, again.result, shown, QUOTED)
        following = None
        if found.more:
            following = MoreAnswers(self.page + 1, answer.id, say("more_button", lang))
        embeds = interaction.app_permissions.embed_links
        reply = more_reply(found, asked[-1], lang, embeds, following)
        await respond(interaction, reply.content, embeds=reply.embeds, view=reply.view)


async def answered_message(
    interaction: discord.Interaction, answer_id: int | None = None
) -> discord.Message | None:
    """The bot's answer a button belongs to (the message it is on, or the answer named in
    its id), fetched from the channel pressed in: what the press itself carries is not
    trusted, so neither a tampered message nor an id reaches another channel."""
    message, channel, me = interaction.message, interaction.channel, interaction.client.user
    wanted = answer_id if answer_id is not None else message.id if message else None
    if wanted is None or me is None or not isinstance(channel, discord.abc.Messageable):
        return None
    try:
        found = await channel.fetch_message(wanted)
    except discord.HTTPException:
        return None
    return found if found.author.id == me.id else None


class VoteButton(DynamicItem[Button], template=r"archivaris:vote:(?P<verdict>up|down)"):
    """👍 / 👎 under an answer: the archive keeps the question (and those it followed),
    the cited articles, the verdict, the server and the time; the member's id only to
    count one vote per member (README, "Privacy"). A second press replaces the first."""

    def __init__(self, helpful: bool) -> None:
        verdict, emoji = ("up", "👍") if helpful else ("down", "👎")
        super().__init__(_button(None, f"archivaris:vote:{verdict}", emoji))
        self.helpful = helpful

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Button, match: re.Match[str]
    ) -> VoteButton:
        return cls(match["verdict"] == "up")

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction)
        client: Archivaris = interaction.client  # type: ignore[assignment]
        if not client.config.feedback:  # buttons of answers sent before it was turned off
            await respond(interaction, say("votes_off", lang), ephemeral=True)
            return
        if interaction.guild_id is None or not interaction.permissions.view_channel:
            await respond(interaction, say("vote_refused", lang), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        answer = await answered_message(interaction)
        if answer is None:
            await respond(interaction, say("vote_refused", lang), ephemeral=True)
            return
        asked = await asked_of(client, answer)
        if not asked:
            await respond(interaction, say("answer_gone", lang), ephemeral=True)
            return
        vote = Vote(
            scope=interaction.guild_id,
            answer=answer.id,
            member=interaction.user.id,
            question=asked[-1],
            asked_after=asked[:-1],
            article_ids=cited_in(answer),
            helpful=self.helpful,
            at=datetime.now(UTC),
        )
        await client.archive.vote(vote)
        key = "voted_up" if self.helpful else "voted_down"
        await respond(interaction, say(key, lang), ephemeral=True)


def cited_in(answer: discord.Message) -> tuple[int, ...]:
    """The articles an answer quotes, in order: its "read article" buttons name them."""
    ids = []
    for row in answer.components:
        for item in getattr(row, "children", ()):
            if match := OpenArticle.__discord_ui_compiled_template__.fullmatch(
                getattr(item, "custom_id", None) or ""
            ):
                ids.append(int(match["id"]))
    return tuple(ids)


FOLLOW_UP_ITEMS: Sequence[type[DynamicItem[Button]]] = (MoreAnswers, VoteButton)
