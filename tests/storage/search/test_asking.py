"""What kind of answer a question asks for, and what it should be of."""

from __future__ import annotations

import re

from storage.language.text import fold, term
from storage.search import english
from storage.search.asking import (
    about_outcome,
    asks,
    expected,
    looks_ahead,
    measures,
    named_kind,
    topic,
)
from storage.search.wordclasses import AGE, AMOUNT


def test_the_first_question_word_decides_the_kind_of_answer() -> None:
    assert expected("welke architect ontwierp het gebouw waar ambtenaren klagen".split()) == "name"
    assert expected("in welke haven kwam ze aan".split()) == "place"
    assert expected("in welke week van de staking zat ze".split()) == "date"
    assert expected("hoe heet de moeder".split()) == "name"
    assert expected("wat kostte het".split()) == "number"
    assert expected("wat was de oorzaak van de brand".split()) == "reason"
    assert expected("wat was de aanleiding voor het onderzoek".split()) == "reason"


def test_hoe_komt_het_dat_asks_for_a_reason() -> None:
    assert expected("hoe komt het dat de politie beelden heeft".split()) == "reason"
    assert expected("hoe kan het dat hij een overdosis gaf".split()) == "reason"
    assert expected("hoe kwam het toch dat de overvaller de tas liet vallen".split()) == "reason"
    assert expected("how come the bridge is closed".split()) == "reason"
    assert expected("hoe kan het museum dat betalen".split()) is None, "how it pays, by what means"
    assert expected("hoe komt het geld bij de boeren".split()) is None, "het geld is the subject"


def test_which_with_a_noun_of_time_in_the_plural_asks_for_dates() -> None:
    assert expected("between which dates were the tweets collected".split()) == "date"
    assert expected("op welke dagen is de winkel open".split()) == "date"
    assert expected("in welke jaren won hij de tour".split()) == "date"
    assert expected("welke data verzamelde google".split()) == "name", "data is information"


def test_which_with_a_part_of_a_day_or_a_span_of_years_asks_for_a_date() -> None:
    assert expected("in welke nacht werd de scholier doodgeschoten".split()) == "date"
    assert expected("in welke periode liep de campagne".split()) == "date"
    assert expected("welk decennium was het".split()) == "date"
    assert expected("in welke stad werd de scholier doodgeschoten".split()) == "place"


def test_hoe_hard_asks_for_a_speed_and_reden_there_is_a_verb() -> None:
    words = "hoe hard reden de straatracers".split()
    assert expected(words) == "number", "reden is the past of rijden here, no reason"
    assert "kilometer" in measures(words)


def test_hoe_laat_and_which_times_ask_for_a_time_of_day() -> None:
    assert expected("hoe laat begint de wedstrijd".split()) == "date"
    assert "uur" in measures("hoe laat begint de wedstrijd".split())
    assert expected("op welke tijden is de bibliotheek open".split()) == "date"
    assert expected("at what time did the train leave".split()) == "date"


def test_what_the_answer_is_of() -> None:
    assert "zetel" in measures("hoeveel zetels kreeg de partij".split())
    assert "meter" in measures("hoe lang is de kartbaan".split())
    assert "euro" in measures("wat kostte de brug".split())


def test_an_english_question_counts_what_the_dutch_article_counts() -> None:
    words = "how many bottles of vodka were seized".split()
    assert "fles" in measures(words, english.translations)
    assert "fles" not in measures(words), "only with translations"


def test_hoe_heet_asks_the_name_of_the_noun_past_its_adjectives() -> None:
    assert measures("hoe heet die nieuwe nachttrein tussen arnhem en zwolle".split()) == {
        "nachttrein"
    }
    assert measures("hoe heet de ziekte van lyme".split()) == {"ziek"}


def test_an_english_adjective_of_dimension_asks_for_its_units() -> None:
    words = "how deep is the wreck lying".split()
    assert expected(words) == "number" and "meter" in measures(words)


def test_the_topic_is_the_first_word_after_the_finite_verb() -> None:
    assert topic("waarom komt shell niet naar de hoorzitting".split()) == "shell"
    assert topic("hoeveel zetels kreeg de likud van netanyahu".split()) == "likud"
    assert topic("why did vandals steal the head".split()) == "vandal"


def test_hoe_veel_counts_the_noun_after_it() -> None:
    assert "zetel" in measures("hoe veel zetels kreeg de partij".split())


def test_what_percentage_asks_for_a_share() -> None:
    words = "what percentage of the vote did the party win".split()
    assert expected(words) == "number"
    assert "procent" in measures(words)


def test_which_part_asks_for_a_share() -> None:
    words = "welk deel van de bezoekers komt uit nederland".split()
    assert expected(words) == "number"
    assert "procent" in measures(words)


