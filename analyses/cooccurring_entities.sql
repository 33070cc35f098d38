-- description: The people, organisations and places named in the same articles as an entity, most often first.
-- param: entity (string, required) — the entity as in mentions.entity (case-insensitive)
-- param: limit (integer, default 20) — rows to return
SELECT CASE WHEN lower(entity_a) = lower($entity) THEN entity_b ELSE entity_a END AS entity,
       CASE WHEN lower(entity_a) = lower($entity) THEN type_b ELSE type_a END AS type,
       sum(articles)::BIGINT AS articles,
       min(first_seen) AS first_seen,
       max(last_seen) AS last_seen
FROM entity_cooccurrence
WHERE lower(entity_a) = lower($entity) OR lower(entity_b) = lower($entity)
GROUP BY ALL
ORDER BY articles DESC, entity
LIMIT $limit
