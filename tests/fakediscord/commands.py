"""Application command registration over REST, validated as Discord validates it.

Commands are stored per scope (None = global, else a guild id) as Discord echoes them back,
so invoking.py can check invocations against exactly what the bot registered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import keys
from .bodies import read_body
from .errors import (
    ApiError,
    FormError,
    invalid_form_body,
    missing_access,
    unknown_command,
)
from .model import Guild

if TYPE_CHECKING:
    from .server import FakeDiscord

CHAT_INPUT = 1
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)

_NAME = re.compile(r"[-_'\w]{1,32}")


def _len_error(path: tuple[str | int, ...], low: int, high: int) -> FormError:
    return FormError(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")


def validate_command(cmd: Any, prefix: tuple[str | int, ...] = ()) -> list[FormError]:
    if not isinstance(cmd, dict):
        return [
            FormError(prefix, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        ]
    errors: list[FormError] = []
    kind = int(cmd.get("type") or CHAT_INPUT)
    name = str(cmd.get("name") or "")
    if kind == CHAT_INPUT:
        if not _NAME.fullmatch(name) or name != name.lower():
            errors.append(
                FormError(
                    (*prefix, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"
                )
            )
        description = str(cmd.get("description") or "")
        if not 1 <= len(description) <= 100:
            errors.append(_len_error((*prefix, "description"), 1, 100))
    elif not 1 <= len(name) <= 32:
        errors.append(_len_error((*prefix, "name"), 1, 32))
    dmp = cmd.get("default_member_permissions")
    if dmp is not None and not str(dmp).isdigit():
        errors.append(
            FormError(
                (*prefix, "default_member_permissions"),
                "NUMBER_TYPE_COERCE",
                f'Value "{dmp}" is not snowflake.',
            )
        )
    errors += _validate_options(cmd.get("options") or [], (*prefix, "options"))
    return errors


def _validate_options(
    options: list[dict[str, Any]], path: tuple[str | int, ...]
) -> list[FormError]:
    errors: list[FormError] = []
    if len(options) > 25:
        errors.append(FormError(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    seen_optional = False
    names: set[str] = set()
    for i, opt in enumerate(options):
        here = (*path, i)
        name = str(opt.get("name") or "")
        if not _NAME.fullmatch(name) or name != name.lower():
            errors.append(
                FormError(
                    (*here, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"
                )
            )
        if name in names:
            errors.append(
                FormError(
                    (*here, "name"),
                    "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                    "Option names must be unique",
                )
            )
        names.add(name)
        if not 1 <= len(str(opt.get("description") or "")) <= 100:
            errors.append(_len_error((*here, "description"), 1, 100))
        if opt.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP):
            errors += _validate_options(opt.get("options") or [], (*here, "options"))
            continue
        if opt.get("required"):
            if seen_optional:
                errors.append(
                    FormError(
                        (*here, "required"),
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    )
                )
        else:
            seen_optional = True
        if len(opt.get("choices") or []) > 25:
            errors.append(
                FormError(
                    (*here, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."
                )
            )
    return errors


def stored_command(
    fake: FakeDiscord, cmd: dict[str, Any], guild_id: int | None, previous: dict[str, Any] | None
) -> dict[str, Any]:
    """The command as Discord echoes it: ids kept for unchanged names, version bumped."""
    kind = int(cmd.get("type") or CHAT_INPUT)
    dmp = cmd.get("default_member_permissions")
    stored: dict[str, Any] = {
        "id": previous["id"] if previous else str(fake.ids.next()),
        "application_id": str(fake.application_id),
        "version": str(fake.ids.next()),
        "type": kind,
        "name": cmd["name"],
        "name_localizations": cmd.get("name_localizations"),
        "description": cmd.get("description") or "",
        "description_localizations": cmd.get("description_localizations"),
        "default_member_permissions": None if dmp is None else str(dmp),
        "dm_permission": cmd.get("dm_permission", True),
        "nsfw": bool(cmd.get("nsfw", False)),
        "contexts": cmd.get("contexts"),
        "integration_types": cmd.get("integration_types") or [0],
    }
    if cmd.get("options"):
        stored["options"] = cmd["options"]
    if guild_id is not None:
        stored["guild_id"] = str(guild_id)
    return stored


def _guild_scope(fake: FakeDiscord, request: web.Request) -> int | None:
    raw = request.match_info.get("guild_id")
    if raw is None:
        return None
    guild = fake.guilds.get(int(raw))
    if guild is None or fake.bot_user.id not in guild.members:
        raise missing_access(f"bot is not in guild {raw}")
    return guild.id


def _check_app(fake: FakeDiscord, request: web.Request) -> None:
    if int(request.match_info["app_id"]) != fake.application_id:
        raise ApiError(403, 50001, "Missing Access", detail="not this bot's application")


async def bulk_overwrite(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id = _guild_scope(fake, request)
    body, _ = await read_body(request)
    if not isinstance(body, list):
        raise invalid_form_body([FormError((), "LIST_TYPE_CONVERT", "Only iterables may be used")])
    errors: list[FormError] = []
    seen: set[tuple[Any, int]] = set()
    for i, cmd in enumerate(body):
        errors += validate_command(cmd, (i,))
        key = (cmd.get("name"), int(cmd.get("type") or CHAT_INPUT))
        if key in seen:
            errors.append(
                FormError(
                    (i, "name"),
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                )
            )
        seen.add(key)
    if errors:
        raise invalid_form_body(errors)
    old = fake.commands.get(guild_id, {})
    new = {}
    for cmd in body:
        key = (cmd["name"], int(cmd.get("type") or CHAT_INPUT))
        new[key] = stored_command(fake, cmd, guild_id, old.get(key))
    fake.commands[guild_id] = new
    fake._record(request, "commands_sync", payload=body, guild_id=guild_id)
    return fake.json(list(new.values()))


async def upsert(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id = _guild_scope(fake, request)
    body, _ = await read_body(request)
    errors = validate_command(body)
    if errors:
        raise invalid_form_body(errors)
    table = fake.commands.setdefault(guild_id, {})
    key = (body["name"], int(body.get("type") or CHAT_INPUT))
    existed = key in table
    table[key] = stored_command(fake, body, guild_id, table.get(key))
    fake._record(request, "command_upsert", payload=body, guild_id=guild_id)
    return fake.json(table[key], status=200 if existed else 201)


async def list_commands(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id = _guild_scope(fake, request)
    return fake.json(list(fake.commands.get(guild_id, {}).values()))


def _find(fake: FakeDiscord, request: web.Request) -> tuple[int | None, tuple[str, int]]:
    guild_id = _guild_scope(fake, request)
    wanted = request.match_info["command_id"]
    for key, cmd in fake.commands.get(guild_id, {}).items():
        if cmd["id"] == wanted:
            return guild_id, key
    raise unknown_command()


async def get_command(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id, key = _find(fake, request)
    return fake.json(fake.commands[guild_id][key])


async def edit_command(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id, key = _find(fake, request)
    body, _ = await read_body(request)
    merged = {**fake.commands[guild_id][key], **body}
    errors = validate_command(merged)
    if errors:
        raise invalid_form_body(errors)
    table = fake.commands[guild_id]
    del table[key]
    new_key = (merged["name"], int(merged.get("type") or CHAT_INPUT))
    table[new_key] = stored_command(fake, merged, guild_id, merged)
    fake._record(request, "command_edit", payload=body, guild_id=guild_id)
    return fake.json(table[new_key])


async def delete_command(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id, key = _find(fake, request)
    del fake.commands[guild_id][key]
    fake._record(request, "command_delete", payload={}, guild_id=guild_id)
    return web.Response(status=204)


async def list_permissions(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id = _guild_scope(fake, request)
    assert guild_id is not None
    guild = fake.guilds[guild_id]
    return fake.json([permissions_payload(fake, guild, cid) for cid in guild.command_overrides])


async def get_permissions(request: web.Request) -> web.Response:
    fake = request.app[keys.FAKE]
    _check_app(fake, request)
    guild_id = _guild_scope(fake, request)
    assert guild_id is not None
    guild = fake.guilds[guild_id]
    command_id = int(request.match_info["command_id"])
    if command_id not in guild.command_overrides:
        raise ApiError(404, 10066, "Unknown application command permissions", violation=False)
    return fake.json(permissions_payload(fake, guild, command_id))


def permissions_payload(fake: FakeDiscord, guild: Guild, command_id: int) -> dict[str, Any]:
    return {
        "id": str(command_id),
        "application_id": str(fake.application_id),
        "guild_id": str(guild.id),
        "permissions": [
            {"id": str(o.id), "type": o.type, "permission": o.permission}
            for o in guild.command_overrides[command_id]
        ],
    }
