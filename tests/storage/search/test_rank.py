"""Ranking: the candidate scorer agrees with rank_bm25, and questions find their article."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from datetime import datetime

import pytest
from rank_bm25 import BM25Okapi

from storage.archive import Archive
from storage.models import Filters, SourceFile
from storage.search.rank import IDF_FLOOR, ArchiveBM25, _near, _of_place, candidate_terms, idf
from storage.store import CorpusStats
from tests.corpus import AMSTERDAM, page
from tests.fixtures import import_all

PASSAGES = [
    ["kernwapen", "navo", "stoltenberg", "overleg"],
    ["navo", "overleg", "defensie", "minister"],
    ["vierdaagse", "nijmegen", "startbewijs", "loting", "loting"],
    ["bibliotheek", "zwolle", "boek", "boek", "postkantoor"],
    ["schaatsster", "thialf", "kampioenschap", "1500", "meter"],
    ["schapen", "daarle", "wolf", "hond", "onderzoek"],
    ["wolf", "hond", "buurt"],
    ["navo", "top", "brussel"],
]


def test_candidate_scores_equal_rank_bm25_over_the_whole_corpus() -> None:
    full = BM25Okapi(PASSAGES)
    query = ["navo", "kernwapen", "wolf", "loting"]
    df = Counter(t for p in PASSAGES for t in set(p))
    stats = CorpusStats(
        passages=len(PASSAGES), avgdl=sum(map(len, PASSAGES)) / len(PASSAGES), df=dict(df)
    )
    weights = {t: idf(len(PASSAGES), df[t]) for t in query}
    assert all(w > IDF_FLOOR for w in weights.values()), "pick terms rank_bm25 does not floor"
    picked = [0, 2, 5, 7]
    scorer = ArchiveBM25([PASSAGES[i] for i in picked], stats, weights)
    ours = scorer.get_scores(query)
    theirs = full.get_scores(query)
    assert list(ours) == pytest.approx([theirs[i] for i in picked])


def test_idf_falls_as_terms_get_more_common_with_no_epsilon_jump() -> None:
    values = [idf(100, df) for df in range(0, 101)]
    assert all(a >= b for a, b in itertools.pairwise(values))
    assert values[-1] == IDF_FLOOR
    assert values[1] == pytest.approx(math.log(99.5 / 1.5))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wat zei Stoltenberg over kernwapens?", "navo.txt"),
        ("Hoeveel startbewijzen waren er voor de Vierdaagse?", "vierdaagse.txt"),
        ("Wie won het kampioenschap op de 1500 meter in Thialf?", "schaatsen.txt"),
        ("Zijn de schapen in Daarle door een wolf doodgebeten?", "wolf.txt"),
        ("Wat kostte de verbouwing van de bibliotheek in Zwolle?", "bibliotheek.txt"),
        ("OEKRAÏNE? nee: kernwapens!", "navo.txt"),
    ],
)
async def test_questions_find_their_article_first(
    filled: Archive, question: str, expected: str
) -> None:
    result = await filled.search(question)
    assert result.hits, question
    assert result.hits[0].article.file == expected


async def test_ranking_is_deterministic(filled: Archive) -> None:
    first = await filled.search("wolf hond schapen navo")
    second = await filled.search("wolf hond schapen navo")
    assert [(h.passage_id, h.score) for h in first.hits] == [
        (h.passage_id, h.score) for h in second.hits
    ]


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "wie wat waar wanneer waarom hoe?",
        '"kernwapens',
        "NEAR(kernwapens navo) AND OR NOT ^stoltenberg : (( * ",
        "kern* OR -navo",
        "'; DROP TABLE articles; --",
        "🚀🔥 @everyone <@123> <@&1>",
        "‮kernwapens​navo",
        "kernwapens " * 500,
    ],
)
async def test_hostile_questions_never_raise(filled: Archive, question: str) -> None:
    result = await filled.search(question)
    assert result.question == question
    assert (await filled.stats()).articles == 5


async def test_date_and_source_filters(filled: Archive) -> None:
    question = "wolf schapen kernwapens navo startbewijzen vierdaagse"
    in_2019 = Filters(
        since=datetime(2019, 1, 1, tzinfo=AMSTERDAM), until=datetime(2019, 12, 31, tzinfo=AMSTERDAM)
    )
    files = {h.article.file for h in (await filled.search(question, in_2019)).hits}
    assert files == {"wolf.txt", "vierdaagse.txt"}
    by_source = Filters(source="gelderlander")
    files = {h.article.file for h in (await filled.search(question, by_source)).hits}
    assert files == {"vierdaagse.txt"}


async def test_server_articles_are_invisible_to_other_servers(archive: Archive) -> None:
    secret = page(["De geheime zeepkistenrace in Ommen is verplaatst naar zondag."])
    await import_all(archive, [SourceFile("race.txt", secret.encode())], scope=111)
    assert (await archive.search("zeepkistenrace Ommen", Filters(scope=111))).hits
    assert not (await archive.search("zeepkistenrace Ommen", Filters(scope=222))).hits
    assert not (await archive.search("zeepkistenrace Ommen")).hits


async def test_a_new_article_is_searchable_as_soon_as_its_import_returns(filled: Archive) -> None:
    assert not (await filled.search("zeepkistenrace")).hits
    fresh = page(["In Ommen is zaterdag de eerste zeepkistenrace gehouden."])
    [verdict] = await import_all(filled, [SourceFile("nieuw.txt", fresh.encode())])
    hits = (await filled.search("zeepkistenrace")).hits
    assert hits and hits[0].article.id == verdict.article_id


async def test_coverage_reflects_how_much_of_the_question_matched(filled: Archive) -> None:
    full = await filled.search("Stoltenberg kernwapens")
    partial = await filled.search("Stoltenberg tulpenbollenveiling Hoofddorp")
    assert full.coverage == pytest.approx(1.0)
    assert partial.hits and partial.coverage < 0.5


async def test_a_passage_gains_from_question_words_elsewhere_in_its_article(
    archive: Archive,
) -> None:
    hartstichting = page(
        [
            "De Hartstichting heeft na een lange zoektocht een nieuwe voorzitter gevonden.",
            "Frank de Vries komt oorspronkelijk uit het mooie Delft.",
        ]
    )
    bakker = page(["Frank de Vries uit Delft bakt brood."])
    await import_all(
        archive,
        [SourceFile("hart.txt", hartstichting.encode()), SourceFile("bakker.txt", bakker.encode())],
    )
    result = await archive.search("Wordt Frank de Vries uit Delft voorzitter van de Hartstichting?")
    order = [(h.article.file, h.position) for h in result.hits]
    assert order.index(("hart.txt", 1)) < order.index(("bakker.txt", 0))
    alone = await archive.search("Frank de Vries uit Delft")
    alone_order = [(h.article.file, h.position) for h in alone.hits]
    assert alone_order.index(("bakker.txt", 0)) < alone_order.index(("hart.txt", 1)), (
        "without the rest of the question the shorter passage wins"
    )


def test_a_concepts_rare_alternatives_do_not_push_rare_words_out_of_the_candidates() -> None:
    # "What fine does a driver risk for driving an old diesel in Stuttgart under the new
    # ban?" on the development corpus: each concept weighs as its most common term.
    concepts = {
        ("boete", "fine", "beboet"): ((59, 1, 4), 3.35),
        ("bestuur", "conducteur", "voerman"): ((147, 1, 8), 3.8),
        ("risico", "risk", "risker"): ((81, 1, 2), 4.41),
        ("rijd", "oprit", "drif"): ((97, 1, 4), 4.23),
        ("oud", "old", "vervorder"): ((158, 5, 1), 3.73),
        ("diesel",): ((9,), 6.57),
        ("stuttgart",): ((9,), 6.57),
        ("ban", "banvloek", "excommuniceer"): ((12, 1, 1), 6.29),
    }
    df = {t: n for terms, (ns, _) in concepts.items() for t, n in zip(terms, ns, strict=True)}
    weights = {t: w for terms, (_, w) in concepts.items() for t in terms}
    chosen = candidate_terms(list(df), df, weights)
    assert {"diesel", "stuttgart", "ban"} <= set(chosen)
    assert len(chosen) == 8


def test_stem_families_are_near_but_longer_words_are_not() -> None:
    assert _near(("kind",), {"kinder"}) and _near(("schiedams",), {"schiedam"})
    assert not _near(("kind",), {"kindermishandel"}) and not _near(("wk",), {"wkt"})


async def test_a_name_that_opens_a_compound_is_not_missing(archive: Archive) -> None:
    nac = page(
        [
            "NAC verloor zaterdag met 1-0 op bezoek bij Heracles en blijft laatste. Bij "
            "verlies tegen Emmen kan er een kruis over het eredivisieschap.",
        ]
    )
    await import_all(archive, [SourceFile("nac.txt", nac.encode())])
    result = await archive.search("Welke club versloeg NAC, dat laatste staat in de Eredivisie?")
    assert not result.evidence.lacks_specific, "eredivisieschap speaks of the Eredivisie"
    other = await archive.search("Welke club versloeg NAC, dat laatste staat in de Keukenkampioen?")
    assert other.evidence.lacks_specific, "a name the article does not have is still missing"


async def test_evidence_counts_a_word_of_the_same_stem_family_as_present(
    archive: Archive,
) -> None:
    cart = page(["In de elektrische bolderkar mogen voortaan maximaal acht kinderen mee."])
    garden = page(["Een kind speelde de hele middag in de tuin van de buren in Zwolle."])
    await import_all(
        archive, [SourceFile("kar.txt", cart.encode()), SourceFile("tuin.txt", garden.encode())]
    )
    result = await archive.search("How many children may ride in the electric bolderkar?")
    children = next(c for c in result.query.concepts if c.text == "children")
    assert "kinder" not in children.terms, "the dictionary says kind, the stemmer kinder"
    assert "children" not in result.evidence.missing


async def test_many_unknown_words_stay_within_bounds(filled: Archive) -> None:
    words = " ".join(f"onbekendwoord{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(60))
    result = await filled.search(f"Wat zei Stoltenberg over {words}?")
    assert len(result.query.concepts) <= 48
    assert not result.query.corrections


async def test_a_search_hands_on_the_whole_of_the_articles_it_ranks_first(
    archive: Archive,
) -> None:
    """Composition reads beyond the passages that matched: the reason in the next paragraph,
    or whether the article names what is asked anywhere."""
    body = [
        "De bibliotheek van Zwolle verhuist naar het oude postkantoor.",
        "Het gebouw aan de Nieuwstraat is te klein geworden.",
        "Volgend jaar opent een tweede vestiging in Stadshagen.",
    ]
    await import_all(archive, [SourceFile("bieb.txt", page(body).encode())])
    result = await archive.search("Waarom verhuist de bibliotheek van Zwolle?")
    assert {h.position for h in result.hits} == {0}
    whole = [(h.article.file, h.position, h.text) for h in result.context]
    assert whole == [("bieb.txt", i, text) for i, text in enumerate(body)]


async def test_an_adjective_of_origin_is_not_missing_where_the_article_names_its_place(
    archive: Archive,
) -> None:
    mulder = page(
        [
            "De in Friesland geboren broers Mulder moeten de VS verlaten, nu ze 21 worden. "
            "Hun ouders kochten in 2001 een boerderij in Minnesota.",
        ]
    )
    await import_all(archive, [SourceFile("mulder.txt", mulder.encode())])
    result = await archive.search("Waarom moeten de broers van de Friese familie Mulder weg?")
    assert "Friese" not in result.evidence.missing, "Friese derives from Friesland"
    other = await archive.search("Waarom moeten de broers van de Zeeuwse familie Mulder weg?")
    assert "Zeeuwse" in other.evidence.missing, "a place the article does not name is missing"
    assert _of_place("Oekraïense", ["de minister van Oekraïne"])
    assert not _of_place("Peters", ["in Petersburg"]), "a surname in -s is no adjective"
