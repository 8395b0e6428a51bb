-- Combined subscriptions (issue 9): "/subscribe Алматы Ташкент", "/subscribe туризм Самарканд".
--
-- A combined subscription has kind 'query' and, as its value, the canonical text of its terms
-- ("region:KZ-75+region:UZ-TK"), so UNIQUE (chat_id, kind, value) still stops duplicates. Its
-- terms are rows of subscription_terms, which the delivery planner checks: an article matches
-- when no term of the subscription fails. The CHECK on kind cannot be altered in place, so the
-- table is rebuilt with the same columns and rows.

CREATE TABLE subscriptions_new (
    id            INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('all', 'region', 'topic', 'query')),
    value         TEXT    NOT NULL DEFAULT '',    -- code, slug, the terms' text; '' for all
    thread_id     INTEGER,                        -- forum topic the deliveries go to
    created_after INTEGER NOT NULL DEFAULT 0,     -- newest article id when it was made
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (chat_id, kind, value)
);
INSERT INTO subscriptions_new (id, chat_id, kind, value, thread_id, created_after, created_at)
    SELECT id, chat_id, kind, value, thread_id, created_after, created_at FROM subscriptions;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_new RENAME TO subscriptions;
CREATE INDEX subscriptions_kind_value ON subscriptions (kind, value);

CREATE TABLE subscription_terms (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('region', 'country', 'topic')),
    value           TEXT    NOT NULL,             -- ISO 3166-2, ISO 3166-1 alpha-2 or slug
    PRIMARY KEY (subscription_id, kind, value)
) WITHOUT ROWID;
