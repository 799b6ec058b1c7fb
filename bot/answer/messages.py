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
    "direct": {
        "nl": "Antwoord: {answer}",
        "en": "Answer: {answer}",
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
    # --- Discord: slash commands (descriptions are at most 100 characters) -----------------
    "cmd_ask": {
        "nl": "Stel een vraag over het nieuws in het archief",
        "en": "Ask a question about the news in the archive",
    },
    "cmd_recent": {"nl": "De nieuwste artikelen", "en": "The newest articles"},
    "cmd_article": {"nl": "Lees een heel artikel", "en": "Read a whole article"},
    "cmd_upload": {
        "nl": "Voeg artikelen toe (.txt, .md, .json, .jsonl, .html of .zip)",
        "en": "Add articles (.txt, .md, .json, .jsonl, .html or .zip)",
    },
    "cmd_delete": {
        "nl": "Verwijder een artikel dat in deze server is toegevoegd",
        "en": "Delete an article that was added in this server",
    },
    "cmd_stats": {"nl": "Cijfers over het archief", "en": "Numbers about the archive"},
    "opt_question": {"nl": "Je vraag", "en": "Your question"},
    "opt_since": {
        "nl": "Alleen artikelen vanaf deze datum, bijv. 2019, 2019-04 of 2019-04-01",
        "en": "Only articles from this date on, e.g. 2019, 2019-04 or 2019-04-01",
    },
    "opt_until": {
        "nl": "Alleen artikelen tot en met deze datum, bijv. 2019, 2019-04 of 2019-04-30",
        "en": "Only articles up to this date, e.g. 2019, 2019-04 or 2019-04-30",
    },
    "opt_source": {
        "nl": "Alleen artikelen waarvan de bron dit bevat",
        "en": "Only articles whose source contains this",
    },
    "opt_limit": {"nl": "Hoeveel artikelen (standaard 10)", "en": "How many articles (default 10)"},
    "opt_article_id": {"nl": "Het nummer van het artikel", "en": "The article's number"},
    "opt_file": {
        "nl": "Een .txt, .md, .json, .jsonl, .html of .zip bestand",
        "en": "A .txt, .md, .json, .jsonl, .html or .zip file",
    },
    # --- Discord: answers and browsing -----------------------------------------------------
    "asked": {"nl": "Vraag: {question}", "en": "Question: {question}"},
    "open_article": {"nl": "Lees artikel {id}", "en": "Read article {id}"},
    "previous": {"nl": "Vorige", "en": "Previous"},
    "next": {"nl": "Volgende", "en": "Next"},
    "page": {"nl": "pagina {page} van {pages}", "en": "page {page} of {pages}"},
    "recent_title": {"nl": "Nieuwste artikelen", "en": "Newest articles"},
    "recent_title_source": {
        "nl": "Nieuwste artikelen met bron “{source}”",
        "en": "Newest articles with source “{source}”",
    },
    "no_articles_source": {
        "nl": "Er zijn geen artikelen met een bron die “{source}” bevat.",
        "en": "There are no articles with a source containing “{source}”.",
    },
    "bad_date": {
        "nl": "Ik begrijp de datum “{text}” niet. Gebruik bijvoorbeeld 2019, 2019-04, "
        "2019-04-01 of 1 april 2019.",
        "en": "I do not understand the date “{text}”. Use e.g. 2019, 2019-04, 2019-04-01 "
        "or 1 april 2019.",
    },
    "bad_period": {
        "nl": "De begindatum ligt na de einddatum.",
        "en": "The start date is after the end date.",
    },
    "failed": {
        "nl": "Er ging iets mis. Probeer het later nog eens; de beheerder van de bot kan in "
        "het logboek zien wat er gebeurde.",
        "en": "Something went wrong. Please try again later; the bot's operator can see what "
        "happened in the log.",
    },
    # --- Discord: administration -----------------------------------------------------------
    "not_allowed": {
        "nl": "Alleen leden met de permissie Server beheren mogen dit doen. Er is niets veranderd.",
        "en": "Only members with the Manage Server permission may do this. Nothing was changed.",
    },
    "upload_unsupported": {
        "nl": "{name}: dit soort bestand kan ik niet lezen. Stuur een .txt, .md, .json, "
        ".jsonl, .html of .zip bestand.",
        "en": "{name}: I cannot read this kind of file. Send a .txt, .md, .json, .jsonl, "
        ".html or .zip file.",
    },
    "upload_too_large": {
        "nl": "{name} is {size}; de grens voor uploads is {limit}. Verdeel het over kleinere "
        "zip-bestanden.",
        "en": "{name} is {size}; the upload limit is {limit}. Please split it into smaller "
        "zip files.",
    },
    "upload_download_failed": {
        "nl": "Ik kon {name} niet van Discord downloaden. Probeer het nog eens.",
        "en": "I could not download {name} from Discord. Please try again.",
    },
    "upload_progress": {
        "nl": "Bezig met {name}: {added} toegevoegd, {duplicate} dubbel, {rejected} geweigerd…",
        "en": "Importing {name}: {added} added, {duplicate} duplicates, {rejected} rejected…",
    },
    "upload_done": {
        "nl": "{name}: {added} toegevoegd, {duplicate} dubbel, {rejected} geweigerd.",
        "en": "{name}: {added} added, {duplicate} duplicates, {rejected} rejected.",
    },
    "upload_new_ids": {"nl": "Nieuwe artikelen: {ids}", "en": "New articles: {ids}"},
    "upload_more": {
        "nl": "… en nog {count}; het bijgevoegde verslag noemt alles.",
        "en": "… and {count} more; the attached report lists everything.",
    },
    "upload_failed": {
        "nl": "Er ging iets mis tijdens het importeren van {name}. Wat al was opgeslagen "
        "blijft bewaard ({added} toegevoegd), de rest niet. Probeer het nog eens; dubbele "
        "artikelen worden overgeslagen.",
        "en": "Something went wrong while importing {name}. What was already stored is kept "
        "({added} added), the rest is not. Please try again; duplicates are skipped.",
    },
    "status_duplicate": {"nl": "dubbel", "en": "duplicate"},
    "status_rejected": {"nl": "geweigerd", "en": "rejected"},
    "status_added": {"nl": "toegevoegd", "en": "added"},
    "delete_global": {
        "nl": "Artikel {id} hoort bij de algemene collectie van de beheerder van de bot; die "
        "kan het alleen via de commandoregel verwijderen.",
        "en": "Article {id} belongs to the bot operator's global collection; it can only be "
        "deleted from the command line.",
    },
    "deleted_title": {
        "nl": "Artikel {id} ({title}) is verwijderd.",
        "en": "Article {id} ({title}) was deleted.",
    },
    "stats_title": {"nl": "Het archief van deze server", "en": "This server's archive"},
    "stats_articles": {
        "nl": "{total} artikelen: {own} toegevoegd in deze server, {shared} uit de algemene "
        "collectie",
        "en": "{total} articles: {own} added in this server, {shared} from the global collection",
    },
    "stats_passages": {"nl": "{count} passages", "en": "{count} passages"},
    "stats_sources": {"nl": "{count} bronnen", "en": "{count} sources"},
    "stats_period": {"nl": "van {oldest} tot {newest}", "en": "from {oldest} to {newest}"},
    "stats_size": {"nl": "databasebestand: {size}", "en": "database file: {size}"},
}

