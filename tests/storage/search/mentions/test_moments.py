"""Moments: dates graded by how exactly they say when."""

from __future__ import annotations

from datetime import date

from storage.search.mentions import FULL, GOOD, PARTIAL, moments
from storage.search.mentions.base import tokens
from tests.storage.search.mentions.helpers import found


def test_a_calendar_date_fits_a_when_question_better_than_a_weekday() -> None:
    said = found("Het café opent zaterdag; de opening is op vrijdag 19 april.", "Wanneer?")
    assert said[0] == ("op vrijdag 19 april", FULL)
    assert said[-1][0] == "zaterdag" and said[-1][1] < said[0][1]
    assert found("Je kunt er op 13 en 20 april terecht.", "Wanneer?")[0][0] == "op 13 en 20 april"


def test_a_question_for_a_datum_wants_a_day_of_the_calendar() -> None:
    assert (
        found("Het proces begint binnenkort, in 2020.", "Op welke datum begint het proces?") == []
    )


def test_an_abbreviated_month_alone_is_no_date() -> None:
    assert found("Jan Smit opende de nieuwe winkel.", "Wanneer opende de winkel?") == []
    assert found("De winkel opende op 3 jan.", "Wanneer opende de winkel?")[0][0] == "op 3 jan"


def test_a_question_for_a_week_is_a_when_question_answered_by_a_numbered_week() -> None:
    question = "In welke week van de staking zat de scholier in december?"
    said = found("De scholier stond in december weer in Stockholm: het was week 60.", question)
    assert said == [("week 60", FULL)], "a week, not the place it was in"


def test_a_month_in_a_time_phrase_places_it_in_the_nearest_year() -> None:
    question = "Wanneer wordt de kruising aangepast?"
    said = found("De werkzaamheden worden in juni uitgevoerd.", question)
    assert said == [("in juni", GOOD)]
    bare = found("Juni was een natte maand.", question)
    assert bare[0][1] == PARTIAL, "a month without a time phrase says less"


def test_tot_wanneer_is_answered_by_the_end_a_tot_phrase_names() -> None:
    ship = "Tot de zomervakantie ligt het schip in Amsterdam, daarna vaart het naar Den Helder."
    assert found(ship, "Tot wanneer blijft het schip in Amsterdam liggen?")[0] == (
        "Tot de zomervakantie",
        GOOD,
    )
    assert found(ship, "Wanneer vaart het schip naar Den Helder?") == [], "tot is also of place"


def test_a_question_for_the_time_of_day_is_answered_by_a_clock_time() -> None:
    crash = "Het ongeluk gebeurde zondagavond rond 19.15 uur bij de Wouwse Plantage."
    assert found(crash, "Hoe laat gebeurde het ongeluk?")[0] == ("rond 19.15 uur", FULL)
    library = "Elke werkdag van 09.00 tot 15.00 uur is er de Digihulp."
    assert found(library, "Op welke tijden is er de Digihulp?")[0] == ("09.00 tot 15.00 uur", FULL)
    assert found("De winkel gaat om 8 uur open.", "Hoe laat gaat de winkel open?") == [
        ("om 8 uur", FULL)
    ]


def test_a_clock_time_says_less_than_the_day_and_a_duration_is_no_time_of_day() -> None:
    crash = "Het ongeluk gebeurde op 4 mei rond 19.15 uur."
    said = found(crash, "Wanneer gebeurde het ongeluk?")
    assert said[0] == ("op 4 mei", FULL) and said[-1][0] == "rond 19.15 uur"
    assert said[-1][1] < GOOD
    assert found("De actie duurde 48 uur.", "Hoe laat begon de actie?") == []
    assert found("Een kop koffie kost 2.50 euro.", "Hoe laat opent het café?") == []


def test_a_year_in_a_time_phrase_or_a_season_with_its_year_says_when() -> None:
    question = "Wanneer moet het centrum klaar zijn?"
    said = found("In 2021 moet het nieuwe centrum er staan.", question)
    assert said == [("In 2021", GOOD)]
    assert found("Het centrum kost 2021 euro.", question) == [("2021", PARTIAL)]
    club = found("De club moet na de zomer van 2027 terug naar de stad.", question)
    assert club == [("zomer van 2027", GOOD)], "not `na de zomer`, an event"


