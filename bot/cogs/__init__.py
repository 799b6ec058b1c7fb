"""One discord.py extension per feature: ask.py, browse.py (loaded by client.py)."""
