"""`archivaris chat`: the bot's conversation in a terminal, no Discord needed.

With no archive yet it opens a throw-away demo archive (the original seed article plus a
few invented sample pages shipped in storage/demo), so a new user can try it at once.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from contextlib import AsyncExitStack
from importlib import resources
from pathlib import Path

from bot.answer import render
from bot.answer.compose import compose
from bot.answer.messages import Lang, say
from storage.archive import Archive
from storage.models import Filters


def demo_files() -> list[Path]:
    folder = resources.files("storage") / "demo"
    return sorted(Path(str(folder)).glob("*.txt"))


async def chat(db: str, scope: int | None = None, lang: Lang = "nl") -> int:
    async with AsyncExitStack() as stack:
        archive = await _open_or_demo(db, stack, lang)
        filters = Filters(scope=scope)
        print(say("chat_help", lang))
        while True:
            try:
                line = (await asyncio.to_thread(input, "» ")).strip()
            except EOFError:
                print()
                return 0
            if not line:
                continue
            if line in ("/stop", "/quit", "/exit"):
                return 0
            print(await _respond(archive, line, filters, lang) + "\n")


async def _respond(archive: Archive, line: str, filters: Filters, lang: Lang) -> str:
    command, _, rest = line.partition(" ")
    if command == "/help":
        return say("chat_help", lang)
    if command == "/recent":
        articles = await archive.recent(filters, limit=10)
        return "\n".join(render.summary_line(a, lang) for a in articles) or say("no_articles", lang)
    if command in ("/artikel", "/article"):
        if not rest.strip().isdigit():
            return say("chat_help", lang)
        article = await archive.article(int(rest), filters.scope)
        if article is None:
            return say("no_such_article", lang, id=rest.strip())
        return render.article_text(article, lang)
    answer = compose(await archive.search(line, filters))
    return render.answer_text(answer, lang, recent="/recent")


async def _open_or_demo(db: str, stack: AsyncExitStack, lang: Lang) -> Archive:
    if await asyncio.to_thread(Path(db).exists):
        archive = await stack.enter_async_context(await Archive.open(db, read_only=True))
        if (await archive.stats()).articles:
            return archive
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="archivaris-demo-"))
    archive = await stack.enter_async_context(await Archive.open(Path(folder) / "demo.db"))
    async for _ in archive.import_paths(demo_files(), added_by="demo"):
        pass
    print(say("chat_demo", lang, db=db, count=len(demo_files())), file=sys.stderr)
    return archive
