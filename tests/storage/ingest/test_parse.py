"""File in, article out: the scraped-page layout field by field, every hostile file, each format."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.ingest.parse import parse_file
from storage.models import ArticleWarning, ImportLimits, ParsedArticle, SourceFile, Verdict

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# A synthetic page in the layout of the scraped seed page (the real one is not ours to copy).
LEAD = (
    "De gemeenteraad wil dat het oude zwembad aan de Parkweg toch open blijft tot de nieuwe "
    "sporthal klaar is, zegt wethouder Marieke de Vries."
)
PARAGRAPHS = (
    LEAD + " Zij noemt de sluiting \u201cte vroeg\u201d. Het bad trekt elk jaar ruim "
    "40.000 bezoekers.",
    "Volgens de oppositie kost het openhouden van het bad zeker \u20ac300.000 per jaar. "
    "Daar staat tegenover dat scholen in Brugge en Oostende geen alternatief hebben voor "
    "hun zwemlessen.",
    "Een definitief besluit valt na de zomer. Ook \u00e9\u00e9n van de coalitiepartijen "
    "twijfelt nog.",
)
PAGE = (
    " date 2022-10 vrijdag 14 oktober 2022 , 8:47\n"
    "\n"
    "gewijzigd\n"
    "\n"
    "Bron: Het Brugse Dagblad\n"
    "\n"
    f"BRUSSEL/BRUGGE (ANP) - {PARAGRAPHS[0]}\n"
    "\n"
    f"{PARAGRAPHS[1]}\n"
    "\n"
    f"{PARAGRAPHS[2]}\n"
    "\n"
    "Delen\n"
    "\n"
    "Terug naar boven"
)


def parse_one(name: str, data: bytes | str, limits: ImportLimits | None = None) -> ParsedArticle:
    results = parse(name, data, limits)
    assert len(results) == 1
    assert isinstance(results[0], ParsedArticle), results[0]
    return results[0]


def rejection(name: str, data: bytes | str, limits: ImportLimits | None = None) -> Verdict:
    results = parse(name, data, limits)
    assert len(results) == 1
    assert isinstance(results[0], Verdict), results[0]
    assert results[0].file == name and results[0].status == "rejected"
    return results[0]


def parse(
    name: str, data: bytes | str, limits: ImportLimits | None = None
) -> list[ParsedArticle | Verdict]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_file(SourceFile(name, raw), limits)


# --- the scraped page, field by field -------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> ParsedArticle:
    return parse_one("pagina.txt", PAGE)


def test_page_date_and_time(page: ParsedArticle) -> None:
    assert page.published == datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    assert page.time_known is True
    assert page.warnings == ()


def test_page_gewijzigd_and_source(page: ParsedArticle) -> None:
    assert page.updated is True
    assert page.source == "Het Brugse Dagblad"


def test_page_dateline_is_cut_from_the_first_paragraph(page: ParsedArticle) -> None:
    assert page.dateline == "BRUSSEL/BRUGGE (ANP) - "
    assert page.places == ("Brussel", "Brugge")
    assert page.agency == "ANP"
    assert page.body[0] == PARAGRAPHS[0]


def test_page_body_is_verbatim_without_chrome(page: ParsedArticle) -> None:
    assert page.body == PARAGRAPHS
    assert not any("Delen" in p or "Terug naar boven" in p for p in page.body)


def test_page_title_is_the_lead_sentence_shortened(page: ParsedArticle) -> None:
    assert len(page.title) <= 91
    assert page.title.endswith("…")
    assert LEAD.startswith(page.title[:-1])
    assert page.title[:-1] == page.title[:-1].rstrip()
    assert LEAD[len(page.title) - 1] == " ", "cut on a word boundary"


def test_short_lead_sentence_is_the_whole_title() -> None:
    article = parse_one("kort.txt", PAGE.replace(LEAD, "Het zwembad blijft open."))
    assert article.title == "Het zwembad blijft open"


def test_header_lines_in_any_order_and_subset() -> None:
    text = f"Bron: NOS\n\n date 2019-03 woensdag 20 maart 2019\n\n{PARAGRAPHS[1]}\n"
    article = parse_one("a.txt", text)
    assert article.source == "NOS"
    assert article.published == datetime(2019, 3, 20, tzinfo=AMSTERDAM)
    assert article.time_known is False
    assert article.updated is False
    assert article.body == (PARAGRAPHS[1],)


def test_source_only_header_leaves_the_date_unknown() -> None:
    article = parse_one("a.txt", f"Bron: NOS\n\n{PARAGRAPHS[1]}")
    assert article.published is None
    assert article.source == "NOS"


def test_lines_inside_a_paragraph_are_joined() -> None:
    text = "Bron: NOS\n\nDe eerste regel\nloopt door op de tweede regel.\n\nEn dan nog een alinea."
    assert parse_one("a.txt", text).body == (
        "De eerste regel loopt door op de tweede regel.",
        "En dan nog een alinea.",
    )


def test_chrome_glued_to_the_last_sentence_is_dropped() -> None:
    text = f"Bron: NOS\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}Terug naar boven"
    assert parse_one("a.txt", text).body == (PARAGRAPHS[1], PARAGRAPHS[2])


def test_chrome_lines_in_the_middle_are_dropped() -> None:
    chrome = "Lees ook:\n\nAdvertentie"
    text = f"Bron: NOS\n\n{PARAGRAPHS[1]}\n\n{chrome}\n\n{PARAGRAPHS[2]}\n\nDeel dit artikel"
    assert parse_one("a.txt", text).body == (PARAGRAPHS[1], PARAGRAPHS[2])


@pytest.mark.parametrize(
    ("opening", "dateline", "places", "agency"),
    [
        ("DEN HAAG (Reuters) – ", "DEN HAAG (Reuters) – ", ("Den Haag",), "Reuters"),
        ("STOCKHOLM - ", "STOCKHOLM - ", ("Stockholm",), None),
        ("AMSTERDAM (ANP) — ", "AMSTERDAM (ANP) — ", ("Amsterdam",), "ANP"),
        ("'S-HERTOGENBOSCH - ", "'S-HERTOGENBOSCH - ", ("'s-Hertogenbosch",), None),
        ("ALPHEN AAN DEN RIJN - ", "ALPHEN AAN DEN RIJN - ", ("Alphen aan den Rijn",), None),
    ],
)
def test_datelines(
    opening: str, dateline: str, places: tuple[str, ...], agency: str | None
) -> None:
    article = parse_one("a.txt", f"Bron: NOS\n\n{opening}{PARAGRAPHS[1]}")
    assert article.dateline == dateline
    assert article.places == places
    assert article.agency == agency
    assert article.body[0] == PARAGRAPHS[1]


@pytest.mark.parametrize("opening", ["Belasting - ", "Den Haag - ", "NAVO-chef Rutte - "])
def test_title_case_kickers_are_not_datelines(opening: str) -> None:
    article = parse_one("a.txt", f"Bron: NOS\n\n{opening}{PARAGRAPHS[1]}")
    assert article.dateline is None
    assert article.places == ()
    assert article.body[0] == opening + PARAGRAPHS[1]


# --- hostile files --------------------------------------------------------------------------


def test_cp1252_copy_parses_like_the_utf8_original(page: ParsedArticle) -> None:
    assert parse_one("a.txt", PAGE.encode("cp1252")) == page


def test_crlf_copy_parses_like_the_original(page: ParsedArticle) -> None:
    assert parse_one("a.txt", PAGE.replace("\n", "\r\n")) == page


def test_cr_only_copy_parses_like_the_original(page: ParsedArticle) -> None:
    assert parse_one("a.txt", PAGE.replace("\n", "\r")) == page


def test_bom_copy_parses_like_the_original(page: ParsedArticle) -> None:
    assert parse_one("a.txt", b"\xef\xbb\xbf" + PAGE.encode()) == page


def test_nfd_copy_parses_like_the_original(page: ParsedArticle) -> None:
    nfd = unicodedata.normalize("NFD", PAGE)
    assert nfd != PAGE
    assert parse_one("a.txt", nfd) == page


def test_nul_and_stray_latin1_keep_the_article() -> None:
    data = PAGE.encode().replace(b"zwemlessen", b"zwem\x00lessen caf\xe9")
    article = parse_one("a.txt", data)
    assert "zwemlessen café" in article.body[1]
    assert "één van de coalitiepartijen" in article.body[2]
    assert not any("\x00" in p for p in article.body)


def test_empty_file() -> None:
    assert rejection("a.txt", b"").code == "empty"


def test_whitespace_only_file() -> None:
    assert rejection("a.txt", b"  \n\t\r\n  \n").code == "whitespace"


def test_boilerplate_only_file() -> None:
    assert rejection("a.txt", "Delen\n\nTerug naar boven").code == "boilerplate"


def test_header_without_body() -> None:
    header = " date 2019-03 woensdag 20 maart 2019 , 14:05\n\ngewijzigd\n\nBron: AD"
    text = f"{header}\n\nDelen\n\nTerug naar boven"
    result = rejection("a.txt", text)
    assert (result.code, result.detail) == ("no_body", "header_only")


def test_too_little_text_is_no_body() -> None:
    assert rejection("a.txt", "Bron: AD\n\nKort.").code == "no_body"


def test_random_bytes_are_binary() -> None:
    assert rejection("a.txt", random.Random(8).randbytes(8192)).code == "binary"


def test_impossible_date_keeps_the_text_with_a_warning() -> None:
    text = PAGE.replace("vrijdag 14 oktober 2022 , 8:47", "zondag 31 februari 2019 , 25:61")
    article = parse_one("a.txt", text)
    assert article.published is None
    assert article.time_known is False
    assert article.body == PARAGRAPHS
    assert article.warnings == (
        ArticleWarning("date_line_invalid", found="date 2022-10 zondag 31 februari 2019 , 25:61"),
    )


def test_oversized_file_is_rejected_with_sizes() -> None:
    data = (PAGE + "\n\n" + "Nog een alinea met tekst. " * 220_000).encode()
    result = rejection("groot.txt", data)
    assert result.code == "too_large"
    assert (result.size, result.limit) == (len(data), 2 * 1024 * 1024)


def test_size_limit_is_configurable() -> None:
    limits = ImportLimits(max_file_bytes=500)
    result = rejection("a.txt", PAGE, limits)
    assert (result.code, result.size, result.limit) == ("too_large", len(PAGE.encode()), 500)


def test_unsupported_extension() -> None:
    assert rejection("verslag.pdf", b"%PDF-1.7").code == "unsupported"


FRAGMENTS = (
    *("<p>", "</p>", "<a b='", "<!--", "<article>", "---\n", "# ", "title: x\n"),
    *("{", '"body":', "[", "]", "}", "\n\n", " date 2019-03 ", "Bron: ", "Delen"),
    *("é", "\r", "\x00", "ANP - ", "DEN HAAG - ", "Tekst met woorden. "),
)


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["a.txt", "a.md", "a.json", "a.jsonl", "a.html", "a.HTM", "a", "a.zip"]),
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(str.encode),
        st.lists(
            st.sampled_from(FRAGMENTS),
            max_size=40,
        ).map(lambda parts: "".join(parts).encode()),
    ),
)
def test_never_raises(name: str, data: bytes) -> None:
    results = parse_file(SourceFile(name, data))
    assert results
    assert all(isinstance(r, ParsedArticle | Verdict) for r in results)
    for result in results:
        if isinstance(result, Verdict):
            assert result.code != "error", "an exception was swallowed: see the log"
            assert result.file == name and result.status == "rejected"
        else:
            assert result.title and all(p == p.strip() and p for p in result.body)


# --- plain text -----------------------------------------------------------------------------


def test_plain_text_short_first_line_is_the_title() -> None:
    article = parse_one("a.txt", f"Zwembad blijft toch open\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}")
    assert article.title == "Zwembad blijft toch open"
    assert article.body == PARAGRAPHS[1:]
    assert article.published is None
    assert article.source is None


def test_plain_text_first_sentence_is_not_taken_as_title() -> None:
    article = parse_one("a.txt", f"{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}")
    assert article.body == PARAGRAPHS[1:]
    assert article.title.startswith("Volgens de oppositie")


# --- markdown -------------------------------------------------------------------------------

MARKDOWN = f"""---
title: "Zwembad blijft open"
date: 2022-10-14T08:47:00+02:00
bron: Het Brugse Dagblad
url: https://example.org/zwembad
updated: true
tags:
  - zwembad
  - gemeente
