"""A place name and the words Dutch derives from it: *Veenendaal* and *Veenendaalse*.

News names a place as often through its adjective or its inhabitants as by its name ("de
Veenendaalse baby", "een Soester jongen", "de Gelderse Staten"), and a question may name
the place. The stemmer leaves them apart (`veenendaal`, `veenendaals`), so a question
about Veenendaal would rank the article that only says Veenendaalse below any that names
the town. `derived` gives the forms the regular derivations make; the query keeps those
the archive uses (storage/search/query.py). Irregular ones (*Den Haag*, *Haagse*;
*Zeeland*, *Zeeuwse*) are left out.

Only this direction: an adjective of origin in a question (*de Nigeriaanse activisten*)
modifies what it asks about, and reading it as its place would count every mention of
the country (*Nigeria*), which an article about it names far more often than the people
asked about.
"""

from __future__ import annotations

# The shortest name worth deriving from: shorter ones (Ede, Oss) would make words of
# their own (`edes`, `osser`).
MIN_NAME = 4
_VOWELS = "aeiou"


def derived(place: str) -> frozenset[str]:
    """The adjectives and inhabitant nouns of a place (folded, lower case): Veenendaal:
    Veenendaalse, Veenendaals; Amsterdam: Amsterdammer; Gelderland: Gelderse; Soest:
    Soester; Amerika: Amerikaanse. Most of them are not words at all; the archive's
    vocabulary tells which are."""
    if len(place) < MIN_NAME or not place.isalpha():
        return frozenset()
    forms = [place + "se", place + "s", place + "er"]
    if place[-1] not in _VOWELS and place[-2] in _VOWELS and place[-3] not in _VOWELS:
        forms.append(place + place[-1] + "er")
    if place.endswith("land"):
        forms += [place[:-4] + "se", place[:-4] + "s"]
    if place.endswith("a"):
        forms += [place[:-1] + "aanse", place + "anse"]
    return frozenset(forms)
