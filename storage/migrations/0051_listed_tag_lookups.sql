-- Combined questions (issue 9) check "does article X have tag Y" once per candidate row:
-- "between A and B" scans A's rows and asks, for each, whether B is a side of the same article.
-- The tag tables' (article_id, pos) indexes lead to the row and then its listed flag, two
-- b-tree lookups per tag of the article; these partial indexes answer it in one seek, and
-- hold only the listed rows (relevant articles; for regions, the sides).
CREATE INDEX IF NOT EXISTS article_regions_listed ON article_regions (article_id, code)
    WHERE listed = 1;
CREATE INDEX IF NOT EXISTS article_topics_listed ON article_topics (article_id, slug)
    WHERE listed = 1;
CREATE INDEX IF NOT EXISTS article_countries_listed ON article_countries (article_id, country)
    WHERE listed = 1;