def test_a_question_that_asks_two_things_has_a_kind_for_each() -> None:
    both = asks("welke partij won de verkiezingen en met hoeveel procent".split())
    assert [a.expects for a in both] == ["name", "number"]
    assert "partij" in both[0].measure and "procent" in both[1].measure
    assert "procent" not in both[0].measure
    money = asks("hoeveel huizen koopt het bedrijf en voor hoeveel geld".split())
    assert [a.expects for a in money] == ["number", "number"] and "euro" in money[1].measure
    assert len(asks("wie zijn de man en de vrouw op de foto".split())) == 1


def test_where_to_wants_a_place_after_naar() -> None:
    assert "naar" in measures("waar is de zwaan naartoe gebracht".split())
    assert "naar" not in measures("waar is de zwaan gevonden".split())


def test_a_question_in_the_past_without_modality_asks_what_happened() -> None:
    def outcome(question: str) -> bool:
        return about_outcome(re.findall(r"[^\W_]+", fold(question)))

    assert outcome("Hoeveel jaar cel heeft de rechter Tim S. gegeven?")
    assert outcome("Tot welke straf is Willem Holleeder veroordeeld?")
    assert outcome("Wie werd er na Theresa May premier?")
    assert outcome("Who was elected mayor?")
    assert not outcome("Hoeveel jaar cel eist justitie?"), "the present tense"
    assert not outcome("Hoeveel jaar cel wilde justitie?"), "a verb of modality"
    assert not outcome("Wie is de nieuwe burgemeester van Kampen?"), "no participle"
    assert not outcome("Which hotel is turning the Lockheed plane into a bar?")


def test_a_when_question_in_the_present_looks_ahead() -> None:
    def ahead(question: str) -> bool:
        return looks_ahead(re.findall(r"[^\W_]+", fold(question)))

    assert ahead("Wanneer doet de rechtbank uitspraak in de zaak tegen Leon Z.?")
    assert ahead("Wanneer gaat Christo de Arc de Triomphe inpakken?")
    assert ahead("Wanneer wordt de voorrang bij de Ressensestraat veranderd?")
    assert ahead("Wanneer is de uitspraak?"), "`is` without a participle is the copula"
    assert ahead("When will the court rule?")
    assert not ahead("Wanneer is Joëlle Tromp overleden?"), "a perfect"
    assert not ahead("Wanneer werd Gwenette Martha vermoord?"), "a past auxiliary"
    assert not ahead("Wanneer vroeg Venant R. asiel aan?"), "a past without -t"
    assert not ahead("Wanneer moest de winkel sluiten?"), "a past in -t"
    assert not ahead("Sinds wanneer is Jesse Klaver partijleider?"), "a beginning"
    assert not ahead("Hoeveel jaar cel eist justitie?"), "no when-question"


def test_a_finite_verb_without_the_ending_of_the_present_is_in_the_past() -> None:
    def outcome(question: str) -> bool:
        return about_outcome(re.findall(r"[^\W_]+", fold(question)))

    assert outcome("Wie won het songfestival?")
    assert outcome("Who won the Eurovision Song Contest?")
    assert outcome("Welke partij kreeg de meeste zetels?")
    assert outcome("Welke Zweedse politicus speelde de hoofdrol?")
    assert not outcome("Wie wint het songfestival?"), "the present: -t"
    assert not outcome("Who wins the Eurovision Song Contest?"), "the present: -s"
    assert not outcome("Welke partijen winnen de verkiezingen?"), "a plural tells no tense"
    assert not outcome("Wie kan het songfestival winnen?"), "a verb of modality"


def test_the_noun_of_the_question_phrase_names_the_kind_of_thing_asked() -> None:
    assert named_kind("welke franse minister was er tegen".split()) == {term("minister")}
    assert named_kind("hoe heet het nieuwe tijdperk in japan".split()) == {term("tijdperk")}
    assert "fles" in named_kind("how many bottles were seized".split(), english.translations)
    assert named_kind("hoeveel moesten die mannen betalen".split()) == set(), "a verb"
    assert named_kind("hoeveel geld kreeg ze".split()) == set(), "a unit of money"
    assert named_kind("uit hoeveel mensen bestaat de groep".split()) == set()
    assert named_kind("uit welk land komt de curator".split()) == set(), "in Frankrijk"
    assert named_kind("waarom stopt de bakker".split()) == set()


def test_a_noun_of_naming_names_no_kind_of_thing() -> None:
    words = "onder welke naam gaan de twee partijen samen verder".split()
    assert named_kind(words) == set(), "a text gives a name without saying it is one"
    assert named_kind("welke partij won".split()) == {term("partij")}


