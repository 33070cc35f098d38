"""The SQL of the lake's table views (``newslake.core.query``): one plain ``read_parquet`` over
files of one schema, and files written before a column was added still read (as NULL),
over local Parquet files instead of S3."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newslake.core.query import _schema_cache_path, _snapshot_sql, file_schemas, open_local
from newslake.core.settings import Settings
from schemas import TABLES

QUOTES = TABLES["quotes"].schema
OLD = pa.schema([field for field in QUOTES if field.name != "enrichment_version"])  # before a column was added
WHEN = datetime(2026, 3, 10, 8, tzinfo=UTC)


def _write(path, schema: pa.Schema, index: int) -> str:
    row = {"article_id": f"a{index}", "quote_index": 0, "quote": f"quote {index}", "speaker": "Someone",
           "start": 0, "end": 7, "published_at": WHEN, "enrichment_version": 2, "committed_at": WHEN}
    pq.write_table(pa.Table.from_pylist([{k: row[k] for k in schema.names}], schema=schema), path)
    return str(path)


@pytest.fixture
def settings(tmp_path):
    return Settings(state_dir=tmp_path / "state", s3_endpoint="http://127.0.0.1:1")


def _view(con, settings, files: list[str], stored: set[str]) -> str:
    sql = _snapshot_sql("quotes", stored, files, file_schemas(con, settings, files))
    con.execute(f"CREATE OR REPLACE VIEW quotes AS {sql}")
    return sql


def test_files_of_one_schema_are_read_without_union_by_name(tmp_path, settings):
    files = [_write(tmp_path / f"new{i}.parquet", QUOTES, i) for i in range(3)]
    con = open_local()
    sql = _view(con, settings, files, set(QUOTES.names))
    assert "union_by_name" not in sql and "UNION" not in sql
    assert con.sql("SELECT count(*), sum(enrichment_version) FROM quotes").fetchone() == (3, 6)


def test_files_written_before_a_column_was_added_read_it_as_null(tmp_path, settings):
    files = [_write(tmp_path / "old0.parquet", OLD, 0), _write(tmp_path / "new1.parquet", QUOTES, 1),
             _write(tmp_path / "old2.parquet", OLD, 2)]
    con = open_local()
    sql = _view(con, settings, files, set(QUOTES.names))
    assert sql.count("read_parquet") == 2 and "union_by_name" not in sql
    rows = con.sql("SELECT article_id, enrichment_version, quote FROM quotes ORDER BY article_id").fetchall()
    assert rows == [("a0", None, "quote 0"), ("a1", 2, "quote 1"), ("a2", None, "quote 2")]
    # a filter on a column only some files have keeps the others' rows out, not the query
    assert con.sql("SELECT count(*) FROM quotes WHERE enrichment_version = 2").fetchone() == (1,)


def test_schemas_are_remembered_and_an_unreadable_file_falls_back_to_union_by_name(tmp_path, settings):
    files = [_write(tmp_path / "old0.parquet", OLD, 0), _write(tmp_path / "new1.parquet", QUOTES, 1)]
    con = open_local()
    first = file_schemas(con, settings, files)
    assert set(first) == set(files) and first[files[0]] != first[files[1]]
    assert _schema_cache_path(settings).is_file()
    (tmp_path / "old0.parquet").unlink()  # known from the cache: its footer is not read again
    assert file_schemas(con, settings, files) == first

    missing = str(tmp_path / "gone.parquet")
    schemas = file_schemas(con, settings, [files[1], missing])
    assert missing not in schemas and files[0] not in _schema_cache_path(settings).read_text()
    assert "union_by_name = true" in _snapshot_sql("quotes", set(QUOTES.names), [files[1], missing], schemas)


def test_a_table_without_files_has_every_column_and_no_rows(settings):
    con = open_local()
    con.execute(f"CREATE VIEW quotes AS {_snapshot_sql('quotes', set(), [], {})}")
    assert [c[0] for c in con.sql("DESCRIBE quotes").fetchall()] == QUOTES.names
    assert con.sql("SELECT count(*) FROM quotes").fetchone() == (0,)
