"""Discord JSON payloads built from the fake's model.

Shapes follow Discord's API v10 documentation (snowflakes as strings, ISO timestamps, the
fields discord.py reads as required) so discord.py parses them into real objects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import time
from typing import Any
from urllib.parse import quote

from .model import Channel, Guild, Member, Role, User

DISCORD_EPOCH_MS = 1420070400000

MENTION_USER = re.compile(r"<@!?(\d{15,21})>")
MENTION_ROLE = re.compile(r"<@&(\d{15,21})>")
MENTION_EVERYONE = re.compile(r"@(everyone|here)\b")


class Snowflakes:
    """Time-ordered ids, so discord.py's created_at and sorting behave as with real ids."""

    def __init__(self) -> None:
        self._counter = itertools.count()

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (1 << 17) | (next(self._counter) % 4096)


def iso(moment: dt.datetime | None = None) -> str:
    return (moment or dt.datetime.now(dt.UTC)).isoformat()


def user_payload(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": user.avatar,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "collectibles": None,
        "primary_guild": None,
    }
    if user.bot:
        data["bot"] = True
    return data


def client_user_payload(user: User) -> dict[str, Any]:
    """GET /users/@me and READY add account fields that other users never show."""
    return {
        **user_payload(user),
        "verified": True,
        "mfa_enabled": False,
        "locale": "en-US",
        "email": None,
        "premium_type": 0,
        "bio": "",
    }


def member_payload(member: Member, *, with_user: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "roles": [str(r) for r in member.roles],
        "nick": member.nick,
        "avatar": None,
        "banner": None,
        "joined_at": iso(member.joined_at),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user_payload(member.user)
    return data


def role_payload(role: Role) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(role.id),
        "name": role.name,
        "color": role.color,
        "colors": {"primary_color": role.color, "secondary_color": None, "tertiary_color": None},
        "hoist": role.hoist,
        "icon": None,
        "unicode_emoji": None,
        "position": role.position,
        "permissions": str(role.permissions),
        "managed": role.managed,
        "mentionable": role.mentionable,
        "flags": 0,
    }
    if role.bot_id is not None:
        data["tags"] = {"bot_id": str(role.bot_id)}
    return data


def channel_payload(channel: Channel, *, bot_id: int | None = None) -> dict[str, Any]:
    if channel.is_thread:
        return thread_payload(channel, bot_id=bot_id)
    return {
        "id": str(channel.id),
        "type": channel.type,
        "guild_id": str(channel.guild_id),
        "name": channel.name,
        "position": channel.position,
        "permission_overwrites": [
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)}
            for o in channel.overwrites
        ],
        "parent_id": str(channel.parent_id) if channel.parent_id else None,
        "topic": channel.topic,
        "nsfw": False,
        "last_message_id": str(channel.last_message_id) if channel.last_message_id else None,
        "rate_limit_per_user": 0,
        "default_auto_archive_duration": 1440,
        "flags": 0,
    }


def thread_payload(thread: Channel, *, bot_id: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(thread.id),
        "type": thread.type,
        "guild_id": str(thread.guild_id),
        "parent_id": str(thread.parent_id),
        "owner_id": str(thread.owner_id),
        "name": thread.name,
        "last_message_id": str(thread.last_message_id) if thread.last_message_id else None,
        "rate_limit_per_user": 0,
        "message_count": thread.message_count,
        "total_message_sent": thread.message_count,
        "member_count": len(thread.thread_members),
        "flags": 0,
        "thread_metadata": {
            "archived": thread.archived,
            "auto_archive_duration": 1440,
            "archive_timestamp": iso(thread.created_at),
            "locked": thread.locked,
            "invitable": True,
            "create_timestamp": iso(thread.created_at),
        },
    }
    if bot_id is not None and bot_id in thread.thread_members:
        data["member"] = {
            "id": str(thread.id),
            "user_id": str(bot_id),
            "join_timestamp": iso(thread.created_at),
            "flags": 0,
        }
    return data


def guild_create_payload(
    guild: Guild, *, bot_id: int, include_all_members: bool, bot_can_view: set[int]
) -> dict[str, Any]:
    """GUILD_CREATE: without the members intent Discord only sends the bot's own member."""
    members = [m for m in guild.members.values() if include_all_members or m.id == bot_id]
    channels = [c for c in guild.channels.values() if not c.is_thread]
    threads = [c for c in guild.channels.values() if c.is_thread and c.id in bot_can_view]
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": guild.locale,
        "features": [],
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "application_id": None,
        "roles": [role_payload(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "joined_at": iso(guild.joined_at),
        "large": len(guild.members) >= 250,
        "unavailable": False,
        "lazy": True,
        "member_count": len(guild.members),
        "voice_states": [],
        "members": [member_payload(m) for m in members],
        "channels": [channel_payload(c) for c in channels],
        "threads": [thread_payload(t, bot_id=bot_id) for t in threads],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "embedded_activities": [],
    }


def application_payload(app_id: int, name: str, owner: User, flags: int) -> dict[str, Any]:
    return {
        "id": str(app_id),
        "name": name,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "verify_key": hashlib.sha256(str(app_id).encode()).hexdigest(),
        "owner": user_payload(owner),
        "team": None,
        "flags": flags,
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "approximate_guild_count": 1,
        "integration_types_config": {"0": {}},
    }


def signed_cdn_url(base: str, channel_id: int, attachment_id: int, filename: str) -> str:
    """Discord signs CDN links (ex/is/hm); the CDN route checks hm so stale links fail."""
    issued = int(time.time())
    expires = issued + 24 * 3600
    digest = cdn_signature(attachment_id, expires)
    name = quote(filename)
    return (
        f"{base}/attachments/{channel_id}/{attachment_id}/{name}"
        f"?ex={expires:x}&is={issued:x}&hm={digest}&"
    )


def cdn_signature(attachment_id: int, expires: int) -> str:
    return hashlib.sha256(f"{attachment_id}:{expires}".encode()).hexdigest()


def attachment_payload(
    attachment_id: int, filename: str, size: int, url: str, content_type: str | None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(attachment_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url.replace("/attachments/", "/proxy/attachments/"),
    }
    if content_type:
        data["content_type"] = content_type
    return data


def mentioned_user_ids(content: str) -> list[int]:
    return list(dict.fromkeys(int(m) for m in MENTION_USER.findall(content or "")))


def mentioned_role_ids(content: str) -> list[int]:
    return list(dict.fromkeys(int(m) for m in MENTION_ROLE.findall(content or "")))


def strip_for_missing_intent(message: dict[str, Any]) -> dict[str, Any]:
    """What a bot without MESSAGE_CONTENT sees: Discord blanks these fields."""
    stripped = dict(message)
    stripped.update(content="", embeds=[], attachments=[], components=[])
    stripped.pop("poll", None)
    return stripped
