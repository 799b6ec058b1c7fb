"""Typed keys for what handlers keep on the aiohttp app and request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .interactions import Interaction
    from .server import FakeDiscord

FAKE: web.AppKey[FakeDiscord] = web.AppKey("fake")
BODY: web.RequestKey[tuple[Any, list[Any]]] = web.RequestKey("body")
INTERACTION: web.RequestKey[Interaction] = web.RequestKey("interaction")
KIND: web.RequestKey[str] = web.RequestKey("kind")
