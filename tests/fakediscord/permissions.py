"""Discord's permission arithmetic, written out independently of discord.py.

The fake must not borrow discord.py's permission resolution: if both used the same code, a
bug there would be invisible in tests. Flag values are Discord's documented bit positions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Channel, Guild, Member

CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
BAN_MEMBERS = 1 << 2
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_AUDIT_LOG = 1 << 7
STREAM = 1 << 9
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
SEND_TTS_MESSAGES = 1 << 12
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
USE_VAD = 1 << 25
CHANGE_NICKNAME = 1 << 26
MANAGE_ROLES = 1 << 28
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_THREADS = 1 << 34
CREATE_PUBLIC_THREADS = 1 << 35
CREATE_PRIVATE_THREADS = 1 << 36
USE_EXTERNAL_STICKERS = 1 << 37
SEND_MESSAGES_IN_THREADS = 1 << 38

ALL = (1 << 51) - 1

DEFAULT_EVERYONE = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | STREAM
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | MENTION_EVERYONE
    | USE_EXTERNAL_EMOJIS
    | CONNECT
    | SPEAK
    | USE_VAD
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | CREATE_PRIVATE_THREADS
    | USE_EXTERNAL_STICKERS
    | SEND_MESSAGES_IN_THREADS
)
"""What a freshly created Discord server grants @everyone."""

DEFAULT_BOT = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | SEND_MESSAGES_IN_THREADS
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_APPLICATION_COMMANDS
)
"""What a typical invite link asks for; the bot's managed role gets this unless told otherwise."""

_NEEDS_SEND = SEND_TTS_MESSAGES | MENTION_EVERYONE | EMBED_LINKS | ATTACH_FILES


def as_int(value: Any) -> int:
    """Accept plain ints or discord.Permissions so tests can use whichever reads better."""
    return int(getattr(value, "value", value))


def names(value: int) -> list[str]:
    """Flag names for readable violation messages."""
    return [name for name, bit in _FLAGS.items() if value & bit]


def base_permissions(guild: Guild, member: Member) -> int:
    """Guild-level permissions: what Discord checks default_member_permissions against."""
    if member.id == guild.owner_id:
        return ALL
    perms = guild.everyone_role.permissions
    for role_id in member.roles:
        role = guild.roles.get(role_id)
        if role is not None:
            perms |= role.permissions
    if perms & ADMINISTRATOR:
        return ALL
    return perms


def channel_permissions(guild: Guild, member: Member, channel: Channel) -> int:
    """Permissions in a channel or thread, following Discord's documented overwrite order."""
    base = base_permissions(guild, member)
    if base & ADMINISTRATOR or base == ALL:
        return ALL
    target = guild.channels[channel.parent_id] if channel.is_thread else channel
    perms = _apply_overwrites(base, guild, member, target.overwrites)
    if not perms & VIEW_CHANNEL:
        return 0
    if channel.is_thread:
        outsider = channel.is_private_thread and member.id not in channel.thread_members
        if outsider and not perms & MANAGE_THREADS:
            return 0
        if not perms & SEND_MESSAGES_IN_THREADS:
            perms &= ~_NEEDS_SEND
    elif not perms & SEND_MESSAGES:
        perms &= ~_NEEDS_SEND
    return perms


def can_send(perms: int, channel: Channel) -> bool:
    """Threads gate sending on their own flag, not on SEND_MESSAGES."""
    needed = SEND_MESSAGES_IN_THREADS if channel.is_thread else SEND_MESSAGES
    return bool(perms & VIEW_CHANNEL and perms & needed)


def _apply_overwrites(base: int, guild: Guild, member: Member, overwrites: Iterable[Any]) -> int:
    perms = base
    overwrites = list(overwrites)
    for ow in overwrites:
        if ow.type == 0 and ow.id == guild.id:
            perms = (perms & ~ow.deny) | ow.allow
    allow = deny = 0
    for ow in overwrites:
        if ow.type == 0 and ow.id != guild.id and ow.id in member.roles:
            allow |= ow.allow
            deny |= ow.deny
    perms = (perms & ~deny) | allow
    for ow in overwrites:
        if ow.type == 1 and ow.id == member.id:
            perms = (perms & ~ow.deny) | ow.allow
    return perms


_FLAGS = {name: bit for name, bit in globals().items() if name.isupper() and isinstance(bit, int)}
for _composite in ("ALL", "DEFAULT_EVERYONE", "DEFAULT_BOT"):
    _FLAGS.pop(_composite)
_FLAGS.pop("_NEEDS_SEND", None)