# Dutch wording for the engine's stable rejection codes (storage/*: Rejection.code). The
# engine's own reasons are English and more specific, so English replies use those.
REASONS_NL: dict[str, str] = {
    "empty": "Het bestand is leeg.",
    "whitespace": "Het bestand bevat alleen witruimte, geen tekst.",
    "binary": "Dit lijkt geen tekstbestand (is het een pdf of een afbeelding?).",
    "unsupported": "Dit soort bestand wordt niet ondersteund; stuur .txt, .md, .json, .jsonl, "
    ".html of .zip.",
    "too_large": "Het bestand is groter dan de grens voor één artikelbestand.",
    "no_body": "Er staat te weinig tekst in om een artikel te zijn.",
    "boilerplate": "Er staan alleen knoppen en menu's van een website in, geen artikeltekst.",
    "bad_json": "Dit is geen geldig artikel in JSON.",
    "too_many_records": "Het bestand bevat te veel artikelen; alleen de eerste zijn gelezen.",
    "bad_zip": "Het zip-bestand (of een bestand erin) is beschadigd.",
    "too_many_entries": "Het zip-bestand bevat te veel bestanden; verdeel het over kleinere zips.",
    "encrypted": "Dit bestand in de zip is met een wachtwoord beveiligd.",
    "zip_bomb": "Dit bestand in de zip pakt uit tot veel meer dan zijn grootte en is overgeslagen.",
    "nested_zip": "Dit is een zip in de zip; pak die uit en stuur de inhoud.",
    "unpacked_too_large": "Het zip-bestand pakt uit tot meer dan de grens; de rest is "
    "overgeslagen.",
    "duplicate": "Dezelfde tekst staat al in het archief.",
    "store_failed": "Het kon niet worden opgeslagen.",
    "error": "Er ging iets mis bij het lezen; meld de beheerder welk bestand het was.",
}


def say(key: str, lang: Lang = "nl", **values: object) -> str:
    return MESSAGES[key][lang].format(**values)


def reason(code: str | None, english: str | None, lang: Lang = "nl") -> str:
    """Why an import verdict is not "added", in the reader's language."""
    if lang == "nl" and code in REASONS_NL:
        return REASONS_NL[code]
    return english or code or ""


def lang_for(locale: str | None) -> Lang:
    """Dutch unless the locale is an English one (Discord sends e.g. 'en-US', 'en-GB')."""
    return "en" if locale and locale.lower().startswith("en") else "nl"
