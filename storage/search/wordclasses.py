"""Closed word classes of Dutch (and English) that questions and answers share: units of
measure by dimension, number words, the words that make a number approximate, months and
weekdays, and the prepositions that open a place.

A question's `hoe lang` asks for a length or a duration (storage/search/asking.py) and a
quantity fits it when its unit measures that (storage/search/mentions/quantities.py);
both read the units here. None of these words names a topic.
"""

from __future__ import annotations

from storage.language.dates import MONTHS, WEEKDAYS

LENGTH = "meter kilometer centimeter millimeter km cm mm m mijl miles mile feet voet"
TIME = (
    "jaar jaren maand maanden week weken dag dagen uur uren minuut minuten seconde seconden "
    "eeuw eeuwen decennium decennia"
)
MONEY = "euro dollar pond cent frank yen roebel"
WEIGHT = "kilo kilogram gram ton kg pond"
AREA = "vierkante hectare m2 km2"
PERCENT = "procent %"
FREQUENCY = "keer maal"
UNITS = frozenset(f"{LENGTH} {TIME} {MONEY} {WEIGHT} {AREA} {PERCENT} {FREQUENCY}".split())

NUMBER_MORPHEMES = (
    "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig "
    "tachtig negentig honderd duizend miljoen miljard en ën"
).split()
NUMBER_WORDS = frozenset(
    """
    één anderhalf half helft kwart dozijn tientallen honderden duizenden miljoenen
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion half dozen
    """.split()
)
SCALE_WORDS = frozenset("honderd duizend miljoen miljard biljoen mln mld".split())
# Words that make a number approximate or a bound; they belong to the quantity.
APPROXIMATE = frozenset(
    "ruim bijna zo'n zo’n ongeveer circa zeker maximaal minimaal minstens hooguit "
    "krap pakweg ca. tot liefst".split()
)

PLACE_PREPOSITIONS = frozenset("in te naar uit bij op aan nabij vanuit richting".split())

# Dates are read in the archive's language, Dutch: English month names would take
# Theresa May for a date.
MONTH_WORDS = frozenset(MONTHS) | frozenset(
    "jan feb mrt apr jun jul aug sep sept okt nov dec".split()
)
WEEKDAY_WORDS = frozenset(WEEKDAYS)
