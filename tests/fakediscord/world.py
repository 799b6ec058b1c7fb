"""Building the world a test needs: users, a guild, roles, channels, threads, members.

Changes made while the bot is connected are announced over the gateway (GUILD_CREATE,
CHANNEL_CREATE, ...) honouring intents, as Discord would announce an admin's changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from . import objects
from . import permissions as perms
from .commands import permissions_payload
from .gateway import INTENT_GUILD_MEMBERS, INTENT_GUILDS, shard_of
from .invoking import find_command, make_overrides
from .model import (
    OVERWRITE_MEMBER,
    OVERWRITE_ROLE,
    THREAD_PRIVATE,
    THREAD_PUBLIC,
    Channel,
    Guild,
    Member,
    Overwrite,
    Role,
    User,
)

if TYPE_CHECKING:
    from .server import FakeDiscord

    _Base = FakeDiscord
else:
    _Base = object

PermissionsLike = Any
"""An int bit set or a discord.Permissions."""


class WorldAPI(_Base):
    """Mixed into FakeDiscord: the administrator's side of the driving API."""

    async def create_user(
        self, username: str, *, global_name: str | None = None, bot: bool = False
    ) -> User:
        user = User(self.ids.next(), username, global_name=global_name, bot=bot)
        self.users[user.id] = user
        return user

    async def create_guild(
        self,
        name: str = "Redactie",
        *,
        owner: User | None = None,
        locale: str = "nl",
        bot_permissions: PermissionsLike = perms.DEFAULT_BOT,
        everyone_permissions: PermissionsLike = perms.DEFAULT_EVERYONE,
        attachment_size_limit: int = 10 * 1024 * 1024,
        on_shard: tuple[int, int] | None = None,
    ) -> Guild:
        """A server the bot was invited to with `bot_permissions` (its managed role).

        The owner defaults to the application owner, as with a self-hosted bot.
        `on_shard=(shard_id, count)` picks an id whose events go to that shard.
        """
        owner = owner or self.owner
        guild_id = self.ids.next()
        if on_shard is not None:
            shard_id, count = on_shard
            guild_id += ((shard_id - shard_of(guild_id, count)) % count) << 22
        guild = Guild(
            guild_id,
            name,
            owner_id=owner.id,
            locale=locale,
            attachment_size_limit=attachment_size_limit,
        )
        guild.roles[guild.id] = Role(
            guild.id, guild.id, "@everyone", perms.as_int(everyone_permissions)
        )
        bot_role = Role(
            self.ids.next(),
            guild.id,
            self.bot_user.username,
            perms.as_int(bot_permissions),
            position=1,
            managed=True,
            bot_id=self.bot_user.id,
        )
        guild.roles[bot_role.id] = bot_role
        guild.members[self.bot_user.id] = Member(self.bot_user, guild.id, roles=[bot_role.id])
        guild.members[owner.id] = Member(owner, guild.id)
        self.users.setdefault(owner.id, owner)
        self.guilds[guild.id] = guild
        await self.gateway.dispatch(
            "GUILD_CREATE",
            lambda s: self._guild_create(guild, s),
            guild_id=guild.id,
            intent=INTENT_GUILDS,
        )
        return guild

    async def create_role(
        self,
        guild: Guild,
        name: str,
        permissions: PermissionsLike = 0,
        *,
        mentionable: bool = False,
    ) -> Role:
        position = max(r.position for r in guild.roles.values()) + 1
        role = Role(
            self.ids.next(),
            guild.id,
            name,
            perms.as_int(permissions),
            position=position,
            mentionable=mentionable,
        )
        guild.roles[role.id] = role
        await self._role_event("GUILD_ROLE_CREATE", role)
        return role

    async def edit_role(self, role: Role, *, permissions: PermissionsLike) -> Role:
        role.permissions = perms.as_int(permissions)
        await self._role_event("GUILD_ROLE_UPDATE", role)
        return role

    async def _role_event(self, event: str, role: Role) -> None:
        data = {"guild_id": str(role.guild_id), "role": objects.role_payload(role)}
        await self.gateway.dispatch(
            event, lambda _s: data, guild_id=role.guild_id, intent=INTENT_GUILDS
        )

    async def create_text_channel(
        self,
        guild: Guild,
        name: str,
        *,
        topic: str | None = None,
        overwrites: Mapping[Role | Member | User, tuple[PermissionsLike, PermissionsLike]]
        | None = None,
    ) -> Channel:
        """`overwrites` maps a role or member to (allow, deny), like the channel settings UI."""
        position = sum(1 for c in guild.channels.values() if not c.is_thread)
        channel = Channel(self.ids.next(), guild.id, name, position=position, topic=topic)
        for target, (allow, deny) in (overwrites or {}).items():
            channel.overwrites.append(_overwrite(target, allow, deny))
        guild.channels[channel.id] = channel
        payload = objects.channel_payload(channel)
        await self.gateway.dispatch(
            "CHANNEL_CREATE", lambda _s: payload, guild_id=guild.id, intent=INTENT_GUILDS
        )
        return channel

    async def set_channel_permissions(
        self,
        channel: Channel,
        target: Role | Member | User,
        *,
        allow: PermissionsLike = 0,
        deny: PermissionsLike = 0,
    ) -> None:
        channel.overwrites = [o for o in channel.overwrites if o.id != target.id]
        channel.overwrites.append(_overwrite(target, allow, deny))
        payload = objects.channel_payload(channel)
        await self.gateway.dispatch(
            "CHANNEL_UPDATE", lambda _s: payload, guild_id=channel.guild_id, intent=INTENT_GUILDS
        )

    async def create_thread(
        self,
        channel: Channel,
        name: str,
        *,
        private: bool = False,
        owner: Member | None = None,
        members: Iterable[Member] = (),
        bot_joined: bool = True,
        archived: bool = False,
        locked: bool = False,
        from_message: dict[str, Any] | None = None,
    ) -> Channel:
        """A thread in a text channel; a private one is visible to the bot only if it joined.
        One started `from_message` has that message's id, as on Discord."""
        guild = self.guilds[channel.guild_id]
        owner_id = owner.id if owner else guild.owner_id
        member_ids = {owner_id, *(m.id for m in members)}
        if bot_joined:
            member_ids.add(self.bot_user.id)
        if from_message is not None and int(from_message["channel_id"]) != channel.id:
            raise ValueError("a thread starts from a message in its own channel")
        return await self._add_thread(
            channel,
            name,
            private=private,
            owner_id=owner_id,
            member_ids=member_ids,
            thread_id=int(from_message["id"]) if from_message is not None else None,
            archived=archived,
            locked=locked,
        )

    async def _add_thread(
        self,
        channel: Channel,
        name: str,
        *,
        private: bool,
        owner_id: int,
        member_ids: set[int],
        thread_id: int | None = None,
        archived: bool = False,
        locked: bool = False,
    ) -> Channel:
        """Shared by tests and by the bot's own thread creation over REST."""
        guild = self.guilds[channel.guild_id]
        thread = Channel(
            thread_id or self.ids.next(),
            guild.id,
            name,
            type=THREAD_PRIVATE if private else THREAD_PUBLIC,
            parent_id=channel.id,
            owner_id=owner_id,
            archived=archived,
            locked=locked,
            thread_members=member_ids,
        )
        guild.channels[thread.id] = thread

        def build(_s: Any) -> dict[str, Any] | None:
            if not self.bot_permissions(thread) & perms.VIEW_CHANNEL:
                return None
            payload = objects.thread_payload(thread, bot_id=self.bot_user.id)
            return {**payload, "newly_created": True}

        await self.gateway.dispatch("THREAD_CREATE", build, guild_id=guild.id, intent=INTENT_GUILDS)
        return thread

    async def add_member(
        self,
        guild: Guild,
        user: User | str,
        *,
        roles: Iterable[Role] = (),
        permissions: PermissionsLike | None = None,
        nick: str | None = None,
    ) -> Member:
        """Join a user (or a new user of that name) to the guild.

        `permissions` is a shortcut: Discord grants permissions only through roles, so it
        creates a role "<name> rechten" with those permissions and gives it to the member.
        """
        if isinstance(user, str):
            user = await self.create_user(user)
        role_ids = [r.id for r in roles]
        if permissions is not None:
            role = await self.create_role(guild, f"{user.username} rechten", permissions)
            role_ids.append(role.id)
        member = Member(user, guild.id, roles=role_ids, nick=nick)
        guild.members[user.id] = member
        data = {"guild_id": str(guild.id), **objects.member_payload(member)}
        await self.gateway.dispatch(
            "GUILD_MEMBER_ADD", lambda _s: data, guild_id=guild.id, intent=INTENT_GUILD_MEMBERS
        )
        return member

    async def set_member_roles(self, member: Member, roles: Iterable[Role]) -> Member:
        member.roles = [r.id for r in roles]
        data = {"guild_id": str(member.guild_id), **objects.member_payload(member)}
        intent = 0 if member.id == self.bot_user.id else INTENT_GUILD_MEMBERS
        await self.gateway.dispatch(
            "GUILD_MEMBER_UPDATE", lambda _s: data, guild_id=member.guild_id, intent=intent
        )
        return member

    async def set_command_permissions(
        self,
        guild: Guild,
        command_name: str | None,
        *,
        users: Mapping[Member | User, bool] | None = None,
        roles: Mapping[Role, bool] | None = None,
        channels: Mapping[Channel, bool] | None = None,
        everyone: bool | None = None,
    ) -> None:
        """What an admin sets in Server Settings > Integrations (None = the whole app).

        Overrides replace the default_member_permissions check for matching members, so the
        bot's own runtime permission check becomes the last line of defence.
        """
        if command_name is None:
            target_id = self.application_id
        else:
            target_id = int(find_command(self, guild, command_name)["id"])
        guild.command_overrides[target_id] = make_overrides(
            guild, users=users, roles=roles, channels=channels, everyone=everyone
        )
        payload = permissions_payload(self, guild, target_id)
        await self.gateway.dispatch(
            "APPLICATION_COMMAND_PERMISSIONS_UPDATE", lambda _s: payload, guild_id=guild.id
        )


def _overwrite(
    target: Role | Member | User, allow: PermissionsLike, deny: PermissionsLike
) -> Overwrite:
    kind = OVERWRITE_ROLE if isinstance(target, Role) else OVERWRITE_MEMBER
    return Overwrite(target.id, kind, perms.as_int(allow), perms.as_int(deny))
