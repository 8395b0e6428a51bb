"""Every request the bot sends to Telegram: the aiohttp session, its middleware and the one
limiter that replies, edits and deliveries share (replies first; 429 waited out, 5xx retried).

Used by the app (replies) and by ``bot.delivery`` (broadcasts); it imports neither.
"""
