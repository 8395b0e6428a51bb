-- Each article's tags as one JSON text (storage/tags.py): a listing's card reads it with the
-- article's row instead of four aggregate subqueries per article (issue 10). The tag tables
-- stay the truth that listings and delivery search; every writer of tag rows refreshes this
-- copy in the same transaction. Backfilled here from the rows (the same expression as
-- storage/tags.py's SQLITE_TAGS_SQL).
ALTER TABLE articles ADD COLUMN tags TEXT NOT NULL
    DEFAULT '{"regions":[],"topics":[],"countries":[],"sources":[]}';
UPDATE articles AS a SET tags = json_object(
    'regions', json((SELECT json_group_array(json_array(code, name, country, role)) FROM
        (SELECT code, name, country, role FROM article_regions WHERE article_id = a.id
         ORDER BY pos))),
    'topics', json((SELECT json_group_array(slug) FROM
        (SELECT slug FROM article_topics WHERE article_id = a.id ORDER BY pos))),
    'countries', json((SELECT json_group_array(country) FROM
        (SELECT country FROM article_countries WHERE article_id = a.id ORDER BY pos))),
    'sources', json((SELECT json_group_array(json_array(name, url)) FROM
        (SELECT name, url FROM article_sources WHERE article_id = a.id
         ORDER BY seen_at, rowid))));
