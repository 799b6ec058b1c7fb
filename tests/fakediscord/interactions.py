"""Interactions: INTERACTION_CREATE payloads, the callback endpoint and the follow-up webhook.

Discord's timing rules live here: a callback must arrive within 3 seconds of dispatch and only
once; the webhook token works only after that and for 15 minutes. The windows come from
FakeDiscord (ack_window, followup_window) and its injectable clock.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import errors, keys, limits, objects
from .bodies import read_body
from .messages import apply_edit, bot_message, is_ephemeral, store_uploads
from .model import Channel, Guild, Member

if TYPE_CHECKING:
    from .server import FakeDiscord

PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5

CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9

_ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {
        CHANNEL_MESSAGE,
        DEFERRED_CHANNEL_MESSAGE,
        DEFERRED_UPDATE_MESSAGE,
        UPDATE_MESSAGE,
        MODAL,
    },
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {
        CHANNEL_MESSAGE,
        DEFERRED_CHANNEL_MESSAGE,
        DEFERRED_UPDATE_MESSAGE,
        UPDATE_MESSAGE,
    },
}


_WEBHOOK_VERBS = {"GET": "get", "PATCH": "edit", "DELETE": "delete"}


@dataclass
class Interaction:
    """What the fake remembers about one dispatched interaction."""

    id: int
    token: str
    type: int
    guild_id: int
    channel_id: int
    user_id: int
    dispatched_at: float
    payload: dict[str, Any] = field(default_factory=dict)
    name: str | None = None
    custom_id: str | None = None
    message_id: int | None = None
    acknowledged_at: float | None = None
    callback_type: int | None = None
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    loading: bool = False


def new_interaction(
    fake: FakeDiscord,
    *,
    kind: int,
    guild: Guild,
    channel: Channel,
    member: Member,
    data: dict[str, Any],
    locale: str,
    message: dict[str, Any] | None = None,
) -> Interaction:
    inter = Interaction(
        id=fake.ids.next(),
        token="aW50ZXJhY3Rpb24" + secrets.token_urlsafe(96),
        type=kind,
        guild_id=guild.id,
        channel_id=channel.id,
        user_id=member.id,
        dispatched_at=0.0,
        name=data.get("name"),
        custom_id=data.get("custom_id"),
        message_id=int(message["id"]) if message else None,
    )
    perms_in_channel = fake.permissions_for(member, channel)
    member_data = objects.member_payload(member)
    member_data["permissions"] = str(perms_in_channel)
    payload: dict[str, Any] = {
        "id": str(inter.id),
        "application_id": str(fake.application_id),
        "type": kind,
        "data": data,
        "guild": {"id": str(guild.id), "locale": guild.locale, "features": []},
        "guild_id": str(guild.id),
        "guild_locale": guild.locale,
        "channel": objects.channel_payload(channel, bot_id=fake.bot_user.id),
        "channel_id": str(channel.id),
        "member": member_data,
        "token": inter.token,
        "version": 1,
        "app_permissions": str(fake.bot_permissions(channel)),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": guild.attachment_size_limit,
    }
    if message is not None:
        payload["message"] = message
    inter.payload = payload
    return inter


def _metadata(fake: FakeDiscord, inter: Interaction) -> dict[str, Any]:
    user = fake.users[inter.user_id]
    meta: dict[str, Any] = {
        "id": str(inter.id),
        "type": inter.type,
        "user": objects.user_payload(user),
        "authorizing_integration_owners": {"0": str(inter.guild_id)},
    }
    if inter.type == APPLICATION_COMMAND:
        meta["name"] = inter.name
        meta["command_type"] = 1
    if inter.message_id is not None:
        meta["interacted_message_id"] = str(inter.message_id)
    return meta


def _lookup(fake: FakeDiscord, request: web.Request) -> Interaction:
    inter = fake.interactions.get(int(request.match_info["interaction_id"]))
    if inter is None or inter.token != request.match_info["token"]:
        raise errors.unknown_interaction("no interaction with that id and token")
    request[keys.INTERACTION] = inter
    return inter


def _by_token(fake: FakeDiscord, request: web.Request) -> Interaction:
    if int(request.match_info["app_id"]) != fake.application_id:
        raise errors.unknown_webhook("webhook id is not the application id")
    token = request.match_info["token"]
    inter = next((i for i in fake.interactions.values() if i.token == token), None)
    if inter is None:
        raise errors.unknown_webhook("no interaction has that token")
    request[keys.INTERACTION] = inter
    if inter.callback_type is None:
        raise errors.unknown_webhook(
            "the interaction was never acknowledged, so its webhook does not exist yet"
        )
    age = fake.now() - inter.dispatched_at
    if age > fake.followup_window:
        raise errors.invalid_webhook_token(
            f"used {age:.0f}s after the interaction; tokens last {fake.followup_window:.0f}s"
        )
    return inter


def _validate_message(
    data: dict[str, Any], file_count: int, prefix: tuple[str | int, ...] = ()
) -> None:
    problems = limits.check_message(data, file_count=file_count)
    if problems:
        raise errors.invalid_form_body(problems, prefix)


async def callback(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    inter = _lookup(fake, request)
    body, files = await read_body(request)
    now = fake.now()
    if inter.callback_type is not None:
        raise errors.already_acknowledged()
    waited = now - inter.dispatched_at
    if waited > fake.ack_window:
        raise errors.unknown_interaction(
            f"callback {waited:.2f}s after dispatch; Discord allows {fake.ack_window:.0f}s"
        )
    kind = body.get("type") if isinstance(body, dict) else None
    if kind not in _ALLOWED_CALLBACKS.get(inter.type, set()):
        raise errors.invalid_callback_type(
            f"callback type {kind} is not valid for interaction type {inter.type}"
        )
    data = body.get("data") or {}
    guild = fake.guilds[inter.guild_id]
    channel = guild.channels[inter.channel_id]
    resource: dict[str, Any] | None = None
    if kind in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
        _validate_message(data, len(files), ("data",))
        fake._check_upload_size(guild, files)
    if kind == MODAL:
        problems = limits.check_modal(data)
        if problems:
            raise errors.invalid_form_body(problems, ("data",))
    if kind == CHANNEL_MESSAGE:
        attachments = store_uploads(fake, channel, files, data.get("attachments") or [])
        message = bot_message(
            fake,
            guild=guild,
            channel=channel,
            data=data,
            attachments=attachments,
            author=fake.bot_user,
            msg_type=20 if inter.type == APPLICATION_COMMAND else 0,
            flags=int(data.get("flags") or 0) & limits.FLAG_EPHEMERAL,
            interaction=_metadata(fake, inter),
        )
        if limits.is_empty(message):
            raise errors.empty_message()
        _interaction_field(message, inter, fake)
        fake._check_pings(request, data)
        resource = await fake._create_message(guild, channel, message, interaction=inter)
        inter.original_id = int(message["id"])
    elif kind == DEFERRED_CHANNEL_MESSAGE:
        ephemeral = int(data.get("flags") or 0) & limits.FLAG_EPHEMERAL
        message = bot_message(
            fake,
            guild=guild,
            channel=channel,
            data={},
            attachments=[],
            author=fake.bot_user,
            msg_type=20 if inter.type == APPLICATION_COMMAND else 0,
            flags=limits.FLAG_LOADING | ephemeral,
            interaction=_metadata(fake, inter),
        )
        _interaction_field(message, inter, fake)
        resource = await fake._create_message(guild, channel, message, interaction=inter)
        inter.original_id = int(message["id"])
        inter.loading = True
    elif kind == UPDATE_MESSAGE:
        target = fake.messages.get(int(inter.message_id or 0))
        if target is None:
            raise errors.unknown_message()
        attachments = store_uploads(fake, channel, files, data.get("attachments") or [])
        edited = apply_edit(target, data, attachments)
        if limits.is_empty(edited):
            raise errors.empty_message()
        fake._check_pings(request, data)
        resource = await fake._update_message(guild, edited)
    inter.callback_type = kind
    inter.acknowledged_at = now
    fake._record(
        request,
        "interaction_callback",
        payload=body,
        message=resource,
        files=files,
        interaction_id=inter.id,
        callback_type=kind,
        guild_id=guild.id,
        channel_id=channel.id,
    )
    if request.query.get("with_response") not in ("1", "true", "True"):
        return web.Response(status=204)
    answer: dict[str, Any] = {
        "interaction": {
            "id": str(inter.id),
            "type": inter.type,
            "response_message_id": str(resource["id"]) if resource else None,
            "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(resource and is_ephemeral(resource)),
        }
    }
    if resource is not None:
        answer["resource"] = {"type": kind, "message": resource}
    elif kind in (DEFERRED_UPDATE_MESSAGE, MODAL, AUTOCOMPLETE_RESULT):
        answer["resource"] = {"type": kind}
    return fake.json(answer)


def _interaction_field(message: dict[str, Any], inter: Interaction, fake: FakeDiscord) -> None:
    """The deprecated `interaction` object that discord.py still reads for slash responses."""
    if inter.type == APPLICATION_COMMAND:
        message["interaction"] = {
            "id": str(inter.id),
            "type": inter.type,
            "name": inter.name,
            "user": objects.user_payload(fake.users[inter.user_id]),
        }


async def followup(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    inter = _by_token(fake, request)
    body, files = await read_body(request)
    guild = fake.guilds[inter.guild_id]
    channel = guild.channels[inter.channel_id]
    _validate_message(body, len(files))
    fake._check_upload_size(guild, files)
    attachments = store_uploads(fake, channel, files, body.get("attachments") or [])
    original = fake.messages.get(int(inter.original_id or 0))
    if inter.loading and original is not None:
        message = apply_edit(original, body, attachments, finishing_defer=True)
        if limits.is_empty(message):
            raise errors.empty_message()
        fake._check_pings(request, body)
        message = await fake._update_message(guild, message)
        inter.loading = False
    else:
        message = bot_message(
            fake,
            guild=guild,
            channel=channel,
            data=body,
            attachments=attachments,
            author=fake.bot_user,
            msg_type=20 if inter.type == APPLICATION_COMMAND else 0,
            flags=int(body.get("flags") or 0) & limits.FLAG_EPHEMERAL,
            interaction=_metadata(fake, inter),
        )
        if limits.is_empty(message):
            raise errors.empty_message()
        fake._check_pings(request, body)
        message = await fake._create_message(guild, channel, message, interaction=inter)
        inter.followup_ids.append(int(message["id"]))
    fake._record(
        request,
        "followup",
        payload=body,
        message=message,
        files=files,
        interaction_id=inter.id,
        guild_id=guild.id,
        channel_id=channel.id,
    )
    if request.query.get("wait") in ("1", "true", "True"):
        return fake.json(message)
    return web.Response(status=204)


def _target(fake: FakeDiscord, inter: Interaction, request: web.Request) -> dict[str, Any]:
    raw = request.match_info["message_id"]
    if raw == "@original":
        message_id = inter.original_id
        if message_id is None and inter.callback_type in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            message_id = inter.message_id
    else:
        message_id = int(raw)
        if message_id not in (inter.original_id, *inter.followup_ids):
            message_id = None
    message = fake.messages.get(int(message_id or 0))
    if message is None:
        raise errors.unknown_message()
    return message


async def webhook_message(request: web.Request) -> web.Response:
    """GET, PATCH and DELETE of @original or a follow-up, via the interaction token."""
    fake = request.app[keys.FAKE]
    which = "original" if request.match_info["message_id"] == "@original" else "followup"
    kind = f"{which}_{_WEBHOOK_VERBS[request.method]}"
    request[keys.KIND] = kind
    inter = _by_token(fake, request)
    message = _target(fake, inter, request)
    guild = fake.guilds[inter.guild_id]
    if request.method == "GET":
        return fake.json(message)
    if request.method == "DELETE":
        await fake._delete_message(guild, message)
        fake._record(request, kind, payload={}, interaction_id=inter.id, guild_id=guild.id)
        return web.Response(status=204)
    body, files = await read_body(request)
    channel = guild.channels[int(message["channel_id"])]
    _validate_message(body, len(files))
    fake._check_upload_size(guild, files)
    attachments = store_uploads(fake, channel, files, body.get("attachments") or [])
    finishing = inter.loading and int(message["id"]) == inter.original_id
    edited = apply_edit(message, body, attachments, finishing_defer=finishing)
    if limits.is_empty(edited):
        raise errors.empty_message()
    fake._check_pings(request, body)
    edited = await fake._update_message(guild, edited)
    if finishing:
        inter.loading = False
    fake._record(
        request,
        kind,
        payload=body,
        message=edited,
        files=files,
        interaction_id=inter.id,
        guild_id=guild.id,
        channel_id=channel.id,
    )
    return fake.json(edited)
