"""Dutch dates: the scraped header line, free-form dates, and how they are written back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.language.dates import (
    format_dutch,
    parse_date,
    parse_date_and_time,
    parse_date_line,
    parse_period,
)
from storage.models import ArticleWarning

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_date_line_with_time() -> None:
    published, time_known, warnings = parse_date_line(
        " date 2022-10 vrijdag 14 oktober 2022 , 8:47"
    )
    assert published == datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    assert published is not None and published.utcoffset() == timedelta(hours=2)
    assert time_known is True
    assert warnings == []


def test_date_line_without_time_is_local_midnight() -> None:
    published, time_known, warnings = parse_date_line(" date 2019-03 woensdag 20 maart 2019")
    assert published == datetime(2019, 3, 20, tzinfo=AMSTERDAM)
    assert published is not None and published.utcoffset() == timedelta(hours=1)
    assert time_known is False
    assert warnings == []


@pytest.mark.parametrize(
    "line",
    [
        "date 2022-10 vrijdag 14 oktober 2022, 8:47",
        "  date  2022-10   vrijdag  14 oktober 2022  ,  08:47  ",
        " date 2022-10 Vrijdag 14 Oktober 2022 ,8:47",
        " date 2022-10 vrijdag 14 oktober 2022 , 8.47",
    ],
)
def test_date_line_tolerates_odd_spacing_and_case(line: str) -> None:
    assert parse_date_line(line) == (datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM), True, [])


def test_impossible_date_gives_no_date_and_a_warning() -> None:
    published, time_known, warnings = parse_date_line(
        " date 2019-13 zondag 31 februari 2019 , 25:61"
    )
    assert published is None
    assert time_known is False
    assert warnings == [
        ArticleWarning("date_line_invalid", found="date 2019-13 zondag 31 februari 2019 , 25:61")
    ]


def test_impossible_time_keeps_the_day() -> None:
    published, time_known, warnings = parse_date_line(
        " date 2019-03 woensdag 20 maart 2019 , 25:61"
    )
    assert published == datetime(2019, 3, 20, tzinfo=AMSTERDAM)
    assert time_known is False
    assert warnings == [
        ArticleWarning("time_invalid", found="date 2019-03 woensdag 20 maart 2019 , 25:61")
    ]


def test_wrong_weekday_keeps_the_written_date_with_a_warning() -> None:
    published, _, warnings = parse_date_line(" date 2019-03 maandag 20 maart 2019")
    assert published == datetime(2019, 3, 20, tzinfo=AMSTERDAM)
    assert warnings == [ArticleWarning("weekday_mismatch", found="maandag", day=date(2019, 3, 20))]


def test_wrong_month_tag_keeps_the_written_date_with_a_warning() -> None:
    published, _, warnings = parse_date_line(" date 2019-04 woensdag 20 maart 2019")
    assert published == datetime(2019, 3, 20, tzinfo=AMSTERDAM)
    assert warnings == [ArticleWarning("month_tag_mismatch", found="2019-04")]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (" date gisteren", "date_line_unreadable"),
        (" date 2019-03 woensdag 20 maartje 2019", "date_line_invalid"),
    ],
)
def test_unreadable_date_line_gives_a_warning(line: str, code: str) -> None:
    published, time_known, warnings = parse_date_line(line)
    assert published is None
    assert time_known is False
    assert warnings == [ArticleWarning(code, found=line.strip())]


@pytest.mark.parametrize(
    ("text", "expected", "time_known"),
    [
        ("2022-10-14", datetime(2022, 10, 14, tzinfo=AMSTERDAM), False),
        ("2022-10-14T08:47", datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM), True),
        ("2022-10-14 08:47:00", datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM), True),
        ("2022-10-14T06:47:00Z", datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM), True),
        ("2022-10-14T08:47:00.000+02:00", datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM), True),
        ("2022-01-14T08:47:00+0100", datetime(2022, 1, 14, 8, 47, tzinfo=AMSTERDAM), True),
        ("2022-10", datetime(2022, 10, 1, tzinfo=AMSTERDAM), False),
        ("2022", datetime(2022, 1, 1, tzinfo=AMSTERDAM), False),
        ("14 oktober 2022", datetime(2022, 10, 14, tzinfo=AMSTERDAM), False),
        ("14 okt 2022", datetime(2022, 10, 14, tzinfo=AMSTERDAM), False),
        (
            "vrijdag 14 oktober 2022, 8:47",
            datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM),
            True,
        ),
        ("14-10-2022", datetime(2022, 10, 14, tzinfo=AMSTERDAM), False),
        (" 2019-03-20 ", datetime(2019, 3, 20, tzinfo=AMSTERDAM), False),
    ],
)
def test_parse_date_forms(text: str, expected: datetime, time_known: bool) -> None:
    assert parse_date_and_time(text) == (expected, time_known)
    result = parse_date(text)
    assert result == expected
    assert result is not None and result.tzinfo is not None


def test_parse_date_keeps_the_instant_of_an_offset() -> None:
    result = parse_date("2022-10-14T06:47:00Z")
    assert result == datetime(2022, 10, 14, 6, 47, tzinfo=UTC)
    assert result is not None and result.hour == 8


@pytest.mark.parametrize(
    "text", ["", "gisteren", "2019-02-31", "31 februari 2019", "2019-13", "14 brumaire 2022"]
)
def test_parse_date_rejects_what_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_format_dutch_with_and_without_time() -> None:
    moment = datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    assert format_dutch(moment, True) == "vrijdag 14 oktober 2022, 08:47"
    assert format_dutch(moment, False) == "vrijdag 14 oktober 2022"


def test_format_dutch_converts_to_amsterdam_first() -> None:
    late_utc = datetime(2019, 3, 31, 23, 30, tzinfo=UTC)
    assert format_dutch(late_utc, True) == "maandag 1 april 2019, 01:30"


def test_format_dutch_reads_back() -> None:
    moment = datetime(2019, 12, 1, 17, 5, tzinfo=AMSTERDAM)
    assert parse_date(format_dutch(moment, True)) == moment


@given(st.text(max_size=60))
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or result.tzinfo is not None


@given(st.text(max_size=80))
def test_parse_date_line_never_raises(text: str) -> None:
    published, time_known, warnings = parse_date_line(" date " + text)
    assert published is not None or (not time_known and warnings)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2019", (2019, 1, 1, 0, 0), (2019, 12, 31, 23, 59)),
        ("2019-02", (2019, 2, 1, 0, 0), (2019, 2, 28, 23, 59)),
        ("2019-12", (2019, 12, 1, 0, 0), (2019, 12, 31, 23, 59)),
        ("1 april 2019", (2019, 4, 1, 0, 0), (2019, 4, 1, 23, 59)),
        ("31-03-2019", (2019, 3, 31, 0, 0), (2019, 3, 31, 23, 59)),
        ("2019-04-01T10:15", (2019, 4, 1, 10, 15), (2019, 4, 1, 10, 15)),
    ],
)
def test_a_period_runs_from_its_first_to_its_last_moment(text, first, last):
    start, end = parse_period(text)
    assert start == datetime(*first, tzinfo=AMSTERDAM)
    assert end == datetime(*last, 59, 999999, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("9999", (9999, 1, 1)),
        ("9999-12", (9999, 12, 1)),
        ("9999-12-31", (9999, 12, 31)),
        ("31 december 9999", (9999, 12, 31)),
        ("9999-12-31T23:59", (9999, 12, 31, 23, 59)),
    ],
)
def test_a_period_at_the_end_of_the_calendar_runs_to_its_last_moment(text, first):
    assert parse_period(text) == (
        datetime(*first, tzinfo=AMSTERDAM),
        datetime.max.replace(tzinfo=AMSTERDAM),
    )


def test_a_period_that_is_not_a_date():
    assert parse_period("gisteren") is None
    assert parse_period("2019-13") is None
