"""Reasons: the clause a causal connective opens."""

from __future__ import annotations

import re

from storage.language.text import analyse, fold, sentence_spans
from storage.search.asking import expected
from storage.search.mentions import FULL, GOOD, PARTIAL, Reading, in_passage
from tests.storage.search.mentions.helpers import found


def test_a_reason_is_the_clause_a_causal_connective_opens() -> None:
    said = found("Ze ging eerder weg omdat ze niet verder kon lopen, zei de politie.", "Waarom?")
    assert said == [("omdat ze niet verder kon lopen", FULL)]
    assert found("Volgens Bovag komt dat door de hoge aanschafprijs.", "Waarom?")[0][1] == FULL


def test_want_gives_a_ground_for_a_claim_and_fits_less_than_omdat() -> None:
    question = "Waarom bleef de winkel dicht?"
    ground = found("De winkel bleef dicht, want de eigenaar was ziek.", question)
    assert ground == [("want de eigenaar was ziek", GOOD)]
    cause = found("De winkel bleef dicht omdat de eigenaar ziek was.", question)
    assert cause == [("omdat de eigenaar ziek was", FULL)]


def test_a_phrase_inserted_after_the_connective_does_not_end_the_reason() -> None:
    said = found(
        "Het parlement peilt omdat, anders dan bij verkiezingen, een overzicht nodig is.",
        "Waarom peilt het parlement?",
    )
    assert said == [("omdat, anders dan bij verkiezingen, een overzicht nodig is", FULL)]


def test_a_causal_noun_before_a_colon_names_the_reason_after_it() -> None:
    question = "Waarom kregen de medewerkers geen loon?"
    said = found("Oorzaak: een fout in de administratie.", question)
    assert said == [("Oorzaak: een fout in de administratie", FULL)]


def test_a_purpose_fits_well_where_a_word_says_it_is_one() -> None:
    question = "Waarom wil de provincie vuurwerk verbieden?"
    said = found("Het verbod is bedoeld om ongelukken met dieren te voorkomen.", question)
    assert said == [("om ongelukken met dieren te voorkomen", GOOD)]
    subject = found("Het doel van de regel is om dieren te sparen.", question)
    assert subject == [("om dieren te sparen", GOOD)], "the purpose noun as the subject"
    plain = found("De provincie besloot om het verbod in te voeren.", question)
    assert plain[0][1] == PARTIAL, "om ... te may be a plain infinitive"


def test_a_cause_not_found_or_pointed_back_to_is_no_reason() -> None:
    question = "Waarom bleef de verlichting uit?"
    assert found("Liander heeft de oorzaak nog niet gevonden, maar schakelde in.", question) == []
    assert found("Om dezelfde reden bleef ook de verlichting in Ede uit.", question) == []
    assert found("De oorzaak is een fout in de software.", question)[0][1] == FULL


def test_what_occasioned_an_act_is_its_reason() -> None:
    question = "Waarom roept de GGD assistentes op zich te laten inenten?"
    said = found("Aanleiding is de recente mazelenuitbraak op een crèche.", question)
    assert said == [("Aanleiding is de recente mazelenuitbraak op een crèche", FULL)]
    assert found("Er is geen aanleiding voor paniek.", question) == []
    phrase = found("Naar aanleiding van de uitbraak is de GGD een campagne begonnen.", question)
    assert phrase == [("Naar aanleiding van de uitbraak is de GGD een campagne begonnen", FULL)]


def test_a_colon_after_a_statement_of_what_is_asked_opens_its_explanation() -> None:
    question = "Waarom laten de wolven het park links liggen?"
    sentence = "Wolven zullen het park niet opzoeken: rond het park liggen genoeg bossen."
    assert found(sentence, question) == [("rond het park liggen genoeg bossen", PARTIAL)]
    assert found("De wolven zeiden: rond het park liggen bossen.", question) == []
    assert found('Wolven zullen het park niet opzoeken: "Er is genoeg bos."', question) == []


def test_an_attempt_names_its_aim() -> None:
    question = "Waarom ging de regering zelf groente verkopen?"
    said = found(
        "In een poging de stijging van de prijzen af te remmen, levert de staat groente.", question
    )
    assert said == [("In een poging de stijging van de prijzen af te remmen", GOOD)]


