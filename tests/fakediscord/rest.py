"""REST routes for the bot user: identity, guild lookups, channel messages, typing, reactions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import errors, keys, limits, objects
from . import permissions as perms
from .bodies import read_body
from .errors import FormError
from .messages import apply_edit, bot_message, store_uploads

if TYPE_CHECKING:
    from .model import Channel, Guild
    from .server import FakeDiscord

# The CDN sends an attachment in pieces of this size, counting what it handed over.
CDN_CHUNK = 64 * 1024


def _fake(request: web.Request) -> FakeDiscord:
    return request.app[keys.FAKE]


async def get_me(request: web.Request) -> web.Response:
    fake = _fake(request)
    return fake.json(objects.client_user_payload(fake.bot_user))


async def get_user(request: web.Request) -> web.Response:
    fake = _fake(request)
    user = fake.users.get(int(request.match_info["user_id"]))
    if user is None:
        raise errors.unknown_user()
    return fake.json(objects.user_payload(user))


async def get_application(request: web.Request) -> web.Response:
    fake = _fake(request)
    return fake.json(
        objects.application_payload(
            fake.application_id, fake.bot_user.username, fake.owner, fake.application_flags
        )
    )


async def get_gateway(request: web.Request) -> web.Response:
    fake = _fake(request)
    data: dict[str, Any] = {"url": fake.gateway_url}
    if request.path.endswith("/bot"):
        data["shards"] = fake.shards
        data["session_start_limit"] = {
            "total": 1000,
            "remaining": 999,
            "reset_after": 86_400_000,
            "max_concurrency": 1,
        }
    return fake.json(data)


def _guild(fake: FakeDiscord, request: web.Request) -> Guild:
    guild = fake.guilds.get(int(request.match_info["guild_id"]))
    if guild is None or fake.bot_user.id not in guild.members:
        raise errors.unknown_guild(violation=False)
    return guild


async def get_guild(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild = _guild(fake, request)
    data = objects.guild_create_payload(
        guild, bot_id=fake.bot_user.id, include_all_members=False, bot_can_view=set()
    )
    for key in ("members", "channels", "threads", "voice_states", "presences", "joined_at"):
        data.pop(key, None)
    data["approximate_member_count"] = len(guild.members)
    return fake.json(data)


async def get_guild_channels(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild = _guild(fake, request)
    return fake.json(
        [objects.channel_payload(c) for c in guild.channels.values() if not c.is_thread]
    )


async def get_guild_roles(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild = _guild(fake, request)
    return fake.json([objects.role_payload(r) for r in guild.roles.values()])


async def get_guild_member(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild = _guild(fake, request)
    member = guild.members.get(int(request.match_info["user_id"]))
    if member is None:
        raise errors.unknown_member()
    return fake.json(objects.member_payload(member))


async def list_guild_members(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild = _guild(fake, request)
    if "members" not in fake.privileged_intents:
        raise errors.missing_access("listing members needs the GUILD_MEMBERS privileged intent")
    limit = int(request.query.get("limit", "1"))
    after = int(request.query.get("after", "0"))
    members = sorted((m for m in guild.members.values() if m.id > after), key=lambda m: m.id)
    return fake.json([objects.member_payload(m) for m in members[:limit]])


def _channel(fake: FakeDiscord, request: web.Request) -> tuple[Guild, Channel]:
    found = fake.find_channel(int(request.match_info["channel_id"]))
    if found is None:
        raise errors.unknown_channel()
    return found


def _require(fake: FakeDiscord, channel: Channel, needed: int, what: str) -> int:
    have = fake.bot_permissions(channel)
    if not have & perms.VIEW_CHANNEL:
        raise errors.missing_access(f"the bot cannot see #{channel.name}")
    missing = needed & ~have
    if missing:
        raise errors.missing_permissions(
            f"{what} in #{channel.name} needs {', '.join(perms.names(missing))}"
        )
    return have


async def get_channel(request: web.Request) -> web.Response:
    fake = _fake(request)
    _, channel = _channel(fake, request)
    _require(fake, channel, perms.VIEW_CHANNEL, "reading the channel")
    return fake.json(objects.channel_payload(channel, bot_id=fake.bot_user.id))


def _send_permission(channel: Channel) -> int:
    return perms.SEND_MESSAGES_IN_THREADS if channel.is_thread else perms.SEND_MESSAGES


async def create_message(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild, channel = _channel(fake, request)
    body, files = await read_body(request)
    needed = perms.VIEW_CHANNEL | _send_permission(channel)
    if files:
        needed |= perms.ATTACH_FILES
    if body.get("message_reference"):
        needed |= perms.READ_MESSAGE_HISTORY
    have = _require(fake, channel, needed, "sending a message")
    if channel.is_thread and channel.archived:
        if channel.locked and not have & perms.MANAGE_THREADS:
            raise errors.thread_archived()
        channel.archived = False
    problems = limits.check_message(body, file_count=len(files))
    referenced = _referenced(fake, channel, body.get("message_reference"), problems)
    if problems:
        raise errors.invalid_form_body(problems)
    fake._check_upload_size(guild, files)
    nonce = body.get("nonce")
    if nonce is not None and body.get("enforce_nonce") and (channel.id, str(nonce)) in fake.nonces:
        return fake.json(fake.messages[fake.nonces[(channel.id, str(nonce))]])
    data = dict(body)
    if data.get("embeds") and not have & perms.EMBED_LINKS:
        fake._violate(
            request, f"embeds silently dropped: the bot lacks EMBED_LINKS in #{channel.name}"
        )
        data["embeds"] = []
    attachments = store_uploads(fake, channel, files, body.get("attachments") or [])
    message = bot_message(
        fake,
        guild=guild,
        channel=channel,
        data=data,
        attachments=attachments,
        author=fake.bot_user,
        msg_type=19 if referenced is not None else 0,
        referenced=referenced,
    )
    if limits.is_empty(message) and not body.get("embeds") and not body.get("sticker_ids"):
        raise errors.empty_message()
    fake._check_pings(request, body, is_reply=referenced is not None)
    message = await fake._create_message(guild, channel, message)
    if nonce is not None:
        fake.nonces[(channel.id, str(nonce))] = int(message["id"])
    fake._record(
        request,
        "message_create",
        payload=body,
        message=message,
        files=files,
        guild_id=guild.id,
        channel_id=channel.id,
    )
    return fake.json(message)


def _referenced(
    fake: FakeDiscord, channel: Channel, reference: Any, problems: list[FormError]
) -> dict[str, Any] | None:
    if not reference:
        return None
    if int(reference.get("type") or 0) != 0:
        return None
    target = fake.messages.get(int(reference.get("message_id") or 0))
    same_channel = target is not None and int(target["channel_id"]) == channel.id
    if same_channel and not fake.message_info[int(target["id"])].ephemeral:
        return target
    if reference.get("fail_if_not_exists") is False:
        return None
    problems.append(
        FormError(("message_reference",), "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
    )
    return None


def _message(fake: FakeDiscord, channel: Channel, request: web.Request) -> dict[str, Any]:
    message = fake.messages.get(int(request.match_info["message_id"]))
    info = fake.message_info.get(int(request.match_info["message_id"]))
    if message is None or info is None or info.channel_id != channel.id or info.ephemeral:
        raise errors.unknown_message(violation=request.method != "GET")
    return message


async def edit_message(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild, channel = _channel(fake, request)
    _require(fake, channel, perms.VIEW_CHANNEL, "editing a message")
    message = _message(fake, channel, request)
    if int(message["author"]["id"]) != fake.bot_user.id:
        raise errors.cannot_edit_others()
    body, files = await read_body(request)
    problems = limits.check_message(body, file_count=len(files))
    if problems:
        raise errors.invalid_form_body(problems)
    fake._check_upload_size(guild, files)
    attachments = store_uploads(fake, channel, files, body.get("attachments") or [])
    edited = apply_edit(message, body, attachments)
    if limits.is_empty(edited):
        raise errors.empty_message()
    fake._check_pings(request, body)
    edited = await fake._update_message(guild, edited)
    fake._record(
        request,
        "message_edit",
        payload=body,
        message=edited,
        files=files,
        guild_id=guild.id,
        channel_id=channel.id,
    )
    return fake.json(edited)


async def delete_message(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild, channel = _channel(fake, request)
    message = _message(fake, channel, request)
    if int(message["author"]["id"]) != fake.bot_user.id:
        _require(fake, channel, perms.MANAGE_MESSAGES, "deleting someone else's message")
    await fake._delete_message(guild, message)
    fake._record(request, "message_delete", guild_id=guild.id, channel_id=channel.id)
    return web.Response(status=204)


async def get_message(request: web.Request) -> web.Response:
    fake = _fake(request)
    _, channel = _channel(fake, request)
    _require(fake, channel, perms.READ_MESSAGE_HISTORY, "fetching a message")
    return fake.json(fake._rest_view(_message(fake, channel, request)))


async def list_messages(request: web.Request) -> web.Response:
    fake = _fake(request)
    _, channel = _channel(fake, request)
    _require(fake, channel, perms.READ_MESSAGE_HISTORY, "reading message history")
    limit = max(1, min(100, int(request.query.get("limit", "50"))))
    before = int(request.query.get("before", "0") or 0)
    after = int(request.query.get("after", "0") or 0)
    found = [
        m
        for mid, m in fake.messages.items()
        if fake.message_info[mid].channel_id == channel.id
        and not fake.message_info[mid].ephemeral
        and (not before or mid < before)
        and mid > after
    ]
    found.sort(key=lambda m: int(m["id"]), reverse=not after)
    found = found[:limit]
    if after:
        found.reverse()
    return fake.json([fake._rest_view(m) for m in found])


async def typing(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild, channel = _channel(fake, request)
    _require(fake, channel, _send_permission(channel), "typing")
    fake._record(request, "typing", guild_id=guild.id, channel_id=channel.id)
    return web.Response(status=204)


async def reaction(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild, channel = _channel(fake, request)
    _message(fake, channel, request)
    needed = perms.READ_MESSAGE_HISTORY
    if request.method == "PUT":
        needed |= perms.ADD_REACTIONS
    _require(fake, channel, needed, "reacting")
    kind = "reaction_add" if request.method == "PUT" else "reaction_remove"
    fake._record(
        request,
        kind,
        payload={"emoji": request.match_info["emoji"]},
        guild_id=guild.id,
        channel_id=channel.id,
    )
    return web.Response(status=204)


async def cdn_attachment(request: web.Request) -> web.Response:
    """The CDN checks the signature, like Discord's since it started signing attachment links."""
    fake = _fake(request)
    attachment_id = int(request.match_info["attachment_id"])
    upload = fake.files.get(attachment_id)
    try:
        expires = int(request.query.get("ex", ""), 16)
    except ValueError:
        expires = -1
    valid = objects.cdn_signature(attachment_id, expires) == request.query.get("hm")
    if upload is None or not valid:
        fake._violate(request, "attachment URL is unknown or its signature is missing/invalid")
        return web.Response(status=404, text="This content is no longer available.")
    response = web.StreamResponse(
        headers={"Content-Type": upload.content_type or "application/octet-stream"}
    )
    if upload.sized:
        response.content_length = len(upload.data)
    else:
        response.enable_chunked_encoding()
    await response.prepare(request)
    fake.served[attachment_id] = 0
    for start in range(0, len(upload.data), CDN_CHUNK):
        chunk = upload.data[start : start + CDN_CHUNK]
        try:
            await response.write(chunk)
        except (ConnectionError, RuntimeError):
            return response  # the client stopped reading and hung up
        fake.served[attachment_id] += len(chunk)
    await response.write_eof()
    return response


