"""Which credentials the analysis connections get (newslake/core/storage.py: query_access),
and state files written before the read-only key existed (newslake/core/state.py)."""

from __future__ import annotations

import json

import pytest

from newslake.core.settings import Settings
from newslake.core.state import STACK, StackState, read_state, write_state
from newslake.core.storage import StorageError, query_access, s3_access


def _local(tmp_path) -> Settings:
    return Settings(state_dir=tmp_path / "state")


def test_local_stack_analysis_uses_the_read_only_key(tmp_path):
    settings = _local(tmp_path)
    write_state(settings, STACK, StackState(s3_port=9000, access_key="w", secret_key="ws", read_access_key="r", read_secret_key="rs"))
    access = query_access(settings)
    assert (access.endpoint_url, access.access_key, access.secret_key) == ("http://127.0.0.1:9000", "r", "rs")
    assert s3_access(settings).access_key == "w"  # the writing path keeps its own key


def test_a_state_file_from_before_the_read_only_key_still_loads_and_falls_back(tmp_path):
    settings = _local(tmp_path)
    settings.state_dir.mkdir(parents=True)
    old = {"s3_port": 9000, "access_key": "w", "secret_key": "ws", "pid": None, "ports": {"filer.port": 1}}
    (settings.state_dir / STACK).write_text(json.dumps(old))
    state = read_state(settings, STACK, StackState)
    assert state.read_access_key is None and state.secured is False and state.ports == {"filer.port": 1}
    assert query_access(settings).access_key == "w"


def test_a_state_file_from_a_newer_version_loads(tmp_path):
    settings = _local(tmp_path)
    settings.state_dir.mkdir(parents=True)
    newer = {"s3_port": 9000, "access_key": "w", "secret_key": "ws", "read_access_key": "r", "read_secret_key": "rs",
             "something_new": {"a": 1}}
    (settings.state_dir / STACK).write_text(json.dumps(newer))
    assert read_state(settings, STACK, StackState).read_access_key == "r"


def test_external_s3_uses_the_query_key_when_set(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "writer")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "writer-secret")
    external = {"state_dir": tmp_path, "s3_endpoint": "https://s3.example"}
    with_key = Settings(**external, query_access_key_id="reader", query_secret_access_key="reader-secret")
    access = query_access(with_key)
    assert (access.endpoint_url, access.access_key, access.secret_key, access.session_token) == (
        "https://s3.example", "reader", "reader-secret", None)
    assert s3_access(with_key).access_key == "writer"
    assert query_access(Settings(**external)).access_key == "writer"  # documented fallback
    with pytest.raises(StorageError, match="both"):
        query_access(Settings(**external, query_access_key_id="reader"))


def test_the_query_secret_is_never_shown(tmp_path):
    settings = Settings(state_dir=tmp_path, s3_endpoint="https://s3.example", query_secret_access_key="reader-secret")
    assert "reader-secret" not in repr(settings) and "reader-secret" not in str(settings.model_dump())
