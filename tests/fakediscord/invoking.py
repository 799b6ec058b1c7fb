"""What a member's Discord client allows when invoking a command, and what it then sends.

Discord, not the bot, enforces default_member_permissions: members who lack them never see
the command, unless an admin overrode it under Server Settings > Integrations. The driving
API mirrors that by refusing to invoke, so a bot's own runtime check can be tested by
setting an override first. Options are checked against the registered schema and turned
into `data.options` and `data.resolved` as the client would fill them in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import objects
from . import permissions as perms
from .commands import (
    ATTACHMENT,
    BOOLEAN,
    CHANNEL,
    CHAT_INPUT,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER,
)
from .errors import ClientRefused
from .model import Channel, CommandOverride, Guild, Member, Role, Upload, User

if TYPE_CHECKING:
    from .server import FakeDiscord


class CommandNotAvailable(ClientRefused):
    """The member's Discord client would not offer this command (or these options)."""


def find_command(
    fake: FakeDiscord, guild: Guild, name: str, kind: int = CHAT_INPUT
) -> dict[str, Any]:
    for scope in (guild.id, None):
        cmd = fake.commands.get(scope, {}).get((name, kind))
        if cmd is not None:
            return cmd
    raise CommandNotAvailable(
        f"no command /{name} is registered for guild {guild.name!r} or globally; "
        "did the bot sync its command tree?"
    )


def check_member_may_use(
    fake: FakeDiscord, guild: Guild, channel: Channel, member: Member, cmd: dict[str, Any]
) -> None:
    """Raise CommandNotAvailable where Discord's client would hide or disable the command."""
    channel_perms = perms.channel_permissions(guild, member, channel)
    if (
        not perms.can_send(channel_perms, channel)
        or not channel_perms & perms.USE_APPLICATION_COMMANDS
    ):
        raise CommandNotAvailable(
            f"{member.user.username} cannot use application commands in #{channel.name}"
        )
    contexts = cmd.get("contexts")
    if contexts is not None and 0 not in contexts:
        raise CommandNotAvailable(f"/{cmd['name']} is not available in servers")
    base = perms.base_permissions(guild, member)
    if base == perms.ALL:
        return
    verdict = _override_verdict(fake, guild, channel, member, int(cmd["id"]))
    if verdict is not None:
        if verdict:
            return
        raise CommandNotAvailable(
            f"an override in {guild.name!r} hides /{cmd['name']} from {member.user.username}"
        )
    dmp = cmd.get("default_member_permissions")
    if dmp is None:
        return
    required = int(dmp)
    if required == 0 or base & required != required:
        missing = perms.names(required & ~base) or ["ADMINISTRATOR"]
        raise CommandNotAvailable(
            f"{member.user.username} lacks {', '.join(missing)} required by "
            f"default_member_permissions of /{cmd['name']}"
        )


def _override_verdict(
    fake: FakeDiscord, guild: Guild, channel: Channel, member: Member, command_id: int
) -> bool | None:
    """Command-level overrides win over application-wide ones; members over roles over @everyone."""
    channel_id = channel.parent_id if channel.is_thread else channel.id
    for scope in (command_id, fake.application_id):
        overrides = guild.command_overrides.get(scope, [])
        for o in overrides:
            if o.type == 3 and o.id in (channel_id, guild.id - 1) and not o.permission:
                return False
        for o in overrides:
            if o.type == 2 and o.id == member.id:
                return o.permission
        role_hits = [o.permission for o in overrides if o.type == 1 and o.id in member.roles]
        if role_hits:
            return any(role_hits)
        for o in overrides:
            if o.type == 1 and o.id == guild.id:
                return o.permission
    return None


def make_overrides(
    guild: Guild,
    *,
    users: dict[Member | User, bool] | None,
    roles: dict[Role, bool] | None,
    channels: dict[Channel, bool] | None,
    everyone: bool | None,
) -> list[CommandOverride]:
    overrides = [CommandOverride(u.id, 2, allowed) for u, allowed in (users or {}).items()]
    overrides += [CommandOverride(r.id, 1, allowed) for r, allowed in (roles or {}).items()]
    overrides += [CommandOverride(c.id, 3, allowed) for c, allowed in (channels or {}).items()]
    if everyone is not None:
        overrides.append(CommandOverride(guild.id, 1, everyone))
    return overrides


