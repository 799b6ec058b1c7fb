"""English questions about Dutch articles: recognise them and offer Dutch words for theirs.

The archive is Dutch, so an English question matches little but its names and numbers.
Each English content word is looked up (by its base form) in a small English-Dutch word
list derived from FreeDict (storage/data/eng-nld.tsv, GNU GPL 2 or later, see COPYING
there), and its Dutch translations become alternatives for that word. Which of them the
archive actually uses is for storage/search/query.py to find out.

The list is read on the first English question only (about 13,600 lines, a few MB).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

# Words that mark a sentence as English and never as Dutch (`is`, `in`, `over`, `we`, `was`
# and `of` are both, so they do not count).
FUNCTION_WORDS = frozenset(
    """
    a about after all also am an and any are as at be because been before being between both
    but by can could did do does doing down during each either ever every for from had has
    have having he her here hers him his how i if into it its just many me more most much my
    neither no nor not now of off on once only or other our out own same she should since so
    some such than that the their theirs them then there these they this those through to
    too under until up upon very what whats when where which while who whom whose why will
    with within without would yes yet you your
    """.split()
)
_DUTCH_FUNCTION_WORDS = frozenset(
    """
    de het een en van wat wie waar waarom wanneer hoe hoeveel welke welk zijn heeft hebben
    werd wordt worden met voor op aan niet ook naar bij dat die deze dit er om uit nog maar
    als dan haar hij zij ze je jij mijn onze ons tot tegen door na nu al toch wel geen kan
    kon zou moet mag gaat ging komt kwam zich wil zei
    """.split()
)

# Past tenses and participles that no suffix rule undoes, mapped to the base form the
# dictionary lists.
_IRREGULAR = {
    form: base
    for base, forms in {
        "arise": "arose arisen",
        "be": "was were been",
        "bear": "bore born borne",
        "beat": "beaten",
        "become": "became",
        "begin": "began begun",
        "bend": "bent",
        "bet": "bet",
        "bid": "bid",
        "bind": "bound",
        "bite": "bit bitten",
        "bleed": "bled",
        "blow": "blew blown",
        "break": "broke broken",
        "breed": "bred",
        "bring": "brought",
        "build": "built",
        "burn": "burnt",
        "buy": "bought",
        "catch": "caught",
        "choose": "chose chosen",
        "cling": "clung",
        "come": "came",
        "creep": "crept",
        "deal": "dealt",
        "dig": "dug",
        "do": "did done",
        "draw": "drew drawn",
        "dream": "dreamt",
        "drink": "drank drunk",
        "drive": "drove driven",
        "eat": "ate eaten",
        "fall": "fell fallen",
        "feed": "fed",
        "feel": "felt",
        "fight": "fought",
        "find": "found",
        "flee": "fled",
        "fly": "flew flown",
        "forbid": "forbade forbidden",
        "forget": "forgot forgotten",
        "forgive": "forgave forgiven",
        "freeze": "froze frozen",
        "get": "got gotten",
        "give": "gave given",
        "go": "went gone going",
        "grind": "ground",
        "grow": "grew grown",
        "hang": "hung",
        "have": "had",
        "hear": "heard",
        "hide": "hid hidden",
        "hold": "held",
        "keep": "kept",
        "kneel": "knelt",
        "know": "knew known",
        "lay": "laid",
        "lead": "led",
        "leap": "leapt",
        "learn": "learnt",
        "leave": "left",
        "lend": "lent",
        "lie": "lay lain lying",
        "light": "lit",
        "lose": "lost",
        "make": "made",
        "mean": "meant",
        "meet": "met",
        "mislead": "misled",
        "overcome": "overcame",
        "pay": "paid",
        "prove": "proven",
        "ride": "rode ridden",
        "ring": "rang rung",
        "rise": "rose risen",
        "run": "ran",
        "say": "said",
        "see": "saw seen",
        "seek": "sought",
        "sell": "sold",
        "send": "sent",
        "shake": "shook shaken",
        "shine": "shone",
        "shoot": "shot",
        "show": "shown",
        "shrink": "shrank shrunk",
        "sing": "sang sung",
        "sink": "sank sunk",
        "sit": "sat",
        "sleep": "slept",
        "slide": "slid",
        "speak": "spoke spoken",
        "speed": "sped",
        "spend": "spent",
        "spin": "spun",
        "spit": "spat",
        "spread": "spread",
        "spring": "sprang sprung",
        "stand": "stood",
        "steal": "stole stolen",
        "stick": "stuck",
        "sting": "stung",
        "stink": "stank stunk",
        "strike": "struck stricken",
        "swear": "swore sworn",
        "sweep": "swept",
        "swim": "swam swum",
        "swing": "swung",
        "take": "took taken",
        "teach": "taught",
        "tear": "tore torn",
        "tell": "told",
        "think": "thought",
        "throw": "threw thrown",
        "understand": "understood",
        "wake": "woke woken",
        "wear": "wore worn",
        "weep": "wept",
        "win": "won",
        "wind": "wound",
        "withdraw": "withdrew withdrawn",
        "write": "wrote written",
        "child": "children",
        "man": "men",
        "woman": "women",
        "person": "people",
        "mouse": "mice",
        "foot": "feet",
        "tooth": "teeth",
    }.items()
    for form in forms.split()
}
_VOWELS = frozenset("aeiou")

# General words the FreeDict list lacks, with their Dutch words: common nouns and verbs of
# news English, no names or topics.
_GENERAL = {
    "spokesman": ("woordvoerder",),
    "spokeswoman": ("woordvoerster", "woordvoerder"),
    "spokesperson": ("woordvoerder", "woordvoerster"),
    "researcher": ("onderzoeker",),
    "suicide": ("zelfmoord",),
    "bail": ("borgtocht", "borg"),
    "fake": ("nep", "vals"),
    "roughly": ("ongeveer", "circa"),
    "involved": ("betrokken",),
    "outdoor": ("buiten",),
    "hike": ("wandelen", "wandeling"),
    "crash": ("crash", "neerstorten", "botsing"),
    "speedboat": ("speedboot",),
}

# English and Dutch share much learned vocabulary from Latin and Greek, its endings in
# regular correspondence (paleontologist - paleontoloog, university - universiteit,
# constellation - constellatie): a word the list lacks gets its Dutch cognate.
_COGNATE_ENDINGS = (
    ("ologist", "oloog"),
    ("ology", "ologie"),
    ("ation", "atie"),
    ("ity", "iteit"),
    ("ism", "isme"),
    ("ist", "ist"),
)


def looks_english(words: Sequence[str]) -> bool:
    """Two or more English function words, and more of them than Dutch ones."""
    english = sum(w in FUNCTION_WORDS for w in words)
    dutch = sum(w in _DUTCH_FUNCTION_WORDS for w in words)
    return english >= 2 and english > dutch


def base_forms(word: str) -> list[str]:
    """The word and the dictionary forms it may be an inflection of, most likely first."""
    forms = [word]
    if word in _IRREGULAR:
        forms.append(_IRREGULAR[word])
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ves", ("f", "fe")),
        ("ied", ("y",)),
        ("ing", ("", "e")),
        ("es", ("", "e")),
        ("ed", ("", "e")),
        ("s", ("",)),
        ("er", ("",)),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms += [stem + r for r in replacements]
            doubled = len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS
            if doubled and suffix in ("ing", "ed", "er"):
                forms.append(stem[:-1])
    return list(dict.fromkeys(forms))


def translations(word: str) -> tuple[str, ...]:
    """Dutch words for an English word (lower-case), over all its possible base forms."""
    table = _table()
    found: list[str] = []
    for form in base_forms(word):
        found += table.get(form, ()) or _GENERAL.get(form, ())
    if not found:
        found = [c for form in base_forms(word) for c in _cognates(form)][:1]
    return tuple(dict.fromkeys(found))


# How Dutch writes the sounds that English spells otherwise in names transliterated from
# other scripts (Russian, Ukrainian, Arabic, Uyghur): Poetin for Putin, Ochotsk for
# Okhotsk, Tsjetsjenië for Chechnya, Jeltsin for Yeltsin, Oeigoeren for Uyghurs. Longest
# spelling first.
_TRANSLITERATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kh", ("ch",)),
    ("sh", ("sj",)),
    ("ch", ("tsj",)),
    ("zh", ("zj",)),
    ("gh", ("g",)),
    ("oo", ("oe",)),
    ("ou", ("oe",)),
    ("ee", ("ie",)),
    ("u", ("oe",)),
    ("y", ("j", "i", "ij")),
)
# The most spellings tried for one name: each choice doubles them or more.
MAX_SPELLINGS = 128


def dutch_spellings(name: str) -> list[str]:
    """How Dutch may write a name that English transliterates (lower-case), its plural
    (`uyghurs`) from its singular, most alike first; not the name itself. Which of them the
    archive uses is for the caller to find out."""
    out: list[str] = []
    for form in base_forms(name) if name.endswith("s") else [name]:
        spellings = [""]
        i = 0
        while i < len(form):
            rule = next(((k, v) for k, v in _TRANSLITERATIONS if form.startswith(k, i)), None)
            key, options = rule if rule else (form[i], ())
            spellings = [s + o for s in spellings for o in (key, *options)][:MAX_SPELLINGS]
            i += len(key)
        out += spellings
    return [s for s in dict.fromkeys(out) if s != name]


def inflected(dutch: str) -> str | None:
    """The form a Dutch adjective of origin takes before a noun, which is how an article
    mostly writes it (`de Oostenrijkse spoorwegen` for the Austrian railways): -e
    added, and a vowel written double in the closed syllable written single in the open
    one (`Chinees`, `Chinese`). The dictionary gives the bare form, and the stemmer does
    not bring the two together (`spaans` and `spaanse` are different terms). None for
    a word that is no such adjective (one in -s or -isch)."""
    if dutch.endswith("isch"):
        return dutch + "e"
    if (
        len(dutch) < 4
        or not dutch.endswith("s")
        or (dutch[-2] in _VOWELS and dutch[-3] != dutch[-2])
    ):
        return None
    if dutch[-3] == dutch[-2] and dutch[-2] in _VOWELS:
        return dutch[:-2] + "se"
    return dutch + "e"


def _cognates(word: str) -> list[str]:
    """The Dutch cognate of a learned English word, by its ending (`_COGNATE_ENDINGS`)."""
    return [
        word[: -len(english)] + dutch
        for english, dutch in _COGNATE_ENDINGS
        if word.endswith(english) and len(word) - len(english) >= 3
    ][:1]


@cache
def _table() -> dict[str, tuple[str, ...]]:
    text = resources.files("storage").joinpath("data/eng-nld.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            english, _, dutch = line.partition("\t")
            table[english] = tuple(dutch.split())
    return table
