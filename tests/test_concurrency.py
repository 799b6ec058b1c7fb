"""Imports run beside question answering: what they share must survive it."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from storage import text


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
