"""Quantities: a number with what it counts, graded by what the question counts."""

from __future__ import annotations

from storage.search.mentions import FULL, GOOD, PARTIAL, Reading, mentions
from tests.storage.search.mentions.helpers import found

# What "on how many charges" counts, with the translations of `charges` (one of them
# `beschuldiging`, whose head `schuld` an adjective after the noun has too).
COUNTED = frozenset({"aanklacht", "beschuld"})


def test_a_quantity_fits_best_with_the_unit_the_question_counts_in() -> None:
    said = found(
        "Het huis heeft 600 vierkante meter. De kartbaan is 980 meter lang.",
        "Hoe lang is de kartbaan?",
    )
    assert said[0] == ("980 meter lang", FULL)
    assert ("600 vierkante", FULL) not in said


def test_a_measure_of_the_substance_asked_about_fits_fully() -> None:
    stomach = "In de maag werd veertig kilo plastic gevonden."
    assert found(stomach, "Hoeveel plastic zat er in de maag?") == [("veertig kilo plastic", FULL)]


def test_a_scalar_particle_belongs_to_its_quantity() -> None:
    said = found("De man moet volgens de rechtbank nog twee jaar worden behandeld.", "Hoe lang?")
    assert said[0][0] == "nog twee jaar", "two more years, not two years"
    few = found("Slechts 3 procent stemde blanco.", "Hoeveel procent?")
    assert few[0][0] == "Slechts 3 procent"


def test_a_compound_with_the_same_head_counts_what_the_question_counts() -> None:
    said = found("Er stonden 2600 hennepplanten en zestig stekken.", "Hoeveel wietplanten?")
    assert said[0] == ("2600 hennepplanten", FULL)


def test_a_compound_written_with_a_hyphen_is_one_unit() -> None:
    said = found("Er worden 10,5 miljoen billen-doekjes doorgespoeld.", "Hoeveel billendoekjes?")
    assert said[0] == ("10,5 miljoen billen-doekjes", FULL)


def test_een_before_a_scale_word_is_the_numeral_one() -> None:
    said = found("Het optreden kost ongeveer een miljoen euro.", "Wat kost het optreden?")
    assert said[0] == ("ongeveer een miljoen euro", FULL)


def test_a_range_with_its_unit_at_both_ends_is_one_quantity() -> None:
    said = found("Ze staakte van 8 uur tot 15 uur bij het stadhuis.", "Hoe lang staakte ze?")
    assert said[0] == ("8 uur tot 15 uur", FULL)


def test_a_range_in_words_or_with_a_scale_word_is_one_quantity() -> None:
    cafes = found("Er komen vijf tot negen horecazaken.", "Hoeveel horecazaken komen er?")
    assert cafes == [("vijf tot negen horecazaken", FULL)]
    fund = found("De gemeenten leggen samen 4 à 5 miljoen euro in.", "Hoeveel geld leggen ze in?")
    assert fund == [("4 à 5 miljoen euro", FULL)]


def test_of_a_whole_named_first_the_part_counted_is_the_answer() -> None:
    said = found(
        "Van de ruim 34.650 jongeren zijn er inmiddels ruim 7000 ingeënt.",
        "Hoeveel jongeren zijn al ingeënt?",
    )
    assert said[0] == ("ruim 7000", FULL), "er counts the part from the jongeren"
    assert ("ruim 34.650 jongeren", PARTIAL) in said, "the whole"


def test_a_number_shaped_like_a_year_counts_the_noun_after_it() -> None:
    said = found("In twee dagen hebben zich 1800 automobilisten gemeld.", "Hoeveel automobilisten?")
    assert said[0] == ("1800 automobilisten", FULL)
    assert found("Sinds 1996 rijden hier bussen.", "Hoeveel bussen?") == [], "a year"


def test_years_clock_times_and_days_of_the_month_are_no_quantities() -> None:
    said = found("Om 17.00 uur op 3 mei 2018 waren er ruim duizend kiezers.", "Hoeveel kiezers?")
    assert [text for text, _ in said] == ["ruim duizend kiezers"]


def test_the_quantity_ends_with_the_noun_it_counts() -> None:
    sentence = "Hij is op vijf aanklachten schuldig bevonden."
    said = mentions(sentence, Reading("number", frozenset(), COUNTED))
    assert [(sentence[m.start : m.end], m.strength) for m in said] == [("vijf aanklachten", FULL)]


def test_a_part_of_a_whole_is_one_quantity() -> None:
    said = found(
        "Behalve de hoofdstad werden 22 van de 23 provincies getroffen.", "Hoeveel provincies?"
    )
    assert said[0] == ("22 van de 23 provincies", FULL)


