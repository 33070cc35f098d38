-- description: The widest story clusters (the same story across outlets and syndication) seen since a day.
-- param: since (date, default 7 days ago) — clusters with an article on or after this day (UTC)
-- param: min_outlets (integer, default 2) — only stories carried by at least this many outlets
-- param: limit (integer, default 20) — rows to return
SELECT cluster_id,
       title,
       outlets,
       articles,
       domains,
       first_seen,
       last_seen
FROM story_clusters
WHERE last_seen >= timezone('UTC', $since::TIMESTAMP)
  AND outlets >= $min_outlets
ORDER BY outlets DESC, articles DESC, last_seen DESC, cluster_id
LIMIT $limit
