"""A fake Discord (REST API v10, gateway, CDN) that the real discord.py client logs in to.

Bot tests drive it as members would (send_message, invoke_command, click_button), wait for
what the bot did (wait_for over `actions`), and assert that `violations` and `unhandled`
stay empty. Discord's limits and timing rules answer with Discord's own error responses, so
a bot that breaks them fails here the way it would in production.

    async def test_vraag(fake_discord, run_bot):
        guild = await fake_discord.create_guild("Redactie")
        channel = await fake_discord.create_text_channel(guild, "algemeen")
        lezer = await fake_discord.add_member(guild, "lezer")
        async with run_bot(make_bot()):          # READY, commands synced in setup_hook
            inter = await fake_discord.invoke_command(guild, channel, lezer, "vraag",
                                                      {"tekst": "stikstof"}, locale="nl")
            reply = await fake_discord.wait_for(
                lambda a: a.interaction_id == inter.id and a.kind == "followup")
        assert "stikstof" in reply.content
        fake_discord.assert_clean()
"""

from .errors import ClientRefused
from .harness import point_discord_py_at, running_bot
from .interactions import Interaction
from .invoking import CommandNotAvailable
from .model import Action, Channel, Guild, Member, Role, Upload, User
from .server import FakeDiscord

__all__ = [
    "Action",
    "Channel",
    "ClientRefused",
    "CommandNotAvailable",
    "FakeDiscord",
    "Guild",
    "Interaction",
    "Member",
    "Role",
    "Upload",
    "User",
    "point_discord_py_at",
    "running_bot",
]
