"""One discord.py extension per feature: ask.py, browse.py, admin.py (loaded by client.py)."""
