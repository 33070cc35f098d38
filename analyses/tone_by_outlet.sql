-- description: Average tone (−1 negative … +1 positive) per outlet and day, week or month. Tone is scored for English articles only.
-- param: since (date, default 90 days ago) — first publication day, inclusive
-- param: until (date, default today) — last publication day, inclusive
-- param: bucket (day|week|month, default week) — length of each period
-- param: min_articles (integer, default 1) — leave out outlet-periods with fewer scored articles
SELECT date_trunc($bucket, timezone('UTC', published_at))::DATE AS period,
       coalesce(domain, site_name, source) AS outlet,
       count(*) AS articles,
       round(avg(tone), 3) AS avg_tone,
       round(avg(tone_positive), 3) AS avg_positive,
       round(avg(tone_negative), 3) AS avg_negative
FROM articles
WHERE tone IS NOT NULL
  AND published_at >= timezone('UTC', $since::TIMESTAMP)
  AND published_at < timezone('UTC', ($until + 1)::TIMESTAMP)
GROUP BY ALL
HAVING count(*) >= $min_articles
ORDER BY period, outlet
