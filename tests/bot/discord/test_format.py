"""What replies look like, without Discord: escaping, fitting and paging."""

from __future__ import annotations

import re
from datetime import datetime

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer.compose import Answer, Quote
from bot.discord.format import (
    EMBEDS_TOTAL_LIMIT,
    answer_content,
    answer_embeds,
    article_pages,
    escape,
    id_ranges,
    page_texts,
    safe_url,
    shorten,
    unescape,
    upload_summary,
)
from bot.discord.reply import Translator, localized
from storage.language.dates import AMSTERDAM
from storage.models import Article, ArticleSummary, ArticleWarning, Verdict

HOSTILE = "**vet** _schuin_ `code` ||geheim|| # kop @everyone @here <@123456789012345678> \\"
ANY_TEXT = st.lists(
    st.sampled_from([*"ab ç*_~`|>#-@<&!\\\n…", "everyone", "<@123456789012345678>"]),
    max_size=200,
).map("".join)


def summary(title: str = "Titel", source: str | None = "Bron") -> ArticleSummary:
    return ArticleSummary(
        id=7,
        title=title,
        source=source,
        agency=None,
        published=datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM),
        time_known=True,
        updated=False,
        file="a.txt",
        scope=None,
    )


def test_escaping_neutralises_markdown_and_mentions():
    escaped = escape(HOSTILE)
    assert r"\*\*vet\*\*" in escaped and r"\_schuin\_" in escaped and r"\|\|geheim\|\|" in escaped
    assert "@\u200beveryone" in escaped and "@\u200bhere" in escaped
    assert "<@123456789012345678>" not in escaped


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(blacklist_characters="\u200b"), max_size=300))
def test_an_escaped_question_reads_back_as_asked(text: str):
    """/ask answers' buttons read the question back from the heading."""
    assert unescape(escape(text)) == text
    assert unescape(escape("@everyone 1. # <@123456789012345678> \\*x*")) == (
        "@everyone 1. # <@123456789012345678> \\*x*"
    )


@given(text=st.text(max_size=300), limit=st.integers(min_value=1, max_value=200))
def test_shorten_always_fits(text: str, limit: int):
    assert len(shorten(text, limit)) <= limit


def test_shorten_cuts_at_a_word_and_never_inside_an_escape():
    assert shorten("De kernwapens van de NAVO", 18) == "De kernwapens van…"
    assert shorten("**" * 50, 11) == r"\*\*\*\*\*…"


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(ANY_TEXT, min_size=1, max_size=8),
    limit=st.integers(min_value=20, max_value=300),
)
def test_pages_fit_and_lose_nothing(paragraphs: list[str], limit: int):
    pages = page_texts(paragraphs, limit)
    assert all(len(page) <= limit for page in pages)

    def letters(text: str) -> str:
        return re.sub(r"\s|…", "", text)

    assert letters("".join(pages)) == letters("".join(escape(p) for p in paragraphs))


def test_a_long_word_is_cut_hard_without_splitting_an_escape():
    pages = page_texts(["*" * 500], 101)
    assert all(len(page) <= 101 for page in pages)
    assert all(not re.search(r"(?<!\\)\*", page) for page in pages)


def test_answers_fit_however_long_their_parts():
    quotes = tuple(
        Quote(
            article=summary(title=HOSTILE * 40, source=HOSTILE * 30),
            excerpt=HOSTILE * 30,
            highlights=((2, 5), (60, 68), (500, 520)),
            score=1.0,
            passage_id=n,
        )
        for n in range(3)
    )
    answer = Answer("vraag", True, quotes)
    embeds = answer_embeds(answer, "nl")
    assert len(embeds) == 3
    assert sum(len(e.title or "") + len(e.description or "") for e in embeds) <= EMBEDS_TOTAL_LIMIT
    assert all(len(e.title or "") <= 256 for e in embeds)
    assert all((e.description or "").count("**") % 2 == 0 for e in embeds)
    assert len(answer_content(answer, "nl")) <= 2000


def test_plain_text_answers_keep_the_direct_answer_of_a_long_first_quote():
    """Without embeds three quotes share 2,000 characters; a first quote of 785 must not lose
    its answer, which often sits at its end, to an equal split."""
    filler = "De gemeenteraad vergaderde lang over de plannen voor het nieuwe plein. " * 10
    long_text = filler + "Het plein kost uiteindelijk 2,3 miljoen euro."
    start = long_text.index("2,3 miljoen euro")
    first = Quote(
        article=summary(title="Plein"),
        excerpt=long_text,
        highlights=(),
        score=2.0,
        passage_id=1,
        answer=(start, start + len("2,3 miljoen euro")),
    )
    others = tuple(
        Quote(
            article=summary(title=f"Ander {n}"),
            excerpt="Een kort citaat over iets anders.",
            highlights=(),
            score=1.0,
            passage_id=n,
        )
        for n in (2, 3)
    )
    content = answer_content(Answer("Wat kost het plein?", True, (first, *others)), "nl")
    assert len(content) <= 2000
    assert "**2,3 miljoen euro**" in content
    assert content.count("Een kort citaat over iets anders.") == 2

    longer = filler * 4 + "Het plein kost uiteindelijk 2,3 miljoen euro."
    start = longer.index("2,3 miljoen euro")
    answer = (start, start + len("2,3 miljoen euro"))
    first = Quote(first.article, longer, (), 2.0, 1, answer=answer)
    content = answer_content(Answer("Wat kost het plein?", True, (first, *others)), "nl")
    assert len(content) <= 2000
    assert "“… " in content and "**2,3 miljoen euro**" in content