def test_how_often_is_answered_by_times_or_by_the_events_counted() -> None:
    question = "Hoe vaak werd er vorig jaar afval gedumpt?"
    assert found("De provincie telde zo'n vijfduizend dumpingen.", question)[0] == (
        "zo'n vijfduizend dumpingen",
        FULL,
    )
    assert found("Er werd 40 keer afval gevonden.", question)[0] == ("40 keer", FULL)
    share = found("Bij 39 procent van de meldingen was de politie er op tijd.", question)
    assert share[0][0] == "39 procent" and FULL > share[0][1] >= GOOD
    assert found("Er zijn vijfduizend gemeenten.", question)[0][1] < GOOD, "no event of it"


def test_how_much_more_is_answered_by_a_share_or_a_factor() -> None:
    question = "Hoeveel duurder is biologisch eten?"
    assert found("Het prijsverschil is nog maar 63 procent.", question)[0] == ("63 procent", FULL)
    assert found("Het is twee keer zo duur.", question)[0] == ("twee keer", FULL)


def test_a_unit_the_question_names_is_what_it_counts_in() -> None:
    question = "Hoeveel cocaïne gaat er per jaar door, in kilo's?"
    said = found(
        "Jaarlijks gaat er zo'n 3600 kilo pure cocaïne door, in 5 miljoen envelopjes.", question
    )
    assert said[0] == ("zo'n 3600 kilo", FULL)


def test_a_time_counted_back_is_a_moment_not_a_quantity() -> None:
    said = found("Ze zijn goedkoper dan vijf jaar geleden: 63 procent.", "Hoeveel duurder?")
    assert [text for text, _ in said] == ["63 procent"]


def test_how_many_of_them_is_answered_by_a_share() -> None:
    said = found(
        "Zo'n 40 procent van de kaartjes wordt door programma's gekocht, zegt Piet.",
        "Hoeveel van de kaartjes worden door programma's gekocht?",
    )
    assert said[0] == ("Zo'n 40 procent", FULL)


def test_a_tally_counts_both_sides_as_one_quantity() -> None:
    question = "Met hoeveel stemmen heeft de gemeenteraad het verbod aangenomen?"
    bare = "Een grote meerderheid van de raad (31 tegen 4) stemde gisteren voor."
    assert found(bare, question) == [("31 tegen 4", GOOD)]
    counted = "De raad nam het verbod aan met 31 tegen 4 stemmen."
    assert found(counted, question) == [("31 tegen 4 stemmen", FULL)]


def test_people_counts_the_persons_an_agent_noun_names() -> None:
    sentence = "Rond 17.00 uur hadden hier al ruim duizend mensen hun stem uitgebracht."
    assert found(sentence, "Hoeveel kiezers kwamen op het stembureau af?") == [
        ("ruim duizend mensen", GOOD)
    ]
    assert found(sentence, "Hoeveel stembiljetten lagen er?")[0][1] < GOOD, "no person"


def test_a_fraction_answers_what_share() -> None:
    question = "Welk deel van de bezoekers van het meer komt uit Nederland?"
    sentence = "Van de 8 miljoen bezoekers aan het meer komt een vijfde uit Nederland."
    assert found(sentence, question)[0] == ("een vijfde", FULL)
    assert found("Er is een vierde kind besmet.", "Hoeveel kinderen zijn besmet?") == [], (
        "an ordinal before its noun"
    )


def test_an_adjective_before_the_noun_counted_is_part_of_the_quantity() -> None:
    question = "Hoeveel Russische militairen zijn er aangekomen?"
    sentence = "Er zijn honderd Russische militairen en twee Russische vliegtuigen aangekomen."
    assert found(sentence, question) == [
        ("honderd Russische militairen", FULL),
        ("twee Russische vliegtuigen", GOOD),
    ]


def test_a_range_is_one_quantity() -> None:
    sentence = "De partij komt volgens de exitpolls op 33 tot 36 zetels."
    assert found(sentence, "Hoeveel zetels krijgt de partij?") == [("33 tot 36 zetels", FULL)]


def test_het_aantal_says_what_a_bare_number_counts_and_naar_what_it_is_now() -> None:
    sentence = "Het aantal broedparen is in dertig jaar gedaald van 100.000 naar 35.000."
    said = found(sentence, "Hoeveel grutto-paartjes broeden er nog?")
    assert said[0] == ("35.000", FULL)
    assert ("100.000", PARTIAL) in said


