"""Uploads built to hurt: each is rejected or safely handled, with a reason, and nothing leaks."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

from storage.archive import Archive
from storage.models import ImportLimits, SourceFile, Verdict
from tests.corpus import page


async def upload(archive: Archive, name: str, data: bytes, scope: int = 7) -> list[Verdict]:
    return [v async for v in archive.import_file(SourceFile(name, data), scope=scope)]


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bomb(entries: int, entry_bytes: int) -> bytes:
    """A zip of `entries` files of zeros, compressed once and repeated: MBs in, GBs out."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = compressor.compress(b"\0" * entry_bytes) + compressor.flush()
    crc = zlib.crc32(b"\0" * entry_bytes)
    out, central = io.BytesIO(), io.BytesIO()
    for number in range(entries):
        name = f"nul-{number}.txt".encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0, crc, len(payload), entry_bytes, len(name))
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields, 0) + name + payload)
        central.write(
            struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset)
            + name
        )
    start, size = out.tell(), central.tell()
    out.write(central.getvalue())
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, entries, entries, size, start, 0))
    return out.getvalue()


async def test_zip_bomb_unpacks_nothing(archive: Archive) -> None:
    data = bomb(entries=300, entry_bytes=10 * 1024 * 1024)
    assert len(data) < 4 * 1024 * 1024
    verdicts = await upload(archive, "cadeau.zip", data)
    assert verdicts and all(v.status == "rejected" for v in verdicts)
    assert {v.code for v in verdicts} <= {"zip_bomb", "unpacked_too_large"}
    assert (await archive.stats(scope=7)).articles == 0


async def test_path_tricks_in_a_zip_are_only_names(archive: Archive, tmp_path: Path) -> None:
    data = zip_of(
        {
            "../../buiten.txt": page(["De brug bij Kampen gaat maandag weer open."]).encode(),
            "/etc/passwd.txt": page(
                ["Het gemaal bij Urk draait sinds dinsdag op zonne-energie."]
            ).encode(),
            "C:\\Windows\\win.txt": page(
                ["De haven van Harlingen krijgt een nieuwe kade."]
            ).encode(),
        }
    )
    verdicts = await upload(archive, "paden.zip", data)
    assert [(v.file, v.status) for v in verdicts] == [
        ("buiten.txt", "added"),
        ("passwd.txt", "added"),
        ("win.txt", "added"),
    ]
    assert not (tmp_path.parent / "buiten.txt").exists()


async def test_ten_thousand_entries_are_handled_one_by_one(archive: Archive) -> None:
    entries = {
        f"melding-{n}.txt": page(
            [f"Melding {n}: de sluis bij Terneuzen is om {n} uur dicht."]
        ).encode()
        for n in range(10_000)
    }
    verdicts = await upload(archive, "veel.zip", zip_of(entries))
    assert len(verdicts) == 10_000
    assert {v.status for v in verdicts} == {"added"}
    assert (await archive.stats(scope=7)).articles == 10_000


async def test_too_many_entries_is_one_clear_refusal(tmp_path: Path) -> None:
    archive = await Archive.open(tmp_path / "a.db", ImportLimits(max_zip_entries=100))
    try:
        entries = {
            f"{n}.txt": page([f"Bericht nummer {n} over de dijk."]).encode() for n in range(101)
        }
        [verdict] = await upload(archive, "te-veel.zip", zip_of(entries))
        assert (verdict.code, verdict.count, verdict.limit) == ("too_many_entries", 101, 100)
        assert (await archive.stats(scope=7)).articles == 0
    finally:
        await archive.close()


async def test_nested_zip_and_oversized_file(archive: Archive) -> None:
    inner = zip_of({"binnen.txt": page(["Het veer naar Texel vaart vaker."]).encode()})
    words = random.Random(1).choices(["dijk", "haven", "sluis", "brug", "kade", "veer"], k=500_000)
    big = ("Bron: NOS\n\n" + " ".join(w + str(i % 977) for i, w in enumerate(words))).encode()
    verdicts = await upload(archive, "bundel.zip", zip_of({"binnen.zip": inner, "groot.txt": big}))
    assert sorted((v.file, v.code) for v in verdicts) == [
        ("binnen.zip", "nested_zip"),
        ("groot.txt", "too_large"),
    ]
    [alone] = await upload(archive, "groot.txt", big)
    assert alone.code == "too_large" and alone.size == len(big)


async def test_html_full_of_scripts_keeps_only_the_article(archive: Archive) -> None:
    html = (
        "<html><head><title>Kade</title><script>alert('x')</script></head><body>"
        + "<script>document.write('<p>ingevoegd</p>')</script>" * 200
        + "<nav><a href='/'>Home</a></nav><article><p>De haven van Harlingen krijgt een "
        "nieuwe kade van tweehonderd meter.</p><script>steel()</script></article>"
        "<style>p{color:red}</style><footer>Cookies</footer></body></html>"
    )
    [verdict] = await upload(archive, "pagina.html", html.encode())
    assert verdict.status == "added"
    article = await archive.article(verdict.article_id, scope=7)
    assert article is not None
    assert article.body == ("De haven van Harlingen krijgt een nieuwe kade van tweehonderd meter.",)
    assert not (await archive.search("alert steel ingevoegd document", None)).hits
