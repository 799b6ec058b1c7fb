"""FakeDiscord: the server, its state, and the log of everything the bot did.

World building (world.py) and acting as members (driving.py) are mixed in; this module
holds the state, the log, and what the REST and gateway handlers need.
"""

from __future__ import annotations

import asyncio
import base64
import json
import mimetypes
import re
import secrets
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web

from . import keys, limits, objects
from . import permissions as perms
from .driving import DrivingAPI
from .errors import ApiError, too_large
from .gateway import (
    INTENT_GUILD_MEMBERS,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
    Gateway,
    Session,
)
from .interactions import Interaction
from .messages import gateway_message, is_ephemeral
from .model import Action, Channel, Guild, Member, Role, Upload, User
from .routes import build_app
from .world import WorldAPI

_TOKEN_IN_PATH = re.compile(r"(aW50ZXJhY3Rpb24[\w-]{6})[\w-]+")
_APP_FLAGS = {"presences": 1 << 13, "members": 1 << 15, "message_content": 1 << 19}


@dataclass
class MessageInfo:
    guild_id: int
    channel_id: int
    ephemeral: bool
    interaction_id: int | None = None


def _new_future() -> asyncio.Future[None]:
    return asyncio.get_running_loop().create_future()


@dataclass
class _Waiter:
    future: asyncio.Future[None] = field(default_factory=_new_future)


