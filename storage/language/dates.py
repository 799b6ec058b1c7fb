"""Dutch dates: reading the scraped `date` header line, free-form dates, and writing them back.

Every datetime that leaves this module is timezone-aware and in Europe/Amsterdam, so that
"in april 2019" means the Dutch April no matter where the bot runs, and a date written
without a time sits at local midnight rather than at a UTC hour that shifts the day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.models import ArticleWarning

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = (
    "January February March April May June July August September October November December"
).split()
# Every way Dutch writes a month, lower-case, with its number: the name and its
# abbreviations (`okt`, `sept`). The one list that reading dates anywhere goes by.
MONTH_NUMBERS: dict[str, int] = {name: i for i, name in enumerate(MONTHS, start=1)}
MONTH_NUMBERS.update({"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8})
MONTH_NUMBERS.update({"sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12})

_DATE_LINE = re.compile(
    r"""\s*date
    (?:\s+(?P<prefix>\d{4}-\d{1,2}))?
    (?:\s+(?P<weekday>[^\W\d_]+))?
    \s+(?P<day>\d{1,2})
    \s+(?P<month>[^\W\d_]+)\.?
    \s+(?P<year>\d{4})
    (?:\s*,?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*uur)?)?
    \s*""",
    re.VERBOSE | re.IGNORECASE,
)

_DUTCH_DATE = re.compile(
    r"""(?:(?P<weekday>[^\W\d_]+),?\s+)?
    (?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+)\.?\s+(?P<year>\d{4})
    (?:\s*,?\s*(?:om\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*uur)?)?""",
    re.VERBOSE | re.IGNORECASE,
)
_NUMERIC_DUTCH_DATE = re.compile(
    r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})"
    r"(?:\s*,?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
)
_YEAR_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})")
_YEAR = re.compile(r"\d{4}")


def parse_date_line(line: str) -> tuple[datetime | None, bool, list[ArticleWarning]]:
    """Read ` date YYYY-MM <weekday> <day> <month> <year> [, H:MM]` from a scraped page.

    Returns (published, time_known, warnings). The written day wins over the weekday and
    the YYYY-MM tag, which are derived data and only earn a warning when they disagree.
    An impossible day gives no date at all (the article is still worth keeping); an
    impossible time only loses the time.
    """
    match = _DATE_LINE.fullmatch(line)
    shown = line.strip()
    if not match:
        return None, False, [ArticleWarning("date_line_unreadable", found=shown)]

    month = MONTH_NUMBERS.get(match["month"].lower())
    day_value = _make_date(int(match["year"]), month, int(match["day"]))
    if day_value is None:
        return None, False, [ArticleWarning("date_line_invalid", found=shown)]

    warnings: list[ArticleWarning] = []
    moment = _make_time(match["hour"], match["minute"])
    if match["hour"] is not None and moment is None:
        warnings.append(ArticleWarning("time_invalid", found=shown))
    published = datetime.combine(day_value, moment or time(0), tzinfo=AMSTERDAM)

    weekday = (match["weekday"] or "").lower()
    if weekday and weekday not in WEEKDAYS:
        warnings.append(ArticleWarning("weekday_unknown", found=match["weekday"]))
    elif weekday and WEEKDAYS.index(weekday) != day_value.weekday():
        warnings.append(ArticleWarning("weekday_mismatch", found=match["weekday"], day=day_value))
    prefix = match["prefix"]
    if prefix and [int(part) for part in prefix.split("-")] != [day_value.year, day_value.month]:
        warnings.append(ArticleWarning("month_tag_mismatch", found=prefix))
    return published, moment is not None, warnings


def parse_date(text: str) -> datetime | None:
    """A date from front matter, JSON, HTML metadata or a command option, or None."""
    return parse_date_and_time(text)[0]


def parse_date_and_time(text: str) -> tuple[datetime | None, bool]:
    """Like `parse_date`, plus whether the text gave a time of day.

    Imported articles need to know this so that a date-only "2019-03-20" is shown as a day
    and not as "00:00".
    """
    text = text.strip()
    if not text:
        return None, False
    if match := _YEAR_MONTH.fullmatch(text):
        return _at_midnight(int(match["year"]), int(match["month"]), 1), False
    if _YEAR.fullmatch(text):
        return _at_midnight(int(text), 1, 1), False
    for pattern in (_DUTCH_DATE, _NUMERIC_DUTCH_DATE):
        if match := pattern.fullmatch(text):
            return _from_match(match)
    return _from_iso(text)


def parse_period(text: str) -> tuple[datetime, datetime] | None:
    """The first and last moment of the year, month, day or minute that `text` names.

    For date filters typed by people: "until 2019-04" should include all of April, and
    "until 1 april 2019" all of that day.
    """
    start, time_known = parse_date_and_time(text)
    if start is None:
        return None
    text = text.strip()
    try:
        if time_known:
            end = start + timedelta(minutes=1)
        elif _YEAR.fullmatch(text):
            end = start.replace(year=start.year + 1)
        elif _YEAR_MONTH.fullmatch(text):
            end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            end = datetime.combine(start.date() + timedelta(days=1), time(0), tzinfo=start.tzinfo)
    except (OverflowError, ValueError):
        # The year 9999 has no year after it to end at: the period runs to its last moment.
        return start, datetime.max.replace(tzinfo=start.tzinfo)
    return start, end - timedelta(microseconds=1)


def format_dutch(dt: datetime, time_known: bool) -> str:
    """E.g. "vrijdag 14 oktober 2022, 08:47", the way Dutch readers expect a dateline."""
    return format_date(dt, time_known, "nl")


def format_date(dt: datetime, time_known: bool, lang: str = "nl") -> str:
    """`vrijdag 14 oktober 2022, 08:47` (nl) or `Friday 14 October 2022, 08:47` (en), in
    Amsterdam's time: the day a Dutch reader saw the article, wherever the bot runs."""
    local = dt.astimezone(AMSTERDAM) if dt.tzinfo else dt.replace(tzinfo=AMSTERDAM)
    days, months = (_EN_WEEKDAYS, _EN_MONTHS) if lang == "en" else (WEEKDAYS, MONTHS)
    text = f"{days[local.weekday()]} {local.day} {months[local.month - 1]} {local.year}"
    if time_known:
        text += f", {local.hour:02d}:{local.minute:02d}"
    return text


def _from_iso(text: str) -> tuple[datetime | None, bool]:
    try:
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=AMSTERDAM)
        parsed = parsed.astimezone(AMSTERDAM)
    except (ValueError, OverflowError):
        return None, False
    return parsed, "T" in text.upper() or ":" in text


def _from_match(match: re.Match[str]) -> tuple[datetime | None, bool]:
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else MONTH_NUMBERS.get(month_text.lower())
    day_value = _make_date(int(match["year"]), month, int(match["day"]))
    if day_value is None:
        return None, False
    moment = _make_time(match["hour"], match["minute"])
    if match["hour"] is not None and moment is None:
        return None, False
    return datetime.combine(day_value, moment or time(0), tzinfo=AMSTERDAM), moment is not None


def _make_date(year: int, month: int | None, day: int) -> date | None:
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _make_time(hour: str | None, minute: str | None) -> time | None:
    if hour is None or minute is None:
        return None
    try:
        return time(int(hour), int(minute))
    except ValueError:
        return None


def _at_midnight(year: int, month: int, day: int) -> datetime | None:
    valid = _make_date(year, month, day)
    return datetime.combine(valid, time(0), tzinfo=AMSTERDAM) if valid else None
