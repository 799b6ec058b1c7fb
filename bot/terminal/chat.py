"""`archivaris chat`: the bot's conversation in a terminal, no Discord needed.

With no archive yet it opens a throw-away demo archive (the original seed article plus a
few invented sample pages shipped in storage/demo), so a new user can try it at once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Coroutine, Iterator
from contextlib import AsyncExitStack, contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from bot.answer import render
from bot.answer.conversation import Context, ask
from bot.answer.messages import Lang, say
from storage.archive import Archive, is_dsn
from storage.models import Filters

T = TypeVar("T")

# Seconds between nudges of the main thread after a Ctrl-C (`_interruptible`).
_NUDGES = 0.05


def demo_files() -> list[Path]:
    folder = resources.files("storage") / "demo"
    return sorted(Path(str(folder)).glob("*.txt"))


def chat(db: str, scope: int | None = None, lang: Lang = "nl") -> int:
    """The conversation; 0 when left with /stop or Ctrl-D, 130 with Ctrl-C.

    The terminal is read in the main thread, where Ctrl-C interrupts the wait for a line
    at once and readline (where the platform has it) edits the line and recalls earlier
    questions. The archive runs on an event loop in a thread of its own.
    """
    _line_editing()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="archivaris-chat", daemon=True)
    thread.start()
    stack = AsyncExitStack()

    def run(coroutine: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()
            raise

    try:
        with _interruptible():
            archive = run(_open_or_demo(db, scope, stack, lang))
            filters = Filters(scope=scope)
            context = Context()
            print(say("chat_help", lang))
            while True:
                line = input("» ").strip()
                if not line:
                    continue
                if line in ("/stop", "/quit", "/exit"):
                    return 0
                text, context = run(_respond(archive, line, filters, lang, context))
                print(text + "\n")
    except EOFError:
        print()
        return 0
    except KeyboardInterrupt:
        print()
        return 130
    finally:
        try:
            asyncio.run_coroutine_threadsafe(stack.aclose(), loop).result()
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            loop.close()


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C ends the wait for a line at once, whichever thread the kernel hands it to.

    A signal ends only the wait of the thread it is given to, and the kernel gives it to
    any thread that does not block it, such as numpy's, started on import. Python notes
    it for the main thread, which looks only once its wait ends, at Enter; and a SIGINT
    that comes while readline sets up, just before it waits, is missed alike. So signals
    are also written to a pipe, and on SIGINT a thread nudges the main thread with a
    signal of its own (SIGUSR2, whose handler does nothing) until it has seen the SIGINT:
    a nudge ends its wait, and then it looks.
    """
    if not hasattr(signal, "pthread_kill"):
        yield
        return
    reading, writing = os.pipe()
    os.set_blocking(writing, False)
    main, seen = threading.get_ident(), threading.Event()

    def forward() -> None:
        while received := os.read(reading, 64):
            if signal.SIGINT in received:
                while not seen.wait(_NUDGES):
                    signal.pthread_kill(main, signal.SIGUSR2)

    before = signal.signal(signal.SIGUSR2, lambda *_: None)
    wakeup = signal.set_wakeup_fd(writing, warn_on_full_buffer=False)
    forwarder = threading.Thread(target=forward, name="archivaris-ctrl-c", daemon=True)
    forwarder.start()
    try:
        yield
    finally:
        seen.set()
        signal.set_wakeup_fd(wakeup)
        os.close(writing)
        forwarder.join()
        os.close(reading)
        signal.signal(signal.SIGUSR2, before)


def _line_editing() -> None:
    """Arrow keys, line editing and this session's earlier questions at a terminal, where
    Python has readline (not on Windows)."""
    if not sys.stdin.isatty():
        return
    with suppress(ImportError):
        import readline  # noqa: F401 (importing it is what makes input() use it)


async def _respond(
    archive: Archive, line: str, filters: Filters, lang: Lang, context: Context
) -> tuple[str, Context]:
    """The reply to one line, and the conversation after it: a question is read with the
    one before it (bot/answer/conversation.py), within the hour."""
    command, _, rest = line.partition(" ")
    if command == "/help":
        return say("chat_help", lang), context
    if command == "/recent":
        articles = await archive.recent(filters, limit=10)
        listed = "\n".join(render.summary_line(a, lang) for a in articles)
        return listed or say("no_articles", lang), context
    if command in ("/artikel", "/article"):
        if not rest.strip().isdigit():
            return say("chat_help", lang), context
        article = await archive.article(int(rest), filters.scope)
        if article is None:
            return say("no_such_article", lang, id=rest.strip()), context
        return render.article_text(article, lang), context
    now = time.monotonic()
    asked = await ask(archive, line, filters, context.current(now).last, now)
    reading, answer = asked.reading, asked.answer
    if reading.more:
        heading = say("more_of", lang, question=reading.question)
        text = render.answer_text(answer, lang) if answer.answered else say("no_more", lang)
        return f"{heading}\n\n{text}", context.add(asked.turn)
    text = render.answer_text(answer, lang, recent="/recent")
    if reading.follows:
        text = say("follows", lang, questions=render.quoted(reading.follows)) + "\n\n" + text
    return text, context.add(asked.turn)


async def _open_or_demo(db: str, scope: int | None, stack: AsyncExitStack, lang: Lang) -> Archive:
    """The archive at `db`, or the demo where it holds nothing `scope` sees."""
    if is_dsn(db) or await asyncio.to_thread(Path(db).exists):
        archive = await stack.enter_async_context(await Archive.open(db, read_only=True))
        if (await archive.stats(scope)).articles:
            return archive
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="archivaris-demo-"))
    archive = await stack.enter_async_context(await Archive.open(Path(folder) / "demo.db"))
    async for _ in archive.import_paths(demo_files(), added_by="demo"):
        pass
    print(say("chat_demo", lang, db=db, count=len(demo_files())), file=sys.stderr)
    return archive
