-- description: The entities mentioned in the most articles over a period (UTC days), with their mentions.
-- param: since (date, default 7 days ago) — first publication day, inclusive
-- param: until (date, default today) — last publication day, inclusive
-- param: type (PERSON|ORG|PLACE|NORP, optional) — only entities of this type
-- param: limit (integer, default 20) — rows to return
SELECT entity,
       type,
       mode(country_code) AS country_code,
       sum(articles)::BIGINT AS articles,
       sum(mentions)::BIGINT AS mentions,
       count(*) AS days
FROM entity_mentions_daily
WHERE day BETWEEN $since AND $until
  AND ($type IS NULL OR type = $type)
GROUP BY entity, type
ORDER BY articles DESC, mentions DESC, entity
LIMIT $limit
