-- "Does article X have listed tag Y" in one seek: migrations/0051.
CREATE INDEX article_regions_listed ON article_regions (article_id, code) WHERE listed = 1;
CREATE INDEX article_topics_listed ON article_topics (article_id, slug) WHERE listed = 1;
CREATE INDEX article_countries_listed ON article_countries (article_id, country) WHERE listed = 1;
