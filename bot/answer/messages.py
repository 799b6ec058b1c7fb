"""Every sentence the bot and the `archivaris` command say, in Dutch and English, in one place.

Dutch is the default: the archive and most of its readers are Dutch. English is used when
a member's Discord locale (or the terminal's --lang) asks for it. The engine has no words of
its own: it tells what became of a file as a `Verdict` (a stable code and the figures that
go with it), and what it noticed about an article it kept as an `ArticleWarning`; `reason`
and `warning_text` word those here, so each sentence is written once.
"""

from __future__ import annotations

import errno
import shlex
from collections.abc import Iterable, Mapping
from datetime import datetime
from string import Formatter
from typing import Literal

from storage.archive import ArchiveError, extension, format_date
from storage.models import ArticleWarning, Verdict

Lang = Literal["nl", "en"]

MESSAGES: dict[str, dict[Lang, str]] = {
    "source": {"nl": "Bron", "en": "Source"},
    "updated": {"nl": "gewijzigd", "en": "updated"},
    "article": {"nl": "artikel", "en": "article"},
    "date_unknown": {"nl": "datum onbekend", "en": "date unknown"},
    "not_found": {
        "nl": "Ik heb in het archief geen antwoord op deze vraag gevonden. Probeer het met "
        "andere woorden, of bekijk de nieuwste artikelen met {recent}.",
        "en": "I could not find an answer to this question in the archive. Try other words, "
        "or look at the newest articles with {recent}.",
    },
    "direct": {
        "nl": "Antwoord: {answer}",
        "en": "Answer: {answer}",
    },
    "direct_dated": {
        "nl": "Antwoord: {date} (de datum van het artikel: de uitspraak zelf noemt geen datum)",
        "en": "Answer: {date} (the article's date: the statement itself names no date)",
    },
    "follows": {"nl": "Vervolg op: {questions}", "en": "Following up: {questions}"},
    "more_of": {"nl": "Meer bij: “{question}”", "en": "More for: “{question}”"},
    "no_more": {
        "nl": "Er zijn geen verdere artikelen die deze vraag beantwoorden.",
        "en": "There are no further articles that answer this question.",
    },
    "more_button": {"nl": "Meer", "en": "More"},
    "answer_gone": {
        "nl": "Ik kan de vraag bij dit antwoord niet meer terugvinden (is ze verwijderd?).",
        "en": "I can no longer find the question this answer belongs to (was it deleted?).",
    },
    "voted_up": {
        "nl": "Dank je! Je vond dit antwoord nuttig. Een tweede druk verandert je stem.",
        "en": "Thank you! You found this answer helpful. Pressing again changes your vote.",
    },
    "voted_down": {
        "nl": "Dank je! Je vond dit antwoord niet nuttig; dat helpt de bot beter te maken. "
        "Een tweede druk verandert je stem.",
        "en": "Thank you! You found this answer unhelpful; that helps improve the bot. "
        "Pressing again changes your vote.",
    },
    "votes_off": {
        "nl": "Stemmen op antwoorden staat uit op deze bot; je stem is niet bewaard.",
        "en": "Voting on answers is turned off on this bot; your vote was not kept.",
    },
    "vote_refused": {
        "nl": "Je kunt alleen stemmen op antwoorden in een kanaal dat je kunt lezen.",
        "en": "You can only vote on answers in a channel you can read.",
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
    "tally": {
        "nl": "{added} toegevoegd, {duplicate} dubbel, {rejected} geweigerd",
        "en": "{added} added, {duplicate} duplicates, {rejected} rejected",
    },
    "status_duplicate": {"nl": "dubbel", "en": "duplicate"},
    "status_rejected": {"nl": "geweigerd", "en": "rejected"},
    "status_added": {"nl": "toegevoegd", "en": "added"},
    "split": {
        "nl": "Verdeel het over kleinere bestanden.",
        "en": "Please split it into smaller files.",
    },
    "stats_total": {"nl": "{count} artikelen", "en": "{count} articles"},
    "stats_total.one": {"nl": "{count} artikel", "en": "{count} article"},
    "stats_passages": {"nl": "{count} passages", "en": "{count} passages"},
    "stats_sources": {"nl": "{count} bronnen", "en": "{count} sources"},
    "stats_sources.one": {"nl": "{count} bron", "en": "{count} source"},
    "stats_period": {"nl": "van {oldest} tot {newest}", "en": "from {oldest} to {newest}"},
    "stats_size": {"nl": "databasebestand: {size}", "en": "database file: {size}"},
    # --- terminal ------------------------------------------------------------------------
    "no_archive": {
        "nl": "er is nog geen archief in {db}. Importeer eerst artikelen (archivaris import "
        "BESTANDEN...) of probeer de demo met: archivaris chat",
        "en": "there is no archive at {db} yet. Import articles first (archivaris import "
        "FILES...) or try the demo with: archivaris chat",
    },
    "import_nothing": {
        "nl": "geen artikelen gevonden in {paths}: een map wordt gelezen op .txt-, .md-, "
        ".markdown-, .json-, .jsonl-, .html-, .htm- en .zip-bestanden (verborgen bestanden en "
        "README-bestanden niet)",
        "en": "no articles found in {paths}: a folder is read for .txt, .md, .markdown, .json, "
        ".jsonl, .html, .htm and .zip files (not hidden files or READMEs)",
    },
    "no_question": {
        "nl": 'geen vraag: geef er een (archivaris ask "VRAAG"), of één per regel op de '
        "standaardinvoer",
        "en": 'no question: give one (archivaris ask "QUESTION"), or one per line on '
        "standard input",
    },
    "status_warned": {"nl": "toegevoegd met een waarschuwing", "en": "added with a warning"},
    "and_more": {"nl": "… en nog {count}", "en": "… and {count} more"},
    "import_every_file": {
        "nl": "Elk bestand met zijn reden: archivaris import --json",
        "en": "Every file and its reason: archivaris import --json",
    },
    "archive_damaged": {
        "nl": "{db} is geen archief van Archivaris, of het is beschadigd. Zet een reservekopie "
        "terug, of kies een ander archief (--db, ARCHIVARIS_DB).",
        "en": "{db} is not an Archivaris archive, or it is damaged. Restore a backup, or choose "
        "another archive (--db, ARCHIVARIS_DB).",
    },
    "archive_cannot_open": {
        "nl": "{db} kan niet worden geopend: is het een map, of mag je het niet lezen (of, om "
        "het te maken of te wijzigen, niet schrijven in die map)?",
        "en": "{db} cannot be opened: is it a folder, or may you not read it (or, to create or "
        "change it, not write in its folder)?",
    },
    "archive_unreachable": {
        "nl": "{db} is niet bereikbaar: {reason}",
        "en": "{db} cannot be reached: {reason}",
    },
    "archive_no_driver": {
        "nl": "{db} is een PostgreSQL-database, en daarvoor is de driver nodig: "
        "pip install 'archivaris[postgres]'",
        "en": "{db} is a PostgreSQL database, which needs its driver: "
        "pip install 'archivaris[postgres]'",
    },
    "archive_newer": {
        "nl": "{db} is geschreven door een nieuwere versie van Archivaris (schema {schema}; deze "
        "versie kent er {known}). Werk Archivaris bij om het te openen.",
        "en": "{db} was written by a newer version of Archivaris (schema {schema}; this version "
        "knows {known}). Upgrade Archivaris to open it.",
    },
    "archive_read_only": {
        "nl": "{db} kan niet worden gewijzigd: het archief (het bestand of zijn map, of de "
        "database) is alleen-lezen.",
        "en": "{db} cannot be changed: the archive (the file or its folder, or the database) "
        "is read-only.",
    },
    "archive_not_allowed": {
        "nl": "{db}: dat mag deze databasegebruiker niet: {reason}",
        "en": "{db}: this database user may not do that: {reason}",
    },
    "archive_busy": {
        "nl": "{db} is bezet: een ander proces schrijft er al een halve minuut in. Probeer het "
        "straks nog eens.",
        "en": "{db} is busy: another process has been writing to it for half a minute. Try "
        "again shortly.",
    },
    "archive_disk": {
        "nl": "{db} kon niet worden geschreven of gelezen: de schijf is vol, of er ging iets mis "
        "op de schijf. Maak ruimte en probeer het opnieuw; wat al was opgeslagen blijft heel.",
        "en": "{db} could not be written or read: the disk is full, or failed. Make room and "
        "try again; what was stored before is kept whole.",
    },
    "archive_outdated_index": {
        "nl": "{db} is geïndexeerd met een andere taalanalyse ({built}) dan deze versie van "
        "Archivaris gebruikt ({current}), dus zoeken zou verkeerde antwoorden geven. Indexeer "
        "het opnieuw met: archivaris --db {db_arg} reindex",
        "en": "{db} was indexed with another language analysis ({built}) than this version of "
        "Archivaris uses ({current}), so searching it would give wrong answers. Re-index it "
        "with: archivaris --db {db_arg} reindex",
    },
    "reindexed": {
        "nl": "{count} passages opnieuw geïndexeerd.",
        "en": "Re-indexed {count} passages.",
    },
    "import_progress": {
        "nl": "{done}/{total} bestanden · {tally}",
        "en": "{done}/{total} files · {tally}",
    },
    "exported": {"nl": "{count} artikelen geëxporteerd.", "en": "Exported {count} articles."},
    "exported.one": {"nl": "{count} artikel geëxporteerd.", "en": "Exported {count} article."},
    "backed_up": {
        "nl": "Reservekopie van {db} gemaakt in {path}.",
        "en": "Backed up {db} to {path}.",
    },
    "backup_exists": {
        "nl": "{path} bestaat al; kies een nieuwe bestandsnaam",
        "en": "{path} already exists; choose a new file name",
    },
    "backup_needs_pg_dump": {
        "nl": "pg_dump staat niet op deze computer. Maak een reservekopie van de "
        "PostgreSQL-database met pg_dump, bijv.: pg_dump --format=custom --file {path} "
        "DATABASE (en zet haar terug met pg_restore)",
        "en": "pg_dump is not installed here. Back up the PostgreSQL database with pg_dump, "
        "e.g.: pg_dump --format=custom --file {path} DATABASE (and restore it with "
        "pg_restore)",
    },
    "copy_same": {
        "nl": "{source} en {target} zijn hetzelfde archief; kopieer naar een ander bestand of "
        "een andere database",
        "en": "{source} and {target} are the same archive; copy to another file or database",
    },
    "copy_not_empty": {
        "nl": "{target} bevat al artikelen; kopieer naar een leeg archief, of geef --replace "
        "om alles daarin te vervangen",
        "en": "{target} already holds articles; copy into an empty archive, or give "
        "--replace to replace everything in it",
    },
    "copied": {
        "nl": "{articles} artikelen ({passages} passages, {lists} lijsten) gekopieerd van "
        "{source} naar {target}.",
        "en": "Copied {articles} articles ({passages} passages, {lists} lists) from {source} "
        "to {target}.",
    },
    "copy_checked": {
        "nl": "Gecontroleerd: alle aantallen zijn gelijk, en {questions} vragen krijgen in "
        "beide dezelfde antwoorden.",
        "en": "Checked: every count matches, and {questions} questions get the same answers "
        "from both.",
    },
    "copy_differs": {
        "nl": "de kopie wijkt af van het origineel: {what}",
        "en": "the copy differs from the original: {what}",
    },
    "vote_server": {"nl": "server {id}", "en": "server {id}"},
    "vote_no_server": {"nl": "buiten een server", "en": "outside a server"},
    "vote_cited": {"nl": "artikelen: {ids}", "en": "articles: {ids}"},
    "no_votes": {
        "nl": "Er zijn (nog) geen stemmen op antwoorden.",
        "en": "There are no votes on answers (yet).",
    },
    "votes_tally": {
        "nl": "{count} stemmen: {up} 👍, {down} 👎",
        "en": "{count} votes: {up} 👍, {down} 👎",
    },
    "votes_tally.one": {
        "nl": "{count} stem: {up} 👍, {down} 👎",
        "en": "{count} vote: {up} 👍, {down} 👎",
    },
    "questions_written": {
        "nl": "{count} vragen naar {path} geschreven: {down} met 👎 (zonder relevante "
        "artikelen: vul relevant en answer_contains aan waar het archief het antwoord wel "
        "heeft), {up} met 👍 (hun geciteerde artikelen als relevant).",
        "en": "Wrote {count} questions to {path}: {down} with 👎 (with no relevant articles: "
        "fill in relevant and answer_contains where the archive does hold the answer), "
        "{up} with 👍 (their cited articles as relevant).",
    },
    "questions_left_out": {
        "nl": "{count} met 👍 weggelaten: hun artikelen staan niet meer in het archief.",
        "en": "Left out {count} with 👍: their articles are no longer in the archive.",
    },
    "votes_forgotten": {
        "nl": "{count} stemmen verwijderd.",
        "en": "Deleted {count} votes.",
    },
    "votes_forgotten.one": {
        "nl": "{count} stem verwijderd.",
        "en": "Deleted {count} vote.",
    },
    "cannot_write": {
        "nl": "{path} kon niet worden geschreven: {reason}.",
        "en": "{path} could not be written: {reason}.",
    },
    "chat_help": {
        "nl": "Stel een vraag, en daarna gerust een vervolgvraag (“wanneer was dat?”, "
        "“meer?”), of typ /recent, /artikel NUMMER, /help of /stop.",
        "en": "Ask a question, then a follow-up if you like (“when was that?”, “more?”), "
        "or type /recent, /article NUMBER, /help or /quit.",
    },
    "chat_demo": {
        "nl": "Je archief in {db} is leeg, dus dit is een demo-archief van {count} artikelen "
        "(één echt, de andere verzonnen voorbeelden). Voeg je eigen artikelen toe met "
        "`archivaris import BESTANDEN...`.",
        "en": "Your archive at {db} is empty, so this is a demo archive of {count} articles "
        "(one real, the others invented samples). Add your own with "
        "`archivaris import FILES...`.",
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
    "upload_download_failed": {
        "nl": "Ik kon {name} niet van Discord downloaden. Probeer het nog eens.",
        "en": "I could not download {name} from Discord. Please try again.",
    },
    "upload_progress": {"nl": "Bezig met {name}: {tally}…", "en": "Importing {name}: {tally}…"},
    "upload_done": {"nl": "{name}: {tally}.", "en": "{name}: {tally}."},
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
}

# Why a file could not be written (backup, export), by the operating system's error number.
WRITE_PROBLEMS: dict[int, dict[Lang, str]] = {
    errno.ENOENT: {"nl": "de map bestaat niet", "en": "its folder does not exist"},
    errno.ENOSPC: {"nl": "de schijf is vol", "en": "the disk is full"},
    errno.EDQUOT: {"nl": "de schijf is vol", "en": "the disk is full"},
    errno.EFBIG: {
        "nl": "het zou groter worden dan hier mag",
        "en": "it would grow larger than allowed here",
    },
    errno.EIO: {
        "nl": "het schrijven mislukte (is de schijf vol?)",
        "en": "writing failed (is the disk full?)",
    },
    errno.EACCES: {"nl": "dat mag niet", "en": "permission denied"},
    errno.EPERM: {"nl": "dat mag niet", "en": "permission denied"},
    errno.EROFS: {"nl": "de schijf is alleen-lezen", "en": "the disk is read-only"},
    errno.EISDIR: {"nl": "het is een map", "en": "it is a folder"},
}

# Why a file was not added (`Verdict.code`), by code or by "code.detail" when a detail of the
# verdict changes the sentence; "code.line" where the verdict names a line.
REASONS: dict[str, dict[Lang, str]] = {
    "empty": {"nl": "Het bestand is leeg.", "en": "The file is empty."},
    "whitespace": {
        "nl": "Het bestand bevat alleen witruimte, geen tekst.",
        "en": "The file only contains blank space, no text.",
    },
    "binary": {
        "nl": "Dit lijkt geen tekstbestand (is het een pdf of een afbeelding?).",
        "en": "This looks like binary data, not text (is it a PDF or an image?).",
    },
    "binary.format": {
        "nl": "Dit lijkt {format}, geen tekstbestand.",
        "en": "This looks like {format}, not a text file.",
    },
    "unsupported": {
        "nl": "Dit soort bestand wordt niet ondersteund; stuur .txt, .md, .json, .jsonl, .html "
        "of .zip.",
        "en": "This kind of file is not supported; send .txt, .md, .json, .jsonl, .html or "
        ".zip files.",
    },
    "too_large": {
        "nl": "Het bestand is {size}; de grens is {limit}.",
        "en": "The file is {size}; the limit is {limit}.",
    },
    "too_large.over": {
        "nl": "Het bestand is groter dan de grens van {limit}.",
        "en": "The file is larger than the limit of {limit}.",
    },
    "too_large.text": {
        "nl": "De tekst van dit artikel is {size}; de grens is {limit}.",
        "en": "This article's text is {size}; the limit is {limit}.",
    },
    "too_large.line": {
        "nl": "Regel {line} is {size}; de grens is {limit}.",
        "en": "Line {line} is {size}; the limit is {limit}.",
    },
    "no_body": {
        "nl": "Er staat te weinig tekst in om een artikel te zijn.",
        "en": "There is too little text in it to be an article.",
    },
    "no_body.header_only": {
        "nl": "Er staat een titel, datum of bron in, maar geen artikeltekst.",
        "en": "It has a title, date or source but no article text.",
    },
    "no_body.empty_list": {
        "nl": "De JSON bevat een lege lijst, dus geen artikelen.",
        "en": "The JSON holds an empty list, so no articles.",
    },
    "boilerplate": {
        "nl": "Er staan alleen knoppen en menu's van een website in (zoals 'Delen'), geen "
        "artikeltekst.",
        "en": "It only contains website buttons and menus (such as 'Delen'), no article text.",
    },
    "bad_json": {"nl": "Dit is geen geldige JSON.", "en": "This is not valid JSON."},
    "bad_json.line": {
        "nl": "Er zit een fout in de JSON op regel {line}.",
        "en": "There is a mistake in the JSON on line {line}.",
    },
    "bad_json.too_deep": {
        "nl": "De JSON is te diep genest om te lezen.",
        "en": "The JSON is nested too deeply to read.",
    },
    "bad_json.not_articles": {
        "nl": "De JSON moet een artikel (een object) of een lijst van artikelen bevatten.",
        "en": "The JSON should hold an article object or a list of them.",
    },
    "bad_json.not_an_article": {
        "nl": "Dit record is geen artikel (een object met een titel en tekst).",
        "en": "This record is not an article (an object with a title and body).",
    },
    "too_many_records": {
        "nl": "Het bestand bevat {count} artikelen; alleen de eerste {limit} zijn gelezen.",
        "en": "The file holds {count} records; only the first {limit} were read.",
    },
    "bad_zip": {
        "nl": "Het zip-bestand is beschadigd, of het is eigenlijk geen zip-bestand.",
        "en": "This zip file is damaged or is not really a zip file.",
    },
    "bad_zip.entry": {
        "nl": "Dit bestand in de zip is beschadigd en kan niet worden gelezen.",
        "en": "This file in the zip is damaged and cannot be read.",
    },
    "too_many_entries": {
        "nl": "Het zip-bestand bevat {count} bestanden; de grens is {limit}.",
        "en": "The zip holds {count} entries; the limit is {limit}.",
    },
    "encrypted": {
        "nl": "Dit bestand in de zip is met een wachtwoord beveiligd en kan niet worden gelezen.",
        "en": "This file in the zip is password-protected, so it cannot be read.",
    },
    "zip_bomb": {
        "nl": "Dit bestand in de zip pakt uit tot veel meer dan zijn grootte, zoals een zip-bom "
        "doet, en is overgeslagen.",
        "en": "This file in the zip unpacks to far more than its packed size, which is how zip "
        "bombs work, so it was skipped.",
    },
    "nested_zip": {
        "nl": "Dit is een zip in de zip; pak die uit en stuur de inhoud.",
        "en": "This is a zip inside the zip; please unpack it and send its contents instead.",
    },
    "unpacked_too_large": {
        "nl": "Het zip-bestand pakt uit tot meer dan {limit}, de grens; de rest is overgeslagen.",
        "en": "The zip unpacks to more than {limit}, the limit; the remaining files were skipped.",
    },
    "unreadable": {"nl": "Het kon niet worden gelezen.", "en": "It could not be read."},
    "unreadable.missing": {
        "nl": "Het kon niet worden gevonden of geopend.",
        "en": "It could not be found or opened.",
    },
    "unreadable.folder": {
        "nl": "De map kon niet worden gelezen.",
        "en": "The folder could not be read.",
    },
    "symlink": {
        "nl": "Dit is een symbolische link naar een ander bestand of een andere map; links in "
        "een map worden niet gevolgd. Noem het bestand zelf als je het wilt importeren.",
        "en": "This is a symbolic link to another file or folder; links inside a folder are "
        "not followed. Name the file itself if you want to import it.",
    },
    "not_a_file": {
        "nl": "Dit is geen gewoon bestand (maar bijvoorbeeld een pipe of een apparaat) en is "
        "niet gelezen.",
        "en": "This is not a regular file (but e.g. a pipe or a device), so it was not read.",
    },
    "duplicate": {
        "nl": "Dezelfde tekst staat al in het archief.",
        "en": "The same text is already in the archive.",
    },
    "store_failed": {
        "nl": "Het kon niet worden opgeslagen (het logboek zegt waarom).",
        "en": "It could not be stored (the log says why).",
    },
    "error": {
        "nl": "Er ging iets mis bij het lezen; meld de beheerder welk bestand het was.",
        "en": "Something went wrong while reading this file; please tell the bot's operator "
        "which file it was.",
    },
}

# What an import noticed about an article it kept (`ArticleWarning.code`). `found` is what the
# input said, as written; `date` and `weekday` are the written date and its real weekday.
WARNINGS: dict[str, dict[Lang, str]] = {
    "date_line_unreadable": {
        "nl": "De datumregel '{found}' kon niet worden gelezen, dus de datum is onbekend.",
        "en": "The date line '{found}' could not be read, so the date is unknown.",
    },
    "date_line_invalid": {
        "nl": "De datumregel '{found}' is geen bestaande datum en is genegeerd.",
        "en": "The date line '{found}' is not a real date, so it was ignored.",
    },
    "time_invalid": {
        "nl": "De tijd in '{found}' bestaat niet, dus alleen de dag is bewaard.",
        "en": "The time in '{found}' is not a real time, so only the day was kept.",
    },
    "weekday_unknown": {
        "nl": "'{found}' in de datumregel is geen Nederlandse weekdag.",
        "en": "'{found}' in the date line is not a Dutch weekday.",
    },
    "weekday_mismatch": {
        "nl": "De datumregel zegt {found}, maar {date} was een {weekday}; de geschreven datum "
        "is bewaard.",
        "en": "The date line says {found}, but {date} was a {weekday}; the written date was kept.",
    },
    "month_tag_mismatch": {
        "nl": "De maandaanduiding {found} in de datumregel klopt niet met de geschreven datum; de "
        "geschreven datum is bewaard.",
        "en": "The month tag {found} in the date line does not match the written date; the "
        "written date was kept.",
    },
    "date_unreadable": {
        "nl": "De datum '{found}' kon niet worden gelezen, dus de datum is onbekend.",
        "en": "The date '{found}' could not be read, so the date is unknown.",
    },
    "broken_character": {
        "nl": "Een half emoji (een kapot teken) is weggelaten.",
        "en": "Half an emoji (a broken character) was left out.",
    },
    "broken_html": {
        "nl": "Het einde van de pagina bevat kapotte HTML en is weggelaten.",
        "en": "The end of the page has broken HTML and was left out.",
    },
    # A sentence that an earlier version stored instead of a code: shown as it was written.
    "sentence": {"nl": "{found}", "en": "{found}"},
    # A code this version has no sentence for (an export of a newer version, say).
    "unknown": {
        "nl": "Bij het lezen van dit artikel viel iets op (waarschuwing '{code}').",
        "en": "Something was noticed while reading this article (warning '{code}').",
    },
}

# What a binary file looks like, by the format the engine recognised (`Verdict.detail`).
FORMATS: dict[str, dict[Lang, str]] = {
    "pdf": {"nl": "een pdf", "en": "a PDF"},
    "png": {"nl": "een PNG-afbeelding", "en": "a PNG image"},
    "jpeg": {"nl": "een JPEG-afbeelding", "en": "a JPEG image"},
    "gif": {"nl": "een GIF-afbeelding", "en": "a GIF image"},
    "zip": {
        "nl": "een zip-bestand of een Office-document",
        "en": "a zip archive or an Office document",
    },
    "gzip": {"nl": "een gzip-bestand", "en": "a gzip archive"},
    "ole": {"nl": "een oud Office-document", "en": "an old Office document"},
}

# Limits counted in bytes; the others count records or zip entries.
_BYTE_LIMITS = frozenset({"too_large", "unpacked_too_large"})
# Problems the sender can solve by sending the same articles in smaller parts.
_SPLITTABLE = frozenset({"too_many_records", "too_many_entries", "unpacked_too_large"})
_COLLECTIONS = frozenset({".zip", ".json", ".jsonl"})


def say(key: str, lang: Lang = "nl", **values: object) -> str:
    """The message in `lang`; its singular form ("KEY.one") when `count` is one."""
    if str(values.get("count")) == "1" and f"{key}.one" in MESSAGES:
        key = f"{key}.one"
    return MESSAGES[key][lang].format(**values)


def reason(verdict: Verdict, lang: Lang = "nl") -> str | None:
    """Why `verdict` is not "added", as a sentence in the reader's language (else None).

    A code without a sentence of its own (one the engine added later) reads as "error".
    """
    if verdict.code is None:
        return None
    code = verdict.code if verdict.code in REASONS else "error"
    key = code
    if code == "binary" and verdict.detail in FORMATS:
        key = "binary.format"
    elif verdict.detail and f"{code}.{verdict.detail}" in REASONS:
        key = f"{code}.{verdict.detail}"
    elif verdict.line is not None and f"{code}.line" in REASONS:
        key = f"{code}.line"
    text = REASONS[key][lang].format(**_figures(verdict, code, lang))
    if code in _SPLITTABLE or (key == "too_large" and extension(verdict.file) in _COLLECTIONS):
        text += " " + say("split", lang)
    return text


def warning_text(warning: ArticleWarning, lang: Lang = "nl") -> str:
    """A warning as a sentence in the reader's language; a code without a sentence of its
    own, or without the values its sentence names, reads as "unknown"."""
    values: dict[str, object] = {"found": warning.found}
    if warning.day is not None:
        written = format_date(datetime.combine(warning.day, datetime.min.time()), False, lang)
        values["weekday"], values["date"] = written.split(" ", 1)
    sentence = WARNINGS.get(warning.code)
    if sentence is None or None in (values.get(name) for name in _blanks(sentence[lang])):
        return WARNINGS["unknown"][lang].format(code=warning.code)
    return sentence[lang].format(**values)


def warnings_text(warnings: Iterable[ArticleWarning], lang: Lang = "nl") -> str:
    """An article's warnings as one run of sentences."""
    return " ".join(warning_text(warning, lang) for warning in warnings)


def _blanks(text: str) -> list[str]:
    return [name for _, name, _, _ in Formatter().parse(text) if name is not None]


def _figures(verdict: Verdict, code: str, lang: Lang) -> dict[str, object]:
    """What the sentence about `verdict` names, written as the reader writes it."""
    figures: dict[str, object] = {"line": verdict.line}
    if verdict.detail in FORMATS:
        figures["format"] = FORMATS[verdict.detail][lang]
    if verdict.size is not None:
        figures["size"] = size(verdict.size, lang)
    if verdict.count is not None:
        figures["count"] = number(verdict.count, lang)
    if verdict.limit is not None:
        in_bytes = code in _BYTE_LIMITS
        figures["limit"] = size(verdict.limit, lang) if in_bytes else number(verdict.limit, lang)
    return figures


def archive_problem(error: ArchiveError, lang: Lang = "nl") -> str:
    """Why the archive cannot be used, as a sentence (`ArchiveError.code`); `db_arg` is
    its name as a shell argument, for a command to copy."""
    return say(
        f"archive_{error.code}",
        lang,
        db=error.path,
        db_arg=shlex.quote(error.path),
        **error.figures,
    )


def write_problem(path: str, error: OSError, lang: Lang = "nl") -> str:
    """Why `path` could not be written, as a sentence; an existing file has its own."""
    if isinstance(error, FileExistsError):
        return say("backup_exists", lang, path=path)
    known = WRITE_PROBLEMS.get(error.errno or 0)
    reason = known[lang] if known else (error.strerror or str(error))
    return say("cannot_write", lang, path=path, reason=reason)


def tally(counts: Mapping[str, int], lang: Lang = "nl") -> str:
    """How many verdicts of an import were "added", "duplicate" and "rejected"."""
    return say(
        "tally",
        lang,
        added=number(counts.get("added", 0), lang),
        duplicate=number(counts.get("duplicate", 0), lang),
        rejected=number(counts.get("rejected", 0), lang),
    )


def verdict_name(verdict: Verdict) -> str:
    """The file a verdict is about, with the record's number inside it if it has one."""
    return verdict.file + (f" #{verdict.record}" if verdict.record is not None else "")


def number(value: int, lang: Lang = "nl") -> str:
    """`12,345` in English, `12.345` in Dutch."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def size(count: int, lang: Lang = "nl") -> str:
    """A byte count the way a person reads it: "5.0 MB" ("5,0 MB" in Dutch), "512 bytes"."""
    if count >= 1024 * 1024:
        text = f"{count / (1024 * 1024):.1f} MB"
    elif count >= 1024:
        text = f"{count / 1024:.1f} KB"
    else:
        return f"{count} bytes"
    return text.replace(".", ",") if lang == "nl" else text


def lang_for(locale: str | None) -> Lang:
    """Dutch unless the locale is an English one (Discord sends e.g. 'en-US', 'en-GB')."""
    return "en" if locale and locale.lower().startswith("en") else "nl"
