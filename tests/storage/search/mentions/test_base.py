"""What every kind of mention shares: what a sentence denies fits partially at most."""

from __future__ import annotations

from datetime import date

from storage.search.mentions import FULL, GOOD, PARTIAL
from tests.storage.search.mentions.helpers import found


def test_what_a_sentence_denies_is_no_full_answer() -> None:
    question = "Wie heeft de schilderwedstrijd gewonnen?"
    denied = found("Suzana Jovanovic is niet de beste schilder geworden.", question)
    assert denied == [("Suzana Jovanovic", PARTIAL)]
    said = found("Niet Suzana Jovanovic, maar Sebas Groot won de finale.", question)
    assert dict(said) == {"Suzana Jovanovic": PARTIAL, "Sebas Groot": FULL}


def test_a_negation_in_a_subordinate_clause_denies_that_clause_only() -> None:
    said = found("Sebas Groot zei dat hij het niet had verwacht.", "Wie won de finale?")
    assert said == [("Sebas Groot", FULL)]
    assert found("De brug gaat niet op 4 mei open.", "Wanneer gaat de brug open?")[0][1] == PARTIAL


def test_a_negation_in_a_second_main_clause_denies_that_clause_only() -> None:
    sentence = (
        "Sagawa bracht in 1981 in Frankrijk de studente om het leven en zat daarvoor "
        "tot op heden geen dag in de gevangenis."
    )
    said = found(sentence, "In welk jaar bracht Sagawa de studente om het leven?")
    assert said[0] == ("in 1981", FULL)
    listed = found("De burgemeester van Arnhem en Hoekstra zijn niet herkozen.", "Wie is herkozen?")
    assert listed and all(strength == PARTIAL for _, strength in listed)


def test_en_after_a_name_opens_a_clause_when_no_name_follows() -> None:
    sentence = "Ze vertrok bij behandelcentrum Idris en werd sindsdien niet meer gezien."
    said = found(sentence, "Bij welk behandelcentrum was het meisje weggelopen?")
    assert said == [("Idris", FULL)]


def test_a_negation_of_a_word_of_degree_denies_nothing() -> None:
    sentence = "Niet veel later trouwde hij met de in Londen geboren Shamima Begum."
    assert found(sentence, "Met wie trouwde hij?")[0] == ("Shamima Begum", FULL)
    assert found("Hij kwam niet veel later dan 4 mei.", "Wanneer kwam hij?")[0][1] == FULL


def test_a_litotes_asserts() -> None:
    question = "Hoeveel asbest zit er in de onderzeeboot?"
    sentence = "De stad zit ermee, niet in het minst doordat er 1500 kilo asbest in de boot zit."
    assert found(sentence, question)[0] == ("1500 kilo asbest", FULL)
    said = found("Hij kreeg niet voor niets 1500 euro boete.", "Hoeveel boete kreeg hij?")
    assert said[0][1] == FULL
    assert found("Er zit niet in de boot 1500 kilo asbest.", question)[0][1] == PARTIAL


def test_a_negation_the_question_shares_denies_nothing() -> None:
    sentence = "De fractievoorzitters zijn er sinds 2011 niet meer geweest."
    question = "Sinds wanneer zijn de fractievoorzitters er niet meer geweest?"
    assert found(sentence, question)[0] == ("sinds 2011", GOOD)
    assert found(sentence, "Wanneer waren de fractievoorzitters er?")[0][1] == PARTIAL


def test_a_negation_within_a_reason_is_part_of_it() -> None:
    said = found("Ze stopte omdat ze niet verder kon lopen.", "Waarom stopte ze?")
    assert said == [("omdat ze niet verder kon lopen", FULL)]


def test_a_demand_or_a_plan_does_not_answer_a_question_about_what_happened() -> None:
    demand = "Justitie wil 16 jaar cel voor Tim S. voor het doodschieten van de scholier."
    assert found(demand, "Hoeveel jaar cel heeft de rechter Tim S. gegeven?") == []
    assert found(demand, "Hoeveel jaar cel eist justitie voor Tim S.?") == [("16 jaar cel", FULL)]
    plan = "De burgemeester zal op 4 mei de brug openen."
    assert found(plan, "Wanneer werd de brug geopend?") == []
    assert found(plan, "Wanneer gaat de brug open?")[0][0] == "op 4 mei"


def test_a_date_before_the_day_of_writing_beside_a_demand_tells_what_happened() -> None:
    demand = "Justitie wil 16 jaar cel voor het doodschieten van de scholier in november 2017."
    question = "Wanneer werd de scholier doodgeschoten?"
    assert found(demand, question, written=date(2019, 3, 1)) == [("in november 2017", GOOD)]
    ahead = "Justitie wil in november 2019 een uitspraak over het doodschieten van de scholier."
    assert found(ahead, question, written=date(2019, 3, 1)) == [], "what is wanted lies ahead"
    assert found(demand, question) == [], "without the article's day nothing places the date"


