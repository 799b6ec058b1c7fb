"""The `archivaris` command: import, ask, browse and chat from a terminal.

The command line is a contract (scripts and our checks depend on it): flags, JSON field
names and exit codes are documented in the README and only ever extended.
Exit codes: 0 success, 1 something was rejected or not found, 2 usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.answer import render
from bot.answer.compose import Answer, compose
from bot.answer.messages import (
    Lang,
    archive_problem,
    number,
    reason,
    say,
    tally,
    verdict_name,
    warning_text,
    warnings_text,
    write_problem,
)
from bot.config import DEFAULT_DB, ConfigError, import_limits
from storage.archive import (
    MAX_ID,
    Archive,
    ArchiveError,
    count_files,
    has_files,
    is_dsn,
    parse_period,
    shown,
)
from storage.models import (
    Article,
    ArticleSummary,
    ArticleWarning,
    Filters,
    Verdict,
    Vote,
    warning_json,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if since is not None and until is not None and since > until:
        parser.error("--since is after --until: that period holds no day")
    if getattr(args, "forget", False) and (
        args.json or args.since or args.as_questions or args.scope
    ):
        parser.error(
            "--forget deletes votes of every server: it takes --before and --member, nothing else"
        )
    if args.command == "feedback" and not args.forget and (args.before or args.member):
        parser.error("--before and --member name the votes --forget deletes")
    _utf8_output()
    try:
        code = args.run(args)
        if inspect.iscoroutine(code):
            code = asyncio.run(code)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader of the output has gone (`archivaris recent | head -1`): stop quietly, and
        # leave Python nothing to flush into the closed pipe on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    except UsageError as error:
        print(f"archivaris {args.command}: {error}", file=sys.stderr)
        return 2
    except (UserError, ConfigError) as error:
        print(f"archivaris: {error}", file=sys.stderr)
        return 1
    except ArchiveError as error:
        print(f"archivaris: {archive_problem(error, args.lang)}", file=sys.stderr)
        return 1


class UserError(Exception):
    """A problem the user can fix, reported as one line without a traceback."""


class UsageError(UserError):
    """The command was given nothing to work on: a usage error (exit status 2)."""


# --- commands -------------------------------------------------------------------------------


async def cmd_import(args: argparse.Namespace) -> int:
    counts: Counter[str] = Counter()
    progress = _Progress(args.lang)
    report = _Report(args.lang)
    if sys.stderr.isatty():
        progress.total = await asyncio.to_thread(count_files, args.paths)
    if not (progress.total or await asyncio.to_thread(has_files, args.paths)):
        paths = ", ".join(_printable(path) for path in args.paths)
        raise UserError(say("import_nothing", args.lang, paths=paths))
    async with await Archive.open(args.db, import_limits(os.environ)) as archive:
        async for verdict in archive.import_paths(args.paths, scope=args.scope, added_by="cli"):
            counts[verdict.status] += 1
            if args.json:
                line = json.dumps(_verdict_json(verdict, args.lang), ensure_ascii=False)
                print(line, flush=True)
            else:
                report.add(verdict)
            progress.step(verdict, counts)
    progress.clear()
    for line in report.lines():
        print(line)
    print(tally(counts, args.lang), file=sys.stderr if args.json else sys.stdout)
    return 1 if counts["rejected"] else 0


async def cmd_ask(args: argparse.Namespace) -> int:
    filters = Filters(scope=args.scope, since=args.since, until=args.until, source=args.source)
    questions = [args.question] if args.question is not None else _stdin_lines()
    if not any(question.strip() for question in questions):
        raise UsageError(say("no_question", args.lang))
    async with await _open_existing(args.db, args.lang, searching=True) as archive:
        for index, question in enumerate(questions):
            started = time.perf_counter()
            result = await archive.search(question, filters)
            answer = compose(result, limit=args.limit)
            took_ms = round((time.perf_counter() - started) * 1000, 1)
            if args.json:
                print(json.dumps(_answer_json(answer, took_ms), ensure_ascii=False), flush=True)
                continue
            if len(questions) > 1:
                print(("\n" if index else "") + f"» {question}")
            print(render.answer_text(answer, args.lang, _bold(), recent="archivaris recent"))
    return 0


async def cmd_recent(args: argparse.Namespace) -> int:
    async with await _open_existing(args.db, args.lang) as archive:
        articles = await archive.recent(Filters(scope=args.scope, source=args.source), args.limit)
    for article in articles:
        if args.json:
            print(json.dumps(_summary_json(article), ensure_ascii=False))
        else:
            print(render.summary_line(article, args.lang))
    if not articles and not args.json:
        if args.source:
            print(say("no_articles_source", args.lang, source=_printable(args.source)))
        else:
            print(say("no_articles", args.lang))
    return 0


async def cmd_show(args: argparse.Namespace) -> int:
    async with await _open_existing(args.db, args.lang) as archive:
        article = await archive.article(args.id, args.scope)
    if article is None:
        raise UserError(say("no_such_article", args.lang, id=args.id))
    if args.json:
        print(json.dumps(_article_json(article, args.lang), ensure_ascii=False))
    else:
        print(render.article_text(article, args.lang))
    return 0


async def cmd_delete(args: argparse.Namespace) -> int:
    async with await _open_existing(args.db, args.lang, read_only=False) as archive:
        deleted = await archive.delete(args.id, args.scope)
    if not deleted:
        raise UserError(say("no_such_article", args.lang, id=args.id))
    print(say("deleted", args.lang, id=args.id))
    return 0


async def cmd_stats(args: argparse.Namespace) -> int:
    async with await _open_existing(args.db, args.lang) as archive:
        stats = await archive.stats(args.scope)
    if args.json:
        data = {
            "articles": stats.articles,
            "passages": stats.passages,
            "sources": stats.sources,
            "oldest": _iso(stats.oldest),
            "newest": _iso(stats.newest),
            "database_bytes": stats.database_bytes,
        }
        print(json.dumps(data))
        return 0
    print(say("stats_total", args.lang, count=number(stats.articles, args.lang)))
    print("\n".join(render.stats_lines(stats, args.lang)))
    return 0


async def cmd_backup(args: argparse.Namespace) -> int:
    """SQLite's online backup into a new file; for PostgreSQL, pg_dump's custom format
    (or how to make one, where pg_dump is not installed)."""
    async with await _open_existing(args.db, args.lang) as archive:
        try:
            await archive.backup(args.path)
        except FileNotFoundError as error:
            if error.filename == "pg_dump":
                raise UserError(say("backup_needs_pg_dump", args.lang, path=args.path)) from None
            raise UserError(write_problem(args.path, error, args.lang)) from None
        except OSError as error:
            raise UserError(write_problem(args.path, error, args.lang)) from None
    print(say("backed_up", args.lang, db=shown(args.db), path=args.path))
    return 0


async def cmd_copy(args: argparse.Namespace) -> int:
    """Move an archive between stores (SQLite file or PostgreSQL database, either way),
    then check that every count matches and a sample of questions gets the same answers."""
    source_name, target_name = shown(args.source), shown(args.target)
    new_file = not is_dsn(args.target) and not await asyncio.to_thread(Path(args.target).exists)
    copied: dict[str, int] | None = None
    try:
        async with (
            await _open_existing(args.source, args.lang, searching=True) as source,
            await Archive.open(args.target) as target,
        ):
            if await source.same_as(target):
                raise UsageError(
                    say("copy_same", args.lang, source=source_name, target=target_name)
                )
            if (await target.counts())["articles"]:
                if not args.replace:
                    raise UserError(say("copy_not_empty", args.lang, target=target_name))
                await target.clear()
            copied = await source.copy_into(target)
            print(
                say(
                    "copied",
                    args.lang,
                    articles=number(copied["articles"], args.lang),
                    passages=number(copied["passages"], args.lang),
                    lists=number(copied["champion_floors"], args.lang),
                    source=source_name,
                    target=target_name,
                ),
                flush=True,
            )
            differences, asked = await _compare(source, target, args.check_questions)
    except BaseException:
        # A new file that a copy left half-filled must not look like an archive.
        if new_file and copied is None:
            await asyncio.to_thread(_remove_archive_file, Path(args.target))
        raise
    if differences:
        raise UserError(say("copy_differs", args.lang, what="; ".join(differences)))
    print(say("copy_checked", args.lang, questions=number(asked, args.lang)))
    return 0


def _remove_archive_file(path: Path) -> None:
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        part.unlink(missing_ok=True)


async def _compare(source: Archive, target: Archive, questions: int) -> tuple[list[str], int]:
    """What differs between two archives: their row counts, and the answers (ranked
    passages, scores, quotes, article ids) to questions made of the titles of articles
    spread over the archive. Returns the differences and the questions asked."""
    differences = []
    theirs = await target.counts()
    for table, count in (await source.counts()).items():
        if theirs[table] != count:
            differences.append(f"{table} {count} / {theirs[table]}")
    articles = await source.recent(limit=10_000)
    step = max(1, len(articles) // questions) if questions else len(articles) + 1
    asked = [article.title for article in articles[::step][:questions]]
    for question in asked:
        ours, copied = await source.search(question), await target.search(question)
        if ours.hits != copied.hits or compose(ours) != compose(copied):
            differences.append(question)
    return differences, len(asked)


async def cmd_export(args: argparse.Namespace) -> int:
    """JSON lines that `archivaris import` reads back into the same articles."""
    owners = None if args.scope is None else (args.scope,)
    count = 0
    async with await _open_existing(args.db, args.lang) as archive:
        with _output(args.path, args.lang) as out:
            async for article in archive.export(owners):
                out.write(json.dumps(_export_json(article, args.lang), ensure_ascii=False) + "\n")
                count += 1
    print(say("exported", args.lang, count=number(count, args.lang)), file=sys.stderr)
    return 0


async def cmd_reindex(args: argparse.Namespace) -> int:
    """Analyse every passage again, for an archive indexed by another Archivaris."""
    async with await _open_existing(args.db, args.lang, read_only=False) as archive:
        passages = await archive.reindex()
    print(say("reindexed", args.lang, count=number(passages, args.lang)))
    return 0


async def cmd_feedback(args: argparse.Namespace) -> int:
    """Members' votes on answers: listed, written as questions for bench/quality.py, or
    forgotten (README, "Privacy")."""
    if args.forget:
        async with await _open_existing(args.db, args.lang, read_only=False) as archive:
            forgotten = await archive.forget_votes(before=args.before, member=args.member)
        print(say("votes_forgotten", args.lang, count=number(forgotten, args.lang)))
        return 0
    async with await _open_existing(args.db, args.lang) as archive:
        votes = [
            vote
            for vote in await archive.votes(args.since)
            if args.scope is None or vote.scope == args.scope
        ]
        if args.as_questions is not None:
            return await _write_questions(archive, votes, args)
    for vote in votes:
        if args.json:
            print(json.dumps(_vote_json(vote), ensure_ascii=False))
        else:
            print("\n".join(_vote_lines(vote, args.lang)))
    if args.json:
        return 0
    if not votes:
        print(say("no_votes", args.lang))
        return 0
    up = sum(vote.helpful for vote in votes)
    print(
        say(
            "votes_tally",
            args.lang,
            count=number(len(votes), args.lang),
            up=number(up, args.lang),
            down=number(len(votes) - up, args.lang),
        )
    )
    return 0


async def _write_questions(archive: Archive, votes: list[Vote], args: argparse.Namespace) -> int:
    """One question per answer voted on, in bench/quality.py's question-set format.

    An answer someone found unhelpful is written with no `relevant` file: the bench then
    expects "not found", which is right where the archive has no answer; where it has one,
    the operator fills in `relevant` and `answer_contains`. An answer only found helpful
    has its cited articles' files as `relevant`, and a "not found" found helpful none:
    the bench then expects "not found" again. One whose articles were all deleted since
    is left out, as it would be read as a question without an answer.
    """
    by_answer: dict[int, list[Vote]] = {}
    for vote in votes:
        by_answer.setdefault(vote.answer, []).append(vote)
    records, left_out = [], 0
    for answer, cast in by_answer.items():
        first, up = cast[0], sum(vote.helpful for vote in cast)
        files = []
        for article_id in first.article_ids:
            article = await archive.article(article_id, first.scope)
            if article is not None and article.summary.file and article.summary.file not in files:
                files.append(article.summary.file)
        helpful = up == len(cast)
        if helpful and first.article_ids and not files:
            left_out += 1
            continue
        record: dict[str, Any] = {"id": f"feedback-{answer}", "question": first.question}
        if first.asked_after:
            record["follows"] = list(first.asked_after)
        record |= {
            "relevant": files if helpful else [],
            "answer_contains": [],
            "kind": "thumbs-up" if helpful else "thumbs-down",
            "votes": {"up": up, "down": len(cast) - up},
        }
        if not helpful:
            record["cited"] = files
        records.append(record)
    with _output(args.as_questions, args.lang) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    down = sum(record["kind"] == "thumbs-down" for record in records)
    written = say(
        "questions_written",
        args.lang,
        count=number(len(records), args.lang),
        path=args.as_questions,
        down=number(down, args.lang),
        up=number(len(records) - down, args.lang),
    )
    if left_out:
        written += " " + say("questions_left_out", args.lang, count=number(left_out, args.lang))
    print(written, file=sys.stderr)
    return 0


def _vote_lines(vote: Vote, lang: Lang) -> list[str]:
    """A vote for a person: when (Amsterdam time, as every date of the archive), the
    verdict, the server, the question and what it cited; the conversation it followed."""
    at = vote.at.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M")
    where = say("vote_server", lang, id=vote.scope) if vote.scope else say("vote_no_server", lang)
    cited = ", ".join(map(str, vote.article_ids)) or "-"
    line = (
        f"{at} {'👍' if vote.helpful else '👎'} {where} · “{_printable(vote.question)}” · "
        + say("vote_cited", lang, ids=cited)
    )
    if not vote.asked_after:
        return [line]
    earlier = " / ".join(f"“{_printable(question)}”" for question in vote.asked_after)
    return [line, "    " + say("follows", lang, questions=earlier)]


def cmd_chat(args: argparse.Namespace) -> int:
    """Not a coroutine: the chat reads the terminal in the main thread (chat.py says why)."""
    from bot.terminal.chat import chat

    return chat(args.db, scope=args.scope, lang=args.lang)


# --- JSON shapes ----------------------------------------------------------------------------


def _verdict_json(verdict: Verdict, lang: Lang) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": verdict.file,
        "status": verdict.status,
        "reason": reason(verdict, lang),
        "article_id": verdict.article_id,
    }
    if verdict.code:
        data["code"] = verdict.code
    if verdict.record is not None:
        data["record"] = verdict.record
    if verdict.warnings:
        data["warnings"] = _warnings_json(verdict.warnings, lang)
    return data


def _warnings_json(warnings: Sequence[ArticleWarning], lang: Lang) -> list[dict[str, str]]:
    """Each warning's code and values, as the archive keeps them, and its sentence."""
    return [{**warning_json(w), "text": warning_text(w, lang)} for w in warnings]


