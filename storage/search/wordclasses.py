"""Closed word classes of Dutch (and English) that questions and answers share: units of
measure by dimension, number words, the words that make a number approximate, months and
weekdays, and the prepositions that open a place.

A question's `hoe lang` asks for a length or a duration (storage/search/asking.py) and a
quantity fits it when its unit measures that (storage/search/mentions/quantities.py);
both read the units here. None of these words names a topic.
"""

from __future__ import annotations

from storage.language.dates import MONTH_NUMBERS, WEEKDAYS

LENGTH = "meter kilometer centimeter millimeter km cm mm m mijl miles mile feet voet"
TIME = (
    "jaar jaren maand maanden week weken dag dagen uur uren minuut minuten seconde seconden "
    "eeuw eeuwen decennium decennia"
)
MONEY = (
    "euro dollar pond cent frank yen roebel yuan renminbi roepie lira peso zloty shekel dinar"
    " kronen"
)
WEIGHT = "kilo kilogram gram ton kg pond"
AREA = "vierkante hectare m2 km2"
PERCENT = "procent %"
FREQUENCY = "keer maal"
# The nouns (as terms) that make a question for a date one for a time of day (`op welke
# tijden`, `welk tijdstip`, `what time`); `hoe laat` asks with the first.
CLOCK_ASKED = "uur"
CLOCK_NOUNS = frozenset({CLOCK_ASKED, "tijd", "tijdstip", "time"})
UNITS = frozenset(f"{LENGTH} {TIME} {MONEY} {WEIGHT} {AREA} {PERCENT} {FREQUENCY}".split())

NUMBER_MORPHEMES = (
    "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig "
    "tachtig negentig honderd duizend miljoen miljard en ën"
).split()
# `halve` and `anderhalve` are `half` and `anderhalf` inflected before a noun of common
# gender: `een halve dag`, `anderhalve week`.
NUMBER_WORDS = frozenset(
    """
    één anderhalf anderhalve half halve helft kwart dozijn tientallen honderden duizenden
    miljoenen
    two three four five six seven eight nine eleven twelve twenty thirty forty fifty
    hundred thousand million billion half
    """.split()
)
# Not `ten` and `dozen`: in Dutch text they are `ten` (`ten koste van`, `ten opzichte van`)
# and the plural of doos.
# Ordinals that, after a number, name a fraction: `een vijfde`, `twee derde`.
FRACTIONS = frozenset("derde vierde vijfde zesde zevende achtste negende tiende".split())
# Nouns of proportion: `welk deel` asks for a share.
SHARE_NOUNS = frozenset("deel aandeel gedeelte percentage proportie fractie share part".split())
SCALE_WORDS = frozenset("honderd duizend miljoen miljard biljoen mln mld".split())
# Words that make a number approximate or a bound, and the scalar particles that place it
# on a scale (`nog twee jaar` is two more, `slechts 3 procent` few); they belong to the
# quantity.
APPROXIMATE = frozenset(
    "ruim bijna zo'n zo’n ongeveer circa zeker maximaal minimaal minstens hooguit "
    "krap pakweg ca. tot liefst nog slechts pas".split()
)

# Verbs of modality: a clause they head says what someone wants, demands, expects or plans,
# or what may or will be (irrealis), not what is or happened: `Justitie wil 16 jaar cel`
# is no verdict. Past forms of kunnen and moeten are left out: `hij kon ontsnappen`,
# `hij moest de cel in` say what happened.
IRREALIS = frozenset(
    """
    zal zullen zult zou zouden wil wilt willen wilde wilden kan kun kunt kunnen
    eist eisen eiste eisten geeist verwacht verwachten verwachtte verwachtten hoopt hopen
    hoopte hoopten
    """.split()
)
# What makes a question ask what someone wants, may, must or will do, rather than what
# happened: the modal verbs (English ones too, less `may`, which a folded question shares
# with Theresa May) and the auxiliaries of the future.
QUESTION_IRREALIS = IRREALIS | frozenset(
    """
    moet moeten moest moesten mag mogen mocht mochten kon konden wordt worden gaat gaan
    will would can could should must might want wants wanted expect expects expected
    plan plans planned going
    """.split()
)
# The past tense of the auxiliaries and the copula: a question with one asks what happened.
PAST_AUXILIARIES = frozenset("was waren werd werden had hadden did were".split())
# The auxiliaries of the perfect: with a past participle they ask what happened (`heeft ...
# gegeven`, `is ... veroordeeld`).
PERFECT_AUXILIARIES = frozenset("heeft hebben hebt is zijn ben has have".split())
# Unstressed prefixes that take the place of ge- in a participle (veroordeeld, betaald).
PARTICIPLE_PREFIXES = ("ge", "be", "ver", "ont", "her", "er")

