-- description: Coverage timeline of a term: per UTC day, articles whose title or body contains it (case-insensitive, literal text), out of all articles that day.
-- param: term (string, required) — the text to look for, e.g. 'drones'
-- param: since (date, default 30 days ago) — first publication day, inclusive
-- param: until (date, default today) — last publication day, inclusive
-- param: lang (string, optional) — only articles in this language (ISO 639-1, e.g. 'en')
WITH scoped AS (
    SELECT timezone('UTC', published_at)::DATE AS day,
           contains(lower(coalesce(title, '') || ' ' || body), lower($term)) AS hit
    FROM articles
    WHERE published_at >= timezone('UTC', $since::TIMESTAMP)
      AND published_at < timezone('UTC', ($until + 1)::TIMESTAMP)
      AND ($lang IS NULL OR language = $lang)
)
SELECT day,
       count(*) FILTER (WHERE hit) AS articles,
       count(*) AS all_articles,
       round(100.0 * count(*) FILTER (WHERE hit) / count(*), 1) AS percent
FROM scoped
GROUP BY day
ORDER BY day