def test_a_punishment_demanded_in_the_passive_is_no_outcome_but_lives_claimed_are() -> None:
    passive = "Tegen de zoon is een jaar cel geëist, waarvan acht maanden voorwaardelijk."
    assert found(passive, "Welke straf kreeg de zoon uiteindelijk?") == []
    claimed = "De tornado's hebben 23 mensenlevens geëist."
    assert found(claimed, "Hoeveel mensenlevens kostten de tornado's?")[0][0] == "23 mensenlevens"


def test_a_verb_of_modality_in_a_subordinate_clause_leaves_the_main_clause_asserted() -> None:
    question = "Wie heeft de finale gewonnen?"
    said = found("Sebas Groot won, al zei hij dat hij wil stoppen.", question)
    assert said == [("Sebas Groot", FULL)]


def test_a_quotation_after_a_colon_is_not_the_main_clause() -> None:
    question = "Wie was in 2015 de voorzitter?"
    quoted = 'Voorzitter Peter Glas riep in 2015 op tot onderzoek: "We kunnen dit niet negeren."'
    assert found(quoted, question)[0][0] == "Peter Glas"
    demand = "Voorzitter Peter Glas wil in 2015 een onderzoek: het kan zo niet."
    assert found(demand, question) == [], "a modal before the colon still heads the sentence"


def test_a_negation_in_a_quotation_denies_nothing_of_the_one_quoted() -> None:
    question = "Welk Kamerlid wil onderzoek naar de straling van 5G?"
    for opening in ('"', ",,"):
        said = found(f"Kamerlid Laura Bromet: {opening}We weten nog niet hoe het zit.", question)
        assert said == [("Laura Bromet", FULL)], opening
    denied = found("Kamerlid Laura Bromet weet nog niet hoe het zit.", question)
    assert denied == [("Laura Bromet", PARTIAL)], "her own sentence denies"


def test_two_commas_open_a_quotation_as_quotation_marks_do() -> None:
    question = "Wie was in 2015 de voorzitter?"
    quoted = "Voorzitter Peter Glas riep in 2015 op tot onderzoek: ,,We kunnen dit niet negeren.''"
    assert found(quoted, question)[0][0] == "Peter Glas"


def test_a_relative_clause_in_the_past_after_a_wish_tells_what_happened() -> None:
    question = "Wanneer werd de jongen dood gevonden op de heide?"
    wish = "Het OM wil een schouw rond de plek waar in augustus 1998 de jongen dood werd gevonden."
    assert found(wish, question) == [("in augustus 1998", GOOD)]
    demand = "Justitie wil in 2020 een straf die de jongen op de heide dood vindt."
    assert found(demand, question) == [], "in the present it describes what is wanted"
    before = "Het OM wil in mei de plek zien waar de jongen dood werd gevonden."
    assert found(before, question) == [], "what stands before the clause is still wished"


def test_toen_inside_a_sentence_opens_a_clause_of_its_own() -> None:
    question = "Wanneer werd de handelaar opgepakt?"
    caught = "De handelaar werd in december 2017 opgepakt toen hij cocaïne wilde verkopen."
    assert found(caught, question)[0][0] == "in december 2017"
    planned = "Toen wilde de handelaar in december 2017 vertrekken."
    assert found(planned, question) == [], "at the head of a sentence toen is the adverb"


def test_zou_with_a_perfect_reports_what_happened() -> None:
    question = "Hoeveel mensen heeft hij beroofd?"
    assert found("Hij zou in 2009 drie mensen hebben beroofd.", question)[0][0] == "drie mensen"
    assert found("Volgens de politie zouden drie mensen zijn beroofd.", question) != []
    assert found("Hij zou drie mensen beroven als hij kon.", question) == []


def test_a_sentence_set_in_another_year_does_not_say_what_happened_in_the_year_asked() -> None:
    then = "Toen in 1996 Real Vallecas de finale won, was Pablo Ruiz nog speler."
    assert found(then, "Wie heeft de finale van 2019 gewonnen?") == []
    assert found(then, "Wie heeft de finale van 1996 gewonnen?") != []
    assert found(then, "Wie heeft de finale gewonnen?") != [], "no year asked"
    assert found(then, "Wie speelt de finale van 2019?") != [], "not what happened"


def test_what_a_sentence_says_was_so_then_is_not_how_it_is_now() -> None:
    question = "Hoeveel duurder is biologisch eten?"
    sentence = (
        "Waren de producten toen gemiddeld twee keer zo duur als gewone, nu is het "
        "prijsverschil nog maar 63 procent."
    )
    assert found(sentence, question) == [("63 procent", FULL), ("twee keer", PARTIAL)]
    plain = (
        "De producten zijn twee keer zo duur als gewone, en nu ook nog eens 63 procent zwaarder."
    )
    assert dict(found(plain, question))["twee keer"] == FULL, "no then set against the now"


def test_what_happens_as_a_rule_is_no_count_of_what_happened() -> None:
    rule = "Jaarlijks verlaten dertigduizend gedetineerden de gevangenis."
    happened = "Hoeveel ex-gedetineerden hebben via het project werk gevonden?"
    assert found(rule, happened) == [("dertigduizend gedetineerden", PARTIAL)]
    assert found(rule, "Hoeveel gedetineerden verlaten de gevangenis?")[0][1] == FULL
