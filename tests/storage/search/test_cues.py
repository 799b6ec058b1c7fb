"""Mentions: the words of a sentence that could answer a question, and how well they fit."""

from __future__ import annotations

from storage.language.text import analyse
from storage.search.cues import FULL, expected, measures, mentions, says_unknown


def found(sentence: str, question: str) -> list[tuple[str, float]]:
    words = question.lower().rstrip("?").split()
    kind = expected(words)
    said = mentions(sentence, kind, frozenset(analyse(question)), measures(words))
    return [(sentence[m.start : m.end], m.strength) for m in said]


def test_a_quantity_fits_best_with_the_unit_the_question_counts_in() -> None:
    said = found(
        "Het huis heeft 600 vierkante meter. De kartbaan is 980 meter lang.",
        "Hoe lang is de kartbaan?",
    )
    assert said[0] == ("980 meter", FULL)
    assert ("600 vierkante", FULL) not in said


def test_a_compound_with_the_same_head_counts_what_the_question_counts() -> None:
    said = found("Er stonden 2600 hennepplanten en zestig stekken.", "Hoeveel wietplanten?")
    assert said[0] == ("2600 hennepplanten", FULL)


def test_years_clock_times_and_days_of_the_month_are_no_quantities() -> None:
    said = found("Om 17.00 uur op 3 mei 2018 waren er ruim duizend kiezers.", "Hoeveel kiezers?")
    assert [text for text, _ in said] == ["ruim duizend kiezers"]


def test_a_calendar_date_fits_a_when_question_better_than_a_weekday() -> None:
    said = found("Het café opent zaterdag; de opening is op vrijdag 19 april.", "Wanneer?")
    assert said[0] == ("op vrijdag 19 april", FULL)
    assert said[-1][0] == "zaterdag" and said[-1][1] < said[0][1]
    assert found("Je kunt er op 13 en 20 april terecht.", "Wanneer?")[0][0] == "op 13 en 20 april"


def test_a_question_for_a_datum_wants_a_day_of_the_calendar() -> None:
    assert (
        found("Het proces begint binnenkort, in 2020.", "Op welke datum begint het proces?") == []
    )


def test_a_name_beside_the_noun_asked_about_fits_best() -> None:
    said = found(
        "De Duitse onderzoeker Mark Scherz en de Rotterdamse hoogleraar Piet Smit.",
        "Welke onderzoeker heeft de kikker ontdekt?",
    )
    assert said[0] == ("Mark Scherz", FULL)
    coordinated = found("De politici Jens Holm en Hakan Svenneling.", "Welke politici?")
    assert coordinated[0][0] == "Jens Holm en Hakan Svenneling"


def test_a_reason_is_the_clause_a_causal_connective_opens() -> None:
    said = found("Ze ging eerder weg omdat ze niet verder kon lopen, zei de politie.", "Waarom?")
    assert said == [("omdat ze niet verder kon lopen", FULL)]
    assert found("Volgens Bovag komt dat door de hoge aanschafprijs.", "Waarom?")[0][1] == FULL


def test_the_first_question_word_decides_the_kind_of_answer() -> None:
    assert expected("welke architect ontwierp het gebouw waar ambtenaren klagen".split()) == "name"
    assert expected("in welke haven kwam ze aan".split()) == "place"
    assert expected("hoe heet de moeder".split()) == "name"
    assert expected("wat kostte het".split()) == "number"
    assert expected("wat was de oorzaak van de brand".split()) == "reason"


def test_the_archive_saying_it_does_not_know() -> None:
    question = "Hoe hoog is de boete voor de aannemer?"
    assert says_unknown("Hoe hoog die boete is, wil de gemeente niet zeggen.", question)
    assert not says_unknown("De boete is hoog, zegt de gemeente.", question)
    assert not says_unknown("Hoe hoog is de boete niet?", question)
