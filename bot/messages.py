"""Every sentence the bot says, in Dutch and English, in one place.

Dutch is the default: the archive and most of its readers are Dutch. English is used when
a member's Discord locale (or the terminal's --lang) asks for it.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]

MESSAGES: dict[str, dict[Lang, str]] = {
    "source": {"nl": "Bron", "en": "Source"},
    "updated": {"nl": "gewijzigd", "en": "updated"},
    "article": {"nl": "artikel", "en": "article"},
    "date_unknown": {"nl": "datum onbekend", "en": "date unknown"},
    "not_found": {
        "nl": "Ik heb in het archief geen antwoord op deze vraag gevonden.",
        "en": "I could not find an answer to this question in the archive.",
    },
    "not_found_hint": {
        "nl": "Probeer het met andere woorden, of bekijk de nieuwste artikelen met {recent}.",
        "en": "Try other words, or look at the newest articles with {recent}.",
    },
    "did_you_mean": {
        "nl": "Bedoelde je: “{question}”?",
        "en": "Did you mean: “{question}”?",
    },
    "searched_period": {
        "nl": "Gezocht in artikelen van {since} tot en met {until}.",
        "en": "Searched articles from {since} to {until}.",
    },
    "empty_question": {
        "nl": "Stel een vraag over het nieuws in het archief, bijvoorbeeld: {example}",
        "en": "Ask a question about the news in the archive, for example: {example}",
    },
    "no_such_article": {
        "nl": "Er is geen artikel met nummer {id} in dit archief.",
        "en": "There is no article {id} in this archive.",
    },
    "no_articles": {
        "nl": "Het archief is nog leeg.",
        "en": "The archive is still empty.",
    },
    "deleted": {
        "nl": "Artikel {id} is verwijderd.",
        "en": "Article {id} was deleted.",
    },
}


def say(key: str, lang: Lang = "nl", **values: object) -> str:
    return MESSAGES[key][lang].format(**values)


def lang_for(locale: str | None) -> Lang:
    """Dutch unless the locale is an English one (Discord sends e.g. 'en-US', 'en-GB')."""
    return "en" if locale and locale.lower().startswith("en") else "nl"
