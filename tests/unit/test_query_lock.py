"""The lock of analysis connections (newslake/core/query.py), without S3: the statements it
runs, and what a locked local DuckDB connection still does and no longer does."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newslake.core.query import lake_directories, lock_statements, open_local, secret_sql
from newslake.core.settings import Settings
from newslake.core.state import STACK, StackState, write_state


def _settings(tmp_path: Path, **values) -> Settings:
    return Settings(state_dir=tmp_path / "state", **values)


def test_lake_directories_end_with_a_slash(tmp_path):
    assert lake_directories(_settings(tmp_path, bucket="news", lake_prefix="lake")) == ["s3://news/lake/"]
    assert lake_directories(_settings(tmp_path, bucket="news", lake_prefix="/silver/lake/")) == ["s3://news/silver/lake/"]


def test_lock_statements_turn_access_off_then_lock():
    statements = lock_statements(["s3://news/lake/", "s3://news/it's/"])
    assert statements[0] == "SET allowed_directories = ['s3://news/lake/', 's3://news/it''s/']"
    assert "SET allowed_paths = []" in statements and "SET allowed_configs = []" in statements
    assert statements.index("SET enable_external_access = false") < statements.index("SET lock_configuration = true")
    assert statements[-1] == "SET lock_configuration = true"
    assert lock_statements([])[0] == "SET allowed_directories = []"


@pytest.fixture
def locked(tmp_path):
    """A local connection locked to one folder, as analysis connections are locked to the lake."""
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (inside / "allowed.csv").write_text("a\n1\n")
    (outside / "secret.json").write_text('{"secret_key": "s3cr3t"}')
    con = open_local()
    con.execute("CREATE VIEW numbers AS SELECT * FROM range(5) AS t(n)")
    for statement in lock_statements([f"{inside}/"]):
        con.execute(statement)
    return con, inside, outside


def test_a_locked_connection_reads_only_inside(locked):
    con, inside, outside = locked
    assert con.sql(f"SELECT a FROM read_csv('{inside / 'allowed.csv'}')").fetchall() == [(1,)]
    assert con.sql("SELECT count(*) FROM numbers").fetchone()[0] == 5
    for statement in (
        f"SELECT * FROM read_text('{outside / 'secret.json'}')",
        f"SELECT * FROM read_json('{outside / 'secret.json'}')",
        f"SELECT * FROM glob('{outside}/*')",
        f"COPY (SELECT 1) TO '{outside / 'out.csv'}'",
        f"ATTACH '{outside / 'other.duckdb'}' AS other",
        "SELECT * FROM read_text('/etc/hostname')",
    ):
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            con.execute(statement)
    assert sorted(p.name for p in outside.iterdir()) == ["secret.json"]


def test_a_locked_connection_changes_no_setting(locked):
    con, _, _ = locked
    for statement in (
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "RESET lock_configuration",
        "SET allowed_directories = ['/']",
        "SET allowed_configs = ['enable_external_access']",
        "SET threads = 1",
        "SET temp_directory = '/tmp/elsewhere'",
    ):
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            con.execute(statement)
    for statement in ("INSTALL fts", "LOAD fts"):
        with pytest.raises(duckdb.PermissionException):
            con.execute(statement)


def test_a_locked_connection_keeps_its_memory_objects_and_views_replaceable(locked):
    con, inside, _ = locked
    con.execute("CREATE TEMP TABLE scratch AS SELECT 1 AS n")
    con.execute(f"CREATE OR REPLACE VIEW numbers AS SELECT a AS n FROM read_csv('{inside / 'allowed.csv'}')")  # as refresh_views does
    assert con.sql("SELECT n FROM numbers").fetchall() == [(1,)]


def test_config_reaches_the_new_database():
    con = open_local(config={"threads": 1})
    assert con.sql("SELECT current_setting('threads')").fetchone()[0] == 1


def test_the_secret_carries_the_read_only_key(tmp_path):
    settings = _settings(tmp_path)
    write_state(settings, STACK, StackState(s3_port=8333, access_key="writer", secret_key="writer-secret",
                                            read_access_key="reader", read_secret_key="reader-secret"))
    statement = secret_sql(settings)
    assert "'reader'" in statement and "'reader-secret'" in statement
    assert "writer" not in statement
    placeholders = secret_sql(settings, credentials=False)
    assert "reader-secret" not in placeholders and "<secret access key>" in placeholders
