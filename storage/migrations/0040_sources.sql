-- News sources (SPEC: news sources): the feeds the bot polls by itself, and the seeds folder
-- as a source of kind 'files', so a fresh start still fills the store offline.

CREATE TABLE sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,                   -- the feed's URL; 'seeds:' for the seeds folder
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'rss'            -- rss, atom, json (JSON Feed) or files
        CHECK (kind IN ('rss', 'atom', 'json', 'files')),
    enabled INTEGER NOT NULL DEFAULT 1,
    interval INTEGER,                           -- seconds; NULL: SOURCES_INTERVAL
    etag TEXT,
    last_modified TEXT,
    last_success TEXT,                          -- UTC, YYYY-MM-DD HH:MM:SS
    last_error TEXT,                            -- one line: what went wrong the last time
    first_error TEXT,                           -- when the current run of failures began
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    next_poll TEXT NOT NULL DEFAULT '1970-01-01 00:00:00',
    paused_reason TEXT,                         -- why it was paused (by an admin, or failing)
    items_seen INTEGER NOT NULL DEFAULT 0,
    items_stored INTEGER NOT NULL DEFAULT 0,
    items_relevant INTEGER NOT NULL DEFAULT 0,
    items_merged INTEGER NOT NULL DEFAULT 0,
    last_new INTEGER NOT NULL DEFAULT 0,        -- new items of the last successful poll
    last_relevant INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
-- The poller's question every round: which enabled sources are due?
CREATE INDEX sources_due ON sources (enabled, next_poll);

INSERT INTO sources (url, name, kind, created_at)
    VALUES ('seeds:', 'seeds', 'files', strftime('%Y-%m-%d %H:%M:%S', 'now'));

-- One row per agency (source) that reported a story, and per item URL it used: the card lists
-- them, and an item URL found here is never fetched again.
CREATE TABLE article_sources (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    url TEXT NOT NULL,                          -- the item's canonical URL
    name TEXT NOT NULL,                         -- the source's name when it was seen
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, url)
);
CREATE UNIQUE INDEX article_sources_url ON article_sources (url);
CREATE INDEX article_sources_source ON article_sources (source_id);

-- A web article's identity: its canonical URL (not the feed's GUID).
ALTER TABLE articles ADD COLUMN canonical_url TEXT;
CREATE UNIQUE INDEX articles_canonical_url ON articles (canonical_url)
    WHERE canonical_url IS NOT NULL;

-- A file article's identity is its path relative to SEEDS_DIR ('seeds:NAME'), so moving the
-- folder does not add the articles again. The folder ingested first (the lowest row) is the
-- seeds folder: the first start seeds from SEEDS_DIR. Other folders keep absolute paths.
CREATE TEMP TABLE _seeds_dir AS
    SELECT directory FROM ingested_files ORDER BY rowid LIMIT 1;
UPDATE articles SET source_path = 'seeds:' || substr(source_path,
        length((SELECT directory FROM _seeds_dir)) + 2)
    WHERE source_path IN (SELECT path FROM ingested_files
                          WHERE directory = (SELECT directory FROM _seeds_dir));
UPDATE ingested_files SET path = 'seeds:' || substr(path, length(directory) + 2),
        directory = 'seeds:'
    WHERE directory = (SELECT directory FROM _seeds_dir);
DROP TABLE _seeds_dir;
