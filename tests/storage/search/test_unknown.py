"""The archive saying it does not know what the question asks."""

from __future__ import annotations

from storage.search.unknown import says_unknown


def test_the_archive_saying_it_does_not_know() -> None:
    question = "Hoe hoog is de boete voor de aannemer?"
    assert says_unknown("Hoe hoog die boete is, wil de gemeente niet zeggen.", question)
    assert not says_unknown("De boete is hoog, zegt de gemeente.", question)
    assert not says_unknown("Hoe hoog is de boete niet?", question)


def test_a_negation_the_question_has_is_part_of_what_it_asks() -> None:
    question = "Waarom is de coffeeshop niet gesloten?"
    told = (
        "Op de vraag waarom de coffeeshop niet is gesloten, zei de burgemeester dat eerst "
        "wordt gecontroleerd."
    )
    assert not says_unknown(told, question, "reason")
    assert says_unknown("Waarom de coffeeshop open bleef, is onbekend.", question, "reason")


def test_a_contrast_after_the_denial_says_what_is_known_instead() -> None:
    question = "Waarom botste de man tegen een huis?"
    assert says_unknown("Waarom hij botste is onbekend.", question, "reason")
    instead = "Waarom hij botste is onbekend, maar de politie vermoedt dat hij had gedronken."
    assert not says_unknown(instead, question, "reason")


def test_a_noun_that_stands_for_the_answer_said_to_be_unknown() -> None:
    question = "Hoe heet de man die is aangehouden?"
    assert says_unknown("De politie maakt de identiteit van de man niet bekend.", question, "name")
    fire = "Waarom brandde de loods af?"
    assert says_unknown("De oorzaak van de brand in de loods is nog onbekend.", fire, "reason")
    assert says_unknown(
        "De politie noemde geen bedrag voor de loods.", "Hoeveel kostte de loods?", "number"
    )
    assert not says_unknown(
        "De politie maakt de identiteit van de man niet bekend.", "Waar woont de man?", "place"
    ), "an identity is no place"
    assert not says_unknown(
        "Het aantal klanten is niet gestegen, meldt de bank.",
        "Hoeveel klanten heeft de bank?",
        "number",
    ), "the negation is of the rise, not of telling"
    assert not says_unknown(
        "De reden dat hij niet in de loods kwam, was ziekte, zegt hij.", fire, "reason"
    ), "the negation is in a clause of its own"
    assert not says_unknown(
        "De oorzaak van de storing is nog onbekend.", "Waarom is de loods dicht?", "reason"
    ), "not known of something else than the question asks about"


def test_an_embedded_question_of_the_kind_asked_said_to_be_unknown() -> None:
    cause = "Wat was de oorzaak dat de oven ontplofte?"
    assert says_unknown("Waarom de oven ontplofte, is nog onduidelijk.", cause, "reason")
    assert says_unknown(
        "Het is niet bekend hoeveel er in de fabriek werken.",
        "Wat is het aantal werknemers van de fabriek?",
        "number",
    )
    assert says_unknown(
        "De politie wil niet zeggen waar de verdachte woont.",
        "In welke stad woont de verdachte?",
        "place",
    )
    assert not says_unknown(
        "Het is nog onduidelijk wanneer de oven weer werkt.", cause, "reason"
    ), "a question of another kind"
    assert not says_unknown(
        "Hoeveel leden het platform telt, wil Dekker niet zeggen.",
        "Hoeveel geld haalde het platform op?",
        "number",
    ), "it counts something else"
    assert says_unknown(
        "Hoeveel het platform ophaalde, wil Dekker niet zeggen.",
        "Hoeveel geld haalde het platform op?",
        "number",
    )
    assert not says_unknown(
        "Waarom de oven ontplofte, weet iedereen: hij was niet onderhouden.", cause, "reason"
    ), "the negation is not of knowing"
