"""Time hints in a question ("in april 2019", "begin december", "vorig jaar") as periods.

Three strengths, because a time in a question means different things:

- A month or day with its year ("eind maart 2019", "April 4, 2019") says when the news
  was: it becomes a date filter, widened by a week before (announcements) and two weeks
  after (reports), and its words leave the query: they were about when, not what.
- A year alone ("in 2018", "het WK van 2022") is as often the year a story is about as
  the year it ran: annual figures for 2018 appear in 2019, plans for 2030 in 2019. So it
  stays a query word, and an article published in that year or the next counts as
  mentioning it (`Period.kind == "year"`).
- A relative phrase ("vorig jaar", "last month") needs a "now". An archive's now is its
  newest article, not the clock: in an archive of 2019 news, "vorig jaar" read against
  today's date would point at years the archive does not hold, while for a live bot the
  two are the same. Such phrases also echo the article's own words ("het aantal klachten
  is vorig jaar gestegen", relative to *its* date), so they only nudge the ranking towards
  the period and their words stay in the query.

A month without a year ("op 4 mei") is left alone: it is usually the answer being asked
about, not a filter; so is a season ("het seizoen 2011-12"), whose years count as years.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from storage.language.dates import AMSTERDAM
from storage.language.text import fold

BEFORE = timedelta(days=7)
AFTER = timedelta(days=14)

_MONTHS = {
    **{
        name: number
        for number, names in enumerate(
            [
                "januari jan january",
                "februari feb february",
                "maart mrt march mar",
                "april apr",
                "mei may",
                "juni jun june",
                "juli jul july",
                "augustus aug august",
                "september sep sept",
                "oktober okt october oct",
                "november nov",
                "december dec",
            ],
            start=1,
        )
        for name in names.split()
    }
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PART = (
    r"(?:(?P<part>begin|eind|einde|half|halverwege|midden|medio|early|late|mid|end|beginning)"
    r"(?:\s+(?:of|van))?(?:\s+the)?[\s-]+)?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|e)?"
_MONTH_DATE = re.compile(
    rf"\b{_PART}(?:{_DAY}\s+(?:of\s+)?)?{_MONTH}(?:\s+{_DAY.replace('day', 'day2')})?,?\s+{_YEAR}\b"
)
_NUMERIC_DATE = re.compile(
    r"\b(?P<day>[0-3]?\d)[-/](?P<month>[01]?\d)[-/](?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]\d)(?:-(?P<iday>[0-3]\d))?\b"
)
_LONE_YEAR = re.compile(r"(?<![\d.,])\b(?:19|20)\d\d\b(?![.,]\d)")
_RELATIVE = re.compile(
    r"\b(?:(?P<last>vorig|vorige|afgelopen|last|past)|(?P<this>dit|deze|this))\s+"
    r"(?P<unit>jaar|maand|week|year|month|week)\b"
    r"|\b(?P<day>vandaag|gisteren|eergisteren|today|yesterday)\b"
)

Kind = Literal["filter", "year", "relative"]


@dataclass(frozen=True)
class Period:
    """A stretch of time a question points at; `words` are the (folded) words that said so."""

    since: datetime
    until: datetime
    kind: Kind
    words: str


def explicit(question: str) -> Period | None:
    """The first month or day with a year in the question that exists, widened for
    announcements and reports, or None. A date that does not exist ("31 februari") is a
    slip or a trick, not a period, so the next one named counts instead."""
    text = fold(question)
    for pattern in (_MONTH_DATE, _NUMERIC_DATE):
        for match in pattern.finditer(text):
            if _is_season(match):
                continue
            start, end = _span(match)
            if start is not None and end is not None:
                return Period(
                    since=_at(start) - BEFORE,
                    until=_at(end + timedelta(days=1)) + AFTER - timedelta(microseconds=1),
                    kind="filter",
                    words=match.group(),
                )
    return None


def years(question: str, skip: str = "") -> list[Period]:
    """Every year named on its own: the year itself and the next (`kind == "year"`)."""
    text = fold(question).replace(fold(skip), " ") if skip else fold(question)
    out = []
    for match in _LONE_YEAR.finditer(text):
        year = int(match.group())
        out.append(
            Period(
                since=_at(date(year, 1, 1)),
                until=_at(date(year + 2, 1, 1)) - timedelta(microseconds=1),
                kind="year",
                words=match.group(),
            )
        )
    return out


def mentions_relative(question: str) -> bool:
    return _RELATIVE.search(fold(question)) is not None


def relative(question: str, now: datetime) -> Period | None:
    """The first relative phrase, read against `now` (the archive's newest article)."""
    match = _RELATIVE.search(fold(question))
    if not match:
        return None
    today = now.astimezone(AMSTERDAM).date()
    if match["day"]:
        back = {"vandaag": 0, "today": 0, "gisteren": 1, "yesterday": 1}.get(match["day"], 2)
        start = end = today - timedelta(days=back)
    elif match["unit"] in ("jaar", "year"):
        year = today.year - (1 if match["last"] else 0)
        start, end = date(year, 1, 1), date(year, 12, 31)
    elif match["unit"] in ("maand", "month"):
        first = today.replace(day=1)
        if match["last"]:
            first = (first - timedelta(days=1)).replace(day=1)
        start, end = first, _month_end(first.year, first.month)
    else:
        monday = today - timedelta(days=today.weekday())
        start = monday - timedelta(days=7) if match["last"] else monday
        end = start + timedelta(days=6)
    return Period(
        since=_at(start),
        until=_at(end + timedelta(days=1)) - timedelta(microseconds=1),
        kind="relative",
        words=match.group(),
    )


def _is_season(match: re.Match[str]) -> bool:
    """ "2011-12" is a season (of football, of a school year), not December 2011: a year
    and a month that is the next year's last two digits."""
    year, month = match.groupdict().get("iyear"), match.groupdict().get("imonth")
    if not year or not month or match["iday"]:
        return False
    return int(month) == (int(year) + 1) % 100


def _span(match: re.Match[str]) -> tuple[date | None, date | None]:
    groups = match.groupdict()
    if groups.get("iyear"):
        year, month = int(groups["iyear"]), int(groups["imonth"])
        day = int(groups["iday"]) if groups.get("iday") else None
    else:
        year = int(groups["year"])
        month_text = groups["month"]
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
        day_text = groups.get("day") or groups.get("day2")
        day = int(day_text) if day_text else None
    if not 1 <= month <= 12:
        return None, None
    last = calendar.monthrange(year, month)[1]
    if day is not None:
        if not 1 <= day <= last:
            return None, None
        return date(year, month, day), date(year, month, day)
    part = groups.get("part")
    if part in ("begin", "early", "beginning"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("half", "halverwege", "midden", "medio", "mid"):
        return date(year, month, 10), date(year, month, 20)
    if part in ("eind", "einde", "late", "end"):
        return date(year, month, 20), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM)
