"""Dutch text analysis: the one place that decides what a "word" is.

Indexing and querying must agree exactly, so both go through `analyse`; highlighting goes
through `term_spans`, which yields the same terms together with where they sit in the text.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

import Stemmer

# Snowball 3 ships Kraaij-Pohlmann as `dutch` and the old Porter variant as `dutch_porter`.
# On the 37 answerable dev questions over nl-news, Kraaij-Pohlmann put a relevant article
# first for 36 (Porter: 34) and in the top five for 36 (Porter: 35).
STEMMER = "dutch"
# Archives analysed with snowballstemmer 3.1.1 (pure Python) carry this version; PyStemmer
# 3.1.0 stems all 85,700 distinct words of nl-news, messy/ and a synthetic 10,000-article
# archive the same way, so both are this one analyser.
ANALYZER_VERSION = f"{STEMMER}/snowball-3.1.1/v1"

# Numbers keep their internal separators (2,3 / 53.074 / 1.000.000); words are runs of
# letters and digits. Underscores and hyphens separate, so NAVO-chef gives navo + chef.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")

_DUTCH_STOP = """
aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
ik in is ja je jij jou jouw kan kon kunnen maar me meer men met mij mijn moet na naar niet
niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van
veel voor want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf zich zij
zijn zo zonder zou
"""
# Words that make a sentence a question or a chat message but never carry its subject.
_QUESTION_WORDS = """
waar waarom wanneer welk welke hoeveel hoelang hoezo waarover waarmee waardoor waarvan
waaraan waarin waarop hoeverre eigenlijk nou even weet iemand weten zeg zeggen vertel vraag
mijn jullie zij hen dus toch eens zoveel nogal heel erg echt precies ongeveer
zei zegt zeiden gezegd
"""
_ENGLISH_STOP = """
a an and are as at be by did do does for from had has have how i if in into is it its me
my of on or so than that the their them then there these they this those to was we were
what when where which who whom whose why will with would you your about
"""
STOP_WORDS: frozenset[str] = frozenset((_DUTCH_STOP + _QUESTION_WORDS + _ENGLISH_STOP).split())

_stemmer = Stemmer.Stemmer(STEMMER)
# A Snowball stemmer keeps the word it works on in the object itself, so two threads
# stemming at once (an import in a worker while a question is analysed) corrupt each other.
_stemmer_lock = threading.Lock()


def fold(word: str) -> str:
    """Lower-case and strip diacritics, so Oekraïne, oekraine and OEKRAÏNE are one word.

    Most Dutch words are plain ASCII, which decomposition leaves as it is; they skip it.
    """
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _ignored(folded: str) -> bool:
    """Stop words and single letters carry no subject; they are never index terms."""
    return folded in STOP_WORDS or (len(folded) == 1 and folded.isalpha())


@lru_cache(maxsize=100_000)
def _ignored_token(token: str) -> bool:
    """`_ignored` for a token as written: quoting runs it over every word of a passage."""
    return _ignored(fold(token))


@lru_cache(maxsize=200_000)
def term(token: str) -> str | None:
    """The index term for one token, or None for a stop word."""
    folded = fold(token)
    if _ignored(folded):
        return None
    if any(c.isdigit() for c in folded):
        return folded
    with _stemmer_lock:
        return _stemmer.stemWord(folded)


def term_spans(text: str, known: Mapping[str, str] | None = None) -> Iterator[tuple[int, int, str]]:
    """Every indexable token of `text` as (start, end, term); `known` maps tokens whose
    terms are known already (from `aligned_spans`), which spares stemming them again."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        t = known.get(token) if known else None
        t = t or term(token)
        if t:
            yield match.start(), match.end(), t


# Verbs that frame a question without naming its subject ("Wat is er gebeurd met de brug?",
# "What happened to the bridge?"); in an article the same words report an event, so they
# stay index terms there. Stemmed, gebeurde is `beur`, the stem of beurs (stock exchange).
QUESTION_FRAME = frozenset(
    "gebeuren gebeurde gebeurden gebeurd gebeurt happen happened happens happening".split()
)


