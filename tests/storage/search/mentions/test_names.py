"""Names: runs of capitalised words, graded by where they stand."""

from __future__ import annotations

from storage.search.mentions import FULL, GOOD, PARTIAL, WEAK, placed_in
from tests.storage.search.mentions.helpers import found, found_in_passage


def test_a_name_beside_the_noun_asked_about_fits_best() -> None:
    said = found(
        "De Duitse onderzoeker Mark Scherz en de Rotterdamse hoogleraar Piet Smit.",
        "Welke onderzoeker heeft de kikker ontdekt?",
    )
    assert said[0] == ("Mark Scherz", FULL)
    coordinated = found("De politici Jens Holm en Hakan Svenneling.", "Welke politici?")
    assert coordinated[0][0] == "Jens Holm en Hakan Svenneling"


def test_a_first_word_with_a_capital_of_its_own_is_a_name() -> None:
    said = found("GroenLinks krijgt 20 procent, VVD volgt.", "Welke partij won?")
    assert [text for text, _ in said] == ["GroenLinks", "VVD"]
    assert found("Partijen kregen 20 procent.", "Welke partij won?") == []


def test_a_name_a_preposition_of_place_governs_is_no_person() -> None:
    said = dict(found("Op de Champs-Élysées staat de baas, Didier Lallement.", "Wie is de baas?"))
    assert said["Didier Lallement"] == FULL
    assert said["Champs-Élysées"] < PARTIAL


def test_a_name_with_an_article_is_no_person() -> None:
    sentence = "Volgens de Raad van State moet Mieke van Diepenbeek de zaak behandelen."
    said = dict(found(sentence, "Wie behandelde de zaak?"))
    assert said["Mieke van Diepenbeek"] == FULL
    assert said["Raad van State"] == PARTIAL
    assert dict(found(sentence, "Welke raad behandelde de zaak?"))["Raad van State"] == GOOD


def test_a_country_is_no_person() -> None:
    sentence = "Voorzitter Dieter Kempf verwacht dat Groot-Brittannië veel banen verliest."
    said = dict(found(sentence, "Wie van de industriekoepel verwacht ontslagen?"))
    assert said["Groot-Brittannië"] < PARTIAL
    assert said["Dieter Kempf"] >= GOOD


def test_where_to_is_answered_by_a_place_after_naar() -> None:
    said = found(
        "In Rockanje werd de zwaan gevangen; hij is naar Vogelklas Karel Schot gebracht.",
        "Waar is de zwaan naartoe gebracht?",
    )
    assert said[0] == ("Vogelklas Karel Schot", FULL)
    assert dict(said)["Rockanje"] < FULL


def test_a_capitalised_particle_starts_a_surname() -> None:
    said = found("Van Nieuwkerk neemt het over van Huys.", "Wie neemt het over van Huys?")
    assert said == [("Van Nieuwkerk", FULL)]


def test_brackets_end_a_name() -> None:
    said = found("Het wordt Matthijs Kamp (De Wereld Draait Door).", "Wie wordt het?")
    assert [text for text, _ in said] == ["Matthijs Kamp", "De Wereld Draait"]


def test_a_first_name_opening_a_sentence_before_a_particle_is_a_name() -> None:
    said = found("Michiel van Erp mag het boek verfilmen.", "Welke maker verfilmt het boek?")
    assert [text for text, _ in said] == ["Michiel van Erp"]


def test_a_noun_in_apposition_says_what_the_name_is() -> None:
    question = "Welke documentairemaker maakt de serie?"
    company = "Productiehuis De Familie van Van Erp heeft de filmrechten verworven."
    assert found(company, question) == [("De Familie van Van Erp", PARTIAL)]
    artist = "Het paard van kunstenaar Gabriël Sterk werd gestolen."
    assert found(artist, question) == [("Gabriël Sterk", PARTIAL)]
    maker = "De documentairemaker Michiel van Erp heeft de filmrechten verworven."
    assert found(maker, question) == [("Michiel van Erp", FULL)]
    plain = "Michiel van Erp heeft de filmrechten verworven."
    assert found(plain, question) == [("Michiel van Erp", GOOD)]
    adjective = "Het wordt de bar van het nieuwe TWA Hotel."
    assert found(adjective, "Which hotel opens a bar?") == [("TWA Hotel", FULL)]