async def create_thread(request: web.Request) -> web.Response:
    """Both POST /channels/{id}/threads and .../messages/{id}/threads (id = the message's)."""
    fake = _fake(request)
    guild, channel = _channel(fake, request)
    body, _ = await read_body(request)
    from_message = "message_id" in request.match_info
    private = not from_message and int(body.get("type") or 12) == 12
    if channel.is_thread:
        raise errors.ApiError(400, 50024, "Cannot execute action on this channel type")
    needed = perms.CREATE_PRIVATE_THREADS if private else perms.CREATE_PUBLIC_THREADS
    _require(fake, channel, needed | perms.READ_MESSAGE_HISTORY, "creating a thread")
    thread_id = None
    if from_message:
        _message(fake, channel, request)
        thread_id = int(request.match_info["message_id"])
        if thread_id in guild.channels:
            raise errors.ApiError(400, 160004, "A thread has already been created for this message")
    name = str(body.get("name") or "")
    if not 1 <= len(name) <= 100:
        raise errors.invalid_form_body(
            [FormError(("name",), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")]
        )
    thread = await fake._add_thread(
        channel,
        name,
        private=private,
        owner_id=fake.bot_user.id,
        member_ids={fake.bot_user.id},
        thread_id=thread_id,
    )
    fake._record(request, "thread_create", payload=body, guild_id=guild.id, channel_id=thread.id)
    return fake.json(objects.thread_payload(thread, bot_id=fake.bot_user.id), status=201)


async def thread_membership(request: web.Request) -> web.Response:
    fake = _fake(request)
    guild, thread = _channel(fake, request)
    if not thread.is_thread:
        raise errors.ApiError(400, 50024, "Cannot execute action on this channel type")
    if request.method == "PUT":
        _require(fake, thread, perms.VIEW_CHANNEL, "joining a thread")
        thread.thread_members.add(fake.bot_user.id)
    else:
        thread.thread_members.discard(fake.bot_user.id)
    kind = "thread_join" if request.method == "PUT" else "thread_leave"
    fake._record(request, kind, guild_id=guild.id, channel_id=thread.id)
    return web.Response(status=204)