def test_only_web_links_are_put_on_embeds():
    assert safe_url("https://nos.nl/artikel/1") == "https://nos.nl/artikel/1"
    for bad in ("javascript:alert(1)", "ftp://x.nl/a", "https://", "http://a b", "x" * 3000, None):
        assert safe_url(bad) is None


def test_new_ids_read_as_ranges():
    assert id_ranges([9, 3, 4, 5, 12, 13, 7, 4]) == "3–5, 7, 9, 12–13"


def test_an_upload_summary_fits_and_keeps_the_rest_for_the_report():
    verdicts = [Verdict(f"x{n}.txt", "rejected", "empty") for n in range(99)]
    verdicts.append(Verdict("goed.txt", "added", article_id=12))
    html = (ArticleWarning("broken_html"),)
    verdicts.append(Verdict("kapot.html", "added", article_id=13, warnings=html))
    content, report = upload_summary("map.zip", verdicts, "nl")
    assert len(content) <= 2000
    assert content.startswith(
        "map.zip: 2 toegevoegd, 0 dubbel, 99 geweigerd.\nNieuwe artikelen: 12–13"
    )
    assert report is not None and report.count("Het bestand is leeg.") == 99
    assert report.endswith(
        "goed.txt: toegevoegd (artikel 12)\nkapot.html: toegevoegd met een waarschuwing "
        "(artikel 13). Het einde van de pagina bevat kapotte HTML en is weggelaten.\n"
    )

    content, report = upload_summary("een.txt", verdicts[:1], "en")
    assert (
        content
        == "een.txt: 0 added, 0 duplicates, 1 rejected.\n• x0.txt: rejected. The file is empty."
    )
    assert report is None


async def test_command_descriptions_are_translated_for_english_clients():
    translator = Translator()
    text = localized("cmd_stats")
    assert text.message == "Cijfers over het archief"
    context = discord.app_commands.TranslationContext(
        discord.app_commands.TranslationContextLocation.command_description, None
    )
    english = await translator.translate(text, discord.Locale.british_english, context)
    assert english == "Numbers about the archive"
    assert await translator.translate(text, discord.Locale.dutch, context) is None
    assert (
        await translator.translate(localized("cmd_stats"), discord.Locale.german, context) is None
    )


def test_markdown_between_two_links_is_escaped_too():
    """discord.py's escape_markdown escapes a greedy `[..](..)` span by its first bracket
    only, so text between two links kept live markdown."""
    hostile = "[a](https://x.nl) **vet** ||geheim|| <#1> [b](https://y.nl)"
    escaped = escape(hostile)
    assert re.search(r"(?<!\\)[*|\[\]<]", escaped) is None, escaped


def test_line_starts_cannot_become_headings_lists_or_quotes():
    escaped = escape("# kop\n- punt\n> citaat\n1. eerst\n-# klein\n  # ingesprongen")
    lines = escaped.splitlines()
    assert len(lines) == 6
    assert not [line for line in lines if re.match(r"\s*(#|-|>|\d+\.\s)", line)], lines


def test_an_article_page_says_what_the_import_warned_about_it():
    """Without the warning a reader sees an article without a date and no reason why."""
    warned = (ArticleWarning("date_unreadable", found="date 2019-13 " + "@everyone " * 60),)
    article = Article(summary=summary(), body=("Tekst.",), warnings=warned)
    pages = article_pages(article, "en")
    footer = pages[0].footer.text
    assert footer.startswith("Source: Bron · Friday 14 October 2022, 08:47 · article 7 · ")
    assert "The date 'date 2019-13 @everyone" in footer and footer.endswith("…")
    assert len(footer) <= 400 + 3 + 400
    assert sum(len(embed) for embed in pages) <= EMBEDS_TOTAL_LIMIT
    short = (ArticleWarning("date_unreadable", found="date 2019-13"),)
    page = article_pages(Article(summary=summary(), body=("Tekst.",), warnings=short), "en")[0]
    assert page.footer.text.endswith(
        " · article 7 · The date 'date 2019-13' could not be read, so the date is unknown."
    )
    assert article_pages(Article(summary=summary(), body=("Tekst.",)), "en")[0].footer.text == (
        "Source: Bron · Friday 14 October 2022, 08:47 · article 7"
    )
