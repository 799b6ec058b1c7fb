"""Imports run beside question answering: what they share must survive it."""

from __future__ import annotations

import asyncio
import gc
import random
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storage import archive as archive_module
from storage import responsive
from storage.archive import Archive
from storage.language import text
from tests import corpus
from tests.files import in_folder, numbered
from tests.fixtures import import_all


def test_stemming_from_several_threads_at_once_gives_the_same_terms() -> None:
    rng = random.Random(3)
    endings = ["heden", "ingen", "elijk", "tjes", "eren", "en", "s", "baar", "isch"]
    words = [
        "".join(rng.choices("bdgklmnprstvaeiou", k=rng.randint(4, 9))) + rng.choice(endings)
        for _ in range(4000)
    ]
    chunks = [" ".join(words[i::4]) for i in range(4)]
    text.term.cache_clear()
    expected = [text.analyse(chunk) for chunk in chunks]
    text.term.cache_clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(text.analyse, chunks))
    assert got == expected


def test_analyse_gives_the_terms_of_term_spans() -> None:
    sample = "De NAVO-chef zei: 53.074 deelnemers, 2,3 procent; Oekraïne en OEKRAÏNE."
    assert text.analyse(sample) == [t for _, _, t in text.term_spans(sample)]


async def test_questions_are_answered_while_an_import_runs(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "BATCH_FILES", 4)
    await import_all(archive, corpus.files())
    folder = in_folder(tmp_path / "in", numbered(40))
    answered = 0

    async def ask_until(done: asyncio.Event) -> None:
        nonlocal answered
        while not done.is_set():
            result = await archive.search("Wat zei Stoltenberg over kernwapens?")
            assert result.hits[0].article.file == "navo.txt"
            answered += 1
            await asyncio.sleep(0)

    done = asyncio.Event()
    asker = asyncio.create_task(ask_until(done))
    verdicts = [v async for v in archive.import_paths([folder])]
    done.set()
    await asker
    assert answered > 0
    assert Counter(v.status for v in verdicts)["added"] == 40


async def test_a_stored_batch_hands_out_its_verdicts_a_few_at_a_time(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file of a stored batch gets its verdict at once; handing out 2,000 of them
    in one go kept the event loop from everything else for up to 19 ms."""
    monkeypatch.setattr(archive_module, "BATCH_FILES", 8)
    monkeypatch.setattr(archive_module, "MIN_STORE", 8)
    monkeypatch.setattr(archive_module, "VERDICTS_PER_TURN", 2)
    turns = 0

    async def spin() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    folder = in_folder(tmp_path / "in", numbered(18))
    spinner = asyncio.create_task(spin())
    try:
        seen = [turns async for _ in archive.import_paths([folder])]
    finally:
        spinner.cancel()
    assert len(seen) == 20
    assert all(later > earlier for earlier, later in zip(seen, seen[2:], strict=False))


async def test_an_import_holds_off_full_collections_and_takes_short_turns_until_it_ends(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between an import's writes, full collections walked the batches parsed ahead and
    held the event loop up to 170 ms, and the loop waited several 5 ms GIL turns in a row
    for the import's threads. Both settings hold until the import is over, or given up."""
    monkeypatch.setattr(archive_module, "BATCH_FILES", 4)
    monkeypatch.setattr(archive_module, "MIN_STORE", 4)
    before = gc.get_threshold(), sys.getswitchinterval()
    folder = in_folder(tmp_path / "in", numbered(18))
    seen = [
        (gc.get_threshold(), sys.getswitchinterval()) async for _ in archive.import_paths([folder])
    ]
    assert len(seen) == 20
    assert all(t[:2] == before[0][:2] and t[2] >= responsive.HELD_THRESHOLD for t, _ in seen)
    assert all(turn <= responsive.SWITCH_INTERVAL < before[1] for _, turn in seen)
    assert (gc.get_threshold(), sys.getswitchinterval()) == before

    verdicts = archive.import_paths([in_folder(tmp_path / "again", numbered(18))])
    await anext(verdicts)
    assert gc.get_threshold()[2] >= responsive.HELD_THRESHOLD
    assert sys.getswitchinterval() <= responsive.SWITCH_INTERVAL
    await verdicts.aclose()
    assert (gc.get_threshold(), sys.getswitchinterval()) == before