def test_hoeveel_with_a_noun_in_the_singular_asks_an_amount() -> None:
    def amount(question: str) -> bool:
        return AMOUNT in measures(re.findall(r"[^\W_]+", fold(question)))

    assert amount("Hoeveel verlies leed Fastned vorig jaar?")
    assert amount("Hoeveel asbest zit er in die onderzeeboot?")
    assert amount("Om hoeveel subsidie ging het?")
    assert not amount("Hoeveel kinderen mogen er mee?"), "a plural in -en"
    assert not amount("Hoeveel wietplantages zijn er opgerold?"), "a plural in -s after -e"
    assert not amount("Hoeveel reisorganisaties zijn rondgeleid?"), "a plural in -ies"
    assert not amount("Hoeveel pagina's telt het rapport?"), "a plural in 's"
    assert not amount("Hoeveel kilo hennep is er gevonden?"), "a unit"


def test_hoeveel_before_an_auxiliary_asks_an_amount_the_verbs_say_the_kind_of() -> None:
    def measured(question: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
        return measures(re.findall(r"[^\W_]+", fold(question)), names=names)

    assert "euro" in measured("Hoeveel moesten die Oekraïners betalen voor de busreis?")
    assert "moest" not in measured("Hoeveel moesten die Oekraïners betalen voor de busreis?")
    assert "euro" in measured("Hoeveel is dat schilderij van Van Gogh waard?")
    assert "euro" in measured("Hoeveel heeft hij met de info verdiend?")
    assert "euro" not in measured("Hoeveel heeft de hardloper afgelegd?")
    strijders = measured("Hoeveel IS-strijders gaven zich over?", names=frozenset({"is"}))
    assert "strijder" in strijders, "IS is a name, not the verb"


def test_welke_straf_asks_for_a_term_or_a_sum_named_by_any_noun_of_punishment() -> None:
    words = "tot welke straf werd de man veroordeeld".split()
    assert expected(words) == "number"
    assert {"jaar", "euro"} <= measures(words)
    assert {"straf", "cel", "levenslang"} <= named_kind(words)


def test_a_fine_is_a_sum_and_tall_a_height() -> None:
    fine = measures("what fine does a driver risk".split())
    assert "euro" in fine and "jaar" not in fine, "a fine is no term"
    assert "euro" in measures("welke boete kreeg de club".split())
    assert expected("how tall will the tower be".split()) == "number"
    assert "meter" in measures("how tall will the tower be".split())


def test_an_english_kind_is_the_noun_after_its_capitalised_modifiers() -> None:
    words = "which dutch minister met the secretary of state in kansas".split()
    kind = named_kind(words, english.translations, frozenset({"dutch", "kansas"}))
    assert term("minister") in kind
    assert not kind & {term("nederland"), term("holland")}
    singer = named_kind("which ajax singer won".split(), english.translations, frozenset({"ajax"}))
    assert term("zanger") in singer


def test_welke_with_a_noun_of_a_dimension_asks_a_measure_of_it() -> None:
    words = "op welke leeftijd mogen zij met pensioen".split()
    assert expected(words) == "number", "an age, not a place"
    assert {"jaar", AGE} <= measures(words)
    assert "euro" in measures("welk bedrag vergoedde de verzekering".split())


def test_a_noun_of_a_sum_asks_for_money() -> None:
    assert "euro" in measures("hoeveel schadevergoeding moest boeing betalen".split())
    assert "euro" in measures("hoeveel prijzengeld hoort bij de nobelprijs".split())
    fine = measures("hoe hoog was de boete die hij kreeg".split())
    assert {"euro", "procent"} <= fine and "meter" not in fine
    assert "meter" in measures("hoe hoog is de toren".split())


def test_question_words_written_as_one_word_ask_as_two() -> None:
    (ask,) = asks("hoelang zit hij al in de gemeenteraad".split())
    assert ask.expects == "number" and "jaar" in ask.measure
    (often,) = asks("hoevaak won ajax de beker".split())
    assert often.expects == "number" and "keer" in often.measure


def test_wat_voor_asks_which_kind() -> None:
    (ask,) = asks("in wat voor een gebouw werd de uil gespot".split())
    assert ask.expects == "place" and ask.measure == {term("gebouw")}


def test_wiens_asks_for_a_person() -> None:
    assert asks("wiens toespraak werd onderbroken".split())[0].expects == "person"


def test_wat_with_a_verb_of_costing_at_the_end_asks_for_money() -> None:
    (ask,) = asks("wat mag de verbouwing maximaal kosten".split())
    assert ask.expects == "number" and "euro" in ask.measure
    assert asks("wat heeft de verbouwing gekost".split())[0].expects == "number"
    assert asks("wat zei de minister".split())[0].expects is None


def test_wat_with_a_verb_of_paying_asks_for_money_and_heette_for_a_name() -> None:
    (ask,) = asks("wat betaal je voor een kaartje".split())
    assert ask.expects == "number" and "euro" in ask.measure
    assert asks("hoe heette de skiër die omkwam".split())[0].expects == "name"