# The adverbs Dutch derives with -lijks from a unit of time: `jaarlijks` says `per jaar`.
RATE_ADVERBS = {
    "dag": "dagelijks",
    "day": "dagelijks",
    "week": "wekelijks",
    "maand": "maandelijks",
    "month": "maandelijks",
    "jaar": "jaarlijks",
    "year": "jaarlijks",
}
# What makes a unit of time a rate: `per jaar`, `elk jaar`, `every year`.
DISTRIBUTIVES = frozenset("per elk elke ieder iedere every".split())

PLACE_PREPOSITIONS = frozenset("in te naar uit bij op aan nabij vanuit richting".split())

# Dates are read in the archive's language, Dutch: English month names would take
# Theresa May for a date.
MONTH_WORDS = frozenset(MONTH_NUMBERS)
WEEKDAY_WORDS = frozenset(WEEKDAYS)
# The measure of a question that asks `tot wanneer`: the end of a period, which an article
# gives with the same preposition (`tot de zomervakantie`).
UNTIL = "tot"
# The measure of a question that asks `hoeveel` of a noun in the singular (`hoeveel
# verlies`, `hoeveel asbest`): an amount of a mass, which is told in a unit (`6,3 miljoen
# euro`, `1500 kilo`), not counted; `welke hoeveelheid` asks the same.
AMOUNT = "hoeveelheid"
# The nouns of a punishment a court or an authority imposes (`welke straf`, `welke
# celstraf`, `tot welke straf`), and the measure of a question that asks for one: a
# punishment is told as a term or a sum with the kind of punishment beside it (`zes jaar
# cel`, `een werkstraf van 40 uur`, `een boete van 1500 euro`), or as `levenslang`.
PENALTY_NOUNS = frozenset(
    """
    straf celstraf gevangenisstraf taakstraf werkstraf jeugddetentie boete geldboete
    sentence fine penalty
    """.split()
)
PENALTY = "strafmaat"
# The punishments that are a sum of money.
FINES = frozenset("boete geldboete fine".split())
# The measure of a question for the outcome of a match or a vote (`hoe eindigde`, `wat
# was de uitslag`): a score or tally, `3-1`, `408 tegen 205`.
SCORE = "uitslag"
# The measure of a question for someone's age (`hoe oud`, `welke leeftijd`), besides years.
AGE = "leeftijd"
# The nouns an article names a punishment with, whichever one a question asks with: a
# sentence is reported as `zes jaar cel`, `levenslang`, `jeugddetentie`, a fine as a boete.
PUNISHMENTS = frozenset("straf cel boete detentie levenslang".split())
# The nouns of a question that asks for a settlement (`in welke stad`, `welk dorp`, `which
# town`), as the archive's terms are made from them below.
SETTLEMENT_NOUNS = frozenset(
    """
    stad stadje plaats plaatsje woonplaats dorp dorpje gemeente haven havenstad
    town city village port
    """.split()
)
# Countries, continents and provinces, folded, a name of several words joined by hyphens,
# which hold settlements and are none: the answer to `in welke stad` is Lissabon, not
# Portugal. Left out are those that are also a city (Utrecht, Groningen, Luxemburg,
# Singapore) and those that are also a word (Namen).
REGIONS = frozenset(
    """
    afghanistan albanie algerije andorra angola argentinie armenie australie azerbeidzjan
    bahrein bangladesh belarus wit-rusland belgie bolivia bosnie botswana brazilie brunei
    bulgarije burundi cambodja canada chili china colombia congo costa-rica cuba cyprus
    denemarken duitsland ecuador egypte eritrea estland ethiopie fiji filipijnen finland
    frankrijk gambia georgie ghana griekenland groot-brittannie guatemala guinee haiti
    honduras hongarije ierland ijsland india indonesie irak iran israel italie ivoorkust
    jamaica japan jemen jordanie kaapverdie kameroen kazachstan kenia kirgizie kosovo
    kroatie laos letland libanon liberia libie liechtenstein litouwen macedonie
    noord-macedonie madagaskar malawi maleisie mali malta marokko mauritanie moldavie
    mongolie montenegro mozambique myanmar namibie nederland nepal nicaragua niger nigeria
    noord-korea zuid-korea korea noorwegen oeganda oekraine oezbekistan oman oostenrijk
    pakistan palestina paraguay peru polen portugal qatar roemenie rusland rwanda
    saoedi-arabie schotland senegal servie sierra-leone slovenie slowakije soedan
    zuid-soedan somalie spanje sri-lanka suriname syrie tadzjikistan taiwan tanzania
    thailand tibet togo tsjaad tsjechie tunesie turkije turkmenistan uruguay venezuela
    verenigde-staten verenigd-koninkrijk engeland wales vietnam zambia zimbabwe
    zuid-afrika zweden zwitserland amerika europa azie afrika oceanie noord-amerika
    zuid-amerika friesland drenthe overijssel flevoland gelderland noord-holland
    zuid-holland zeeland noord-brabant brabant limburg oost-vlaanderen west-vlaanderen
    vlaams-brabant henegouwen vlaanderen wallonie
    germany france spain italy england britain netherlands belgium europe
    """.split()
)