def test_the_nth_time_says_how_often() -> None:
    question = "Hoe vaak is het bankje in het park al vernield?"
    said = found("Het bankje is deze week voor de zevende keer vernield.", question)
    assert said[0] == ("zevende keer", FULL)
    assert found("Het is de 12e maal dit jaar.", question)[0] == ("12e maal", FULL)


def test_a_decade_is_no_quantity() -> None:
    question = "Hoeveel is het schilderij waard?"
    assert found("Het doek werd in de jaren zeventig bekend.", question) == []
    said = found("In de jaren 80 was het doek 2 miljoen dollar waard.", question)
    assert said == [("2 miljoen dollar", FULL)], "not the 80 of the eighties; worth: money"


def test_a_rate_takes_its_per_phrase_with_it() -> None:
    question = "Hoeveel geld trekt de gemeente per jaar uit tegen eenzaamheid?"
    said = found("De gemeente trekt 50.000 euro per jaar uit tegen eenzaamheid.", question)
    assert said[0] == ("50.000 euro per jaar", FULL)
    apart = found("De gemeente trekt 50.000 euro uit, per jaar.", "Hoeveel geld trekt ze uit?")
    assert apart[0][0] == "50.000 euro", "a comma ends the quantity"


def test_a_proportion_is_one_quantity() -> None:
    said = found("Zes op tien Gelderlanders is voorstander.", "Hoeveel Gelderlanders zijn voor?")
    assert said == [("Zes op tien Gelderlanders", FULL)]
    one = found("Een op de vijf Noren voelt zich eenzaam.", "Hoeveel Noren zijn eenzaam?")
    assert one == [("Een op de vijf Noren", FULL)], "een opening a proportion is one"


def test_hoeveel_with_a_noun_in_the_singular_asks_an_amount_in_a_unit() -> None:
    sentence = (
        "Het bedrijf leed vorig jaar een verlies van 6,3 miljoen euro op een omzet van ruim "
        "1,6 miljoen euro."
    )
    said = found(sentence, "Hoeveel verlies leed het bedrijf vorig jaar?")
    assert said[0] == ("6,3 miljoen euro", FULL), "the value of the noun asked about"
    assert ("ruim 1,6 miljoen euro", GOOD) in said, "an amount, of something else"
    counted = found("Het bedrijf heeft 91 laadstations.", "Hoeveel verlies leed het bedrijf?")
    assert counted[0][1] == PARTIAL, "a count is no amount"
    lasting = found("De boot ligt er al 17 jaar.", "Hoeveel asbest zit er in de boot?")
    assert lasting[0][1] == PARTIAL, "how long it lasts is no amount of it"


def test_hoeveel_tijd_asks_a_duration() -> None:
    said = found("Kriener heeft 48 uur om het land te verlaten.", "Hoeveel tijd kreeg Kriener?")
    assert said == [("48 uur", FULL)]


def test_a_punishment_is_a_term_or_a_sum_told_with_its_kind() -> None:
    question = "Welke straf kreeg de man?"
    assert found("De man werd veroordeeld tot zes jaar cel.", question) == [
        ("tot zes jaar cel", FULL)
    ]
    assert found("De rechter legde een voorwaardelijke werkstraf van 40 uur op.", question) == [
        ("voorwaardelijke werkstraf van 40 uur", FULL)
    ]
    assert found("Hij kreeg 22 maanden voorwaardelijk.", question) == [
        ("22 maanden voorwaardelijk", FULL)
    ]
    assert found("De man kreeg een levenslange gevangenisstraf.", question) == [
        ("levenslange gevangenisstraf", FULL)
    ]
    assert found("Hij woont al drie jaar in Tiel.", question) == [("drie jaar", GOOD)]
    said = found("De 28-jarige Middelburger werd opgepakt.", question)
    assert all(strength <= PARTIAL for _, strength in said), "an age is no punishment"
    child = found("De 1-jarige Xaja overleed.", "Hoeveel jaar cel kreeg de man?")
    assert all(strength <= PARTIAL for _, strength in child), "an age is no term in years"
    aged = found("Haar negen maanden oude zoontje overleed.", question)
    assert aged == [("negen maanden", PARTIAL)], "an age in months is no term either"


def test_only_a_group_of_three_digits_continues_a_number() -> None:
    question = "Welke straf kreeg Laura?"
    said = found("Laura H. kreeg in 2017 24 maanden cel.", question)
    assert said == [("24 maanden cel", FULL)], "the year is no part of it"
    assert found("Er wonen 1 500 000 mensen.", "Hoeveel mensen wonen er?")[0][0] == (
        "1 500 000 mensen"
    )


