"""The aiohttp application: route table, bot-token check, Discord-shaped errors, unknown routes.

Route names double as the `Action.kind` logged when a request is rejected, so a failed call
shows up in the log the same way a successful one does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from . import commands, interactions, keys, rest
from .errors import ApiError, unauthorized

if TYPE_CHECKING:
    from .server import FakeDiscord

API = "/api/v10"
_TOKENLESS = (f"{API}/interactions/", f"{API}/webhooks/")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

ROUTES: list[tuple[str, str, Handler, str]] = [
    ("GET", "/users/@me", rest.get_me, "get_me"),
    ("GET", "/users/{user_id}", rest.get_user, "get_user"),
    ("GET", "/oauth2/applications/@me", rest.get_application, "get_application"),
    ("GET", "/applications/@me", rest.get_application, "get_application"),
    ("GET", "/gateway", rest.get_gateway, "get_gateway"),
    ("GET", "/gateway/bot", rest.get_gateway, "get_gateway"),
    ("GET", "/guilds/{guild_id}", rest.get_guild, "get_guild"),
    ("GET", "/guilds/{guild_id}/channels", rest.get_guild_channels, "get_guild_channels"),
    ("GET", "/guilds/{guild_id}/roles", rest.get_guild_roles, "get_guild_roles"),
    ("GET", "/guilds/{guild_id}/members", rest.list_guild_members, "list_members"),
    ("GET", "/guilds/{guild_id}/members/{user_id}", rest.get_guild_member, "get_member"),
    ("GET", "/channels/{channel_id}", rest.get_channel, "get_channel"),
    ("GET", "/channels/{channel_id}/messages", rest.list_messages, "list_messages"),
    ("POST", "/channels/{channel_id}/messages", rest.create_message, "message_create"),
    ("GET", "/channels/{channel_id}/messages/{message_id}", rest.get_message, "get_message"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}", rest.edit_message, "message_edit"),
    (
        "DELETE",
        "/channels/{channel_id}/messages/{message_id}",
        rest.delete_message,
        "message_delete",
    ),
    ("POST", "/channels/{channel_id}/typing", rest.typing, "typing"),
    ("POST", "/channels/{channel_id}/threads", rest.create_thread, "thread_create"),
    (
        "POST",
        "/channels/{channel_id}/messages/{message_id}/threads",
        rest.create_thread,
        "thread_create",
    ),
    ("PUT", "/channels/{channel_id}/thread-members/@me", rest.thread_membership, "thread_join"),
    (
        "DELETE",
        "/channels/{channel_id}/thread-members/@me",
        rest.thread_membership,
        "thread_leave",
    ),
    (
        "PUT",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
        rest.reaction,
        "reaction_add",
    ),
    (
        "DELETE",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
        rest.reaction,
        "reaction_remove",
    ),
    (
        "POST",
        "/interactions/{interaction_id}/{token}/callback",
        interactions.callback,
        "interaction_callback",
    ),
    ("POST", "/webhooks/{app_id}/{token}", interactions.followup, "followup"),
    (
        "GET",
        "/webhooks/{app_id}/{token}/messages/{message_id}",
        interactions.webhook_message,
        "webhook_message_get",
    ),
    (
        "PATCH",
        "/webhooks/{app_id}/{token}/messages/{message_id}",
        interactions.webhook_message,
        "webhook_message_edit",
    ),
    (
        "DELETE",
        "/webhooks/{app_id}/{token}/messages/{message_id}",
        interactions.webhook_message,
        "webhook_message_delete",
    ),
]

for _scope in ("/applications/{app_id}", "/applications/{app_id}/guilds/{guild_id}"):
    ROUTES += [
        ("GET", f"{_scope}/commands", commands.list_commands, "commands_list"),
        ("PUT", f"{_scope}/commands", commands.bulk_overwrite, "commands_sync"),
        ("POST", f"{_scope}/commands", commands.upsert, "command_upsert"),
        ("GET", f"{_scope}/commands/{{command_id}}", commands.get_command, "command_get"),
        ("PATCH", f"{_scope}/commands/{{command_id}}", commands.edit_command, "command_edit"),
        ("DELETE", f"{_scope}/commands/{{command_id}}", commands.delete_command, "command_delete"),
    ]
ROUTES += [
    (
        "GET",
        "/applications/{app_id}/guilds/{guild_id}/commands/permissions",
        commands.list_permissions,
        "command_permissions_list",
    ),
    (
        "GET",
        "/applications/{app_id}/guilds/{guild_id}/commands/{command_id}/permissions",
        commands.get_permissions,
        "command_permissions_get",
    ),
]


def build_app(fake: FakeDiscord) -> web.Application:
    app = web.Application(middlewares=[_middleware], client_max_size=64 * 1024 * 1024)
    app[keys.FAKE] = fake
    app.router.add_get("/gateway", fake.gateway.handle)
    app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", rest.cdn_attachment)
    permissions_route = "/applications/{app_id}/guilds/{guild_id}/commands/permissions"
    ordered = sorted(ROUTES, key=lambda r: r[1] != permissions_route)
    for index, (method, path, handler, name) in enumerate(ordered):
        app.router.add_route(method, API + path, handler, name=f"{name}:r{index}")
    app.router.add_route("*", "/{tail:.*}", _unhandled)
    return app


@web.middleware
async def _middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    fake = request.app[keys.FAKE]
    fake.requests.append(f"{request.method} {fake.redact(request.path_qs)}")
    route_name = request.match_info.route.name or ""
    kind = route_name.split(":", 1)[0]
    try:
        needs_token = request.path.startswith(API) and not request.path.startswith(_TOKENLESS)
        if needs_token and request.headers.get("Authorization") != f"Bot {fake.token}":
            raise unauthorized()
        return await handler(request)
    except ApiError as exc:
        fake._rejected(request, kind or "unknown", exc)
        return fake.json(exc.body(), status=exc.status)
    except web.HTTPException:
        raise
    except Exception as exc:
        # A 5xx would make discord.py retry for ~25 s; a 400 fails fast and visibly instead.
        error = ApiError(
            400, 0, "400: Bad Request", detail=f"the fake could not process it: {exc!r}"
        )
        fake._rejected(request, kind or "unknown", error)
        return fake.json(error.body(), status=400)


async def _unhandled(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    fake.unhandled.append(f"{request.method} {fake.redact(request.path)}")
    return fake.json({"message": "404: Not Found", "code": 0}, status=404)
