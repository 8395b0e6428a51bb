"""The service layer: what handlers, the console and tests call; no Telegram types inside."""
