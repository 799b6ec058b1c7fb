"""Time hints in a question: which become a date filter, which count as a year, which nudge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage.archive import Archive
from storage.models import Filters, SourceFile
from storage.search import timehints
from tests.corpus import AMSTERDAM, page
from tests.fixtures import import_all


def days(period: timehints.Period | None) -> tuple[str, str]:
    """The first and last day a period covers, as ISO dates."""
    assert period is not None
    return period.since.date().isoformat(), period.until.date().isoformat()


def asked_days(period: timehints.Period | None) -> tuple[str, str]:
    """The days an explicit period names, before it is widened for announcements and reports."""
    assert period is not None
    return (
        (period.since + timehints.BEFORE).date().isoformat(),
        (period.until - timehints.AFTER).date().isoformat(),
    )


# --- a month or day with its year: a filter ---------------------------------------------------


def test_month_and_year_become_a_widened_period() -> None:
    period = timehints.explicit("wie is in april 2019 gekozen tot burgemeester?")
    assert period is not None and period.kind == "filter" and period.words == "april 2019"
    assert period.since == datetime(2019, 3, 25, tzinfo=AMSTERDAM)
    assert period.until.date().isoformat() == "2019-05-14"
    assert period.until == datetime(2019, 5, 15, tzinfo=AMSTERDAM) - timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("Wat besloot Limburg eind maart 2019?", "2019-03-20", "2019-03-31"),
        ("Wat gebeurde er aan het einde van maart 2019?", "2019-03-20", "2019-03-31"),
        ("Waar kwam Greta begin december 2019 aan?", "2019-12-01", "2019-12-10"),
        ("Wat gebeurde er medio mei 2020?", "2020-05-10", "2020-05-20"),
        ("Wie won halverwege juni 2021?", "2021-06-10", "2021-06-20"),
        ("Wat gebeurde er op 14 mrt. 2019?", "2019-03-14", "2019-03-14"),
        ("Wie werd in februari 2020 gekozen?", "2020-02-01", "2020-02-29"),
        ("What happened on April 4, 2019?", "2019-04-04", "2019-04-04"),
        ("What happened on the 4th of April 2019?", "2019-04-04", "2019-04-04"),
        ("What did they decide in late March 2019?", "2019-03-20", "2019-03-31"),
        ("What happened in mid-March 2019?", "2019-03-10", "2019-03-20"),
        ("Who arrived in early December 2019?", "2019-12-01", "2019-12-10"),
        ("Wat gebeurde er op 14-10-2022?", "2022-10-14", "2022-10-14"),
        ("Wat gebeurde er op 4/5/2021?", "2021-05-04", "2021-05-04"),
        ("Wat gebeurde er op 2019-04-01?", "2019-04-01", "2019-04-01"),
        ("Wat gebeurde er in 2019-04?", "2019-04-01", "2019-04-30"),
    ],
)
def test_dutch_and_english_dates(question: str, first: str, last: str) -> None:
    period = timehints.explicit(question)
    assert period is not None and period.kind == "filter"
    assert asked_days(period) == (first, last)


@pytest.mark.parametrize(
    "question",
    [
        "Wat gebeurde er op 31 februari 2019?",
        "Wat gebeurde er op 14-13-2022?",
        "Wat gebeurde er op 32-01-2022?",
    ],
)
def test_a_date_that_does_not_exist_is_no_filter(question: str) -> None:
    assert timehints.explicit(question) is None


def test_a_date_that_does_not_exist_gives_way_to_the_next_one_named() -> None:
    period = timehints.explicit("Wat gebeurde er op 31 februari 2019 of 4 maart 2019?")
    assert asked_days(period) == ("2019-03-04", "2019-03-04")


def test_the_first_date_named_is_the_filter() -> None:
    period = timehints.explicit("Wat gebeurde er op 4 april 2019, en op 5 mei 2020?")
    assert asked_days(period) == ("2019-04-04", "2019-04-04")
    assert period is not None and period.words == "4 april 2019"


def test_a_month_without_a_year_and_a_lone_year_are_no_filter() -> None:
    assert timehints.explicit("Wat gebeurt er op 4 mei?") is None
    assert timehints.explicit("Gaat de brug in april open?") is None
    assert timehints.explicit("Hoeveel testamenten waren er in 2018?") is None


def test_a_season_is_not_a_month() -> None:
    assert timehints.explicit("Wie werd kampioen in het seizoen 2011-12?") is None
    assert timehints.explicit("Wie degradeerde in 2010-11 en 2008-09?") is None
    season_then_month = timehints.explicit("Wie werd in 2011-12 kampioen, en wat gebeurde 2019-04?")
    assert asked_days(season_then_month) == ("2019-04-01", "2019-04-30")
    assert asked_days(timehints.explicit("Wat gebeurde er op 2011-12-05?")) == (
        "2011-12-05",
        "2011-12-05",
    )


# --- a year alone: that year or the next ------------------------------------------------------


def test_a_lone_year_covers_that_year_and_the_next() -> None:
    [year] = timehints.years("Hoeveel testamenten waren er in 2018? Niet 2.018 of 2018,5")
    assert year.kind == "year" and year.words == "2018"
    assert days(year) == ("2018-01-01", "2019-12-31")


def test_every_lone_year_counts_but_not_the_year_of_a_date() -> None:
    question = "Wat veranderde er tussen 2016 en 2018 na 4 april 2019?"
    period = timehints.explicit(question)
    assert period is not None
    assert [y.words for y in timehints.years(question, skip=period.words)] == ["2016", "2018"]
    assert timehints.years("Wat gebeurde er in 1850 of 2150?") == []


# --- relative phrases: read against the archive's newest article ------------------------------


def test_relative_phrases_are_read_against_the_archive_now() -> None:
    now = datetime(2020, 11, 25, 12, tzinfo=AMSTERDAM)
    last_year = timehints.relative("klachten van vorig jaar", now)
    assert last_year is not None and last_year.kind == "relative"
    assert days(last_year) == ("2019-01-01", "2019-12-31")
    assert days(timehints.relative("what happened last month", now)) == (
        "2020-10-01",
        "2020-10-31",
    )
    assert days(timehints.relative("wat gebeurde er dit jaar", now)) == (
        "2020-01-01",
        "2020-12-31",
    )
    assert timehints.relative("geen tijd hier", now) is None


def test_days_and_weeks_are_counted_back_from_now() -> None:
    wednesday = datetime(2021, 1, 6, 12, tzinfo=AMSTERDAM)
    assert days(timehints.relative("Wat gebeurde er vandaag?", wednesday)) == (
        "2021-01-06",
        "2021-01-06",
    )
    assert days(timehints.relative("en gisteren", wednesday)) == ("2021-01-05", "2021-01-05")
    assert days(timehints.relative("eergisteren", wednesday)) == ("2021-01-04", "2021-01-04")
    assert days(timehints.relative("deze week", wednesday)) == ("2021-01-04", "2021-01-10")
    assert days(timehints.relative("vorige week", wednesday)) == ("2020-12-28", "2021-01-03")


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    january = datetime(2021, 1, 15, 12, tzinfo=AMSTERDAM)
    assert days(timehints.relative("vorige maand", january)) == ("2020-12-01", "2020-12-31")


def test_the_archive_now_is_read_in_dutch_time() -> None:
    """Half past midnight on New Year's Day in Amsterdam is still the old year in UTC."""
    new_year = datetime(2020, 12, 31, 23, 30, tzinfo=UTC)
    assert days(timehints.relative("vorig jaar", new_year)) == ("2020-01-01", "2020-12-31")