def _summary_json(article: ArticleSummary) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "file": article.file,
        "title": article.title,
        "source": article.source,
        "agency": article.agency,
        "published": _iso(article.published),
        "updated": article.updated,
    }


def _answer_json(answer: Answer, took_ms: float) -> dict[str, Any]:
    period = None
    if answer.period:
        period = {"since": _iso(answer.period[0]), "until": _iso(answer.period[1])}
    return {
        "question": answer.question,
        "answered": answer.answered,
        "took_ms": took_ms,
        "corrected": answer.corrected,
        "period": period,
        "direct": answer.direct,
        "hits": [
            {
                **_summary_json(quote.article),
                "excerpt": quote.excerpt,
                "highlights": [list(span) for span in quote.highlights],
                "answer": list(quote.answer) if quote.answer else None,
                "score": quote.score,
            }
            for quote in answer.quotes
        ],
    }


def _article_json(article: Article, lang: Lang) -> dict[str, Any]:
    return {
        **_summary_json(article.summary),
        "time_known": article.summary.time_known,
        "scope": article.summary.scope,
        "places": list(article.places),
        "dateline": article.dateline,
        "url": article.url,
        "body": list(article.body),
        "added_by": article.added_by,
        "added_at": _iso(article.added_at),
        "warnings": _warnings_json(article.warnings, lang),
    }


