"""The bot as several processes on one archive, each running some of its Discord shards:
real run_bot.py processes against one fake Discord, which sends each server's events to
the process running its shard. Each step waits up to a minute (other processes share the
machine); nothing is timed."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from storage.archive import Archive
from tests import corpus
from tests.bot.discord.test_admin import STALLING, STALLING_QUESTION, VEERPONT, finished_upload
from tests.botprocess import bot_process
from tests.botworld import button, reply_to, response_to, text_of
from tests.commandline import run
from tests.fakediscord import Channel, FakeDiscord, Guild, Member
from tests.fakediscord import permissions as perms
from tests.fixtures import import_all

VEERPONT_QUESTION = "Vaart de veerpont tussen Cuijk en Middelaar op zondag?"
PATIENCE = 60.0


async def server_on_shard(fake: FakeDiscord, name: str, shard: int) -> tuple[Guild, Channel]:
    guild = await fake.create_guild(name, on_shard=(shard, 2))
    return guild, await fake.create_text_channel(guild, "vragen")


async def ask(fake: FakeDiscord, guild: Guild, channel: Channel, reader: Member, question: str):
    sent = await fake.send_message(guild, channel, reader, question)
    return (await reply_to(fake, sent, PATIENCE)).message or {}


async def test_an_upload_through_one_process_is_answered_by_the_others(
    fake_discord: FakeDiscord, archive_target: str | Path, tmp_path: Path
) -> None:
    """Two processes, shard 0 and shard 1 of 2, each serving one server; only shard 0's
    registers the commands. Each has answered a question before the writes, so nothing
    it might have kept from then can hide them. An operator's import is found at once by
    both. An admin's upload belongs to their server, whose events all come to one shard:
    the process serving it finds the upload at once, the other server does not see it;
    when that process is replaced by a new one on its shard, the new one finds it too,
    and a button the old one sent works there."""
    fake = fake_discord
    async with await Archive.open(archive_target) as archive:
        await import_all(archive, corpus.files())
    noord, noord_vragen = await server_on_shard(fake, "Noord", 0)
    zuid, zuid_vragen = await server_on_shard(fake, "Zuid", 1)
    lezers = [await fake.add_member(guild, "lezer") for guild in (noord, zuid)]
    beheerder = await fake.add_member(zuid, "redacteur", permissions=perms.MANAGE_GUILD)
    settings = {"ARCHIVARIS_DB": str(archive_target), "ARCHIVARIS_ANSWER_CHANNELS": "vragen"}

    def shards(which: str) -> dict[str, str]:
        return {**settings, "ARCHIVARIS_SHARDS": which}

    async with bot_process(fake, shards("0/2"), tmp_path / "0.log", [[0, 2]]) as first:
        async with bot_process(fake, shards("1/2"), tmp_path / "1.log", [[1, 2]]) as second:
            assert len([a for a in fake.actions if a.kind == "commands_sync"]) == 1
            mentions = []
            for guild, channel, lezer in (
                (noord, noord_vragen, lezers[0]),
                (zuid, zuid_vragen, lezers[1]),
            ):
                unanswered = text_of(await ask(fake, guild, channel, lezer, STALLING_QUESTION))
                assert "geen antwoord" in unanswered
                mentions += re.findall(r"</recent:\d+>", unanswered)
            # The process that did not register the commands found them: /recent is clickable.
            assert len(mentions) == 2 and mentions[0] == mentions[1]

            uploading = await fake.invoke_command(
                zuid, zuid_vragen, beheerder, "upload", attachments={"file": ("s.txt", STALLING)}
            )
            summary = await response_to(fake, uploading, finished_upload, PATIENCE)
            assert "1 toegevoegd" in summary["content"]
            answered = await ask(fake, zuid, zuid_vragen, lezers[1], STALLING_QUESTION)
            assert "5000 fietsen" in text_of(answered)
            # Uploads are the server's own: the other server's process does not show it.
            assert "geen antwoord" in text_of(
                await ask(fake, noord, noord_vragen, lezers[0], STALLING_QUESTION)
            )

            (tmp_path / "veerpont.txt").write_bytes(VEERPONT)
            importing = (archive_target, "import", str(tmp_path / "veerpont.txt"))
            imported = await asyncio.to_thread(run, *importing)
            assert imported.returncode == 0, imported.stderr
            for guild, channel, lezer in (
                (noord, noord_vragen, lezers[0]),
                (zuid, zuid_vragen, lezers[1]),
            ):
                answer = text_of(await ask(fake, guild, channel, lezer, VEERPONT_QUESTION))
                assert "zondag" in answer and "De Gelderlander" in answer
        assert second.process.returncode is not None

        async with bot_process(fake, shards("1/2"), tmp_path / "3.log", [[1, 2]]) as third:
            again = await ask(fake, zuid, zuid_vragen, lezers[1], STALLING_QUESTION)
            assert "5000 fietsen" in text_of(again)
            opening = button(answered, "archivaris:open:")["custom_id"]
            click = await fake.click_button(answered, opening, lezers[1])
            opened = await response_to(fake, click, timeout=PATIENCE)
            assert "5000 fietsen" in text_of(opened)
    assert len([a for a in fake.actions if a.kind == "commands_sync"]) == 1
    for process in (first, second, third):
        assert process.problems() == []
    fake.assert_clean()
