"""Hostile input against the real stack: one batch holding a record whose URL breaks URL
parsing (``http://[::1``), a page that takes longer than the time limit per document, a
page nested deeper than the HTML parser keeps, and valid pages. The run returns
normally, the valid pages become articles, each bad object is exactly one reject with
its stage, reason and detail, and the ingest log has one row per object."""

from __future__ import annotations

import json
import random
import time
from collections import Counter

import pyarrow as pa
import pytest

from tests.conftest import EXAMPLES
from tests.integration.helpers import lake_in_bucket

BUCKET = "newslake-limits"
SECONDS = 2.0
TEXT = (
    "The harbour authority said on Tuesday that the new crane would double capacity at the eastern quay, "
    "although unions warned about staffing. Ships waited offshore for two days during the last strike."
)


def slow_page() -> bytes:
    """~2.9 MB of plain rows (under html_max_bytes): extraction takes several seconds."""
    words = "the harbour council said unions would debate the budget on monday while ships waited offshore".split()
    rnd = random.Random(7)
    rows = "".join(f"<div class='row'><p>{' '.join(rnd.choice(words) for _ in range(30))}.</p></div>\n" for _ in range(13_000))
    return f"<html><head><title>Slow</title></head><body>{rows}</body></html>".encode()


def deep_page() -> bytes:
    return ("<html><body><p>" + TEXT + "</p>" + "<div><p>level</p>" * 300 + "</div>" * 300 + "</body></html>").encode()


@pytest.fixture(scope="module")
def limited(settings, local_stack):
    """The session's settings (the object the flow's get_settings() returns), pointed at a
    separate lake with a tiny time limit per document, and restored afterwards."""
    lake_in_bucket(settings, BUCKET)
    patch = pytest.MonkeyPatch()
    patch.setattr(settings, "bucket", BUCKET)
    patch.setattr(settings, "document_seconds", SECONDS)
    yield settings
    patch.undo()


@pytest.fixture(scope="module")
def ingested(limited):
    from flows.ingest import ingest
    from newslake.core.landing import land_bytes

    objects = {
        "ipv6": (json.dumps({"url": "http://[::1", "title": "Unparseable link", "text": TEXT}).encode(), "ipv6.json"),
        "slow": (slow_page(), "slow.html"),
        "deep": (deep_page(), "deep.html"),
    }
    for path in sorted((EXAMPLES / "html").glob("*.html")):
        objects[f"valid:{path.name}"] = (path.read_bytes(), path.name)
    keys = {name: land_bytes(limited, data, source="limits", name=file).key for name, (data, file) in objects.items()}
    started = time.monotonic()
    report = ingest(keys=list(keys.values()))
    return keys, report, time.monotonic() - started


def rows(settings, sql: str) -> list[dict]:
    from newslake.core.query import connect

    relation = connect(settings).sql(sql)
    return [dict(zip(relation.columns, values)) for values in relation.fetchall()]


def test_the_run_returns_and_takes_bounded_time(ingested):
    keys, report, seconds = ingested
    assert report["objects"] == len(keys)
    assert seconds < 300


def test_valid_pages_become_articles(limited, ingested):
    keys, _, _ = ingested
    stored = {row["raw_key"] for row in rows(limited, "SELECT raw_key FROM articles")}
    valid = {key for name, key in keys.items() if name.startswith("valid:")}
    assert valid <= stored


def test_each_bad_object_is_exactly_one_reject_with_stage_reason_and_detail(limited, ingested):
    keys, _, _ = ingested
    rejects = rows(limited, "SELECT raw_key, stage, reason, error_class, detail FROM rejects")
    by_key = Counter(row["raw_key"] for row in rejects)
    assert all(count == 1 for count in by_key.values()), by_key

    [slow] = [row for row in rejects if row["raw_key"] == keys["slow"]]
    assert (slow["stage"], slow["error_class"]) == ("extract", "TimeLimitExceeded")
    assert f"{SECONDS:g} s" in slow["reason"] and "document_seconds" in slow["reason"]
    # where it was: a traceback when the timer stopped it, the stack dumped before the kill if it ignored the timer
    assert slow["detail"] and "File " in slow["detail"]
    assert slow["detail"].startswith(("Traceback", "Stack"))

    [deep] = [row for row in rejects if row["raw_key"] == keys["deep"]]
    assert (deep["stage"], deep["error_class"]) == ("extract", "HtmlTooDeep")
    assert "255 levels" in deep["reason"]

    # the unparseable URL: an article without its URL, or one reject that says why
    ipv6 = [row for row in rejects if row["raw_key"] == keys["ipv6"]]
    articles = rows(limited, f"SELECT url FROM articles WHERE raw_key = '{keys['ipv6']}'")
    assert len(ipv6) + len(articles) == 1
    for row in ipv6:
        assert row["stage"] and row["reason"] and row["detail"]
    for row in articles:
        assert row["url"] is None


def test_the_ingest_log_has_one_row_per_object(limited, ingested):
    keys, report, _ = ingested
    log = rows(limited, f"SELECT raw_key, outcome FROM ingest_log WHERE run_id = '{report['run_id']}'")
    assert Counter(row["raw_key"] for row in log) == Counter(keys.values())
    outcomes = {row["raw_key"]: row["outcome"] for row in log}
    assert outcomes[keys["slow"]] == outcomes[keys["deep"]] == "rejected"


def test_a_rejects_table_of_schema_1_2_gains_the_detail_column(limited):
    """Old lakes migrate: the merge adds the new nullable column to a table written without it."""
    from datetime import UTC, datetime

    from deltalake import DeltaTable

    from newslake.core import lake
    from schemas import TABLES

    settings = limited.model_copy(update={"lake_prefix": "lake-1-2"})
    old_schema = pa.schema([f for f in TABLES["rejects"].schema if f.name != "detail"])
    now = datetime.now(UTC)
    old_row = {"raw_key": "k/old", "record_index": None, "stage": "parse", "reason": "r", "error_class": "E",
               "source": "s", "source_path": None, "pipeline_version": "0", "run_id": "1", "rejected_at": now}
    DeltaTable.create(lake.table_uri(settings, "rejects"), schema=old_schema, storage_options=_options(settings))
    lake.merge(settings, "rejects", pa.Table.from_pylist([old_row], schema=TABLES["rejects"].schema))
    new_row = {**old_row, "raw_key": "k/new", "detail": "Traceback (most recent call last): ..."}
    lake.merge(settings, "rejects", pa.Table.from_pylist([new_row, {**old_row, "detail": "again"}],
                                                         schema=TABLES["rejects"].schema), update_existing=True)
    stored = {row["raw_key"]: row["detail"] for row in lake.read_columns(settings, "rejects", ["raw_key", "detail"]).to_pylist()}
    assert stored == {"k/old": "again", "k/new": "Traceback (most recent call last): ..."}


def _options(settings):
    from newslake.core.storage import delta_storage_options

    return delta_storage_options(settings)


def test_batches_are_cut_by_bytes_as_well_as_objects():
    from flows.ingest import split_by_bytes

    sizes = {"a": 60, "b": 60, "c": 200, "d": 10, "e": 10, "f": 10}
    assert split_by_bytes(list("abcdef"), sizes, max_objects=2, max_bytes=100) == [["a"], ["b"], ["c"], ["d", "e"], ["f"]]
    assert split_by_bytes(list("abcdef"), {}, max_objects=4, max_bytes=1) == [list("abcd"), list("ef")]
