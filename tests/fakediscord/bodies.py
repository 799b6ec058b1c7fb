"""Request bodies as discord.py sends them: JSON, or multipart with payload_json + files[n]."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from . import keys
from .errors import bad_request
from .model import Upload


async def read_body(request: web.Request) -> tuple[Any, list[Upload]]:
    """Parse once and keep the result on the request so the error middleware can log it."""
    if keys.BODY in request:
        return request[keys.BODY]
    files: list[Upload] = []
    payload: Any = {}
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            name = getattr(part, "name", None)
            raw = await part.read()  # type: ignore[union-attr]
            if name == "payload_json":
                payload = _loads(raw)
            elif name and name.startswith("files["):
                ctype = part.headers.get("Content-Type")  # type: ignore[union-attr]
                filename = getattr(part, "filename", None) or name
                files.append(Upload(filename=filename, data=bytes(raw), content_type=ctype))
    else:
        raw = await request.read()
        if raw:
            payload = _loads(raw)
    request[keys.BODY] = (payload, files)
    return payload, files


def _loads(raw: bytes | bytearray) -> Any:
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise bad_request(str(exc)) from None
