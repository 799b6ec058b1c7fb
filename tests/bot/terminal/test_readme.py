"""What the README promises a new user about the command line holds: its example answer is
the one `archivaris ask` gives, and its table of commands names the commands and flags
there are."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.terminal.chat import demo_files
from bot.terminal.cli import _parser
from tests.commandline import run

README = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")


def test_the_example_answer_is_what_ask_gives_on_the_demo_pages(tmp_path: Path) -> None:
    command = 'archivaris ask "Wat zei Stoltenberg over kernwapens?"'
    # The fences after the command: its own block's end, then the example's start and end.
    example = README[README.index(command) :].split("```")[2].removeprefix("\n")
    db = tmp_path / "demo.db"
    assert run(db, "import", *map(str, demo_files())).returncode == 0
    answer = run(db, "ask", "Wat zei Stoltenberg over kernwapens?")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout == example


def _commands() -> dict[str, argparse.ArgumentParser]:
    [commands] = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


def test_the_table_of_commands_names_every_command_and_only_flags_it_takes() -> None:
    section = README[README.index("## Command line") : README.index("### For scripts")]
    rows = re.findall(r"^\| `archivaris (\w+)([^`]*)` \|", section, re.MULTILINE)
    commands = _commands()
    assert sorted(name for name, _ in rows) == sorted(commands)
    for name, usage in rows:
        taken = {flag for action in commands[name]._actions for flag in action.option_strings}
        for flag in re.findall(r"--[a-z-]+", usage):
            assert flag in taken, (name, flag)