def _export_json(article: Article, lang: Lang) -> dict[str, Any]:
    """Every stored field; `body` is the page text (dateline included) for re-import."""
    return {**_article_json(article, lang), "body": list(article.paragraphs)}


def _vote_json(vote: Vote) -> dict[str, Any]:
    """A vote as the archive keeps it: never who cast it."""
    return {
        "at": vote.at.isoformat(),
        "helpful": vote.helpful,
        "scope": vote.scope,
        "answer": vote.answer,
        "question": vote.question,
        "asked_after": list(vote.asked_after),
        "article_ids": list(vote.article_ids),
    }


def _printable(text: str) -> str:
    """`text` with every control and format character written as an escape ("\\x1b",
    "\\n", "\\u202e"): a file name from a zip or a disk must not clear the screen, forge
    a line or turn the text around."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# --- plumbing -------------------------------------------------------------------------------

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


async def _open_existing(
    db: str, lang: Lang, read_only: bool = True, searching: bool = False
) -> Archive:
    """The archive at `db`: an SQLite file that must exist, or a PostgreSQL database;
    read-only unless the command writes. Only a command that searches needs an index
    built by this version's analyser."""
    if not is_dsn(db) and not await asyncio.to_thread(Path(db).exists):
        raise UserError(say("no_archive", lang, db=db))
    return await Archive.open(db, read_only=read_only, outdated_ok=not searching)