---
# Zwembad blijft open

DEN HAAG - Het **zwembad** blijft *open*, zegt de [wethouder](https://example.org/w).

## Reacties

- De oppositie is boos.
- De scholen zijn blij.

{PARAGRAPHS[2]}
"""


def test_markdown_front_matter_fields() -> None:
    article = parse_one("zwembad.md", MARKDOWN)
    assert article.title == "Zwembad blijft open"
    assert article.published == datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    assert article.time_known is True
    assert article.source == "Het Brugse Dagblad"
    assert article.url == "https://example.org/zwembad"
    assert article.updated is True


def test_markdown_body_is_cleaned_but_keeps_its_words() -> None:
    article = parse_one("zwembad.md", MARKDOWN)
    assert article.dateline == "DEN HAAG - "
    assert article.body == (
        "Het zwembad blijft open, zegt de wethouder.",
        "Reacties",
        "De oppositie is boos.",
        "De scholen zijn blij.",
        PARAGRAPHS[2],
    )


def test_markdown_heading_is_the_title_without_front_matter() -> None:
    article = parse_one("a.markdown", f"# Het zwembad\n\n{PARAGRAPHS[1]}")
    assert article.title == "Het zwembad"
    assert article.body == (PARAGRAPHS[1],)


def test_markdown_unreadable_date_is_a_warning() -> None:
    article = parse_one("a.md", f"---\ndate: ooit\n---\n{PARAGRAPHS[1]}")
    assert article.published is None
    assert article.warnings == (ArticleWarning("date_unreadable", found="ooit"),)


# --- json and jsonl -------------------------------------------------------------------------


def record(**fields: object) -> dict[str, object]:
    return {"title": "Zwembad", "body": PARAGRAPHS[1], **fields}


def test_control_characters_in_a_json_title_are_not_kept() -> None:
    article = parse_one("a.json", json.dumps(record(title="Zwem\u009b31mbad\u0085open")))
    assert article.title == "Zwem31mbad open"


def test_json_object() -> None:
    data = json.dumps(
        record(
            date="2022-10-14", source="AD", url="https://example.org", agency="ANP", updated=True
        )
    )
    article = parse_one("a.json", data)
    assert article.title == "Zwembad"
    assert article.body == (PARAGRAPHS[1],)
    assert article.published == datetime(2022, 10, 14, tzinfo=AMSTERDAM)
    assert article.time_known is False
    assert (article.source, article.url, article.agency, article.updated) == (
        "AD",
        "https://example.org",
        "ANP",
        True,
    )


def test_json_array_keeps_record_order_and_field_aliases() -> None:
    data = json.dumps(
        [
            {"title": "Een", "text": PARAGRAPHS[0]},
            {"title": "Twee", "content": [PARAGRAPHS[1], PARAGRAPHS[2]], "published": "2019"},
            {"title": "Drie"},
            "geen artikel",
        ]
    )
    results = parse("a.json", data)
    assert [type(r).__name__ for r in results] == [
        "ParsedArticle",
        "ParsedArticle",
        "Verdict",
        "Verdict",
    ]
    first, second, third, fourth = results
    assert isinstance(first, ParsedArticle) and first.title == "Een"
    assert isinstance(second, ParsedArticle) and second.body == PARAGRAPHS[1:]
    assert second.published == datetime(2019, 1, 1, tzinfo=AMSTERDAM)
    assert isinstance(third, Verdict) and third.code == "no_body"
    assert isinstance(fourth, Verdict) and (fourth.code, fourth.detail) == (
        "bad_json",
        "not_an_article",
    )


def test_json_escapes_are_normalised() -> None:
    article = parse_one("a.json", json.dumps(record(body="Oekrai\u0308ne\r\nwil vrede. " * 3)))
    assert "Oekraïne wil vrede." in article.body[0]


def test_invalid_json() -> None:
    result = rejection("a.json", '{"title": "x",\n "body": }')
    assert (result.code, result.line) == ("bad_json", 2)


def test_too_many_json_records() -> None:
    data = json.dumps([record(title=f"Nummer {n}") for n in range(5)])
    results = parse("a.json", data, ImportLimits(max_records_per_file=3))
    assert len(results) == 4
    assert all(isinstance(r, ParsedArticle) for r in results[:3])
    last = results[3]
    assert isinstance(last, Verdict) and last.code == "too_many_records"
    assert (last.count, last.limit) == (5, 3)


def test_jsonl_bad_line_does_not_stop_the_rest() -> None:
    lines = [json.dumps(record(title="Een")), "", "{kapot", json.dumps(record(title="Drie"))]
    results = parse("a.jsonl", "\n".join(lines) + "\n")
    assert len(results) == 3
    assert isinstance(results[0], ParsedArticle) and results[0].title == "Een"
    assert isinstance(results[1], Verdict) and results[1].code == "bad_json"
    assert results[1].line == 3
    assert isinstance(results[2], ParsedArticle) and results[2].title == "Drie"


def test_too_many_jsonl_records() -> None:
    data = "\n".join(json.dumps(record(title=f"Nummer {n}")) for n in range(4))
    results = parse("a.jsonl", data, ImportLimits(max_records_per_file=2))
    assert len(results) == 3
    assert isinstance(results[2], Verdict) and results[2].code == "too_many_records"


HALF_AN_EMOJI = "\ud83d"


def test_half_an_emoji_is_left_out_with_a_warning() -> None:
    """A scraper that cuts an emoji in half leaves a lone surrogate escape, which no text
    store accepts; the rest of the record is the article."""
    for field in ("body", "title", "source", "url", "agency", "file"):
        fields = record(source="AD", url="https://ad.nl", agency="ANP", file="a.txt")
        fields[field] += f" {HALF_AN_EMOJI} eind"
        data = json.dumps(fields)
        assert "\\ud83d" in data
        article = parse_one("a.jsonl", data)
        texts = [*article.body, article.title, article.source, article.url, article.agency]
        assert all(HALF_AN_EMOJI not in text for text in [*texts, article.file]), field
        assert article.warnings == (ArticleWarning("broken_character"),)
    article = parse_one("a.json", json.dumps(record(body=f"{PARAGRAPHS[1]}{HALF_AN_EMOJI}")))
    assert article.body == (PARAGRAPHS[1],)


# --- html -----------------------------------------------------------------------------------

HTML = f"""<!doctype html>
<html><head>
<title>Zwembad blijft open | Brugse Dagblad</title>
<meta property="og:title" content="Zwembad blijft open tot 2025">
<meta property="og:site_name" content="Het Brugse Dagblad">
<meta property="article:published_time" content="2022-10-14T06:47:00Z">
<link rel="canonical" href="https://example.org/zwembad">
<style>p {{ color: red }}</style>
<script>document.write("<p>Dit is script</p>");</script>
</head><body>
<header><a href="/">Home</a><nav><ul><li>Nieuws</li><li>Sport</li></ul></nav></header>
<div class="cookie-banner"><p>Wij gebruiken cookies voor een betere website.</p></div>
<main>
<article>
<header><h1>Zwembad blijft open</h1><time datetime="2022-10-13">gisteren</time></header>
<p>BRUGGE (ANP) &ndash; {PARAGRAPHS[0]}</p>
<p>Volgens de oppositie &amp; de raad<br>kost het veel.</p>
<div class="social-share"><a>Deel op Facebook</a></div>
<ul><li>Eerste punt op de lijst</li><li>Tweede punt op de lijst</li></ul>
<blockquote>Dit is een citaat van de wethouder.</blockquote>
<p>Delen</p>
</article>
<aside><p>Meest gelezen: iets anders</p></aside>
</main>
<footer><p>Copyright 2022 Het Brugse Dagblad</p></footer>
</body></html>
"""


def test_html_main_text_without_navigation() -> None:
    article = parse_one("zwembad.html", HTML)
    assert article.body == (
        PARAGRAPHS[0],
        "Volgens de oppositie & de raad kost het veel.",
        "Eerste punt op de lijst",
        "Tweede punt op de lijst",
        "Dit is een citaat van de wethouder.",
    )
    assert article.dateline == "BRUGGE (ANP) – "
    assert article.agency == "ANP"


def test_html_metadata() -> None:
    article = parse_one("zwembad.htm", HTML)
    assert article.title == "Zwembad blijft open tot 2025"
    assert article.published == datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    assert article.time_known is True
    assert article.source == "Het Brugse Dagblad"
    assert article.url == "https://example.org/zwembad"


def test_html_title_and_date_fallbacks() -> None:
    html = HTML
    for meta in ("og:title", "article:published_time"):
        html = re.sub(f'<meta property="{meta}"[^>]*>', "", html)
    article = parse_one("a.html", html)
    assert article.title == "Zwembad blijft open"
    assert article.published == datetime(2022, 10, 13, tzinfo=AMSTERDAM)
    assert article.time_known is False
    without_h1 = html.replace("<h1>Zwembad blijft open</h1>", "")
    assert parse_one("a.html", without_h1).title == "Zwembad blijft open"


def test_html_without_article_uses_the_whole_page() -> None:
    html = f"<html><body><nav>Menu</nav><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></body></html>"
    assert parse_one("a.html", html).body == PARAGRAPHS[1:]


def test_html_with_only_navigation_is_boilerplate() -> None:
    html = "<html><body><nav><a>Home</a><a>Sport</a></nav><footer>Copyright</footer></body></html>"
    assert rejection("a.html", html).code == "boilerplate"


def test_crafted_html_is_cut_short_instead_of_reparsed() -> None:
    """html.parser re-reads an unfinished tag on every feed: quadratic, hours for 2 MB."""
    page = "<p>Tekst met genoeg woorden om een artikel te zijn.</p>" + "<a b=" * 15_000
    article = parse_one("a.html", page)
    assert article.body == ("Tekst met genoeg woorden om een artikel te zijn.",)
    assert article.warnings == (ArticleWarning("broken_html"),)


def test_export_records_keep_their_file_name_and_unknown_time() -> None:
    data = json.dumps(
        record(
            file="../map/origineel.txt",
            published="2019-03-20T00:00:00+01:00",
            time_known=False,
        )
    )
    article = parse_one("export.jsonl", data)
    assert article.file == "origineel.txt"
    assert article.published == datetime(2019, 3, 20, tzinfo=AMSTERDAM)
    assert article.time_known is False


def test_export_records_keep_their_warnings_and_who_added_them_when() -> None:
    """An export writes each warning's code and values (and its sentence, which is not read
    back); an earlier version's export holds the sentence alone, kept as it is."""
    mismatch = {"code": "weekday_mismatch", "found": "maandag", "day": "2019-03-20", "text": "…"}
    data = json.dumps(
        record(
            warnings=[
                "The date 'zondag 31 februari 2019' could not be read.",
                mismatch,
                {"code": "broken_html", "day": "nooit"},
                *(" ", 42, None, {}, {"code": 5}, {"found": "maandag"}, ["broken_html"]),
            ],
            added_by="discord:42",
            added_at="2024-05-01T09:30:00+00:00",
        )
    )
    article = parse_one("export.jsonl", data)
    assert article.warnings == (
        ArticleWarning("sentence", found="The date 'zondag 31 februari 2019' could not be read."),
        ArticleWarning("weekday_mismatch", found="maandag", day=date(2019, 3, 20)),
        ArticleWarning("broken_html"),
    )
    assert article.added_by == "discord:42"
    assert article.added_at == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    plain = parse_one("a.json", json.dumps(record(added_at="gisteren")))
    assert (plain.added_by, plain.added_at, plain.warnings) == (None, None, ())


