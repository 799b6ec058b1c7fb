"""Holding off the garbage collector's full collections while an archive writes or imports.

A full collection walks every object the collector tracks, holding the GIL the event loop
needs. During a big import that is hundreds of thousands of objects (the batches being
stored and those parsed ahead) and it finds nothing to collect: their objects hold no
cycles and reference counting frees them. Young collections go on as usual, in steps of
a few hundred objects; only the oldest generation's threshold is raised, and restored
when the last holder lets go (holders are counted: several archives, each with its own
writer thread, may write at once).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The oldest threshold while held: a full collection would need this many young
# collections first, which no import lasts.
HELD_THRESHOLD = 1_000_000

_lock = threading.Lock()
_holders = 0
_thresholds = gc.get_threshold()


@contextmanager
def no_full_collections() -> Iterator[None]:
    global _holders, _thresholds
    with _lock:
        if _holders == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(*_thresholds[:2], HELD_THRESHOLD)
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                gc.set_threshold(*_thresholds)
