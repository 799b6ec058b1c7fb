"""The fake's world: users, guilds, channels and what the bot did to them.

Plain dataclasses with int ids; objects.py turns them into Discord's JSON shapes. Messages
are kept as Discord payload dicts instead, because that is what the bot sends and receives.
World objects compare by identity so tests can use them as dict keys (e.g. overwrites).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CHANNEL_TEXT = 0
CHANNEL_CATEGORY = 4
THREAD_PUBLIC = 11
THREAD_PRIVATE = 12

OVERWRITE_ROLE = 0
OVERWRITE_MEMBER = 1


@dataclass(eq=False)
class User:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    avatar: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass(eq=False)
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False
    bot_id: int | None = None
    mentionable: bool = False
    hoist: bool = False
    color: int = 0

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"


@dataclass
class Overwrite:
    id: int
    type: int
    allow: int = 0
    deny: int = 0


@dataclass(eq=False)
class Channel:
    """A text channel or a thread; threads point at their text channel through parent_id."""

    id: int
    guild_id: int
    name: str
    type: int = CHANNEL_TEXT
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    overwrites: list[Overwrite] = field(default_factory=list)
    owner_id: int | None = None
    archived: bool = False
    locked: bool = False
    thread_members: set[int] = field(default_factory=set)
    message_count: int = 0
    last_message_id: int | None = None
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def is_thread(self) -> bool:
        return self.type in (THREAD_PUBLIC, THREAD_PRIVATE)

    @property
    def is_private_thread(self) -> bool:
        return self.type == THREAD_PRIVATE

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"


@dataclass(eq=False)
class Member:
    user: User
    guild_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class CommandOverride:
    """One row of Server Settings > Integrations: allow or deny a role, member or channel."""

    id: int
    type: int
    permission: bool


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    locale: str = "nl"
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    command_overrides: dict[int, list[CommandOverride]] = field(default_factory=dict)
    joined_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    attachment_size_limit: int = 10 * 1024 * 1024

    @property
    def everyone_role(self) -> Role:
        return self.roles[self.id]


@dataclass
class Upload:
    """A file: what a member attaches, or what the bot uploaded in a multipart body.

    A test can make an attachment lie: `declared_size` is the size its attachment object
    states (and the one Discord checked against the server's limit), and without `sized`
    the CDN serves it without saying how long it is (no Content-Length).
    """

    filename: str
    data: bytes
    content_type: str | None = None
    description: str | None = None
    declared_size: int | None = None
    sized: bool = True


@dataclass
class Action:
    """One thing the bot asked Discord to do, whether Discord accepted it or not.

    `payload` is the JSON the bot sent (payload_json for multipart bodies); `message` is the
    message as the fake stored it afterwards. Rejected requests have `status` >= 400 and the
    error body in `error`, so a test can wait for a failure as easily as for a success.
    """

    kind: str
    method: str
    path: str
    payload: dict[str, Any] = field(default_factory=dict)
    status: int = 200
    error: dict[str, Any] | None = None
    message: dict[str, Any] | None = None
    files: list[Upload] = field(default_factory=list)
    guild_id: int | None = None
    channel_id: int | None = None
    interaction_id: int | None = None
    callback_type: int | None = None
    at: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status < 400

    @property
    def data(self) -> dict[str, Any]:
        """The message-ish part of the body; interaction callbacks nest it under "data"."""
        if self.kind == "interaction_callback":
            return self.payload.get("data") or {}
        return self.payload

    @property
    def content(self) -> str | None:
        return self.data.get("content")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.data.get("embeds") or []

    @property
    def components(self) -> list[dict[str, Any]]:
        return self.data.get("components") or []

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        return self.data.get("allowed_mentions")

    @property
    def message_reference(self) -> dict[str, Any] | None:
        return self.data.get("message_reference")

    @property
    def flags(self) -> int:
        return int(self.data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        """From the stored message when there is one: a follow-up inherits a deferral's flag."""
        flags = int(self.message.get("flags") or 0) if self.message else self.flags
        return bool(flags & 64)
