"""The gateway websocket: HELLO, IDENTIFY/RESUME, READY, GUILD_CREATE, heartbeats, dispatch.

Intents are honoured as Discord does (no MESSAGE_CREATE without GUILD_MESSAGES, close 4014
for privileged intents the application has not enabled), and missed events are replayed on
RESUME, so reconnect handling in the bot meets the same protocol as in production.

Sharding as on Discord: a session IDENTIFYs as shard `[id, count]` (none: `[0, 1]`) and
receives the events of the servers with `(server id >> 22) % count == id`, and those of no
server (direct messages) on shard 0. Sessions of several shards, from one bot process or
several, are connected at once; a second IDENTIFY as the same shard replaces the first.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import objects

if TYPE_CHECKING:
    from .server import FakeDiscord

OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_MESSAGE_TYPING = 1 << 11
INTENT_MESSAGE_CONTENT = 1 << 15

PRIVILEGED = {
    "members": INTENT_GUILD_MEMBERS,
    "presences": INTENT_GUILD_PRESENCES,
    "message_content": INTENT_MESSAGE_CONTENT,
}

HEARTBEAT_INTERVAL_MS = 41250

EventBuilder = Callable[["Session"], dict[str, Any] | None]


@dataclass
class Session:
    id: str
    intents: int
    shard: list[int] | None = None
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    compressor: Any = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def has(self, intent: int) -> bool:
        return bool(self.intents & intent)

    @property
    def shard_pair(self) -> tuple[int, int]:
        return (self.shard[0], self.shard[1]) if self.shard else (0, 1)

    def serves(self, guild_id: int | None) -> bool:
        """Does Discord send this session the events of `guild_id` (None: of no server)?"""
        shard_id, count = self.shard_pair
        return shard_id == (0 if guild_id is None else shard_of(guild_id, count))


def shard_of(guild_id: int, count: int) -> int:
    """The shard that receives a server's events, out of `count` (Discord's rule)."""
    return (guild_id >> 22) % count


class Gateway:
    """The bot's sessions, one per shard at a time: a second IDENTIFY as the same shard
    replaces the first, as on Discord."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.current: dict[tuple[int, int], Session] = {}
        self.sessions: dict[str, Session] = {}
        self.identifies = 0
        self.resumes = 0
        self.ready = asyncio.Event()
        self._sockets: set[web.WebSocketResponse] = set()

    @property
    def session(self) -> Session | None:
        """The session of shard 0 (the only one of a bot without shards)."""
        return next((s for pair, s in self.current.items() if pair[0] == 0), None)

    def serving(self, guild_id: int | None) -> list[Session]:
        """The current sessions that receive the events of `guild_id`."""
        return [s for s in self.current.values() if s.serves(guild_id)]

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        compress = request.query.get("compress") == "zlib-stream"
        conn = _Connection(ws, zlib.compressobj() if compress else None)
        if request.query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"Error while decoding payload.")
            return ws
        try:
            await conn.send({"op": OP_HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    break
                await self._receive(conn, json.loads(msg.data))
        finally:
            self._sockets.discard(ws)
            if conn.session is not None and conn.session.ws is ws:
                conn.session.ws = None
        return ws

    async def _receive(self, conn: _Connection, msg: dict[str, Any]) -> None:
        op, data = msg.get("op"), msg.get("d")
        if op == OP_HEARTBEAT:
            await conn.send({"op": OP_HEARTBEAT_ACK})
        elif op == OP_IDENTIFY:
            await self._identify(conn, data or {})
        elif op == OP_RESUME:
            await self._resume(conn, data or {})
        elif op == OP_REQUEST_MEMBERS and conn.session is not None:
            await self._members_chunk(conn.session, data or {})
        elif op == OP_PRESENCE:
            self.fake._log_gateway("presence_update", data or {})
        elif conn.session is None:
            await conn.ws.close(code=4003, message=b"Not authenticated.")

    async def _identify(self, conn: _Connection, data: dict[str, Any]) -> None:
        fake = self.fake
        if data.get("token") != fake.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int):
            await conn.ws.close(code=4013, message=b"Invalid intent(s).")
            return
        allowed = 0
        for name in fake.privileged_intents:
            allowed |= PRIVILEGED[name]
        if intents & sum(PRIVILEGED.values()) & ~allowed:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard = data.get("shard")
        if shard is not None and not _valid_shard(shard):
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return
        self.identifies += 1
        fake._log_gateway("identify", {k: v for k, v in data.items() if k != "token"})
        session = Session(id=secrets.token_hex(16), intents=intents, shard=shard)
        session.ws = conn.ws
        session.compressor = conn.compressor
        conn.session = session
        self.sessions[session.id] = session
        self.current[session.shard_pair] = session
        self.ready.clear()
        await self._dispatch_to(session, "READY", self._ready_payload(session))
        for guild in fake.guilds.values():
            if session.serves(guild.id):
                created = fake._guild_create(guild, session)
                await self._dispatch_to(session, "GUILD_CREATE", created)
        self.ready.set()

    async def _resume(self, conn: _Connection, data: dict[str, Any]) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        if (
            data.get("token") != self.fake.token
            or session is None
            or session is not self.current.get(session.shard_pair)
        ):
            await conn.send({"op": OP_INVALID_SESSION, "d": False})
            return
        self.resumes += 1
        self.fake._log_gateway("resume", {"session_id": session.id, "seq": data.get("seq")})
        session.ws = conn.ws
        session.compressor = conn.compressor
        conn.session = session
        last = int(data.get("seq") or 0)
        async with session.lock:
            for msg in session.sent:
                if msg["s"] > last:
                    await _send_raw(session.ws, session.compressor, msg)
        await self._dispatch_to(session, "RESUMED", {"_trace": ['["gateway-fake",{}]']})

    def _ready_payload(self, session: Session) -> dict[str, Any]:
        fake = self.fake
        data: dict[str, Any] = {
            "v": 10,
            "user": objects.client_user_payload(fake.bot_user),
            "guilds": [
                {"id": str(g), "unavailable": True} for g in fake.guilds if session.serves(g)
            ],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": fake.gateway_url,
            "application": {"id": str(fake.application_id), "flags": fake.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["rotterdam", "frankfurt"],
            "user_settings": {},
            "auth": {},
            "_trace": ['["gateway-fake",{}]'],
        }
        if session.shard is not None:
            data["shard"] = session.shard
        return data

    async def _members_chunk(self, session: Session, data: dict[str, Any]) -> None:
        guild = self.fake.guilds.get(int(data.get("guild_id") or 0))
        if guild is None:
            return
        query = str(data.get("query") or "").lower()
        wanted = {int(u) for u in data.get("user_ids") or []}
        members = [
            m
            for m in guild.members.values()
            if (not wanted or m.id in wanted) and m.user.username.lower().startswith(query)
        ]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunk = {
            "guild_id": str(guild.id),
            "members": [objects.member_payload(m) for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [str(u) for u in wanted - {m.id for m in members}],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def dispatch(
        self, event: str, build: EventBuilder, *, guild_id: int | None, intent: int = 0
    ) -> bool:
        """Send an event of the server `guild_id` (None: of none) to the session of the
        shard that serves it, if that session subscribed to it; queued while it is
        disconnected. Whether any session was sent it."""
        sent = False
        for session in self.serving(guild_id):
            if intent and not session.has(intent):
                continue
            data = build(session)
            if data is not None:
                await self._dispatch_to(session, event, data)
                sent = True
        return sent

    async def _dispatch_to(self, session: Session, event: str, data: dict[str, Any]) -> None:
        async with session.lock:
            session.seq += 1
            msg = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
            session.sent.append(msg)
            if session.ws is not None and not session.ws.closed:
                await _send_raw(session.ws, session.compressor, msg)

    async def request_reconnect(self, shard_id: int = 0) -> None:
        """Op 7, as Discord sends before moving a session to another gateway node."""
        session = next((s for p, s in self.current.items() if p[0] == shard_id), None)
        if session is None or session.ws is None:
            raise RuntimeError("the bot is not connected to the gateway")
        async with session.lock:
            await _send_raw(session.ws, session.compressor, {"op": OP_RECONNECT, "d": None})

    async def close_all(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"fake discord shutting down")


def _valid_shard(shard: Any) -> bool:
    """`[shard_id, num_shards]` with 0 <= shard_id < num_shards, as Discord requires."""
    return (
        isinstance(shard, list)
        and len(shard) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in shard)
        and 0 <= shard[0] < shard[1]
    )


@dataclass
class _Connection:
    ws: web.WebSocketResponse
    compressor: Any
    session: Session | None = None

    async def send(self, msg: dict[str, Any]) -> None:
        if self.session is not None:
            async with self.session.lock:
                await _send_raw(self.ws, self.compressor, msg)
        else:
            await _send_raw(self.ws, self.compressor, msg)


async def _send_raw(ws: web.WebSocketResponse, compressor: Any, msg: dict[str, Any]) -> None:
    """Sending can race with the bot closing the socket; RESUME replays what got lost."""
    if ws.closed:
        return
    text = json.dumps(msg, separators=(",", ":"))
    with contextlib.suppress(ConnectionError, RuntimeError):
        if compressor is None:
            await ws.send_str(text)
        else:
            data = compressor.compress(text.encode()) + compressor.flush(zlib.Z_SYNC_FLUSH)
            await ws.send_bytes(data)
