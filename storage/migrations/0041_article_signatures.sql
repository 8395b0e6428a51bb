-- The near-duplicate signature of each web article (storage.stories): the poller's in-memory
-- index is rebuilt from these rows at start without re-reading every article's text.
CREATE TABLE article_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    minhash BLOB NOT NULL,
    numbers TEXT NOT NULL DEFAULT '',           -- the figures it quotes
    regions TEXT NOT NULL DEFAULT '',           -- ISO 3166-2 codes, space-separated
    created_at TEXT NOT NULL
);
CREATE INDEX article_signatures_created ON article_signatures (created_at);
