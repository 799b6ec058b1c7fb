"""Questions: a mention anywhere the bot can read, any message in an answer channel (or a
thread of one), a question replying to one of the bot's answers, and /ask. All end in the
same reply: quotes with their citations and a button per article, or a kind "not found"
that says what to try instead. A reply to an answer and a message in a thread are read
with the question they follow (bot/discord/followup.py).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.conversation import Turn, ask, is_question
from bot.answer.messages import Lang, say
from bot.discord.followup import (
    Reply,
    answer_reply,
    follows_an_answer,
    heading_question,
    question_text,
    turn_before,
    turn_read_back,
)
from bot.discord.format import one_line, question_line, shorten
from bot.discord.reply import NO_PINGS, lang_of, lang_of_guild, localized, refuse, respond
from storage.archive import parse_period
from storage.models import Filters

if TYPE_CHECKING:
    from bot.discord.client import Archivaris

log = logging.getLogger(__name__)

EXAMPLE = "Wat zei Stoltenberg over kernwapens?"
_QUESTION_TYPES = (discord.MessageType.default, discord.MessageType.reply)


class Ask(commands.Cog):
    def __init__(self, bot: Archivaris) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        question = self.question_in(message)
        if question is None:
            return
        assert message.guild is not None
        channel = message.channel
        allowed = channel.permissions_for(message.guild.me)  # type: ignore[arg-type]
        can_send = (
            allowed.send_messages_in_threads
            if isinstance(channel, discord.Thread)
            else allowed.send_messages
        )
        if not can_send:
            log.info("not answering in #%s: the bot may not send messages there", channel)
            return
        lang = lang_of_guild(message.guild)
        reference = (
            message.to_reference(fail_if_not_exists=False) if allowed.read_message_history else None
        )
        try:
            async with channel.typing():
                filters = Filters(scope=message.guild.id)
                before = turn_before(self.bot, message)
                if before is None and reference is not None and question:
                    before = await turn_read_back(self.bot, message, filters)
                reply, turn = await self.reply(
                    question, filters, lang, allowed.embed_links, before, reference is not None
                )
                sent = await channel.send(
                    reply.content,
                    embeds=list(reply.embeds) or None,
                    view=reply.view,
                    reference=reference,
                    mention_author=False,
                    allowed_mentions=NO_PINGS,
                )
            if turn is not None:
                remembered = replace(turn, messages=(message.id, sent.id))
                self.bot.conversations.remember(channel.id, remembered)
        except Exception:
            log.exception("answering message %s in guild %s failed", message.id, message.guild.id)
            try:
                await channel.send(
                    say("failed", lang),
                    reference=reference,
                    mention_author=False,
                    allowed_mentions=NO_PINGS,
                )
            except discord.HTTPException:
                log.warning("could not tell the member that answering failed")

    def question_in(self, message: discord.Message) -> str | None:
        """The question a message asks the bot, or None when it is not meant for the bot.

        An explicit mention counts (of the bot or of its role, which Discord's
        autocomplete often picks). So does a question replying to the bot's answer, or in
        a thread that goes on from one: a reply pings the bot too, but "thanks!" is not a
        question. In an answer channel every message with text is one.
        """
        guild, me = message.guild, self.bot.user
        if guild is None or me is None or message.author.bot:
            return None
        if message.type not in _QUESTION_TYPES:
            return None
        role = guild.self_role
        mentioned = me.id in message.raw_mentions or (
            role is not None and role.id in message.raw_role_mentions
        )
        question = question_text(self.bot, message)
        if mentioned:
            return question
        if self.in_answer_channel(message.channel):
            return question or None
        if question and is_question(question) and follows_an_answer(self.bot, message):
            return question
        return None

    def in_answer_channel(self, channel: discord.abc.MessageableChannel) -> bool:
        config = self.bot.config
        if config.is_answer_channel(channel.id, getattr(channel, "name", None)):
            return True
        if isinstance(channel, discord.Thread):
            parent = channel.parent
            return config.is_answer_channel(channel.parent_id, parent.name if parent else None)
        return False

    async def reply(
        self,
        question: str,
        filters: Filters,
        lang: Lang,
        embeds: bool,
        turn: Turn | None = None,
        readable: bool = True,
    ) -> tuple[Reply, Turn | None]:
        """The answer from the articles `filters` allow (the server's own plus the global
        collection), read after `turn`, and the turn to remember. `embeds` is False where
        the bot may not embed links; `readable` False where the answer's question cannot
        be read back from it (which its Meer and vote buttons do)."""
        if not question:
            return Reply(say("empty_question", lang, example=EXAMPLE)), None
        asked = await ask(self.bot.archive, question, filters, turn)
        recent = self.bot.command_mention("recent")
        votes = self.bot.config.feedback
        return answer_reply(asked, lang, embeds, recent, readable, votes), asked.turn

    @app_commands.command(name="ask", description=localized("cmd_ask"))
    @app_commands.describe(
        question=localized("opt_question"),
        since=localized("opt_since"),
        until=localized("opt_until"),
        source=localized("opt_source"),
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 500],
        since: app_commands.Range[str, 1, 40] | None = None,
        until: app_commands.Range[str, 1, 40] | None = None,
        source: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Since and until name a year, month or day; until includes all of it."""
        lang = lang_of(interaction)
        bounds = []
        for text, edge in ((since, 0), (until, 1)):
            period = parse_period(text) if text else None
            if text and period is None:
                await refuse(interaction, "bad_date", text=shorten(one_line(text), 40))
                return
            bounds.append(period[edge] if period else None)
        start, end = bounds
        if start is not None and end is not None and start > end:
            await refuse(interaction, "bad_period")
            return
        await interaction.response.defer(thinking=True)
        filters = Filters(scope=interaction.guild_id, since=start, until=end, source=source)
        heading = question_line(question, lang)
        # Its buttons read the question back from the heading; asked again without the
        # options it would give other articles, so an answer with options has none.
        readable = heading_question(heading) == one_line(question) and filters == Filters(
            scope=interaction.guild_id
        )
        reply, turn = await self.reply(one_line(question), filters, lang, True, None, readable)
        content = f"{heading}\n{reply.content}" if reply.content else heading
        await respond(interaction, content, embeds=reply.embeds, view=reply.view)
        if turn is not None and readable and interaction.channel_id is not None:
            sent = await interaction.original_response()
            remembered = replace(turn, messages=(sent.id,))
            self.bot.conversations.remember(interaction.channel_id, remembered)


async def setup(bot: Archivaris) -> None:
    await bot.add_cog(Ask(bot))
