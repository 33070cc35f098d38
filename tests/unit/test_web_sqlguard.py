"""The SQL page's own wall: one read-only statement over the views, refused clearly otherwise.
(The second wall, the locked connection, is tested against the lake in tests/integration/test_web.py.)"""

from __future__ import annotations

import pytest

from newslake.web.params import WebError
from newslake.web.sqlguard import MAX_SQL, check_statement


@pytest.mark.parametrize(
    ("text", "wrappable"),
    [
        ("SELECT domain, count(*) FROM articles GROUP BY ALL", True),
        ("select 1;", True),
        ("  SELECT 1 -- a comment\n", True),
        ("FROM articles LIMIT 2", True),
        ("WITH a AS (SELECT 1 AS x) SELECT * FROM a", True),
        ("VALUES (1), (2)", True),
        ("SELECT * FROM information_schema.columns", True),
        ("SELECT * FROM duckdb_tables()", True),
        ("SELECT 1 UNION ALL SELECT 2", True),
        ("SELECT * FROM main.articles", True),
        ("DESCRIBE articles", False),
        ("SHOW TABLES", False),
        ("SUMMARIZE articles", False),
        ("EXPLAIN SELECT * FROM articles", False),
        ("EXPLAIN ANALYZE SELECT count(*) FROM mentions", False),
    ],
)
def test_reading_statements_pass(text, wrappable):
    statement = check_statement(text)
    assert statement.wrappable is wrappable
    assert not statement.sql.endswith(";")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("INSERT INTO articles SELECT * FROM articles", "INSERT statements are refused"),
        ("UPDATE articles SET title = 'x'", "UPDATE statements are refused"),
        ("DELETE FROM articles", "DELETE statements are refused"),
        ("DROP VIEW articles", "DROP statements are refused"),
        ("CREATE TABLE t AS SELECT 1", "CREATE statements are refused"),
        ("CREATE TEMP TABLE t AS SELECT 1", "CREATE statements are refused"),
        ("COPY (SELECT * FROM articles) TO '/tmp/out.csv'", "COPY statements are refused"),
        ("EXPORT DATABASE '/tmp/x'", "EXPORT statements are refused"),
        ("ATTACH '/tmp/other.duckdb' AS other", "ATTACH statements are refused"),
        ("DETACH other", "DETACH statements are refused"),
        ("SET threads = 1", "SET statements are refused"),
        ("RESET threads", "statements are refused"),
        ("USE other", "statements are refused"),
        ("INSTALL httpfs", "statements are refused"),
        ("LOAD httpfs", "LOAD statements are refused"),
        ("CALL pragma_version()", "CALL statements are refused"),
        ("CHECKPOINT", "statements are refused"),
        ("EXPLAIN INSERT INTO t VALUES (1)", "EXPLAIN is accepted for a query"),
        ("SELECT * FROM read_csv('/etc/passwd')", "read_csv() is not available"),
        ("SELECT * FROM read_text('/etc/passwd')", "read_text() is not available"),
        ("SELECT * FROM read_parquet('s3://newslake/lake/articles/x.parquet')", "read_parquet() is not available"),
        ("SELECT * FROM parquet_metadata('x.parquet')", "parquet_metadata() is not available"),
        ("SELECT * FROM delta_scan('s3://newslake/lake/articles')", "delta_scan() is not available"),
        ("SELECT * FROM glob('/etc/*')", "glob() is not available"),
        ("SELECT (SELECT count(*) FROM read_json('/tmp/x.json'))", "read_json() is not available"),
        ("SELECT * FROM query('SELECT 1')", "query() is not available"),
        ("SELECT * FROM duckdb_secrets()", "duckdb_secrets() is not available"),
        ("SELECT * FROM '/etc/passwd'", "is not one of the lake's views"),
        ("SELECT * FROM 'articles.parquet'", "is not one of the lake's views"),
        ("SELECT * FROM 's3://newslake/lake/articles/x.parquet'", "is not one of the lake's views"),
        ("SELECT * FROM other.main.articles", "is not one of the lake's views"),
        ("SELECT 1; SELECT 2", "one statement at a time"),
        ("SELECT 1; DROP VIEW articles", "one statement at a time"),
        ("SELEC 1", "does not parse"),
        ("-- nothing but a comment", "only comments"),
        ("", "type a statement"),
        ("   ", "type a statement"),
    ],
)
def test_writes_file_reads_and_oddities_are_400s_that_say_why(text, words):
    with pytest.raises(WebError) as caught:
        check_statement(text)
    assert caught.value.status == 400
    assert words in caught.value.message


def test_a_too_long_statement_is_a_413():
    with pytest.raises(WebError) as caught:
        check_statement("SELECT " + "1 + " * (MAX_SQL // 4) + "1")
    assert caught.value.status == 413
