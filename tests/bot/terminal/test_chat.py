"""`archivaris chat` at a real terminal: a pseudo-terminal (pty) that the command reads and
writes as it would a person's, Ctrl-C and Ctrl-D included."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import termios
import time
from pathlib import Path

import pytest

from tests import corpus
from tests.commandline import argv, environment, run

PROMPT = "» ".encode()
# The citation under the answer to "Wat zei Stoltenberg over kernwapens?", once per answer.
ANSWER = b"Bron: The Council of the European Union"
# Only a guard against a test that would otherwise hang: nothing here is timed.
GUARD = 60


def _take_the_terminal() -> None:
    """In the child, after it became a session leader: its stdin, the pty, becomes the
    session's controlling terminal, so Ctrl-C typed there is a SIGINT for it."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """`archivaris --db DB chat` on a pseudo-terminal, and what it showed so far."""

    def __init__(self, db: Path) -> None:
        main, child = os.openpty()
        self.process = subprocess.Popen(
            argv(db, "chat"),
            stdin=child,
            stdout=child,
            stderr=child,
            env=environment(TERM="xterm"),
            start_new_session=True,
            preexec_fn=_take_the_terminal,
        )
        os.close(child)
        self.main = main
        self.shown = b""

    def wait_for(self, text: bytes, count: int = 1) -> None:
        """Read what the chat shows until `text` was shown `count` times."""
        deadline = time.monotonic() + GUARD
        while self.shown.count(text) < count:
            left = deadline - time.monotonic()
            assert left > 0, (
                f"never showed {text!r} {count}x: {self.shown.decode(errors='replace')}"
            )
            ready, _, _ = select.select([self.main], [], [], left)
            if ready:
                try:
                    self.shown += os.read(self.main, 4096)
                except OSError:  # the chat has ended and closed the terminal
                    assert self.shown.count(text) >= count, self.shown
                    return

    def type(self, keys: str) -> None:
        os.write(self.main, keys.encode())

    def ended(self) -> int:
        """The chat's exit status once it ended (fails if it does not end)."""
        try:
            return self.process.wait(timeout=GUARD)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the chat did not end: {self.shown.decode(errors='replace')}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.main)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archief.db"
    assert run(path, "import", str(corpus.write_folder(tmp_path / "artikelen"))).returncode == 0
    return path


@pytest.fixture
def terminal(db: Path):
    opened = Terminal(db)
    yield opened
    opened.close()


def test_ctrl_c_at_the_prompt_leaves_at_once(terminal: Terminal) -> None:
    """As a person does: Ctrl-C once what was typed is shown. (Typed at the same instant,
    the terminal may drop the typing while readline is reading it, and readline waits for
    more: a race of microseconds that no hand can hit.)"""
    terminal.wait_for(PROMPT)
    terminal.type("Wat zei Stolt")
    terminal.wait_for(b"Wat zei Stolt")
    terminal.type("\x03")
    assert terminal.ended() == 130


def test_ctrl_d_at_the_prompt_leaves_at_once(terminal: Terminal) -> None:
    terminal.wait_for(PROMPT)
    terminal.type("\x04")
    assert terminal.ended() == 0


def test_the_arrow_keys_edit_the_line_and_recall_earlier_questions(terminal: Terminal) -> None:
    terminal.wait_for(PROMPT)
    terminal.type("Wat zei Stoltenberg over ?\x1b[Dkernwapens\r")
    terminal.wait_for(ANSWER)
    terminal.wait_for(PROMPT, 2)
    terminal.type("\x1b[A\r")
    terminal.wait_for(ANSWER, 2)
    terminal.wait_for(PROMPT, 3)
    terminal.type("\x04")
    assert terminal.ended() == 0
    assert b"\x1b[D" not in terminal.shown and b"^[[" not in terminal.shown


def test_the_next_line_is_read_as_a_follow_up_of_the_one_before(terminal: Terminal) -> None:
    terminal.wait_for(PROMPT)
    terminal.type("Wat zei Stoltenberg over kernwapens?\r")
    terminal.wait_for(ANSWER)
    terminal.wait_for(PROMPT, 2)
    terminal.type("wanneer was dat?\r")
    terminal.wait_for(ANSWER, 2)
    terminal.wait_for(PROMPT, 3)
    terminal.type("meer?\r")
    terminal.wait_for(b"Er zijn geen verdere artikelen")
    terminal.wait_for(PROMPT, 4)
    terminal.type("\x04")
    assert terminal.ended() == 0
    shown = terminal.shown.decode()
    assert "Vervolg op: “Wat zei Stoltenberg over kernwapens?”" in shown
    assert "Antwoord: vrijdag 14 oktober 2022, 08:47 (de datum van het artikel" in shown
    assert "Meer bij: “wanneer was dat?”" in shown