@contextmanager
def _output(path: str | None, lang: Lang) -> Iterator[TextIO]:
    """Standard output, or a new file at `path`; a file left unfinished, for whatever
    reason, is removed, and why it could not be written is said in one line."""
    if path in (None, "-"):
        yield sys.stdout
        return
    created = False
    try:
        with open(path, "x", encoding="utf-8") as out:
            created = True
            yield out
    except BaseException as error:
        if created:
            Path(path).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise UserError(write_problem(path, error, lang)) from None
        raise


def _stdin_lines() -> list[str]:
    return [line.strip() for line in sys.stdin if line.strip()]


def _bold():
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return lambda text: f"\x1b[1m{text}\x1b[0m"
    return str


def _utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


class _Report:
    """What an import did, summed up for a person: one line per reason, with the first few
    files it concerns (an import of a folder may reject thousands of files for the same
    reason). Every file and its reason is what `--json` is for."""

    shown = 3

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.counts: Counter[tuple] = Counter()
        self.first: dict[tuple, list[tuple[str, str]]] = {}
        self.alike: dict[tuple, bool] = {}

    def add(self, verdict: Verdict) -> None:
        if verdict.status != "added":
            key: tuple = (verdict.status, verdict.code, verdict.detail)
            why = reason(verdict, self.lang) or ""
        elif verdict.warnings:
            key, why = ("warned",), _printable(warnings_text(verdict.warnings, self.lang))
        else:
            return
        self.counts[key] += 1
        first = self.first.setdefault(key, [])
        if len(first) < self.shown:
            first.append((_printable(verdict_name(verdict)), why))
        self.alike[key] = self.alike.get(key, True) and why == first[0][1]

    def lines(self) -> Iterator[str]:
        """Rejections first, then duplicates, then warnings, each in the order they came."""
        order = ("rejected", "duplicate", "warned")
        for key, count in sorted(self.counts.items(), key=lambda item: order.index(item[0][0])):
            first = self.first[key]
            status = say("status_warned" if key == ("warned",) else f"status_{key[0]}", self.lang)
            more = count - len(first)
            rest = " " + say("and_more", self.lang, count=number(more, self.lang)) if more else ""
            if self.alike[key]:
                yield f"{number(count, self.lang)} {status}: {first[0][1]}"
                yield "  " + ", ".join(name for name, _ in first) + rest
                continue
            yield f"{number(count, self.lang)} {status}:"
            yield from (f"  {name}: {why}" for name, why in first)
            if more:
                yield " " + rest
        if any(count > len(self.first[key]) for key, count in self.counts.items()):
            yield say("import_every_file", self.lang)