class FakeDiscord(WorldAPI, DrivingAPI):
    """A Discord API v10 + gateway on 127.0.0.1 that one discord.py bot logs in to, in
    one process or as several, each with shards of its own.

    `privileged_intents` are the toggles in the developer portal: IDENTIFY asking for one that
    is off gets close code 4014, as on Discord. `ack_window` and `followup_window` are the
    3-second and 15-minute interaction limits; `clock` (plus advance_clock) lets tests move
    time instead of sleeping. `shards` is the shard count GET /gateway/bot recommends; the
    bot's processes may connect any shards of any count (gateway.py routes each server's
    events to its shard).
    """

    def __init__(
        self,
        *,
        bot_name: str = "Archivaris",
        owner_name: str = "eigenaar",
        privileged_intents: Iterable[str] = ("members", "presences", "message_content"),
        ack_window: float = 3.0,
        followup_window: float = 15 * 60.0,
        clock: Callable[[], float] = time.monotonic,
        shards: int = 1,
    ) -> None:
        self.ids = objects.Snowflakes()
        self.bot_user = User(self.ids.next(), bot_name, bot=True)
        self.owner = User(self.ids.next(), owner_name, global_name=owner_name.title())
        self.application_id = self.bot_user.id
        encoded = base64.b64encode(str(self.bot_user.id).encode()).decode().rstrip("=")
        self.token = f"{encoded}.GfAkE0.{secrets.token_urlsafe(27)}"
        self.privileged_intents = set(privileged_intents)
        unknown = self.privileged_intents - set(_APP_FLAGS)
        if unknown:
            raise ValueError(f"unknown privileged intents {sorted(unknown)}")
        self.ack_window = ack_window
        self.followup_window = followup_window
        self.clock = clock
        self._clock_offset = 0.0
        self.shards = shards

        self.users: dict[int, User] = {u.id: u for u in (self.bot_user, self.owner)}
        self.guilds: dict[int, Guild] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.message_info: dict[int, MessageInfo] = {}
        self.deleted: dict[int, dict[str, Any]] = {}
        self.files: dict[int, Upload] = {}
        self.served: dict[int, int] = {}
        """Bytes of each attachment the CDN handed to the network, by attachment id."""
        self.nonces: dict[tuple[int, str], int] = {}
        self.commands: dict[int | None, dict[tuple[str, int], dict[str, Any]]] = {}
        self.interactions: dict[int, Interaction] = {}

        self.actions: list[Action] = []
        self.violations: list[str] = []
        self.bot_errors: list[str] = []
        self.unhandled: list[str] = []
        self.requests: list[str] = []
        self._waiters: list[_Waiter] = []

        self.gateway = Gateway(self)
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> FakeDiscord:
        """Listen on a free port of 127.0.0.1; nothing else is ever contacted."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        self._runner = web.AppRunner(build_app(self), shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def gateway_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/gateway"

    @property
    def application_flags(self) -> int:
        return sum(_APP_FLAGS[name] for name in self.privileged_intents)

    def now(self) -> float:
        return self.clock() + self._clock_offset

    def advance_clock(self, seconds: float) -> None:
        """Make the interaction timing rules see `seconds` pass without waiting for them."""
        self._clock_offset += seconds

    # ----------------------------------------------------------------- log and waiting

    def json(self, data: Any, status: int = 200) -> web.Response:
        """Exactly `application/json`: discord.py parses bodies only for that content type."""
        return web.Response(
            status=status,
            body=json.dumps(data).encode(),
            headers={"Content-Type": "application/json"},
        )

    def redact(self, path: str) -> str:
        return _TOKEN_IN_PATH.sub(r"\1…", path)

    def _record(
        self,
        request: web.Request,
        kind: str,
        *,
        payload: Any = None,
        message: dict[str, Any] | None = None,
        files: list[Upload] | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        interaction_id: int | None = None,
        callback_type: int | None = None,
        status: int = 200,
        error: dict[str, Any] | None = None,
    ) -> Action:
        action = Action(
            kind=kind,
            method=request.method,
            path=self.redact(request.path),
            payload=payload if payload is not None else {},
            status=status,
            error=error,
            message=message,
            files=list(files or []),
            guild_id=guild_id,
            channel_id=channel_id,
            interaction_id=interaction_id,
            callback_type=callback_type,
            at=self.now(),
        )
        self.actions.append(action)
        self._wake()
        return action

    def _rejected(self, request: web.Request, kind: str, exc: ApiError) -> None:
        kind = request.get(keys.KIND, kind)
        if exc.violation:
            self._violate(request, exc.describe())
        payload, files = request.get(keys.BODY, ({}, []))
        channel = request.match_info.get("channel_id")
        inter: Interaction | None = request.get(keys.INTERACTION)
        self._record(
            request,
            kind,
            payload=payload,
            files=files,
            status=exc.status,
            error=exc.body(),
            channel_id=int(channel) if channel and channel.isdigit() else None,
            interaction_id=inter.id if inter else None,
            callback_type=(
                payload.get("type")
                if kind == "interaction_callback" and isinstance(payload, dict)
                else None
            ),
        )

    def _violate(self, request: web.Request, text: str) -> None:
        self.violations.append(f"{request.method} {self.redact(request.path)}: {text}")
        self._wake()

    def _check_pings(
        self, request: web.Request, data: dict[str, Any], *, is_reply: bool = False
    ) -> None:
        for risk in limits.ping_risks(data, is_reply=is_reply):
            self._violate(request, f"could ping: {risk}")

    def _log_gateway(self, kind: str, data: dict[str, Any]) -> None:
        self.actions.append(
            Action(kind=kind, method="WS", path="/gateway", payload=data, at=self.now())
        )
        self._wake()

    def _wake(self) -> None:
        for waiter in self._waiters:
            if not waiter.future.done():
                waiter.future.set_result(None)
        self._waiters.clear()

    def mark(self) -> int:
        """A position in the log; pass it as `since` to wait only for later actions."""
        return len(self.actions)

    async def wait_for(
        self,
        predicate: Callable[[Action], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 - a deadline per call reads best in tests
        *,
        since: int = 0,
    ) -> Action:
        """The first logged action (from `since` on) matching predicate, waiting if needed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        checked = since
        while True:
            for action in self.actions[checked:]:
                if predicate(action):
                    return action
            checked = len(self.actions)
            waiter = _Waiter()
            self._waiters.append(waiter)
            remaining = deadline - loop.time()
            try:
                await asyncio.wait_for(waiter.future, max(remaining, 0))
            except TimeoutError:
                raise TimeoutError(self._timeout_report(timeout)) from None

    async def wait_until(
        self,
        condition: Callable[[], Any],
        timeout: float = 10.0,  # noqa: ASYNC109 - a deadline per call reads best in tests
    ) -> Any:
        """Wait until condition() is truthy; rechecked whenever the fake records anything."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (result := condition()):
            waiter = _Waiter()
            self._waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter.future, max(deadline - loop.time(), 0))
            except TimeoutError:
                raise TimeoutError(self._timeout_report(timeout)) from None
        return result

    def _timeout_report(self, timeout: float) -> str:
        recent = "\n  ".join(
            f"{a.kind} {a.method} {a.path} -> {a.status}" for a in self.actions[-10:]
        )
        return (
            f"nothing matched within {timeout}s.\n recent actions:\n  {recent or '-'}"
            f"\n violations: {self.violations or '-'}\n unhandled: {self.unhandled or '-'}"
        )

    def assert_clean(self) -> None:
        """Fail on what Discord would have refused, unknown routes, and errors the bot logged."""
        problems = [f"violation: {v}" for v in self.violations]
        problems += [f"unhandled route: {u}" for u in self.unhandled]
        problems += [f"bot error: {e}" for e in self.bot_errors]
        if problems:
            raise AssertionError("\n".join(problems))

    def actions_for(self, interaction: Interaction) -> list[Action]:
        return [a for a in self.actions if a.interaction_id == interaction.id]

    # ----------------------------------------------------------------- lookups

    def find_channel(self, channel_id: int) -> tuple[Guild, Channel] | None:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild, guild.channels[channel_id]
        return None

    def permissions_for(self, member: Member, channel: Channel) -> int:
        return perms.channel_permissions(self.guilds[channel.guild_id], member, channel)

    def bot_member(self, guild: Guild) -> Member:
        return guild.members[self.bot_user.id]

    def bot_role(self, guild: Guild) -> Role:
        """The managed role Discord created when the bot was invited."""
        return next(r for r in guild.roles.values() if r.bot_id == self.bot_user.id)

    def bot_permissions(self, channel: Channel) -> int:
        guild = self.guilds[channel.guild_id]
        return perms.channel_permissions(guild, self.bot_member(guild), channel)

    def message(self, ref: dict[str, Any] | int) -> dict[str, Any]:
        """The current version of a message (after edits), by payload or id."""
        message_id = int(ref["id"]) if isinstance(ref, dict) else int(ref)
        return self.messages[message_id]

    def messages_in(self, channel: Channel) -> list[dict[str, Any]]:
        return [
            m
            for mid, m in sorted(self.messages.items())
            if self.message_info[mid].channel_id == channel.id
        ]

    def registered_commands(self, guild: Guild | None = None) -> list[dict[str, Any]]:
        return list(self.commands.get(guild.id if guild else None, {}).values())

    # ----------------------------------------------------------------- storage

    def _store_file(self, channel_id: int, upload: Upload) -> dict[str, Any]:
        attachment_id = self.ids.next()
        content_type = upload.content_type
        if not content_type or content_type == "application/octet-stream":
            guessed, _ = mimetypes.guess_type(upload.filename)
            content_type = guessed or content_type
        stored = replace(upload, content_type=content_type)
        self.files[attachment_id] = stored
        url = objects.signed_cdn_url(self.url, channel_id, attachment_id, upload.filename)
        size = len(upload.data) if upload.declared_size is None else upload.declared_size
        data = objects.attachment_payload(attachment_id, upload.filename, size, url, content_type)
        if upload.description:
            data["description"] = upload.description
        return data

    def _check_upload_size(self, guild: Guild, files: list[Upload]) -> None:
        total = sum(len(f.data) for f in files)
        if total > guild.attachment_size_limit:
            raise too_large(
                f"{total} bytes of files; the limit in {guild.name!r} is "
                f"{guild.attachment_size_limit}"
            )

    def _bot_may_read(self, message: dict[str, Any], has_intent: bool) -> bool:
        """Discord's exemptions from the MESSAGE_CONTENT intent: own messages and mentions."""
        if has_intent or int(message["author"]["id"]) == self.bot_user.id:
            return True
        return any(int(u["id"]) == self.bot_user.id for u in message.get("mentions", []))

    def _rest_view(self, message: dict[str, Any]) -> dict[str, Any]:
        if self._bot_may_read(message, "message_content" in self.privileged_intents):
            return message
        return objects.strip_for_missing_intent(message)

    def _message_event(self, guild: Guild, channel: Channel, message: dict[str, Any]):
        def build(session: Session) -> dict[str, Any] | None:
            if not self.bot_permissions(channel) & perms.VIEW_CHANNEL:
                return None
            data = gateway_message(self, message, guild)
            if not self._bot_may_read(message, session.has(INTENT_MESSAGE_CONTENT)):
                data = objects.strip_for_missing_intent(data)
            return data

        return build

    async def _create_message(
        self,
        guild: Guild,
        channel: Channel,
        message: dict[str, Any],
        *,
        interaction: Interaction | None = None,
    ) -> dict[str, Any]:
        message_id = int(message["id"])
        ephemeral = is_ephemeral(message)
        self.messages[message_id] = message
        self.message_info[message_id] = MessageInfo(
            guild.id, channel.id, ephemeral, interaction.id if interaction else None
        )
        if not ephemeral:
            channel.last_message_id = message_id
            if channel.is_thread:
                channel.message_count += 1
            await self.gateway.dispatch(
                "MESSAGE_CREATE",
                self._message_event(guild, channel, message),
                guild_id=guild.id,
                intent=INTENT_GUILD_MESSAGES,
            )
        return message

    async def _update_message(self, guild: Guild, message: dict[str, Any]) -> dict[str, Any]:
        message_id = int(message["id"])
        self.messages[message_id] = message
        if not self.message_info[message_id].ephemeral:
            channel = guild.channels[int(message["channel_id"])]
            await self.gateway.dispatch(
                "MESSAGE_UPDATE",
                self._message_event(guild, channel, message),
                guild_id=guild.id,
                intent=INTENT_GUILD_MESSAGES,
            )
        return message

    async def _delete_message(self, guild: Guild, message: dict[str, Any]) -> None:
        message_id = int(message["id"])
        self.deleted[message_id] = self.messages.pop(message_id)
        info = self.message_info.pop(message_id)
        for reply in self.messages.values():
            if (reply.get("referenced_message") or {}).get("id") == str(message_id):
                reply["referenced_message"] = None  # the reference itself stays, as on Discord
        if not info.ephemeral:
            event = {
                "id": str(message_id),
                "channel_id": message["channel_id"],
                "guild_id": str(guild.id),
            }
            await self.gateway.dispatch(
                "MESSAGE_DELETE", lambda _s: event, guild_id=guild.id, intent=INTENT_GUILD_MESSAGES
            )

    def _guild_create(self, guild: Guild, session: Session) -> dict[str, Any]:
        visible = {
            c.id
            for c in guild.channels.values()
            if c.is_thread and self.bot_permissions(c) & perms.VIEW_CHANNEL
        }
        return objects.guild_create_payload(
            guild,
            bot_id=self.bot_user.id,
            include_all_members=session.has(INTENT_GUILD_MEMBERS),
            bot_can_view=visible,
        )