def build_options(
    fake: FakeDiscord,
    guild: Guild,
    channel: Channel,
    cmd: dict[str, Any],
    path: list[str],
    given: dict[str, Any],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Options and `resolved` as the Discord client fills them in, checked against the schema."""
    schema = cmd.get("options") or []
    for part in path:
        sub = next(
            (
                o
                for o in schema
                if o["name"] == part and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
            ),
            None,
        )
        if sub is None:
            raise CommandNotAvailable(f"/{cmd['name']} has no subcommand {part!r}")
        schema = sub.get("options") or []
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schema):
        raise CommandNotAvailable(f"/{cmd['name']} needs a subcommand, e.g. '{cmd['name']} <sub>'")
    resolved: dict[str, dict[str, Any]] = {}
    unknown = set(given) - {o["name"] for o in schema}
    if unknown:
        raise CommandNotAvailable(f"/{cmd['name']} has no option(s) {sorted(unknown)}")
    leaf = []
    for opt in schema:
        if opt["name"] not in given or given[opt["name"]] is None:
            if opt.get("required"):
                raise CommandNotAvailable(f"/{cmd['name']} requires option {opt['name']!r}")
            continue
        value = _option_value(fake, guild, channel, opt, given[opt["name"]], resolved)
        leaf.append({"name": opt["name"], "type": opt["type"], "value": value})
    for part in reversed(path):
        kind = SUB_COMMAND
        leaf = [{"name": part, "type": kind, "options": leaf}]
    if len(path) == 2:
        leaf[0]["type"] = SUB_COMMAND_GROUP
    return leaf, resolved


def _option_value(
    fake: FakeDiscord,
    guild: Guild,
    channel: Channel,
    opt: dict[str, Any],
    value: Any,
    resolved: dict[str, dict[str, Any]],
) -> Any:
    kind, name = opt["type"], opt["name"]
    if kind == STRING:
        if not isinstance(value, str):
            raise CommandNotAvailable(f"option {name!r} takes text, not {value!r}")
        low, high = opt.get("min_length", 0), opt.get("max_length", 6000)
        if not low <= len(value) <= high:
            raise CommandNotAvailable(f"option {name!r} must be {low}-{high} characters")
        _check_choice(opt, value)
        return value
    if kind in (INTEGER, NUMBER):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CommandNotAvailable(f"option {name!r} takes a number, not {value!r}")
        if kind == INTEGER and not isinstance(value, int):
            raise CommandNotAvailable(f"option {name!r} takes a whole number, not {value!r}")
        if "min_value" in opt and value < opt["min_value"]:
            raise CommandNotAvailable(f"option {name!r} must be >= {opt['min_value']}")
        if "max_value" in opt and value > opt["max_value"]:
            raise CommandNotAvailable(f"option {name!r} must be <= {opt['max_value']}")
        _check_choice(opt, value)
        return value
    if kind == BOOLEAN:
        if not isinstance(value, bool):
            raise CommandNotAvailable(f"option {name!r} takes True/False, not {value!r}")
        return value
    if kind == ATTACHMENT:
        return _resolve_attachment(fake, guild, channel, name, value, resolved)
    if kind in (USER, MENTIONABLE) and isinstance(value, Member | User):
        user = value.user if isinstance(value, Member) else value
        resolved.setdefault("users", {})[str(user.id)] = objects.user_payload(user)
        member = guild.members.get(user.id)
        if member is not None:
            data = objects.member_payload(member, with_user=False)
            data["permissions"] = str(perms.channel_permissions(guild, member, channel))
            resolved.setdefault("members", {})[str(user.id)] = data
        return str(user.id)
    if kind in (ROLE, MENTIONABLE) and isinstance(value, Role):
        resolved.setdefault("roles", {})[str(value.id)] = objects.role_payload(value)
        return str(value.id)
    if kind == CHANNEL and isinstance(value, Channel):
        allowed_types = opt.get("channel_types")
        if allowed_types and value.type not in allowed_types:
            raise CommandNotAvailable(f"option {name!r} does not accept #{value.name}")
        data = {
            "id": str(value.id),
            "name": value.name,
            "type": value.type,
            "permissions": str(fake.bot_permissions(value)),
        }
        if value.is_thread:
            data["parent_id"] = str(value.parent_id)
            data["thread_metadata"] = objects.thread_payload(value)["thread_metadata"]
        resolved.setdefault("channels", {})[str(value.id)] = data
        return str(value.id)
    raise CommandNotAvailable(f"option {name!r} (type {kind}) cannot take {value!r}")


def _check_choice(opt: dict[str, Any], value: Any) -> None:
    choices = opt.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise CommandNotAvailable(
            f"option {opt['name']!r} must be one of the choices, not {value!r}"
        )


def _resolve_attachment(
    fake: FakeDiscord,
    guild: Guild,
    channel: Channel,
    name: str,
    value: Any,
    resolved: dict[str, dict[str, Any]],
) -> str:
    upload = as_upload(value)
    size = len(upload.data) if upload.declared_size is None else upload.declared_size
    if size > guild.attachment_size_limit:
        raise CommandNotAvailable(
            f"{upload.filename} is {size} bytes; Discord refuses uploads over "
            f"{guild.attachment_size_limit} in {guild.name!r}"
        )
    attachment = fake._store_file(channel.id, upload)
    attachment["ephemeral"] = True
    resolved.setdefault("attachments", {})[attachment["id"]] = attachment
    return attachment["id"]


def as_upload(value: Any) -> Upload:
    """Tests may pass Upload objects or (filename, bytes[, content_type]) tuples."""
    if isinstance(value, Upload):
        return value
    if isinstance(value, tuple) and 2 <= len(value) <= 3:
        filename, data, *rest = value
        return Upload(str(filename), bytes(data), rest[0] if rest else None)
    raise CommandNotAvailable(f"an attachment must be Upload or (filename, bytes), not {value!r}")
