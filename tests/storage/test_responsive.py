"""Process-wide settings held during imports: changed while anyone holds them, then restored."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator

import pytest

from storage.responsive import HELD_THRESHOLD, SWITCH_INTERVAL, no_full_collections, short_gil_turns


@pytest.fixture
def settings() -> Iterator[tuple[tuple[int, int, int], float]]:
    """The interpreter's settings before the test, put back afterwards whatever happens."""
    before = gc.get_threshold(), sys.getswitchinterval()
    gc.set_threshold(700, 10, 10)
    sys.setswitchinterval(0.005)
    yield gc.get_threshold(), sys.getswitchinterval()
    gc.set_threshold(*before[0])
    sys.setswitchinterval(before[1])


def test_full_collections_wait_while_held_and_young_ones_go_on(settings) -> None:
    thresholds, _ = settings
    with no_full_collections():
        assert gc.get_threshold() == (*thresholds[:2], HELD_THRESHOLD)
        assert gc.isenabled()
    assert gc.get_threshold() == thresholds


def test_turns_are_short_while_held_and_never_longer_than_they_were(settings) -> None:
    _, interval = settings
    with short_gil_turns():
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(interval)

    sys.setswitchinterval(SWITCH_INTERVAL / 4)
    with short_gil_turns():
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL / 4)
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL / 4)


def test_the_last_holder_restores_in_whatever_order_they_let_go(settings) -> None:
    """Two archives' writes overlap without nesting: the first to end must not restore."""
    thresholds, interval = settings
    first, second = no_full_collections(), no_full_collections()
    turns = short_gil_turns()
    first.__enter__()
    turns.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[2] == HELD_THRESHOLD
    turns.__exit__(None, None, None)
    assert sys.getswitchinterval() == pytest.approx(interval)
    assert gc.get_threshold()[2] == HELD_THRESHOLD
    second.__exit__(None, None, None)
    assert gc.get_threshold() == thresholds


def test_a_holder_that_fails_still_lets_go(settings) -> None:
    thresholds, interval = settings
    with pytest.raises(RuntimeError), no_full_collections(), short_gil_turns():
        raise RuntimeError("disk full")
    assert (gc.get_threshold(), sys.getswitchinterval()) == (thresholds, interval)


def test_holders_on_several_threads_share_one_saved_setting(settings) -> None:
    thresholds, _ = settings
    holding = threading.Barrier(3, timeout=10)
    seen: list[int] = []

    def hold() -> None:
        with no_full_collections():
            holding.wait()
            seen.append(gc.get_threshold()[2])
            holding.wait()

    threads = [threading.Thread(target=hold) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [HELD_THRESHOLD] * 3
    assert gc.get_threshold() == thresholds