def test_two_numbers_that_share_the_unit_after_the_second_are_one_answer() -> None:
    assert found("De mannen van 18 en 19 jaar zijn opgepakt.", "Hoe oud waren de mannen?") == [
        ("18 en 19 jaar", FULL)
    ]
    said = found("Hij verdient tussen 682.000 en 975.000 euro.", "Hoeveel verdient hij?")
    assert said == [("682.000 en 975.000 euro", FULL)]
    apart = found("Er vielen 3 doden en 12 gewonden.", "Hoeveel doden vielen er?")
    assert apart == [("3 doden", FULL), ("12 gewonden", PARTIAL)], "each with its own noun"


def test_an_age_is_given_in_brackets_after_a_name_or_before_jarige() -> None:
    question = "Hoe oud is Paula Schot?"
    assert found("Paula Schot (25) gaat de gemeente leiden.", question) == [("25", FULL)]
    pair = found("De chauffeurs (26 en 20) zijn aangehouden.", "Hoe oud zijn de chauffeurs?")
    assert pair == [("26 en 20", FULL)]
    assert found("De 82-jarige Smit overleed.", "Hoe oud was Smit?") == [("82-jarige Smit", FULL)]
    counted = found("Paula Schot (25) gaat de gemeente leiden.", "Hoeveel leden telt de raad?")
    assert counted == [("25", PARTIAL)], "not asked for an age, a number in brackets"


def test_tot_hoeveel_asks_for_the_value_it_was_brought_to() -> None:
    question = "Tot hoeveel peilingen brengt het parlement het aantal publicaties terug?"
    sentence = "Het parlement wil de zeven geplande peilingen terugbrengen tot twee peilingen."
    said = found(sentence, question)
    assert ("tot twee peilingen", FULL) in said
    assert ("zeven geplande peilingen", PARTIAL) in said, "the value it was brought from"


def test_adjectives_stack_before_the_noun_counted() -> None:
    sentence = "Sinds 2012 woonden 148 jonge Twentse ouders in het behandelcentrum."
    said = found(sentence, "Hoeveel jonge ouders hebben in het behandelcentrum gewoond?")
    assert said[0] == ("148 jonge Twentse ouders", FULL)


def test_a_number_after_a_month_is_a_quantity_unless_it_is_a_year() -> None:
    question = "Hoeveel christenen zijn er in februari en maart vermoord rond Jos?"
    told = "Het rapport meldt dat in februari en maart 280 christenen zijn vermoord."
    assert found(told, question)[0] == ("280 christenen", FULL)
    assert found("Het rapport verscheen in maart 2019.", question) == []


def test_a_score_answers_how_a_match_ended_and_a_period_does_not() -> None:
    question = "Hoe eindigde de topper Ajax-PSV?"
    assert found("Ajax won de topper met 3-1.", question)[0] == ("3-1", FULL)
    assert all(s < FULL for _, s in found("In het seizoen 2018-2019 speelde Ajax.", question))


def test_a_question_for_a_sum_of_money_is_not_answered_by_a_count_of_something_else() -> None:
    question = "Wat kost het vervangen van het asbestdak?"
    assert found("Rotterdam telt tweehonderd woningen met een asbestdak.", question) == []
    assert found("Driekwart van die huizen staat in de Rode Kastelenbuurt.", question) == []
    assert found("Dat gaat ons 60.000 euro kosten.", question) == [("60.000 euro", FULL)]
    assert found("De agent zou er zeven ton mee hebben verdiend.", question)[0][0] == "zeven ton"
    assert found("De klus kost € 2,5 miljoen.", question)[0][0] == "2,5 miljoen"
    # Bare, once the currency goes without saying.
    assert found("Zij ontving 35.794 van de gemeente.", question)[0][0] == "35.794"
    # A question for a count keeps a count of something else as a partial answer.
    assert found("Rotterdam telt tweehonderd woningen.", "Hoeveel daken?")[0][1] == PARTIAL


def test_a_number_in_a_name_counts_nothing() -> None:
    question = "Hoeveel kost een kaartje?"
    assert found("Het concert is in De Kazerne, Paradijslaan 8, Eindhoven.", question) == []
    assert found("Het gaat om 5G en om 3D.", "Hoeveel masten?") == []
    assert found("Er staan 8 masten langs de Paradijslaan.", "Hoeveel masten?")[0][1] == FULL


def test_an_age_is_no_sum_of_money() -> None:
    question = "Hoeveel geld kreeg de vrouw?"
    assert found("De Haagse Marischka B. (47) kreeg het geld per ongeluk.", question) == []
    assert found("De 47-jarige vrouw kreeg het geld per ongeluk.", question) == []


