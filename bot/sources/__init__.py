"""From the network to feed items and article texts: polite HTTP, charsets, feed parsing, article
extraction and canonical URLs. Pure aiohttp and parsing libraries: nothing here knows Telegram or
the store (the poller in the sources work builds on these pieces)."""
