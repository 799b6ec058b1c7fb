"""Browsing: one article with all its fields, recent articles, statistics, export pages."""

from __future__ import annotations

from datetime import datetime

import pytest

from storage import dispatch
from storage.archive import Archive
from storage.models import Filters
from tests.corpus import AMSTERDAM, parsed
from tests.storage.sqlite.helpers import add


async def test_article_keeps_provenance_and_fields(archive: Archive) -> None:
    published = datetime(2022, 10, 14, 8, 47, tzinfo=AMSTERDAM)
    article = parsed(
        "Stoltenberg over kernwapens",
        "Voor de NAVO zou overwegen kernwapens in te zetten moet er veel gebeuren.",
        "Tweede alinea over Oekraïne.",
        published=published,
        time_known=True,
        updated=True,
        source="ANP-bron",
        agency="ANP",
        places=("Brussel", "Brugge"),
        dateline="BRUSSEL/BRUGGE (ANP) - ",
    )
    [stored] = await add(archive, article, added_by="member#1")
    got = await archive.article(stored.article_id)
    assert got is not None
    assert got.summary.title == "Stoltenberg over kernwapens"
    assert got.summary.published == published
    assert got.summary.time_known and got.summary.updated
    assert (got.summary.source, got.summary.agency) == ("ANP-bron", "ANP")
    assert got.places == ("Brussel", "Brugge")
    assert got.body == article.body
    assert got.paragraphs[0].startswith("BRUSSEL/BRUGGE (ANP) - Voor de NAVO")
    assert got.summary.file == "Stoltenberg over kernwapens.txt"
    assert got.added_by == "member#1"
    assert got.added_at is not None


async def test_servers_see_their_own_and_the_global_collection(archive: Archive) -> None:
    [glob] = await add(archive, parsed("g", "Globaal nieuws over de haven."))
    [own] = await add(archive, parsed("s1", "Nieuws van server een."), scope=1)
    [other] = await add(archive, parsed("s2", "Nieuws van server twee."), scope=2)
    seen = {a.id for a in await archive.recent(Filters(scope=1), limit=10)}
    assert seen == {glob.article_id, own.article_id}
    assert await archive.article(other.article_id, scope=1) is None
    assert await archive.article(own.article_id, scope=None) is None
    assert (await archive.stats(scope=2)).articles == 2


async def test_recent_is_newest_first_and_undated_last(archive: Archive) -> None:
    def at(day: int) -> datetime:
        return datetime(2024, 1, day, tzinfo=AMSTERDAM)

    await add(archive, parsed("oud", "Oud nieuws.", published=at(1)))
    await add(archive, parsed("geen datum", "Zonder datum."))
    await add(archive, parsed("nieuw", "Nieuw nieuws.", published=at(9)))
    assert [a.title for a in await archive.recent()] == ["nieuw", "oud", "geen datum"]
    assert [a.title for a in await archive.recent(limit=1)] == ["nieuw"]


async def test_stats_count_what_the_scope_sees(archive: Archive) -> None:
    await add(archive, parsed("a", "Regen.", "Wind.", source="Trouw"))
    await add(archive, parsed("b", "Zon.", source="NOS"), scope=9)
    stats = await archive.stats()
    assert (stats.articles, stats.passages, stats.sources) == (1, 2, 1)
    assert stats.database_bytes > 0
    assert (await archive.stats(scope=9)).articles == 2


async def test_an_export_pages_through_the_owners_articles_in_id_order(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dispatch, "EXPORT_PAGE", 2)
    owners = [None, 3, None, 4, 3, 3, None]
    ids = [
        stored.article_id
        for n, scope in enumerate(owners)
        for stored in await add(archive, parsed(f"a{n}", f"Nieuws nummer{n}."), scope=scope)
    ]
    assert [a.summary.id async for a in archive.store.articles()] == ids
    exported = [a async for a in archive.store.articles([None, 3])]
    assert [a.summary.id for a in exported] == [
        i for i, s in zip(ids, owners, strict=True) if s != 4
    ]
    assert [a.body for a in exported][:2] == [("Nieuws nummer0.",), ("Nieuws nummer1.",)]
    assert [a.summary.id async for a in archive.store.articles([4])] == [ids[3]]
    assert [a async for a in archive.store.articles([])] == []
