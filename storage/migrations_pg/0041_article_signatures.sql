-- The near-duplicate signature of each web article: migrations/0041.
CREATE TABLE article_signatures (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    minhash BYTEA NOT NULL,
    numbers TEXT NOT NULL DEFAULT '',
    regions TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX article_signatures_created ON article_signatures (created_at);