def test_the_view_the_actor_asked_about_holds_is_its_reason() -> None:
    question = "Waarom gingen de aanklagers in hoger beroep?"
    said = found("De aanklagers vonden de straf van veertig jaar te licht.", question)
    assert said == [("de straf van veertig jaar te licht", GOOD)]
    assert found("De buren vonden het een mooie dag.", question) == [], "not the one asked"


def test_a_causal_phrase_a_fear_or_an_argument_says_why() -> None:
    question = "Waarom vroeg hij een paspoort aan?"
    assert found("Dat deed hij als gevolg van de brexit.", question)[0] == (
        "als gevolg van de brexit",
        FULL,
    )
    assert found("Hij maakt zich zorgen over de brexit, zegt hij.", question)[0] == (
        "zorgen over de brexit",
        GOOD,
    )
    assert found("De gemeente gaat zorgen voor een oplossing.", question) == []
    assert found("Ze voerden aan dat haar lang haar heilig is.", question)[0] == (
        "haar lang haar heilig is",
        GOOD,
    )


def test_a_reason_explains_the_clause_it_is_attached_to() -> None:
    question = "Wat was de oorzaak dat de accu in de winkel begon te roken?"
    other = "Drie mensen zijn naar een ziekenhuis gebracht omdat er gevaarlijke stoffen vrijkwamen."
    assert found(other, question) == [("omdat er gevaarlijke stoffen vrijkwamen", PARTIAL)]
    own = "De accu begon te roken omdat hij oververhit raakte."
    assert found(own, question) == [("omdat hij oververhit raakte", FULL)]
    back = "Dat komt doordat de fiets te lang in de zon stond."
    assert found(back, question)[0][1] == FULL


def test_a_bracket_opened_within_a_reason_is_part_of_it() -> None:
    said = found(
        "Het park is niet blij, omdat de wolf de moeflons (wilde schapen) kan opeten.",
        "Waarom is het park niet blij?",
    )
    assert said[0] == ("omdat de wolf de moeflons (wilde schapen) kan opeten", FULL)
    bracketed = found("De wolf (die omdat hij honger had) jaagt.", "Waarom jaagt de wolf?")
    assert bracketed[0][0] == "omdat hij honger had", "a bracket opened before it ends it"


def _in_passage(passage: str, question: str) -> list[list[tuple[str, float]]]:
    words = re.findall(r"[^\W_]+", fold(question))
    spans = sentence_spans(passage)
    kind = expected(words)
    assert kind is not None
    said = in_passage(passage, spans, Reading(kind, frozenset(analyse(question))))
    return [[(passage[m.start : m.end], m.strength) for m in ms] for ms in said]


def test_a_sentence_that_says_it_follows_makes_the_one_before_its_reason() -> None:
    question = "Waarom sluit de gemeente het zwembad?"
    for follows in (
        "Daarom sluit de gemeente het zwembad.",
        "De gemeente sluit het zwembad daarom.",
        "Om die reden sluit de gemeente het zwembad.",
        "Dat is de reden dat de gemeente het zwembad sluit.",
    ):
        said = _in_passage(f"Het dak lekt al jaren. {follows}", question)
        assert said[0] == [("Het dak lekt al jaren", GOOD)], follows
    other = _in_passage(
        "Het dak lekt al jaren. Om dezelfde reden sluit de gemeente het zwembad.", question
    )
    assert other[0] == [], "the same reason names one given for something else"
    chain = _in_passage("Het dak lekt. Dat kost geld. Daarom sluit het zwembad.", question)
    assert chain[1] == [], "a sentence that points back itself is no reason of its own"


def test_a_hope_for_what_is_done_is_its_aim() -> None:
    question = "Waarom laten de scholen gevluchte leraren stage lopen?"
    said = found("De scholen hopen zo het lerarentekort in de stad tegen te gaan.", question)
    assert said == [("hopen zo het lerarentekort in de stad tegen te gaan", GOOD)]
    aim = found("Ze doen het in de hoop dat meer leraren blijven.", question)
    assert aim[0] == ("hoop dat meer leraren blijven", GOOD)
    assert found("De directeur hoopt op beter weer.", question) == [], "a wish is no aim"


def test_the_view_of_whom_the_question_asks_about_is_their_reason() -> None:
    question = "Waarom willen de activisten met de minister praten?"
    said = found("Volgens de activisten doet de regering te weinig aan het klimaat.", question)
    assert said == [("Volgens de activisten doet de regering te weinig aan het klimaat", GOOD)]
    assert found("Volgens de politie doet de regering te weinig.", question) == []
    inside = found("Die acties zorgen volgens de activisten voor veel steun.", question)
    assert inside == [], "a volgens inside the clause does not frame it"
    assert found("Volgens de activisten, die er al jaren zijn, is het zo.", question) == []


