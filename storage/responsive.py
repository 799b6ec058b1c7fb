"""Keeping the event loop responsive while an import runs in threads of the same process.

Two process-wide settings of the interpreter decide how long those threads can keep the
event loop waiting for the GIL. Each is changed while it is held (full collections during
every write and import, short turns during imports) and restored when the last holder
lets go. Holders are counted: several archives, each with its own writer thread, may
write at once.

- Full garbage collections. One walks every object the collector tracks, and during a big
  import that is hundreds of thousands (the batches being stored and those parsed ahead)
  without finding anything to collect: their objects hold no cycles and reference
  counting frees them. Young collections go on as usual, in steps of a few hundred
  objects; only the oldest generation's threshold is raised.
- The GIL's switch interval: how long a thread that wants the GIL waits before the one
  holding it is asked to let go. With the writer, the thread that receives parsed batches
  and a question's reader all wanting it, the event loop waited several default turns of
  5 ms in a row; turns of 1 ms shorten its worst stall at the same import speed.

The measurements behind both are in docs/performance-history.md.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

# The oldest threshold while held: a full collection would need this many young
# collections first, which no import lasts.
HELD_THRESHOLD = 1_000_000
SWITCH_INTERVAL = 0.001


class _Setting:
    """A process-wide setting, changed while anyone holds it and restored after the last."""

    def __init__(
        self, read: Callable[[], Any], write: Callable[[Any], None], held: Callable[[Any], Any]
    ) -> None:
        self._read, self._write, self._held = read, write, held
        self._lock = threading.Lock()
        self._holders = 0
        self._saved: Any = None

    @contextmanager
    def hold(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._saved = self._read()
                self._write(self._held(self._saved))
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    self._write(self._saved)


_collections = _Setting(
    gc.get_threshold,
    lambda thresholds: gc.set_threshold(*thresholds),
    lambda thresholds: (*thresholds[:2], HELD_THRESHOLD),
)
_turns = _Setting(
    sys.getswitchinterval,
    sys.setswitchinterval,
    lambda interval: min(interval, SWITCH_INTERVAL),
)


def no_full_collections() -> AbstractContextManager[None]:
    return _collections.hold()


def short_gil_turns() -> AbstractContextManager[None]:
    return _turns.hold()
