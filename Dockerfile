# The bot in a container: `docker build -t regional-news-bot .` then
# `docker run -d --restart unless-stopped -e BOT_TOKEN=... -v news-data:/app/data regional-news-bot`
# The store lives in the volume (/app/data); it is created and seeded from seeds/ on first start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATABASE_PATH=/app/data/news.sqlite3 \
    SEEDS_DIR=/app/seeds

WORKDIR /app
COPY pyproject.toml README.md* ./
COPY bot ./bot
COPY storage ./storage
# `python -m bot` runs the sources in /app, not the installed copy, and PYTHONDONTWRITEBYTECODE
# keeps Python from caching their bytecode: compiled here once, every start (`bot run`, `bot
# analyze`, `bot sources fetch`) reads it instead of compiling 35 modules (about 0.1 s).
RUN pip install --no-cache-dir . \
    && python -m compileall -q bot storage \
    && useradd --create-home --uid 10001 bot \
    && mkdir -p /app/data && chown bot /app/data
COPY seeds ./seeds

USER bot
VOLUME ["/app/data"]
# webhook mode (WEBHOOK_URL): updates and /healthz on WEBHOOK_LISTEN, 0.0.0.0:8080 by default
EXPOSE 8080
# SIGTERM (docker stop) ends polling (or the webhook listener) cleanly and closes the store.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
