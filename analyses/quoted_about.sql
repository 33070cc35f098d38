-- description: Who is quoted in the articles that mention an entity, most quoted first, with their latest quote.
-- param: entity (string, required) — the entity as in mentions.entity, e.g. 'Vladimir Putin' (case-insensitive)
-- param: since (date, default 30 days ago) — first publication day, inclusive
-- param: until (date, default today) — last publication day, inclusive
-- param: limit (integer, default 20) — rows to return
WITH about AS (
    SELECT DISTINCT article_id
    FROM mentions
    WHERE lower(entity) = lower($entity)
      AND published_at >= timezone('UTC', $since::TIMESTAMP)
      AND published_at < timezone('UTC', ($until + 1)::TIMESTAMP)
)
SELECT q.speaker,
       count(*) AS quotes,
       count(DISTINCT q.article_id) AS articles,
       arg_max(q.quote, q.published_at) AS latest_quote,
       max(q.published_at) AS latest
FROM quotes AS q
JOIN about USING (article_id)
WHERE q.speaker IS NOT NULL
  -- the same period again: quotes carry their article's published_at, and this bound lets
  -- the scan of quotes skip files and row groups outside it instead of reading them all
  AND q.published_at >= timezone('UTC', $since::TIMESTAMP)
  AND q.published_at < timezone('UTC', ($until + 1)::TIMESTAMP)
GROUP BY q.speaker
ORDER BY quotes DESC, articles DESC, q.speaker
LIMIT $limit
