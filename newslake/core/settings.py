"""The one settings object.

Values come, highest priority first, from ``NEWSLAKE_*`` environment variables,
then the TOML file named by ``NEWSLAKE_CONFIG`` (default ``newslake.toml`` in the
working directory, if present), then the defaults below. The defaults describe
the embedded local stack, so a fresh checkout works with no configuration.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def _config_file() -> Path:
    return Path(os.environ.get("NEWSLAKE_CONFIG", "newslake.toml"))


class Settings(BaseSettings):
    """Where the lake lives and how the pipeline runs."""

    model_config = SettingsConfigDict(env_prefix="NEWSLAKE_", extra="ignore")

    s3_endpoint: str | None = Field(
        default=None,
        description="S3 endpoint URL. Unset: the local SeaweedFS stack started by `newslake up`.",
    )
    bucket: str = Field(default="newslake", description="Bucket holding landing objects and the lake.")
    landing_prefix: str = Field(default="landing", description="Key prefix of raw landed objects.")
    lake_prefix: str = Field(default="lake", description="Key prefix of the Delta tables.")
    region: str = Field(default="us-east-1", description="S3 region (any value works for local servers).")
    state_dir: Path = Field(default=Path(".newslake"), description="Local state: server data, logs, keys.")
    local_s3_port: int = Field(default=8333, description="Port of the local S3 server.")
    batch_size: int = Field(default=250, ge=1, description="Landed objects per pipeline batch.")
    workers: int = Field(default=0, ge=0, description="Extraction processes; 0 means one per CPU core.")
    min_body_words: int = Field(default=5, ge=0, description="Articles with a shorter body are rejected.")
    vacuum_retention_hours: int = Field(
        default=168, ge=0, description="`compact` deletes files no snapshot younger than this needs."
    )

    # The service (`newslake serve`): endpoints, watcher, feeds.
    api_token: SecretStr | None = Field(
        default=None,
        description="Bearer token the HTTP endpoints require. Unset: `newslake serve` generates one "
        "and keeps it in <state_dir>/api_token.",
    )
    http_host: str = Field(default="127.0.0.1", description="Address the HTTP endpoints listen on.")
    http_port: int = Field(default=8787, ge=0, le=65535, description="Port of the HTTP endpoints.")
    max_payload_bytes: int = Field(default=10_000_000, ge=1, description="Largest request body the endpoints accept.")
    watch_interval_seconds: float = Field(default=1.0, gt=0, description="How often the watcher lists the landing prefix.")
    prefect_port: int = Field(default=4200, ge=0, le=65535, description="Port of the Prefect server `serve`/`up --prefect` start.")
    feeds_file: Path = Field(default=Path("feeds.toml"), description="The feed list (see docs/feeds.md).")
    fetch_timeout_seconds: float = Field(default=20.0, gt=0, description="Timeout of one feed or page fetch.")
    fetch_max_bytes: int = Field(default=5_000_000, ge=1, description="Largest feed or page fetched.")
    fetch_private_addresses: bool = Field(
        default=False,
        description="Fetch item pages on private, loopback or link-local addresses (feed hosts are always allowed).",
    )
    host_delay_seconds: float = Field(default=1.0, ge=0, description="Pause between two requests to one host.")
    user_agent: str = Field(
        default="newslake/0.1 (+https://github.com/newslake/newslake)",
        description="User-Agent of feed and page fetches.",
    )
    query_access_key_id: str | None = Field(
        default=None,
        description="With NEWSLAKE_S3_ENDPOINT: a read-only key for the analysis connections (DuckDB). "
        "Unset: they use the writing credentials. The local stack makes its own read-only key.",
    )
    query_secret_access_key: SecretStr | None = Field(
        default=None, description="The secret of query_access_key_id."
    )

    # Hostile input: what one landed object may take (docs/configuration.md, "Limits").
    document_seconds: float = Field(
        default=60.0, gt=0, description="Wall time one object's extraction (or one enrichment chunk) may take."
    )
    document_memory_mb: int = Field(
        default=1500, ge=64, description="Memory one object's extraction may add to its worker process."
    )
    max_object_bytes: int = Field(
        default=50_000_000, ge=1, description="Larger landed objects (stored or decompressed) are rejected unread."
    )
    batch_max_bytes: int = Field(
        default=200_000_000, ge=1, description="Stored bytes per pipeline batch (a larger object forms a batch alone)."
    )
    html_max_bytes: int = Field(
        default=3_000_000, ge=1, description="HTML pages with more markup (scripts, styles and comments aside) are rejected."
    )
    html_max_tags: int = Field(default=50_000, ge=1, description="HTML pages with more tags are rejected.")

    # How the transform step runs (docs/configuration.md, "Runners"; docs/scaling.md).
    runner: Literal["inline", "processes", "dask"] = Field(
        default="processes",
        description="How the transform step runs: `inline` (in the flow's process), `processes` (a local "
        "process pool of `workers`), or `dask` (a Dask cluster through prefect-dask).",
    )
    dask_address: str | None = Field(
        default=None,
        description="With runner `dask`: the scheduler, e.g. `tcp://scheduler:8786`. Unset: a LocalCluster "
        "of `dask_workers` processes, started once per process.",
    )
    dask_workers: int = Field(
        default=0, ge=0, description="Worker processes of the LocalCluster (runner `dask`, no address); 0 means one per CPU core."
    )

    # Backfills from WARC archives (docs/inputs.md, "WARC archives").
    archive_prefix: str = Field(
        default="archives", description="Key prefix of landed WARC files (apart from the landing prefix)."
    )
    segment_bytes: int = Field(
        default=16_000_000, ge=1, description="Stored bytes of WARC records per backfill segment (and per commit)."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_config_file())
        return (init_settings, env_settings, toml)

    @property
    def uses_local_stack(self) -> bool:
        return self.s3_endpoint is None

    @property
    def effective_workers(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def effective_dask_workers(self) -> int:
        return self.dask_workers or os.cpu_count() or 1


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings for this process, read once."""
    return Settings()
