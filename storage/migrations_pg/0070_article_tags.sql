-- Each article's tags as one JSON text: migrations/0070 (storage/tags.py's PG_TAGS_SQL).
ALTER TABLE articles ADD COLUMN tags text NOT NULL
    DEFAULT '{"regions":[],"topics":[],"countries":[],"sources":[]}';
UPDATE articles AS a SET tags = json_build_object(
    'regions', coalesce((SELECT json_agg(json_build_array(code, name, country, role)
        ORDER BY pos) FROM article_regions WHERE article_id = a.id), '[]'),
    'topics', coalesce((SELECT json_agg(slug ORDER BY pos) FROM article_topics
        WHERE article_id = a.id), '[]'),
    'countries', coalesce((SELECT json_agg(country ORDER BY pos) FROM article_countries
        WHERE article_id = a.id), '[]'),
    'sources', coalesce((SELECT json_agg(json_build_array(name, url) ORDER BY seen_at, seq)
        FROM article_sources WHERE article_id = a.id), '[]'))::text;
