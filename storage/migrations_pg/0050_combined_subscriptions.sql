-- Combined subscriptions: migrations/0050. PostgreSQL alters the CHECK in place (SQLite
-- rebuilds the table).
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_kind_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_kind_check
    CHECK (kind IN ('all', 'region', 'topic', 'query'));

CREATE TABLE subscription_terms (
    subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    kind            TEXT   NOT NULL CHECK (kind IN ('region', 'country', 'topic')),
    value           TEXT   NOT NULL,
    PRIMARY KEY (subscription_id, kind, value)
);
