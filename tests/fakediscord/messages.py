"""Turning what the bot sent into stored messages, and stored messages into gateway events.

Shared by channel messages and interaction responses, which Discord stores the same way.
"""

from __future__ import annotations

import copy
import datetime as dt
import mimetypes
from typing import TYPE_CHECKING, Any

from . import objects
from . import permissions as perms
from .limits import (
    FLAG_COMPONENTS_V2,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    FLAG_SUPPRESS_EMBEDS,
    FLAG_SUPPRESS_NOTIFICATIONS,
)
from .model import Channel, Guild, Upload, User

if TYPE_CHECKING:
    from .server import FakeDiscord

_SETTABLE_FLAGS = FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2


def store_uploads(
    fake: FakeDiscord, channel: Channel, uploads: list[Upload], described: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Put uploaded files on the fake CDN; `described` is payload_json's attachments list."""
    by_index = {str(a.get("id")): a for a in described if isinstance(a, dict)}
    result = []
    for index, upload in enumerate(uploads):
        meta = by_index.get(str(index), {})
        filename = meta.get("filename") or upload.filename
        content_type = _guess_type(filename, upload.content_type)
        stored = Upload(filename, upload.data, content_type, meta.get("description"))
        result.append(fake._store_file(channel.id, stored))
    return result


def _guess_type(filename: str, declared: str | None) -> str | None:
    """Discord sniffs the type instead of trusting discord.py's application/octet-stream."""
    guessed, _ = mimetypes.guess_type(filename)
    if guessed and guessed.startswith("text/"):
        return f"{guessed}; charset=utf-8"
    return guessed or (declared if declared != "application/octet-stream" else None)


def normalize_embeds(embeds: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"type": "rich", **copy.deepcopy(e)} for e in embeds or []]


def normalize_components(components: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Discord numbers every component it stores; discord.py reads the ids back."""
    result = copy.deepcopy(components or [])
    counter = 0

    def walk(items: list[dict[str, Any]]) -> None:
        nonlocal counter
        for item in items:
            counter += 1
            item.setdefault("id", counter)
            if item.get("components"):
                walk(item["components"])
            if isinstance(item.get("accessory"), dict):
                walk([item["accessory"]])

    walk(result)
    return result


def pinged(
    fake: FakeDiscord,
    guild: Guild,
    content: str,
    allowed: dict[str, Any] | None,
    author_perms: int,
) -> tuple[list[dict[str, Any]], list[str], bool]:
    """Who Discord would notify: the `mentions`, `mention_roles` and `mention_everyone` fields."""
    parse = set(["users", "roles", "everyone"] if allowed is None else allowed.get("parse") or [])
    explicit_users = {int(u) for u in (allowed or {}).get("users") or []}
    explicit_roles = {int(r) for r in (allowed or {}).get("roles") or []}
    users = [
        objects.user_payload(fake.users[uid])
        for uid in objects.mentioned_user_ids(content)
        if uid in fake.users and ("users" in parse or uid in explicit_users)
    ]
    roles = [
        str(rid)
        for rid in objects.mentioned_role_ids(content)
        if rid in guild.roles and ("roles" in parse or rid in explicit_roles)
    ]
    everyone = bool(
        objects.MENTION_EVERYONE.search(content)
        and "everyone" in parse
        and author_perms & perms.MENTION_EVERYONE
    )
    return users, roles, everyone


def bot_message(
    fake: FakeDiscord,
    *,
    guild: Guild,
    channel: Channel,
    data: dict[str, Any],
    attachments: list[dict[str, Any]],
    author: User,
    msg_type: int = 0,
    flags: int = 0,
    interaction: dict[str, Any] | None = None,
    referenced: dict[str, Any] | None = None,
) -> dict[str, Any]:
    content = str(data.get("content") or "")
    bot_perms = fake.bot_permissions(channel)
    users, roles, everyone = pinged(fake, guild, content, data.get("allowed_mentions"), bot_perms)
    if referenced is not None:
        allowed = data.get("allowed_mentions")
        if allowed is None or allowed.get("replied_user"):
            replied = referenced["author"]
            if all(u["id"] != replied["id"] for u in users):
                users.append(replied)
    message: dict[str, Any] = {
        "id": str(fake.ids.next()),
        "type": msg_type,
        "channel_id": str(channel.id),
        "author": objects.user_payload(author),
        "content": content,
        "timestamp": objects.iso(),
        "edited_timestamp": None,
        "tts": bool(data.get("tts")),
        "mention_everyone": everyone,
        "mentions": users,
        "mention_roles": roles,
        "attachments": attachments,
        "embeds": normalize_embeds(data.get("embeds")),
        "components": normalize_components(data.get("components")),
        "pinned": False,
        "flags": (int(data.get("flags") or 0) & _SETTABLE_FLAGS) | flags,
    }
    if data.get("nonce") is not None:
        message["nonce"] = data["nonce"]
    if data.get("poll"):
        message["poll"] = data["poll"]
    if referenced is not None:
        message["message_reference"] = {
            "type": 0,
            "message_id": referenced["id"],
            "channel_id": referenced["channel_id"],
            "guild_id": str(guild.id),
        }
        message["referenced_message"] = referenced
    if interaction is not None:
        message["webhook_id"] = str(fake.application_id)
        message["application_id"] = str(fake.application_id)
        message["interaction_metadata"] = interaction
    if channel.is_thread:
        message["position"] = channel.message_count
    return message


def apply_edit(
    message: dict[str, Any],
    data: dict[str, Any],
    new_attachments: list[dict[str, Any]],
    *,
    finishing_defer: bool = False,
) -> dict[str, Any]:
    """Discord's PATCH semantics: absent keys stay, present keys replace (None clears)."""
    edited = copy.deepcopy(message)
    if "content" in data:
        edited["content"] = data["content"] or ""
    if "embeds" in data:
        edited["embeds"] = normalize_embeds(data["embeds"])
    if "components" in data:
        edited["components"] = normalize_components(data["components"])
    if data.get("flags") is not None:
        keep = edited["flags"] & ~FLAG_SUPPRESS_EMBEDS
        edited["flags"] = keep | (int(data["flags"]) & FLAG_SUPPRESS_EMBEDS)
    if "attachments" in data:
        keep_ids = {str(a.get("id")) for a in data["attachments"] or [] if isinstance(a, dict)}
        edited["attachments"] = [a for a in edited["attachments"] if a["id"] in keep_ids]
    edited["attachments"] = [*edited["attachments"], *new_attachments]
    if finishing_defer:
        edited["flags"] &= ~FLAG_LOADING
    else:
        edited["edited_timestamp"] = dt.datetime.now(dt.UTC).isoformat()
    return edited


def gateway_message(fake: FakeDiscord, message: dict[str, Any], guild: Guild) -> dict[str, Any]:
    """MESSAGE_CREATE/UPDATE carry guild_id, the author's member and members of mentions."""
    data = copy.deepcopy(message)
    data["guild_id"] = str(guild.id)
    author = guild.members.get(int(message["author"]["id"]))
    if author is not None and not message.get("webhook_id"):
        data["member"] = objects.member_payload(author, with_user=False)
    for mention in data.get("mentions", []):
        member = guild.members.get(int(mention["id"]))
        if member is not None:
            mention["member"] = objects.member_payload(member, with_user=False)
    return data


def is_ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)
