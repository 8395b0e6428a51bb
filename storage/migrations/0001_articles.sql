-- The article store: articles, their tags, the full-text index and the files they came from.
--
-- Listings are "newest first": sort_key is the article's date (YYYY-MM-DD) or, for an undated
-- article, the day it was ingested; ties go to the higher id. The tag tables repeat sort_key so
-- "newest N of region X" is one range scan of their primary key, with no join and no sort.

CREATE TABLE articles (
    -- AUTOINCREMENT: an id is never reused, so delivery's "ingested after id N" stays true
    -- when the newest article is removed and another one arrives.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Small columns first: reading a listing's row stops before the long texts' overflow pages.
    title TEXT NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    date TEXT,                                  -- YYYY-MM-DD or NULL
    url TEXT,
    summary TEXT NOT NULL DEFAULT '',
    figures TEXT NOT NULL DEFAULT '[]',         -- JSON: [{"kind": ..., "text": ...}]
    sort_key TEXT NOT NULL,
    ingested_at TEXT NOT NULL,                  -- UTC, YYYY-MM-DD HH:MM:SS
    updated_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,                 -- sha256 of the decoded, LF-normalised text
    source_path TEXT UNIQUE,                    -- absolute path of the file; NULL if none
    analysis_fingerprint TEXT NOT NULL,
    -- The full-text index's rowid: the listing order packed in one integer (day number, then
    -- id), so a search reads its newest matches straight off the index, in order, and stops.
    fts_key INTEGER NOT NULL
        GENERATED ALWAYS AS ((CAST(julianday(sort_key) AS INTEGER) << 32) | id) STORED,
    lemmas TEXT NOT NULL DEFAULT '',            -- what the full-text index holds
    body TEXT NOT NULL DEFAULT '',              -- clean text
    raw TEXT NOT NULL                           -- the decoded file: re-tagging starts from it
);
CREATE UNIQUE INDEX articles_fts_key ON articles (fts_key);
CREATE INDEX articles_newest ON articles (sort_key DESC, id DESC);
CREATE INDEX articles_fingerprint ON articles (analysis_fingerprint);

CREATE TABLE article_regions (
    code TEXT NOT NULL,                         -- ISO 3166-2
    sort_key TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    country TEXT NOT NULL,                      -- ISO 3166-1 alpha-2
    name TEXT NOT NULL,                         -- Russian name, as the analysis gave it
    pos INTEGER NOT NULL,                       -- order within the article's regions
    PRIMARY KEY (code, sort_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_regions_article ON article_regions (article_id);
CREATE INDEX article_regions_country ON article_regions (country, code);

CREATE TABLE article_topics (
    slug TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    PRIMARY KEY (slug, sort_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_topics_article ON article_topics (article_id);

CREATE TABLE article_countries (
    country TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    PRIMARY KEY (country, sort_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_countries_article ON article_countries (article_id);

-- Full-text index over lemmas (already lower case with ё folded). External content: the text
-- lives once, in articles.lemmas; the triggers keep the index in step. detail=none keeps it
-- small: queries are AND-ed single tokens in rowid (= listing) order, never phrases or rank.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    lemmas, content = 'articles', content_rowid = 'fts_key', detail = none, columnsize = 0,
    tokenize = 'unicode61'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, lemmas) VALUES (new.fts_key, new.lemmas);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, lemmas)
        VALUES ('delete', old.fts_key, old.lemmas);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles
    WHEN old.lemmas IS NOT new.lemmas OR old.fts_key IS NOT new.fts_key
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, lemmas)
        VALUES ('delete', old.fts_key, old.lemmas);
    INSERT INTO articles_fts (rowid, lemmas) VALUES (new.fts_key, new.lemmas);
END;

-- Every file an ingest has stored, so the next one knows what was added, changed or removed.
CREATE TABLE ingested_files (
    path TEXT PRIMARY KEY,                      -- absolute
    directory TEXT NOT NULL,                    -- absolute; removal is judged per directory
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    file_hash TEXT NOT NULL,                    -- sha256 of the bytes
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    ingested_at TEXT NOT NULL
);
CREATE INDEX ingested_files_directory ON ingested_files (directory);
CREATE INDEX ingested_files_article ON ingested_files (article_id);
