"""Managing a server's part of the archive: /upload, /delete and /stats.

Only members with Manage Server: `default_member_permissions` hides the commands from
everyone else, and since a server's admins can override that in Server Settings >
Integrations, each command checks `interaction.permissions` again when it runs. The bot's
owner has no special rights inside a server; the global collection is theirs to manage
from the command line. Every reply here is private to the admin.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections import Counter
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.messages import Lang, say
from bot.discord.format import (
    MAX_ID,
    one_line,
    refusal,
    shorten,
    stats_content,
    upload_progress,
    upload_summary,
)
from bot.discord.reply import NO_PINGS, lang_of, localized, respond
from storage.archive import UPLOAD_EXTENSIONS, extension
from storage.models import SourceFile, Verdict

if TYPE_CHECKING:
    from bot.discord.client import Archivaris

log = logging.getLogger(__name__)

DOWNLOAD_CHUNK = 64 * 1024


class Admin(commands.Cog):
    progress_every = 2.0
    """Seconds between progress edits during an upload, so a big zip shows it is alive."""

    def __init__(self, bot: Archivaris) -> None:
        self.bot = bot

    @app_commands.command(name="upload", description=localized("cmd_upload"))
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.describe(file=localized("opt_file"))
    async def upload(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        """Checked, downloaded and imported, reporting progress by editing one private reply.

        Type and size are checked before anything is downloaded. The engine parses in
        worker threads and stores in batches of whole articles, so the bot keeps answering
        during a large import and a failure never leaves half an article behind.
        """
        lang = lang_of(interaction)
        name = shorten(one_line(file.filename), 100)
        limit = self.bot.config.max_upload_bytes
        if extension(file.filename) not in UPLOAD_EXTENSIONS:
            unsupported = Verdict(file.filename, "rejected", "unsupported")
            await respond(interaction, refusal(unsupported, lang), ephemeral=True)
            return
        if file.size > limit:
            too_large = Verdict(file.filename, "rejected", "too_large", size=file.size, limit=limit)
            await respond(interaction, refusal(too_large, lang), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            data = await self._download(file, limit)
        except (aiohttp.ClientError, TimeoutError):
            log.warning("downloading attachment %s failed", file.id, exc_info=True)
            await respond(interaction, say("upload_download_failed", lang, name=name))
            return
        if isinstance(data, Verdict):
            await respond(interaction, refusal(data, lang))
            return
        try:
            verdicts = await self._import(interaction, SourceFile(file.filename, data), lang)
        except _ImportFailed as failure:
            log.error("importing %r failed", file.filename, exc_info=failure.__cause__)
            text = say("upload_failed", lang, name=name, added=failure.added)
            await interaction.edit_original_response(content=text, allowed_mentions=NO_PINGS)
            return
        content, report = upload_summary(file.filename, verdicts, lang)
        attachments = []
        if report is not None:
            report_file = io.BytesIO(report.encode("utf-8"))
            attachments.append(discord.File(report_file, filename="archivaris-upload.txt"))
        await interaction.edit_original_response(
            content=content, attachments=attachments, allowed_mentions=NO_PINGS
        )

    async def _download(self, file: discord.Attachment, limit: int) -> bytes | Verdict:
        """The attachment's bytes, read no further than `limit`.

        The size an attachment states can lie, and discord.py's `Attachment.read` reads
        whatever the CDN sends: a file that claimed 10 bytes was read whole at 33.6 MB
        before it was refused. The CDN's own length refuses it before any of it is read.
        """
        http = self.bot.http
        async with (
            aiohttp.ClientSession() as session,
            session.get(file.url, proxy=http.proxy, proxy_auth=http.proxy_auth) as response,
        ):
            response.raise_for_status()
            length = response.content_length
            if length is not None and length > limit:
                return Verdict(file.filename, "rejected", "too_large", size=length, limit=limit)
            data = bytearray()
            async for chunk in response.content.iter_chunked(DOWNLOAD_CHUNK):
                data += chunk
                if len(data) > limit:
                    return Verdict(
                        file.filename, "rejected", "too_large", detail="over", limit=limit
                    )
        return bytes(data)

    async def _import(
        self, interaction: discord.Interaction, file: SourceFile, lang: Lang
    ) -> list[Verdict]:
        """Every verdict of the import, showing the counts every `progress_every` seconds."""
        verdicts: list[Verdict] = []
        counts: Counter[str] = Counter()
        loop = asyncio.get_running_loop()
        shown_at = loop.time()
        try:
            async for verdict in self.bot.archive.import_file(
                file, scope=interaction.guild_id, added_by=f"discord:{interaction.user.id}"
            ):
                verdicts.append(verdict)
                counts[verdict.status] += 1
                if loop.time() - shown_at >= self.progress_every:
                    shown_at = loop.time()
                    await self._progress(interaction, upload_progress(file.name, counts, lang))
        except Exception as error:
            raise _ImportFailed(counts["added"]) from error
        return verdicts

    async def _progress(self, interaction: discord.Interaction, text: str) -> None:
        """Best effort: a failed progress edit must not stop the import."""
        try:
            await interaction.edit_original_response(content=text, allowed_mentions=NO_PINGS)
        except discord.HTTPException:
            log.warning("progress edit for interaction %s failed", interaction.id, exc_info=True)

    @app_commands.command(name="delete", description=localized("cmd_delete"))
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.rename(article_id="id")
    @app_commands.describe(article_id=localized("opt_article_id"))
    async def delete(
        self, interaction: discord.Interaction, article_id: app_commands.Range[int, 1, MAX_ID]
    ) -> None:
        """Only this server's own uploads; articles of the global collection are refused."""
        lang = lang_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        archive, scope = self.bot.archive, interaction.guild_id
        article = await archive.article(article_id, scope)
        if article is not None and article.summary.scope is None:
            text = say("delete_global", lang, id=article_id)
        elif article is not None and await archive.delete(article_id, scope):
            title = shorten(one_line(article.summary.title), 200)
            text = say("deleted_title", lang, id=article_id, title=title)
        else:
            text = say("no_such_article", lang, id=article_id)
        await respond(interaction, text)

    @app_commands.command(name="stats", description=localized("cmd_stats"))
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def stats(self, interaction: discord.Interaction) -> None:
        lang = lang_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        visible = await self.bot.archive.stats(interaction.guild_id)
        shared = await self.bot.archive.stats(None)
        await respond(interaction, stats_content(visible, shared, lang))


class _ImportFailed(Exception):
    """The import stopped part-way; `added` articles (whole batches) were stored before."""

    def __init__(self, added: int) -> None:
        super().__init__(f"import failed after {added} articles")
        self.added = added


async def setup(bot: Archivaris) -> None:
    await bot.add_cog(Admin(bot))