def test_relative_phrases_are_found_in_any_case_but_not_inside_words() -> None:
    assert timehints.mentions_relative("Wat gebeurde er VORIG JAAR?")
    assert timehints.mentions_relative("What happened last week?")
    assert not timehints.mentions_relative("Wat staat er in het jaarverslag van deze gemeente?")


# --- through the archive ----------------------------------------------------------------------


def dated(body: str, date: tuple[int, int, int]) -> str:
    return page([body], date=date, time=None)


async def add_pages(archive: Archive, scope: int | None = None, **pages: str) -> None:
    files = [SourceFile(f"{name}.txt", text.encode()) for name, text in pages.items()]
    await import_all(archive, files, scope=scope)


async def test_last_year_is_the_year_before_the_newest_article_a_server_sees(
    archive: Archive,
) -> None:
    await add_pages(
        archive,
        ouder=dated("De veerpont in Genemuiden vaart weer.", (2019, 6, 1)),
        nieuw=dated("De veerpont in Genemuiden vaart weer!", (2020, 6, 1)),
        laatste=dated("In Zwolle opende een nieuwe bakkerij.", (2021, 3, 1)),
    )
    await add_pages(archive, 7, eigen=dated("In Kampen ging de markt open.", (2022, 5, 1)))
    question = "Vaart de veerpont in Genemuiden vorig jaar weer?"

    everyone = await archive.search(question)
    assert days(everyone.query.nudge) == ("2020-01-01", "2020-12-31")
    assert everyone.hits[0].article.file == "nieuw.txt"
    server = await archive.search(question, Filters(scope=7))
    assert days(server.query.nudge) == ("2021-01-01", "2021-12-31")
    assert server.hits[0].article.file == "ouder.txt", "no match in 2021: the first stored"


async def test_an_archive_without_dates_has_no_now_and_still_answers(archive: Archive) -> None:
    await add_pages(archive, veer=page(["De veerpont in Genemuiden vaart weer."], date=None))
    result = await archive.search("Vaart de veerpont in Genemuiden vorig jaar weer?")
    assert result.query.nudge is None
    assert result.hits[0].article.file == "veer.txt"


async def test_a_month_without_a_year_finds_an_article_from_another_month(
    archive: Archive,
) -> None:
    """ "Op 4 mei" is usually the answer asked about: the article saying so ran in March."""
    await add_pages(
        archive,
        brug=dated("De nieuwe IJsselbrug bij Zwolle gaat op 4 mei open voor auto's.", (2019, 3, 3)),
    )
    result = await archive.search("Gaat de IJsselbrug bij Zwolle op 4 mei open?")
    assert result.query.period is None and result.query.filters == Filters()
    assert result.hits[0].article.file == "brug.txt"


async def test_a_question_about_a_season_finds_the_article_about_it(archive: Archive) -> None:
    """2011-12 read as December 2011 filtered the article (published in May 2012) away."""
    await add_pages(
        archive,
        ajax=dated("Ajax werd kampioen van de eredivisie in het seizoen 2011-12.", (2012, 5, 2)),
        psv=dated("PSV werd kampioen van de eredivisie in het seizoen 2014-15.", (2015, 5, 3)),
    )
    result = await archive.search("Wie werd kampioen van de eredivisie in het seizoen 2011-12?")
    assert result.query.filters == Filters()
    assert result.hits[0].article.file == "ajax.txt"