def test_a_place_of_the_kind_asked_for_fits_best() -> None:
    said = found(
        "De dieven werden bij Gorinchem klemgereden op de Merwedebrug.",
        "Op welke brug werden de dieven klemgereden?",
    )
    assert said[0] == ("Merwedebrug", FULL), "a bridge takes its article, a town none"
    assert ("Gorinchem", GOOD) in said, "a place, but no bridge"


def test_a_name_given_as_an_example_of_another_noun_fits_partially() -> None:
    said = found(
        "Van der Zijl schreef eerder bestsellers als Sonny Boy en Bernhard.",
        "Hoe heet het boekenweekgeschenk van Van der Zijl?",
    )
    assert said == [("Sonny Boy en Bernhard", PARTIAL)], "bestsellers, not the gift asked"


def test_a_capitalised_month_inside_a_name_is_part_of_it() -> None:
    question = "Welke boswachter moet de bomen bij Nijverdal kappen?"
    said = found("Volgens boswachter Kees Jan Westra moeten de bomen weg.", question)
    assert said[0][0] == "Kees Jan Westra", "Dutch writes the month jan in lowercase"


def test_a_compound_the_asked_noun_heads_says_which_one() -> None:
    question = "Welke straf kreeg de inbreker uit Delft?"
    said = found("De rechter gaf hem een voorwaardelijke werkstraf van 40 uur.", question)
    assert said == [("voorwaardelijke werkstraf van 40 uur", FULL)], "a punishment, measured"
    assert found("Hij kreeg een celstraf.", question) == [("celstraf", GOOD)]
    assert found("De straf was zwaar.", question) == [], "the noun itself says not which"
    measured = found("Justitie eiste een celstraf van tien jaar.", "Welke celstraf eiste justitie?")
    assert measured == [("celstraf van tien jaar", FULL)], "but with a measure it does"
    species = found("Dat gebeurt ook bij andere miersoorten.", "Welke mieren soort?")
    assert species == [], "a modifier the question has picks out no kind"


def test_a_name_the_question_gives_only_in_part_is_its_own_referent() -> None:
    question = "Welke psycholoog schreef over Greta en haar generatie?"
    said = dict(found("Het boek over Greta Thunberg schreef psycholoog Jos Ahlers.", question))
    assert said["Greta Thunberg"] == PARTIAL, "the Greta the question names"
    assert said["Jos Ahlers"] == FULL
    more = found(
        "Failliet is Mars One Ventures, de tak van het bedrijf.",
        "Welk onderdeel van Mars One is failliet gegaan?",
    )
    assert more == [("Mars One Ventures", GOOD)], "a name that says more than the question's"


def test_a_name_the_question_gives_whole_is_no_answer_with_an_article_inside() -> None:
    question = "Welk besluit heeft Vrije School De Regenboog in Eindhoven genomen?"
    said = found("Het bestuur van Vrije School De Regenboog besloot te verhuizen.", question)
    assert said == [], "the school the question names"


def test_a_name_the_question_gives_by_the_surname_is_its_own_referent() -> None:
    question = "Wie benoemde Trump tot nieuwe directeur van de FAA?"
    said = dict(found("Gisteren heeft Donald Trump de piloot Stephen Dickson benoemd.", question))
    assert said["Donald Trump"] == PARTIAL, "the Trump the question names"
    assert said["Stephen Dickson"] > PARTIAL
    claasen = "Wie is de directeur van Chemelot?"
    said = dict(found("Dat zegt Robert Claasen van Chemelot.", claasen))
    assert said["Robert Claasen van Chemelot"] > PARTIAL, "named after the place asked about"


def test_a_name_said_to_be_the_noun_asked_about_fits_fully() -> None:
    question = "Welke bestuursvoorzitter krijgt de zorgverzekeraar?"
    said = found("Eindhovenaar Joep de Groot wordt de nieuwe bestuursvoorzitter.", question)
    assert said == [("Joep de Groot", FULL)], "a copula with the noun, past the class noun"
    other = found("Eindhovenaar Joep de Groot wordt de nieuwe penningmeester.", question)
    assert other == [("Joep de Groot", PARTIAL)]