@pytest.mark.parametrize(
    ("scope", "read"),
    [
        (5, 5),
        ("1180000000000000000", 1180000000000000000),
        (2**63 - 1, 2**63 - 1),
        (None, None),
        (0, None),
        (-5, None),
        (2**63, None),
        (True, None),
        (5.0, None),
        ("server", None),
    ],
)
def test_an_export_record_names_its_server_by_id_only(scope: object, read: int | None) -> None:
    assert parse_one("export.jsonl", json.dumps(record(scope=scope))).scope == read


def test_the_limit_of_a_record_is_its_text_not_its_line() -> None:
    """An article as long as a file may be is exported as a longer line (quotes become \\",
    other fields come along) and must still import."""
    limits = ImportLimits(max_file_bytes=3000)
    text = 'Hij noemde de brug "een mijlpaal". ' * 85
    assert len(text) < 3000 < len(json.dumps(record(body=text)))
    assert parse_one("a.jsonl", json.dumps(record(body=text)), limits).body == (text.strip(),)
    too_long = rejection("a.jsonl", json.dumps(record(body=text * 2)), limits)
    assert (too_long.code, too_long.detail, too_long.limit) == ("too_large", "text", 3000)
    assert too_long.size == len(text * 2) - 1
    line = rejection("a.jsonl", json.dumps(record(body=text, extra="x" * 30_000)), limits)
    assert (line.code, line.line, line.limit) == ("too_large", 1, 8 * 3000)