class _Progress:
    """A progress bar on stderr (only on a terminal), redrawn at most ten times a second.

    `total` counts files and zip entries; a JSON file's records after the first are not
    files of their own, so they do not move the bar.
    """

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.total: int | None = None
        self.done = 0
        self.last = 0.0

    def step(self, verdict: Verdict, counts: Counter[str]) -> None:
        if self.total is None:
            return
        stepped = verdict.record in (None, 1)
        self.done += stepped
        now = time.monotonic()
        if now - self.last < 0.1 and not (stepped and self.done >= self.total):
            return
        self.last = now
        share = min(self.done / self.total, 1.0) if self.total else 1.0
        bar = "#" * round(share * 30)
        done = say(
            "import_progress",
            self.lang,
            done=number(self.done, self.lang),
            total=number(self.total, self.lang),
            tally=tally(counts, self.lang),
        )
        sys.stderr.write(f"\r[{bar:<30}] {done} ")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.total is not None and self.last:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _period(text: str) -> tuple[datetime, datetime]:
    period = parse_period(text)
    if period is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use e.g. 2019-04-01)")
    return period


def _since(text: str) -> datetime:
    return _period(text)[0]


def _until(text: str) -> datetime:
    """The end of the named day, month or year, so --until 2019-04 includes all of April."""
    return _period(text)[1]


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"a number of articles, 1 or more, not {text!r}")
    return value


