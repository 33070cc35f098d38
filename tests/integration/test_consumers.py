"""Data teams read the lake with their own engines: the row counts must agree with DuckDB's.

Uses the exact options docs/consumers.md gives (lower-case delta-rs storage options)."""

from __future__ import annotations

import pandas as pd
import polars as pl
from deltalake import DeltaTable

from newslake.core.lake import table_uri
from newslake.core.query import connect
from newslake.core.storage import s3_access
from schemas import TABLES
from tests.conftest import EXAMPLES
from tests.integration.helpers import lake_in_bucket, newslake


def _documented_options(settings) -> dict[str, str]:
    access = s3_access(settings)
    return {
        "aws_endpoint_url": access.endpoint_url,
        "aws_allow_http": "true",
        "aws_region": access.region,
        "aws_access_key_id": access.access_key,
        "aws_secret_access_key": access.secret_key,
    }


def test_polars_and_pandas_see_the_rows_duckdb_sees(settings, local_stack):
    settings = lake_in_bucket(settings, "newslake-consumers")
    newslake("ingest", str(EXAMPLES / "jsonl"), str(EXAMPLES / "html"), bucket=settings.bucket)
    options = _documented_options(settings)
    con = connect(settings)
    for name in TABLES:
        expected = con.sql(f"SELECT count(*) FROM {name}").fetchone()[0]
        uri = table_uri(settings, name)
        assert pl.scan_delta(uri, storage_options=options).select(pl.len()).collect().item() == expected, name
        frame = DeltaTable(uri, storage_options=options).to_pandas()
        assert isinstance(frame, pd.DataFrame) and len(frame) == expected, name
    assert con.sql("SELECT count(*) FROM articles").fetchone()[0] >= 6
    titles = pl.read_delta(table_uri(settings, "articles"), storage_options=options)["title"].to_list()
    assert "Port strike ends after nine days as dockworkers accept new pay deal" in titles
