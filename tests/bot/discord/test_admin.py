"""Administration: /upload, /delete, /stats, who may run them, and what each server sees."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.discord.client import Archivaris
from tests import corpus
from tests.botworld import (
    World,
    assert_pinged_no_one,
    is_ephemeral,
    reply_to,
    response_to,
    text_of,
    zip_of,
)
from tests.fakediscord import CommandNotAvailable, FakeDiscord, Interaction, Upload
from tests.fakediscord import permissions as perms

STALLING = corpus.page(
    [
        "DEVENTER - Onder het station van Deventer is een fietsenstalling voor 5000 fietsen "
        "geopend. De stalling is dag en nacht open en de eerste 24 uur gratis.",
        "De gemeente hoopt dat er minder fietsen op de stoep staan.",
    ],
    date=(2024, 9, 2),
    source="Deventer Dagblad",
).encode()
STALLING_QUESTION = "Hoeveel fietsen passen in de stalling in Deventer?"
VEERPONT = corpus.page(
    ["De veerpont tussen Cuijk en Middelaar vaart deze zomer ook op zondag, meldt de provincie."],
    source="De Gelderlander",
).encode()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def finished_upload(message: dict[str, Any]) -> bool:
    return "geweigerd." in (message.get("content") or "")


async def upload(
    fake: FakeDiscord, server: World, name: str, data: bytes, member: Any = None
) -> Interaction:
    return await fake.invoke_command(
        server.guild,
        server.chat,
        member or server.admin,
        "upload",
        attachments={"file": (name, data)},
    )


async def ask(fake: FakeDiscord, server: World, question: str, channel: Any = None) -> str:
    sent = await fake.send_message(server.guild, channel or server.answers, server.reader, question)
    return text_of((await reply_to(fake, sent)).message or {})


def downloads(fake: FakeDiscord) -> list[str]:
    return [request for request in fake.requests if "/attachments/" in request]


async def test_an_admins_upload_is_answerable_at_once(server: World, running: Archivaris):
    fake = server.fake
    assert "geen antwoord" in await ask(fake, server, STALLING_QUESTION)

    inter = await upload(fake, server, "stalling.txt", STALLING)
    summary = await response_to(fake, inter, until=finished_upload)
    assert is_ephemeral(summary)
    assert summary["content"] == (
        "stalling.txt: 1 toegevoegd, 0 dubbel, 0 geweigerd.\nNieuwe artikelen: 6"
    )
    answer = await ask(fake, server, STALLING_QUESTION)
    assert "5000 fietsen" in answer and "Deventer Dagblad" in answer and "artikel 6" in answer
    assert_pinged_no_one(fake)
    fake.assert_clean()


async def test_a_zip_upload_reports_each_file(server: World, running: Archivaris):
    fake = server.fake
    bundle = zip_of(
        {
            "nieuws/stalling.txt": STALLING,
            "nieuws/veerpont.txt": VEERPONT,
            "nieuws/navo.txt": corpus.NAVO.encode(),
            "nieuws/foto.png": PNG,
            "nieuws/leeg.txt": b"",
        }
    )
    inter = await upload(fake, server, "bundel.zip", bundle)
    summary = (await response_to(fake, inter, until=finished_upload))["content"]
    assert summary.splitlines() == [
        "bundel.zip: 2 toegevoegd, 1 dubbel, 2 geweigerd.",
        "Nieuwe artikelen: 6–7",
        "• navo.txt: dubbel. Dezelfde tekst staat al in het archief.",
        "• foto.png: geweigerd. Dit soort bestand wordt niet ondersteund; stuur .txt, .md, "
        ".json, .jsonl, .html of .zip.",
        "• leeg.txt: geweigerd. Het bestand is leeg.",
    ]
    assert "Deventer Dagblad" in await ask(fake, server, STALLING_QUESTION)
    assert "Middelaar" in await ask(fake, server, "Vaart de veerpont bij Cuijk op zondag?")
    fake.assert_clean()


async def test_an_upload_says_what_was_odd_about_an_added_article(
    server: World, running: Archivaris
):
    """The warnings of an import read in the server's language, and in English for a
    member whose Discord speaks English."""
    fake = server.fake
    ferry = VEERPONT.decode().replace(" vrijdag 14 ", " maandag 14 ").encode()
    inter = await upload(fake, server, "veer.txt", ferry)
    summary = (await response_to(fake, inter, until=finished_upload))["content"]
    assert summary.splitlines() == [
        "veer.txt: 1 toegevoegd, 0 dubbel, 0 geweigerd.",
        "Nieuwe artikelen: 6",
        "• veer.txt: toegevoegd met een waarschuwing (artikel 6). De datumregel zegt maandag, "
        "maar 14 oktober 2022 was een vrijdag; de geschreven datum is bewaard.",
    ]
    stalling = STALLING.decode().replace(" maandag 2 ", " dinsdag 2 ").encode()
    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.admin,
        "upload",
        attachments={"file": ("map.zip", zip_of({"stalling.txt": stalling, "veer.txt": ferry}))},
        locale="en-US",
    )
    summary = (await response_to(fake, inter, until=lambda m: "rejected." in m["content"]))[
        "content"
    ]
    assert summary.splitlines() == [
        "map.zip: 1 added, 1 duplicates, 0 rejected.",
        "New articles: 7",
        "• stalling.txt: added with a warning (article 7). The date line says dinsdag, but 2 "
        "September 2024 was a Monday; the written date was kept.",
        "• veer.txt: duplicate. The same text is already in the archive.",
    ]
    fake.assert_clean()


async def test_binary_and_unsupported_files_are_explained(server: World, running: Archivaris):
    fake = server.fake
    inter = await upload(fake, server, "foto.png", PNG)
    refusal = await response_to(fake, inter)
    assert is_ephemeral(refusal)
    assert refusal["content"].startswith("foto.png: Dit soort bestand wordt niet ondersteund;")
    assert downloads(fake) == []

    inter = await upload(fake, server, "scan.txt", PNG)
    summary = (await response_to(fake, inter, until=finished_upload))["content"]
    assert summary.splitlines() == [
        "scan.txt: 0 toegevoegd, 0 dubbel, 1 geweigerd.",
        "• scan.txt: geweigerd. Dit lijkt een PNG-afbeelding, geen tekstbestand.",
    ]
    inter = await fake.invoke_command(
        server.guild,
        server.chat,
        server.admin,
        "upload",
        attachments={"file": ("scan.txt", PNG)},
        locale="en-US",
    )
    summary = (await response_to(fake, inter, until=lambda m: "rejected." in m["content"]))[
        "content"
    ]
    assert "scan.txt: rejected. This looks like a PNG image" in summary
    fake.assert_clean()


async def test_a_file_over_the_upload_limit_is_not_downloaded(server: World, run_bot: Any):
    fake = server.fake
    async with run_bot(server.make_bot(ARCHIVARIS_MAX_UPLOAD_MB="0.001")):
        inter = await upload(fake, server, "groot.txt", STALLING * 4)
        refusal = await response_to(fake, inter)
    assert is_ephemeral(refusal)
    assert refusal["content"] == "groot.txt: Het bestand is 1,2 KB; de grens is 1,0 KB."
    assert downloads(fake) == []
    fake.assert_clean()


@pytest.mark.parametrize(
    ("command", "options"), [("upload", {}), ("delete", {"id": 1}), ("stats", {})]
)
async def test_members_without_manage_server_are_not_offered_admin_commands(
    server: World, running: Archivaris, command: str, options: dict[str, Any]
):
    attachments = {"file": ("stalling.txt", STALLING)} if command == "upload" else None
    with pytest.raises(CommandNotAvailable, match="MANAGE_GUILD"):
        await server.fake.invoke_command(
            server.guild, server.chat, server.reader, command, options, attachments=attachments
        )
    registered = {c["name"]: c for c in server.fake.registered_commands()}
    assert registered[command]["default_member_permissions"] == str(perms.MANAGE_GUILD)
    server.fake.assert_clean()


async def test_an_override_does_not_get_past_the_check_at_run_time(
    server: World, running: Archivaris
):
    fake = server.fake
    inter = await upload(fake, server, "stalling.txt", STALLING)
    await response_to(fake, inter, until=finished_upload)
    for command in ("upload", "delete", "stats"):
        await fake.set_command_permissions(server.guild, command, users={server.reader: True})

    attempts = [
        await upload(fake, server, "veerpont.txt", VEERPONT, member=server.reader),
        await fake.invoke_command(server.guild, server.chat, server.reader, "delete", {"id": 6}),
        await fake.invoke_command(server.guild, server.chat, server.reader, "stats"),
    ]
    for attempt in attempts:
        refusal = await response_to(fake, attempt)
        assert is_ephemeral(refusal)
        assert refusal["content"] == (
            "Alleen leden met de permissie Server beheren mogen dit doen. Er is niets veranderd."
        )
    assert len(downloads(fake)) == 1
    assert "Deventer Dagblad" in await ask(fake, server, STALLING_QUESTION)
    assert "geen antwoord" in await ask(fake, server, "Vaart de veerpont bij Cuijk op zondag?")
    fake.assert_clean()


async def test_delete_and_stats(server: World, running: Archivaris):
    fake = server.fake

    async def admin(command: str, options: dict[str, Any] | None = None) -> str:
        inter = await fake.invoke_command(server.guild, server.chat, server.admin, command, options)
        message = await response_to(fake, inter)
        assert is_ephemeral(message)
        return message["content"]

    inter = await upload(fake, server, "stalling.txt", STALLING)
    await response_to(fake, inter, until=finished_upload)
    stats = await admin("stats")
    assert "6 artikelen: 1 toegevoegd in deze server, 5 uit de algemene collectie" in stats
    assert "van maandag 25 maart 2019 tot maandag 2 september 2024" in stats

    assert await admin("delete", {"id": 1}) == (
        "Artikel 1 hoort bij de algemene collectie van de beheerder van de bot; die kan het "
        "alleen via de commandoregel verwijderen."
    )
    assert await admin("delete", {"id": 999}) == "Er is geen artikel met nummer 999 in dit archief."
    assert await admin("delete", {"id": 6}) == (
        "Artikel 6 (Onder het station van Deventer is een fietsenstalling voor 5000 fietsen "
        "geopend) is verwijderd."
    )
    assert "geen antwoord" in await ask(fake, server, STALLING_QUESTION)
    assert "5 artikelen: 0 toegevoegd in deze server" in await admin("stats")
    fake.assert_clean()


async def test_each_server_sees_its_own_uploads_and_the_global_collection(
    server: World, run_bot: Any
):
    fake = server.fake
    club = await fake.create_guild("Sportclub")
    club_channel = await fake.create_text_channel(club, "vragen")
    club_reader = await fake.add_member(club, "sporter")
    club_admin = await fake.add_member(club, "bestuur", permissions=perms.MANAGE_GUILD)

    async def in_club(command: str, options: dict[str, Any], member: Any = club_reader) -> str:
        inter = await fake.invoke_command(club, club_channel, member, command, options)
        return text_of(await response_to(fake, inter))

    async def club_asks(question: str) -> str:
        sent = await fake.send_message(club, club_channel, club_reader, question)
        return text_of((await reply_to(fake, sent)).message or {})

    async with run_bot(server.make_bot()):
        inter = await upload(fake, server, "stalling.txt", STALLING)
        await response_to(fake, inter, until=finished_upload)
        assert "Deventer Dagblad" in await ask(fake, server, STALLING_QUESTION)

        assert "geen antwoord" in await club_asks(STALLING_QUESTION)
        assert "The Council of the European Union" in await club_asks(
            "Wat zei Stoltenberg over kernwapens?"
        )
        assert "Er is geen artikel met nummer 6" in await in_club("article", {"id": 6})
        assert "Deventer" not in await in_club("recent", {"limit": 50})
        assert "Er is geen artikel met nummer 6" in await in_club("delete", {"id": 6}, club_admin)
        assert "0 toegevoegd in deze server" in await in_club("stats", {}, club_admin)
        assert "Deventer Dagblad" in await ask(fake, server, STALLING_QUESTION)
    fake.assert_clean()


async def test_thousands_of_articles_do_not_freeze_the_bot(server: World, running: Archivaris):
    fake = server.fake
    bundle = zip_of(
        {
            f"bericht-{n}.txt": corpus.page(
                [f"In Ganzewinkel opende burgemeester Jansen kermis nummer {n} met {n} ballonnen."],
                source="Dorpsblad",
            ).encode()
            for n in range(3000)
        }
    )
    started = await upload(fake, server, "dorp.zip", bundle)
    question = await fake.invoke_command(
        server.guild,
        server.chat,
        server.reader,
        "ask",
        {"question": "Wie won het NK op de 1500 meter?"},
    )
    answered = await response_to(fake, question)
    summary = await response_to(fake, started, until=finished_upload)

    assert "Lotte Bakker" in text_of(answered)
    assert summary["content"].splitlines() == [
        "dorp.zip: 3.000 toegevoegd, 0 dubbel, 0 geweigerd.",
        "Nieuwe artikelen: 6–3005",
    ]
    acknowledged = fake.actions_for(question)[0]
    finished = [a for a in fake.actions_for(started) if a.kind == "original_edit"][-1]
    assert fake.actions.index(acknowledged) < fake.actions.index(finished)
    assert "kermis nummer 2999" in text_of(
        await response_to(
            fake,
            await fake.invoke_command(
                server.guild,
                server.chat,
                server.reader,
                "ask",
                {"question": "Wanneer opende Jansen kermis nummer 2999?"},
            ),
        )
    )
    fake.assert_clean()


async def test_progress_is_shown_and_a_long_report_is_attached(server: World, running: Archivaris):
    fake = server.fake
    running.get_cog("Admin").progress_every = 0  # type: ignore[union-attr]
    files = {f"leeg-{n:02d}.txt": b"" for n in range(60)}
    files["stalling.txt"] = STALLING
    inter = await upload(fake, server, "map.zip", zip_of(files))
    summary = await response_to(fake, inter, until=finished_upload)

    edits = [a.content for a in fake.actions_for(inter) if a.kind == "original_edit"]
    assert any(text and text.startswith("Bezig met map.zip:") for text in edits)
    lines = summary["content"].splitlines()
    assert lines[0] == "map.zip: 1 toegevoegd, 0 dubbel, 60 geweigerd."
    assert lines[-1].startswith("… en nog ") and "het bijgevoegde verslag" in lines[-1]
    assert len(summary["content"]) <= 2000
    [report] = [f for a in fake.actions_for(inter) for f in a.files]
    assert report.filename == "archivaris-upload.txt"
    text = report.data.decode()
    assert "stalling.txt: toegevoegd (artikel 6)" in text
    assert text.count("geweigerd. Het bestand is leeg.") == 60
    fake.assert_clean()


async def test_an_import_that_fails_part_way_keeps_what_was_stored(
    server: World,
    running: Archivaris,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    fake = server.fake
    real_import = running.archive.import_file

    async def breaks_before_the_next_batch(*args: Any, **kwargs: Any) -> Any:
        async for verdict in real_import(*args, **kwargs):
            yield verdict
        raise OSError("schijf vol")

    monkeypatch.setattr(running.archive, "import_file", breaks_before_the_next_batch)
    bundle = zip_of({"stalling.txt": STALLING, "veerpont.txt": VEERPONT})
    with caplog.at_level(logging.ERROR):
        inter = await upload(fake, server, "bundel.zip", bundle)
        failed = await response_to(fake, inter, until=lambda m: "mis" in m["content"])
    assert failed["content"].startswith(
        "Er ging iets mis tijdens het importeren van bundel.zip. Wat al was opgeslagen "
        "blijft bewaard (2 toegevoegd), de rest niet."
    )
    assert any("schijf vol" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert "Deventer Dagblad" in await ask(fake, server, STALLING_QUESTION)
    fake.assert_clean()


@pytest.mark.parametrize("sized", [True, False], ids=["with-length", "without-length"])
async def test_an_attachment_bigger_than_it_says_is_not_downloaded_whole(
    server: World, run_bot: Any, sized: bool
) -> None:
    """An attachment that declares 10 bytes but is 33.6 MB: the download stops at the
    limit (or before it starts, when the CDN says how long the file is)."""
    fake = server.fake
    real = corpus.NAVO.encode() * (33_600_000 // len(corpus.NAVO.encode()))
    lying = Upload("groot.txt", real, declared_size=10, sized=sized)
    async with run_bot(server.make_bot(ARCHIVARIS_MAX_UPLOAD_MB="1")):
        inter = await fake.invoke_command(
            server.guild, server.chat, server.admin, "upload", attachments={"file": lying}
        )
        reply = (await response_to(fake, inter))["content"]
    expected = (
        "groot.txt: Het bestand is 32,0 MB; de grens is 1,0 MB."
        if sized
        else "groot.txt: Het bestand is groter dan de grens van 1,0 MB."
    )
    assert reply == expected
    [served] = fake.served.values()
    assert served < len(real) // 2, f"{served:,} of {len(real):,} bytes were sent"
    fake.assert_clean()