def test_komt_door_says_what_caused_it() -> None:
    question = "Waarom kon hij zijn dossier dicht houden?"
    said = found("Dat komt door het medisch beroepsgeheim.", question)
    assert said == [("door het medisch beroepsgeheim", FULL)]


def test_what_a_causal_noun_is_of_is_not_the_reason_it_names() -> None:
    question = "Waarom ging de man met een staaf op zijn collega los?"
    said = found("Aanleiding voor het geweld zou een kwetsende opmerking zijn geweest.", question)
    assert said == [("een kwetsende opmerking zijn geweest", FULL)]
    cause = found("De oorzaak van de brand was een kapotte accu.", question)
    assert cause == [("een kapotte accu", FULL)]


def test_a_causal_noun_that_names_no_reason_of_its_own_is_none() -> None:
    question = "Waarom twijfelt de partij over de klimaatwet?"
    fragment = "Aanleiding voor de partij om zijn standpunt te heroverwegen."
    assert all(strength < FULL for _, strength in found(fragment, question))
    assert found("Dat de partij twijfelt, heeft een reden.", question) == []


def test_the_sentence_after_one_that_announces_a_reason_gives_it() -> None:
    question = "Waarom hebben de weduwen hun zaak in Nederland aangespannen?"
    said = _in_passage(
        "Dat deze zaak in Nederland voor de rechter komt, heeft een reden. "
        "In Nigeria is geen eerlijk proces mogelijk.",
        question,
    )
    assert said[1] == [("In Nigeria is geen eerlijk proces mogelijk", FULL)]
    asked = _in_passage(
        "Hij reed drie jaar naar Sydney. De reden van zijn tocht? Hij wil vooroordelen "
        "over elektrische auto's wegnemen.",
        "Waarom reed hij naar Sydney?",
    )
    assert asked[2][0] == ("Hij wil vooroordelen over elektrische auto's wegnemen", FULL)


def test_what_the_actor_wants_apart_from_the_question_is_its_aim() -> None:
    question = "Waarom stopt de volleyballer als international?"
    said = found("Hij wil meer tijd doorbrengen met zijn gezin.", question)
    assert said == [("meer tijd doorbrengen met zijn gezin", GOOD)]
    assert found("Hij wil stoppen als international.", question) == [], "the act asked about"
    given_up = found("Ze wilde in maart al stoppen, maar het werd mei.", question)
    assert all(strength < GOOD for _, strength in given_up), "a wish given up"


def test_namelijk_after_the_verb_explains_the_sentence_before() -> None:
    question = "Waarom kwam er kritiek toen het persbureau Vanessa uit de foto knipte?"
    said = found("Vanessa was namelijk de enige zwarte activiste in het portret.", question)
    assert said == [("de enige zwarte activiste in het portret", FULL)]
    assert found("Er knipten twee bureaus, namelijk AP en Reuters.", question) == []


def test_a_cause_may_be_weighed_or_told_by_a_phrase_or_a_relation() -> None:
    question = "Waarom duurde het dertien jaar?"
    weighed = found(
        "Dat het dertien jaar duurde, komt mede door het wachten op de commissie.", question
    )
    assert weighed == [("door het wachten op de commissie", FULL)]
    grounds = found("Het duurde dertien jaar op grond van de privacywet.", question)
    assert grounds == [("op grond van de privacywet", FULL)]
    related = "Dat het dertien jaar duurde, heeft alles te maken met de privacywet."
    assert found(related, question) == [("te maken met de privacywet", FULL)]
    dealt = "De commissie heeft te maken met dertien jaar aan dossiers."
    assert found(dealt, question) == [], "with a noun as subject it is what one deals with"


def test_a_sentence_opened_by_door_names_its_cause_unless_it_is_a_passive() -> None:
    question = "Waarom reed er geen trein?"
    works = "Door de werkzaamheden aan de spoortunnel reed er drie dagen geen trein."
    assert found(works, question) == [(works[:-1], FULL)]
    for passive in (
        "Door de politie werd de trein stilgezet.",
        "Door de NS is de trein stilgezet.",
        "Door de rechter is de man veroordeeld.",
    ):
        assert found(passive, question) == [], passive
