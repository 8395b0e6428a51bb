-- Relevance and region roles: migrations/0030.
ALTER TABLE articles ADD COLUMN relevant INTEGER NOT NULL DEFAULT 1;
ALTER TABLE article_regions ADD COLUMN role TEXT NOT NULL DEFAULT 'party';
ALTER TABLE article_regions ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE article_topics ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE article_countries ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