def _article_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"an article's number, as archivaris recent lists them, not {text!r}"
        ) from None


def _none_or_more(text: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)
    raise argparse.ArgumentTypeError(f"a number of questions, 0 or more, not {text!r}")


def _scope(text: str) -> int:
    if _is_discord_id(text):
        return int(text)
    raise argparse.ArgumentTypeError(f"a scope is a Discord server id, not {text!r}")


def _member(text: str) -> int:
    if _is_discord_id(text):
        return int(text)
    raise argparse.ArgumentTypeError(f"a member is a Discord user id, not {text!r}")


def _is_discord_id(text: str) -> bool:
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID


# What --scope means to the commands that read what one server sees.
SEES = "that server's articles and the global collection (default: the global collection only)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archivaris",
        description="Answer questions about a news archive with quoted, cited excerpts.",
    )
    parser.add_argument(
        "--db",
        default=os.environ.get("ARCHIVARIS_DB") or DEFAULT_DB,
        help="the archive: an SQLite file, or a PostgreSQL database as "
        "postgresql://USER@HOST/DB (default: $ARCHIVARIS_DB, else ./archivaris.db)",
    )
    parser.add_argument("--version", action="version", version=f"archivaris {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, run, help: str, scope: str | None = SEES) -> argparse.ArgumentParser:
        """A command; `scope` is what its --scope means, None for one on the whole archive."""
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run, scope=None)
        if scope is not None:
            sub.add_argument("--scope", type=_scope, help=f"a Discord server id: {scope}")
        sub.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help="reply language (default nl)"
        )
        return sub

    def json_lines(sub: argparse.ArgumentParser, each: str) -> None:
        sub.add_argument("--json", action="store_true", help=f"one JSON line per {each}")

    def source(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--source", help="only articles whose source contains this")

    sub = command(
        "import",
        cmd_import,
        "add articles from files, folders and zips",
        scope="add them to that server's own articles (default: the global collection)",
    )
    json_lines(sub, "file, zip entry and record")
    sub.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders (read recursively) and zips"
    )

    sub = command("ask", cmd_ask, "answer a question (or one per line from stdin)")
    json_lines(sub, "question")
    sub.add_argument("--limit", type=_at_least_one, default=3, help="quotes to give (default 3)")
    sub.add_argument(
        "--since", type=_since, help="only articles from this date on (2019, 2019-04, ...)"
    )
    sub.add_argument(
        "--until", type=_until, help="only articles up to this date, all of it included"
    )
    source(sub)
    sub.add_argument(
        "question", nargs="?", metavar="QUESTION", help="the question (default: read stdin)"
    )

    sub = command("recent", cmd_recent, "list the newest articles")
    json_lines(sub, "article")
    sub.add_argument(
        "--limit", type=_at_least_one, default=10, help="articles to list (default 10)"
    )
    source(sub)

    sub = command("show", cmd_show, "show one article")
    sub.add_argument("--json", action="store_true", help="the article as one JSON object")
    sub.add_argument("id", type=_article_id, metavar="ID", help="the article's number")

    sub = command(
        "delete",
        cmd_delete,
        "delete one article",
        scope="delete one of that server's own articles (default: one of the global collection)",
    )
    sub.add_argument("id", type=_article_id, metavar="ID", help="the article's number")

    sub = command("stats", cmd_stats, "archive statistics")
    sub.add_argument("--json", action="store_true", help="the figures as one JSON object")

    sub = command(
        "backup",
        cmd_backup,
        "copy the archive safely, even while the bot runs (PostgreSQL: with pg_dump)",
        scope=None,
    )
    sub.add_argument("path", metavar="PATH", help="the new backup file (must not exist)")

    sub = command(
        "copy",
        cmd_copy,
        "copy the whole archive to another store (SQLite file or PostgreSQL database, "
        "either way), then check the copy",
        scope=None,
    )
    sub.add_argument("source", metavar="SOURCE", help="the archive to copy: a file or a URI")
    sub.add_argument("target", metavar="TARGET", help="where to: a file or a URI")
    sub.add_argument("--replace", action="store_true", help="replace what the target already holds")
    sub.add_argument(
        "--check-questions",
        type=_none_or_more,
        default=50,
        help="questions asked of both to check the copy (default 50)",
    )

    sub = command(
        "export",
        cmd_export,
        "all articles as JSON lines (that import reads back)",
        scope="only that server's own articles (default: every article, of every server)",
    )
    sub.add_argument("path", nargs="?", metavar="PATH", help="a new output file (default: stdout)")

    command(
        "reindex",
        cmd_reindex,
        "analyse every passage again (for an archive indexed by another Archivaris version)",
        scope=None,
    )

    sub = command(
        "feedback",
        cmd_feedback,
        "members' 👍 / 👎 votes on the bot's answers",
        scope="only the votes cast in that server (default: every vote)",
    )
    json_lines(sub, "vote")
    sub.add_argument("--since", type=_since, help="only votes from this date on (2026-12, ...)")
    sub.add_argument(
        "--as-questions",
        metavar="FILE",
        help="write the voted questions as a question set for bench/quality.py to a new FILE",
    )
    sub.add_argument(
        "--forget",
        action="store_true",
        help="delete votes: all of them, or those --before a date, or one --member's",
    )
    sub.add_argument("--before", type=_since, help="with --forget: votes before this date")
    sub.add_argument(
        "--member", type=_member, help="with --forget: the votes of this Discord user id"
    )

    command("chat", cmd_chat, "ask questions interactively (uses a demo archive if empty)")
    return parser


def _version() -> str:
    try:
        return metadata.version("archivaris")
    except metadata.PackageNotFoundError:
        return "(not installed)"


if __name__ == "__main__":
    sys.exit(main())
