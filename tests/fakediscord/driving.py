"""Acting as members: post messages, run slash commands, press buttons.

Every action goes through the same checks a Discord client makes (can this member see the
channel, run this command, click this button?) and raises ClientRefused when the answer is
no, so a test cannot accidentally drive the bot through situations Discord would prevent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from . import objects
from . import permissions as perms
from .commands import CHAT_INPUT
from .errors import ClientRefused
from .interactions import APPLICATION_COMMAND, MESSAGE_COMPONENT, Interaction, new_interaction
from .invoking import as_upload, build_options, check_member_may_use, find_command
from .model import Channel, Guild, Member, User

if TYPE_CHECKING:
    from .server import FakeDiscord

    _Base = FakeDiscord
else:
    _Base = object


class DrivingAPI(_Base):
    """Mixed into FakeDiscord: the members' side of the driving API."""

    async def send_message(
        self,
        guild: Guild,
        channel: Channel,
        author: Member,
        content: str = "",
        *,
        mentions: Iterable[Member | User] = (),
        attachments: Iterable[Any] = (),
        reply_to: dict[str, Any] | None = None,
        reply_ping: bool = True,
    ) -> dict[str, Any]:
        """Post as a member; dispatches MESSAGE_CREATE (with content only if the bot may read it).

        Mentions come from `<@id>`/`<@&id>` in the content plus `mentions`; a reply pings the
        replied-to author unless reply_ping is False, as the Discord client's toggle does.
        """
        self._require_member(guild, author)
        if channel.guild_id != guild.id:
            raise ClientRefused(f"#{channel.name} is not in {guild.name!r}")
        have = perms.channel_permissions(guild, author, channel)
        if not perms.can_send(have, channel):
            raise ClientRefused(f"{author.user.username} cannot send in #{channel.name}")
        uploads = [as_upload(a) for a in attachments]
        if uploads and not have & perms.ATTACH_FILES:
            raise ClientRefused(f"{author.user.username} cannot attach files in #{channel.name}")
        if sum(len(u.data) for u in uploads) > guild.attachment_size_limit:
            raise ClientRefused("the Discord client refuses files over the upload limit")
        if not content.strip() and not uploads:
            raise ClientRefused("the Discord client does not send empty messages")
        mentioned = [
            objects.user_payload(self.users[uid])
            for uid in objects.mentioned_user_ids(content)
            if uid in self.users
        ]
        for extra in mentions:
            user = extra.user if isinstance(extra, Member) else extra
            if all(int(u["id"]) != user.id for u in mentioned):
                mentioned.append(objects.user_payload(user))
        replied = reply_to["author"] if reply_to is not None and reply_ping else None
        if replied and int(replied["id"]) != author.id and replied not in mentioned:
            mentioned.append(replied)
        message: dict[str, Any] = {
            "id": str(self.ids.next()),
            "type": 19 if reply_to is not None else 0,
            "channel_id": str(channel.id),
            "author": objects.user_payload(author.user),
            "content": content,
            "timestamp": objects.iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": bool(
                objects.MENTION_EVERYONE.search(content) and have & perms.MENTION_EVERYONE
            ),
            "mentions": mentioned,
            "mention_roles": [
                str(r) for r in objects.mentioned_role_ids(content) if r in guild.roles
            ],
            "attachments": [self._store_file(channel.id, u) for u in uploads],
            "embeds": [],
            "components": [],
            "pinned": False,
            "flags": 0,
            "nonce": str(self.ids.next()),
        }
        if reply_to is not None:
            message["message_reference"] = {
                "type": 0,
                "message_id": reply_to["id"],
                "channel_id": str(channel.id),
                "guild_id": str(guild.id),
            }
            message["referenced_message"] = self.message(reply_to)
        if channel.is_thread:
            message["position"] = channel.message_count
        return await self._create_message(guild, channel, message)

    async def invoke_command(
        self,
        guild: Guild,
        channel: Channel,
        member: Member,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        attachments: Mapping[str, Any] | None = None,
        locale: str = "nl",
    ) -> Interaction:
        """Run a registered slash command as `member`; "group sub" names a subcommand.

        Option values are Python values (str/int/float/bool, Member/User, Role, Channel);
        `attachments` maps attachment options to Upload or (filename, bytes) and puts the
        files on the fake CDN. Raises CommandNotAvailable where Discord's client would.
        """
        self._require_member(guild, member)
        top, *path = name.split()
        cmd = find_command(self, guild, top, CHAT_INPUT)
        check_member_may_use(self, guild, channel, member, cmd)
        given = {**(options or {}), **(attachments or {})}
        opts, resolved = build_options(self, guild, channel, cmd, path, given)
        data: dict[str, Any] = {"id": cmd["id"], "name": cmd["name"], "type": CHAT_INPUT}
        if opts:
            data["options"] = opts
        if resolved:
            data["resolved"] = resolved
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        inter = new_interaction(
            self,
            kind=APPLICATION_COMMAND,
            guild=guild,
            channel=channel,
            member=member,
            data=data,
            locale=locale,
        )
        return await self._dispatch_interaction(inter)

    async def click_button(
        self, message: dict[str, Any] | int, custom_id: str, member: Member, *, locale: str = "nl"
    ) -> Interaction:
        """Press a button on a message the bot sent (its latest version, after edits)."""
        current, guild, channel = self._interactable(message, member)
        component = _find_component(current.get("components") or [], custom_id)
        if component is None or component.get("type") != 2:
            raise ClientRefused(f"message {current['id']} has no button {custom_id!r}")
        if component.get("disabled"):
            raise ClientRefused(f"button {custom_id!r} is disabled")
        data = {"custom_id": custom_id, "component_type": 2, "id": component.get("id")}
        return await self._component_interaction(current, guild, channel, member, data, locale)

    async def press_forged_button(
        self, message: dict[str, Any] | int, custom_id: str, member: Member
    ) -> Interaction:
        """A press whose custom id the bot never made, delivered as if the message held it.

        Discord only delivers presses of buttons a message holds, but a bot must not trust
        the values in a custom id any more than a form's hidden fields.
        """
        current, guild, channel = self._interactable(message, member)
        forged = {"type": 2, "style": 2, "label": "?", "custom_id": custom_id}
        shown = {**current, "components": [{"type": 1, "components": [forged]}]}
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._component_interaction(shown, guild, channel, member, data, "nl")

    async def press_unchecked(
        self,
        message: dict[str, Any],
        custom_id: str,
        member: Member,
        *,
        channel: Channel | None = None,
    ) -> Interaction:
        """A press of `message`'s button by `member` in `channel` (the message's, unless
        given), without the client's checks: what a modified client sends, or one still
        showing a message its member may no longer see. The payload tells the bot what
        Discord would (the member's permissions in the channel pressed in)."""
        info = self.message_info[int(message["id"])]
        channel = channel or self.guilds[info.guild_id].channels[info.channel_id]
        guild = self.guilds[channel.guild_id]
        self._require_member(guild, member)
        data = {"custom_id": custom_id, "component_type": 2}
        current = self.messages[int(message["id"])]
        return await self._component_interaction(current, guild, channel, member, data, "nl")

    async def delete_message(self, message: dict[str, Any], member: Member) -> None:
        """A member deletes a message of their own."""
        info = self.message_info.get(int(message["id"]))
        if info is None:
            raise ClientRefused(f"message {message['id']} does not exist (any more)")
        if int(message["author"]["id"]) != member.id:
            raise ClientRefused("a member deletes only their own messages here")
        await self._delete_message(self.guilds[info.guild_id], message)

    async def choose_options(
        self,
        message: dict[str, Any] | int,
        custom_id: str,
        member: Member,
        values: list[str],
        *,
        locale: str = "nl",
    ) -> Interaction:
        """Pick values in a string select menu the bot sent."""
        current, guild, channel = self._interactable(message, member)
        component = _find_component(current.get("components") or [], custom_id)
        if component is None or component.get("type") != 3:
            raise ClientRefused(f"message {current['id']} has no select menu {custom_id!r}")
        offered = {o["value"] for o in component.get("options") or []}
        if not set(values) <= offered:
            raise ClientRefused(f"{sorted(set(values) - offered)} are not options of {custom_id!r}")
        low, high = component.get("min_values", 1), component.get("max_values", 1)
        if not low <= len(values) <= high:
            raise ClientRefused(f"select {custom_id!r} takes {low}-{high} values")
        data = {"custom_id": custom_id, "component_type": 3, "values": values}
        return await self._component_interaction(current, guild, channel, member, data, locale)

    async def request_reconnect(self, shard_id: int = 0) -> None:
        """Send op 7 RECONNECT to a shard's session; the bot must RESUME and get the events
        it missed replayed."""
        await self.gateway.request_reconnect(shard_id)

    # ----------------------------------------------------------------- helpers

    def _require_member(self, guild: Guild, member: Member) -> None:
        if guild.members.get(member.id) is not member:
            raise ClientRefused(f"{member.user.username} is not a member of {guild.name!r}")

    def _interactable(
        self, message: dict[str, Any] | int, member: Member
    ) -> tuple[dict[str, Any], Guild, Channel]:
        message_id = int(message["id"]) if isinstance(message, dict) else int(message)
        current = self.messages.get(message_id)
        if current is None:
            raise ClientRefused(f"message {message_id} does not exist (any more)")
        info = self.message_info[message_id]
        guild = self.guilds[info.guild_id]
        channel = guild.channels[info.channel_id]
        self._require_member(guild, member)
        if info.ephemeral:
            owner = self.interactions[info.interaction_id].user_id if info.interaction_id else None
            if owner != member.id:
                raise ClientRefused("only the invoking member sees an ephemeral message")
        elif not perms.channel_permissions(guild, member, channel) & perms.VIEW_CHANNEL:
            raise ClientRefused(f"{member.user.username} cannot see #{channel.name}")
        return current, guild, channel

    async def _component_interaction(
        self,
        message: dict[str, Any],
        guild: Guild,
        channel: Channel,
        member: Member,
        data: dict[str, Any],
        locale: str,
    ) -> Interaction:
        inter = new_interaction(
            self,
            kind=MESSAGE_COMPONENT,
            guild=guild,
            channel=channel,
            member=member,
            data=data,
            locale=locale,
            message={**message, "flags": int(message.get("flags") or 0)},
        )
        return await self._dispatch_interaction(inter)

    async def _dispatch_interaction(self, inter: Interaction) -> Interaction:
        """Delivered, as on Discord, to the shard that receives its server's events."""
        if not self.gateway.serving(inter.guild_id):
            raise RuntimeError(
                f"no shard of the bot that serves server {inter.guild_id} has identified on "
                "the gateway; start it first"
            )
        self.interactions[inter.id] = inter
        inter.dispatched_at = self.now()
        await self.gateway.dispatch(
            "INTERACTION_CREATE", lambda _s: inter.payload, guild_id=inter.guild_id
        )
        return inter


def _find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
    for comp in components:
        if comp.get("custom_id") == custom_id:
            return comp
        found = _find_component(comp.get("components") or [], custom_id)
        if found is not None:
            return found
        accessory = comp.get("accessory")
        if isinstance(accessory, dict) and accessory.get("custom_id") == custom_id:
            return accessory
    return None