def test_dutch_ten_and_dozen_are_no_numbers() -> None:
    question = "Hoeveel banen levert Schiphol op?"
    assert found("Dat gaat ten koste van de banen, ten opzichte van vorig jaar.", question) == []
    assert found("De banen zitten in dozen.", question) == []
    assert found("Schiphol levert 113.000 banen op.", question)[0] == ("113.000 banen", FULL)


def test_a_currency_after_an_adjective_is_still_money() -> None:
    question = "Hoeveel prijzengeld hoort bij de Nobelprijs?"
    said = found("Bij de prijs hoort 9 miljoen Zweedse kronen.", question)
    assert said[0][0].startswith("9 miljoen Zweedse kronen")
    assert found("Hij kocht 500 Amerikaanse dollar.", "Hoeveel geld?")[0][0].startswith("500")


def test_how_high_a_fine_is_is_answered_by_a_sum_or_a_share_not_an_age() -> None:
    question = "Hoe hoog was de boete die Marco Kroon kreeg?"
    assert found("De 49-jarige Kroon plaste tegen een muur.", question) == []
    assert found("Kroon kreeg een boete van 140 euro.", question)[0][0].startswith("140 euro")
    assert found("De boete is 20 procent van zijn salaris.", question)[0][0] == "20 procent"


def test_a_quantity_takes_the_rest_of_its_phrase() -> None:
    said = found(
        "Er meldden zich 220 militairen en veteranen aan.",
        "Hoeveel militairen en veteranen meldden zich aan?",
    )
    assert said[0] == ("220 militairen en veteranen", FULL)
    assert found("Het wordt veertien meter hoog.", "Hoe hoog wordt het?")[0][0] == (
        "veertien meter hoog"
    )
    jail = found("Hij kreeg zes jaar cel.", "Tot hoeveel jaar cel werd hij veroordeeld?")
    assert jail[0][0].endswith("zes jaar cel")
    weekly = found("Het gaat om 20 uur per week.", "Hoeveel uur per week?")
    assert weekly[0][0] == "20 uur per week"


def test_a_part_of_a_plural_or_a_number_with_a_slash_is_no_sum() -> None:
    question = "Hoeveel schadevergoeding heeft Boeing betaald?"
    assert found("Zij verloor de vader van twee van haar kinderen.", question) == []
    assert found("7/3 Parktheater Eindhoven, 9/3 Speelhuis Helmond.", question) == []
    assert found("Zij ontving 35.794 van de gemeente.", question)[0][0] == "35.794"


def test_a_bare_number_a_verb_of_paying_takes_is_a_sum() -> None:
    question = "Hoeveel geld wil de partij aan onderwijs uitgeven?"
    spent = found("De partij wil liever 15 miljard uitgeven aan onderwijs en politie.", question)
    assert spent == [("15 miljard", GOOD)]
    assert found("De partij wil 15 scholen bouwen.", question) == [], "schools are no sum"


def test_a_whole_is_the_count_when_no_later_number_counts_a_part_of_it() -> None:
    said = found(
        "Veel van de 36.000 snorfietsen in Amsterdam rijden harder dan 25 km per uur.",
        "Hoeveel snorfietsen zijn er in Amsterdam?",
    )
    assert said[0] == ("36.000 snorfietsen", FULL), "25 km per uur counts no part of them"


def test_a_compound_of_a_name_and_a_noun_counts_what_the_noun_does() -> None:
    said = found(
        "Alle 54 IC Direct-locomotieven kregen versneld een update.",
        "Hoeveel locomotieven kregen een update?",
    )
    assert said[0] == ("54 IC Direct-locomotieven", FULL)


def test_a_count_of_people_of_some_kind_counts_the_people_asked_about() -> None:
    said = found(
        "Gisteren zagen zo'n vierhonderd bezoekers hoe de burgemeester het doek weghaalde.",
        "Hoeveel mensen kwamen er kijken?",
    )
    assert said[0] == ("zo'n vierhonderd bezoekers", GOOD)
    ridden = found("Hij reed 300 kilometers op een dag.", "Hoeveel mensen kwamen er kijken?")
    assert ridden[0][1] == PARTIAL, "a kilometer is no person"


def test_an_age_after_the_noun_asked_about_is_no_share_of_it() -> None:
    said = found(
        "Onder de jongeren van 18 tot 25 jaar is bijna 13 procent te zwaar.",
        "Hoeveel procent van de jongeren is te zwaar?",
    )
    assert said[0] == ("bijna 13 procent", FULL)
    assert ("18 tot 25 jaar", FULL) not in said
    share = found("KPN heeft een marktaandeel van 40 procent.", "Hoe groot is het marktaandeel?")
    assert share[0] == ("40 procent", FULL), "a value in another unit still answers"
