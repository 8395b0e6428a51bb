-- Subscribers, their subscriptions and the delivery outbox (SPEC: Delivery).
--
-- chats.watermark is the highest article id the planner has already considered for the chat:
-- everything above it is new. It only moves forward, and jumps to the newest article when a chat
-- is created or revived, so nobody receives the backlog they missed.

CREATE TABLE IF NOT EXISTS chats (
    id             INTEGER PRIMARY KEY,           -- Telegram chat id
    type           TEXT    NOT NULL CHECK (type IN ('private', 'group', 'supergroup', 'channel')),
    title          TEXT    NOT NULL DEFAULT '',
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    inactive_reason TEXT,
    lang           TEXT    NOT NULL DEFAULT 'ru',
    tz             TEXT    NOT NULL DEFAULT 'Asia/Almaty',
    mode           TEXT    NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant', 'digest')),
    digest_hour    INTEGER NOT NULL DEFAULT 9 CHECK (digest_hour BETWEEN 0 AND 23),
    last_digest_on TEXT,                          -- local date (YYYY-MM-DD) of the last digest
    silent         INTEGER NOT NULL DEFAULT 0 CHECK (silent IN (0, 1)),
    watermark      INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX IF NOT EXISTS chats_active_mode ON chats (active, mode);

CREATE TABLE IF NOT EXISTS subscriptions (
    id            INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('all', 'region', 'topic')),
    value         TEXT    NOT NULL DEFAULT '',    -- ISO 3166-2 code or topic slug; '' for all
    thread_id     INTEGER,                        -- forum topic the deliveries go to
    created_after INTEGER NOT NULL DEFAULT 0,     -- newest article id when it was made
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (chat_id, kind, value)
);

CREATE INDEX IF NOT EXISTS subscriptions_kind_value ON subscriptions (kind, value);

-- One row per (chat, article), written before the message is sent and updated after, so a
-- crash loses nothing and repeats at most the message that was in flight ('sending').
CREATE TABLE IF NOT EXISTS outbox (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    article_id  INTEGER NOT NULL,
    thread_id   INTEGER,
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    message_id  INTEGER,
    error       TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    sent_at     TEXT,
    UNIQUE (chat_id, article_id)
);

CREATE INDEX IF NOT EXISTS outbox_status_chat ON outbox (status, chat_id, article_id);
