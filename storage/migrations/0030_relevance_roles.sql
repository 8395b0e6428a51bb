-- Relevance and region roles (SPEC: Understanding an article; issue 11).
--
-- articles.relevant: the analysis found the article about cooperation; an irrelevant one is
-- kept (so it is not fetched again, and admins see it) but never listed or delivered.
-- article_regions.role: "party" (a side, or what the article is about) or "mention" (named in
-- passing). Tag rows carry "listed": the row takes part in listings (a relevant article, and
-- for regions a party). Listings still read one range of the tag table's primary key (or the
-- date index) in order and skip the rows not listed: no new index, no sort.
-- Rows stored before this migration keep the defaults until the new analysis fingerprint
-- re-tags them (the next ingest or start-up does it by itself).

ALTER TABLE articles ADD COLUMN relevant INTEGER NOT NULL DEFAULT 1;
ALTER TABLE article_regions ADD COLUMN role TEXT NOT NULL DEFAULT 'party';
ALTER TABLE article_regions ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE article_topics ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE article_countries ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