def test_a_romance_particle_inside_a_name_keeps_it_whole() -> None:
    said = found(
        "Hulporganisatie Terre des Hommes tipte de politie.", "Welke hulporganisatie tipte?"
    )
    assert said[0][0] == "Terre des Hommes"
    assert found("Regisseur Guillermo del Toro won.", "Welke regisseur won?")[0][0] == (
        "Guillermo del Toro"
    )


def test_a_particle_does_not_join_a_name_to_one_that_opens_a_compound() -> None:
    said = found("Volgens woordvoerder Agnes Cremers van F-site is de schade groot.", "Wie?")
    assert said[0][0] == "Agnes Cremers"
    whole = found("Het bedrijf zit in het Nederlandse Mars One-project.", "Welk project?")
    assert any(text.endswith("Mars One") for text, _ in whole), "no particle: the name stays"


def test_a_month_before_a_surname_is_a_first_name() -> None:
    said = found(
        "Dat zegt directeur Jan de Vries van KLM-dochter Transavia.", "Wie is de directeur?"
    )
    assert said[0] == ("Jan de Vries", FULL)
    assert found("Het gebeurde op 4 Jan 2019 in de haven.", "Wie?") == []


def test_the_noun_asked_about_opening_a_sentence_before_a_surname_says_what_he_is() -> None:
    said = found("Directeur Emondts stond de chauffeurs te woord.", "Welke directeur van Uber?")
    assert said[0][0] == "Emondts", "the role is no part of his name"
    both = found("VVD en CDA reageren negatief.", "Welk VVD-Kamerlid noemt het plan raar?")
    assert [text for text, _ in both] == ["VVD en CDA"], "a coordination of two names"


def test_a_name_may_hold_digits() -> None:
    sentence = "Supermarktketen C1000 kwam in 2009 met plastic figuurtjes."
    said = dict(found(sentence, "Welke supermarktketen had zestig gogo's in omloop?"))
    assert said["C1000"] == FULL
    assert found("Het stuk kost 1000 euro.", "Welke partij won?") == []


def test_a_name_opening_with_an_adjective_is_no_person() -> None:
    sentence = "Dat zei minister Stef Blok van Buitenlandse Zaken tegen Marise Payne."
    said = dict(found(sentence, "Wie sprak met Marise Payne?"))
    assert said["Stef Blok"] == FULL, "van opens no surname before an adjective"
    assert said["Buitenlandse Zaken"] == PARTIAL, "a ministry"
    tegen = "Tegen het plan zijn de Europese Commissie en de Rotterdamse Jan Smit."
    assert dict(found(tegen, "Wie is tegen het plan?"))["Europese Commissie"] == PARTIAL


def test_a_name_after_the_kind_of_place_asked_for_is_that_place() -> None:
    sentence = "De Enschedese basisschool La Res is een van de scholen in het proefproject."
    said = dict(found(sentence, "Op welke basisschool mogen kinderen vaker vakantie opnemen?"))
    assert said["La Res"] == FULL


def test_a_coordination_with_a_place_of_the_passage_is_a_place_for_a_person_question() -> None:
    question = "Hoe heet de scooterrijder die een fietser beroofde?"
    passage = (
        "De scooterrijder beroofde een fietser op de grens van Arnhem en Huissen. "
        "Het gebeurde bij Manege Ruimzicht in Arnhem."
    )
    first, _ = found_in_passage(passage, question)
    assert first == [("Arnhem en Huissen", WEAK)]
    # Without the place told as one, the coordination may be two people.
    alone = found_in_passage("Ze zagen Arnhem en Huissen lopen. Het gebeurde gisteren.", question)
    assert alone[0][0][1] > WEAK


def test_a_place_the_question_names_makes_a_coordination_a_place() -> None:
    question = "Wie won de burgemeestersverkiezing in Ankara?"
    said = found_in_passage("De oppositie won in de grote steden Ankara en Istanboel.", question)
    assert said[0][0] == ("Ankara en Istanboel", WEAK)
    assert placed_in("Wie won in Ankara en in de stad Izmir?") == {"Ankara"}