def question_spans(question: str) -> Iterator[tuple[int, int, str]]:
    """`term_spans` of a question, without the words of its frame (QUESTION_FRAME)."""
    for start, end, t in term_spans(question):
        if fold(question[start:end]) not in QUESTION_FRAME:
            yield start, end, t


def analyse(text: str) -> list[str]:
    """The index terms of `text`, in order, stop words removed.

    The same terms as `term_spans`, without the offsets: this runs over every word of
    every imported article, so it stays in C (findall, map) as far as it can.
    """
    return list(filter(None, map(term, _TOKEN.findall(text))))


def aligned_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int, str]]:
    """`term_spans(text)` for text whose terms are already known (a stored passage's).

    Stemming is the costly step of analysis; the store keeps every passage's terms in
    token order, so only stop words need recognising to line them up with the tokens.
    Falls back to analysing afresh if they do not line up (an index from another analyser).
    """
    spans: list[tuple[int, int, str]] = []
    remaining = iter(terms)
    for match in _TOKEN.finditer(text):
        if _ignored_token(match.group()):
            continue
        known = next(remaining, None)
        if known is None:
            return list(term_spans(text))
        spans.append((match.start(), match.end(), known))
    if next(remaining, None) is not None:
        return list(term_spans(text))
    return spans


# --- sentences and passages -----------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    """
    dr drs ir ing mr prof mevr dhr mw st jr sr bijv bv vs ca nl resp ong mln mld mrd nr
    blz pag afb fig jl jan feb mrt apr aug sept sep okt nov dec e.a o.a i.p.v m.b.t t.o.v
    d.w.z z.g.a.n a.s e.d etc vgl enz zgn ds gem max min incl excl evt kl plm
    """.split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)")
# A sentence may open with a quotation mark, in Dutch papers also two commas (`,,Het is
# klaar,''`) or a low one (`„`).
_NEXT_START = re.compile(r"\s+(?=(?:,,|[\"'“‘«„(\[])?[^\W_a-z])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split a paragraph into sentences as (start, end) offsets, whitespace excluded.

    Conservative by design: a wrong split cuts a quote in half, a missed split only makes
    an excerpt one sentence longer. A full stop after an abbreviation or a single letter
    (an initial) does not end a sentence, nor does one followed by a lower-case word.
    """
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        gap = _NEXT_START.match(text, end)
        if not gap or _ends_in_abbreviation(text, start, match.start()):
            continue
        spans.append((start, end))
        start = gap.end()
    tail_end = len(text.rstrip())
    if start < tail_end:
        spans.append((start, tail_end))
    return spans


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _ends_in_abbreviation(text: str, start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘«([").lower()
    if len(word) == 1 and word.isalpha():
        return True
    return word in _ABBREVIATIONS


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


MAX_PASSAGE_CHARS = 700
TARGET_PASSAGE_CHARS = 500


def split_passages(paragraphs: tuple[str, ...] | list[str]) -> list[str]:
    """Passages for ranking: paragraphs, long ones cut at sentence ends into bounded windows.

    A single block of several thousand characters would otherwise win every long query
    and give BM25 nothing to tell its parts apart by. Windows are verbatim slices of the
    paragraph, so an excerpt quoted from a passage is a quote from the article.
    """
    passages: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) <= MAX_PASSAGE_CHARS:
            passages.append(paragraph)
            continue
        window: tuple[int, int] | None = None
        for start, end in _bounded(paragraph, sentence_spans(paragraph)):
            if window and end - window[0] > TARGET_PASSAGE_CHARS:
                passages.append(paragraph[window[0] : window[1]])
                window = None
            window = (window[0] if window else start, end)
        if window:
            passages.append(paragraph[window[0] : window[1]])
    return passages


def _bounded(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Sentence spans, with run-ons that have no full stop cut at a space near the target."""
    for start, end in spans:
        while end - start > MAX_PASSAGE_CHARS:
            cut = text.rfind(" ", start + 1, start + TARGET_PASSAGE_CHARS)
            if cut <= start:
                cut = start + TARGET_PASSAGE_CHARS
            yield start, cut
            start = _skip_space(text, cut)
        if start < end:
            yield start, end