def test_a_moment_lies_before_the_article_by_its_year_or_by_a_word_that_counts_back() -> None:
    written = date(2019, 4, 5)

    def before(sentence: str) -> list[str]:
        found = tokens(sentence)
        said = moments.find(found, frozenset())
        return [sentence[m.start : m.end] for m in said if moments.before(found, m, written)]

    assert before("Xaja overleed op 12 oktober 2017.") == ["op 12 oktober 2017"]
    assert before("Het ongeluk gebeurde vorig jaar oktober.") == ["vorig jaar oktober"]
    assert before("Het begon op 2 april 2019; de uitspraak is op 9 april 2019.") == [
        "op 2 april 2019"
    ]
    assert before("Het museum ging in maart 2019 dicht en gaat in mei 2019 open.") == [
        "in maart 2019"
    ]
    assert before("De rechtbank doet op 19 april uitspraak.") == [], "no year: either side"
    assert before("Volgend jaar april is het zover.") == []
    assert before("Het begon op 2 apr 2019; de uitspraak is op 9 apr 2019.") == ["op 2 apr 2019"], (
        "a month written short is the same month"
    )


def test_an_adverb_that_bounds_a_time_phrase_belongs_to_it() -> None:
    said = found(
        "De wethouder wil de plannen uiterlijk in mei aan de raad voorleggen.",
        "Wanneer wil de wethouder de plannen voorleggen?",
    )
    assert said[0] == ("uiterlijk in mei", GOOD), "a deadline, not the month"


def test_a_weekday_with_its_hour_says_when_as_a_date_does() -> None:
    question = "Wanneer begint de herdenking?"
    said = found("De herdenking is zondag om 19.00 uur bij het monument.", question)
    assert said[0] == ("zondag om 19.00 uur", GOOD)
    assert found("De herdenking is zondag bij het monument.", question)[0][1] < GOOD


def test_coordinated_days_of_one_month_may_each_bring_their_weekday() -> None:
    said = found("De verkoopdagen zijn op zaterdag 25 en zondag 26 mei.", "Wanneer?")
    assert said[0] == ("op zaterdag 25 en zondag 26 mei", FULL)


def test_a_decade_says_when() -> None:
    question = "Wanneer kregen Pei en zijn zoon carte blanche?"
    said = found("Beiden kregen begin jaren tachtig carte blanche.", question)
    assert said[0] == ("begin jaren tachtig", GOOD)
    assert found("In de jaren 80 bouwde hij veel.", question)[0] == ("In de jaren 80", GOOD)
    assert found("Zij werkten zeventig jaren samen.", question) == []


def test_a_time_counted_from_the_day_of_writing_says_when() -> None:
    question = "Wanneer moet het actieplan er liggen?"
    said = found("Daarom moet er eind dit jaar een actieplan liggen.", question)
    assert said[0] == ("eind dit jaar", GOOD)
    assert found("Vorige week lag er een plan.", question)[0] == ("Vorige week", PARTIAL)
    assert found("Het plan komt volgend jaar april.", question)[0][0] == "volgend jaar april"


def test_an_older_year_after_uit_is_a_year() -> None:
    said = found("Bercow kwam met een precedent uit 1604.", "Uit welk jaar stamt het precedent?")
    assert said[0][0] == "1604"


def test_a_feast_names_its_day_of_the_year() -> None:
    question = "Op welke dag sprak Khomeini zijn moordbevel uit?"
    said = found("Khomeini sprak op Valentijnsdag 1989 zijn moordbevel uit.", question)
    assert said == [("op Valentijnsdag 1989", FULL)]
    weekend = found("In het paasweekeind blijft de weg open.", "In welk weekend is de weg open?")
    assert weekend == [("paasweekeind", FULL)]
    assert found("Koningsdag verliep rustig.", "Wanneer was het druk?") == [("Koningsdag", PARTIAL)]
