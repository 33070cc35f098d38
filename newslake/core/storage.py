"""The one way to reach object storage: S3 access, the boto3 client, Delta options.

Every component gets its endpoint and credentials from here, so they can never
disagree about where the lake is. Two kinds of credentials:

* :func:`s3_access` — the writing path (boto3 for landing, delta-rs for the tables:
  ingest, compact, reprocess). With no ``NEWSLAKE_S3_ENDPOINT`` the local stack's
  generated key; otherwise the standard AWS credential chain
  (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, profiles, instance roles).
* :func:`query_access` — the analysis connections (DuckDB: ``newslake sql``,
  ``connect()``, search, export), which only ever read. The local stack's read-only key
  (S3 actions ``Read`` and ``List`` only); on another S3, ``query_access_key_id`` /
  ``query_secret_access_key`` when set, else the writing credentials.

boto3 is imported where a client is made, not with this module: the commands that only
read through DuckDB (``sql``, ``search``) would otherwise pay its import (~0.15 s) for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from newslake.core.settings import Settings
from newslake.core.state import STACK, StackState, read_state


class StorageError(RuntimeError):
    """Object storage is not reachable or not configured."""


@dataclass(frozen=True)
class S3Access:
    endpoint_url: str | None
    region: str
    access_key: str | None
    secret_key: str | None
    session_token: str | None = None

    @property
    def uses_http(self) -> bool:
        return bool(self.endpoint_url) and urlparse(self.endpoint_url).scheme == "http"


def s3_access(settings: Settings) -> S3Access:
    if settings.uses_local_stack:
        state = read_state(settings, STACK, StackState)
        if state is None:
            raise StorageError(
                f"No local S3 server has been set up in {settings.state_dir}: run `newslake up` "
                "first, or set NEWSLAKE_S3_ENDPOINT to use another S3 service."
            )
        return S3Access(state.endpoint, settings.region, state.access_key, state.secret_key)
    import boto3

    credentials = boto3.Session().get_credentials()
    frozen = credentials.get_frozen_credentials() if credentials else None
    return S3Access(
        settings.s3_endpoint,
        settings.region,
        frozen.access_key if frozen else None,
        frozen.secret_key if frozen else None,
        frozen.token if frozen else None,
    )


def query_access(settings: Settings) -> S3Access:
    """Credentials for the analysis connections: read-only where the store has such a key.

    Falls back to :func:`s3_access` (the writing credentials) on a local stack whose state
    predates the read-only key (``newslake up`` adds one), and on another S3 without
    ``query_access_key_id``/``query_secret_access_key``."""
    if settings.uses_local_stack:
        state = read_state(settings, STACK, StackState)
        if state is not None and state.read_access_key and state.read_secret_key:
            return S3Access(state.endpoint, settings.region, state.read_access_key, state.read_secret_key)
        return s3_access(settings)
    key_id, secret = settings.query_access_key_id, settings.query_secret_access_key
    if key_id and secret:
        return S3Access(settings.s3_endpoint, settings.region, key_id, secret.get_secret_value())
    if key_id or secret:
        raise StorageError("set both query_access_key_id and query_secret_access_key (NEWSLAKE_QUERY_…), or neither")
    return s3_access(settings)


@lru_cache(maxsize=8)
def _client(access: S3Access) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=access.endpoint_url,
        region_name=access.region,
        aws_access_key_id=access.access_key,
        aws_secret_access_key=access.secret_key,
        aws_session_token=access.session_token,
        config=Config(
            s3={"addressing_style": "path"} if access.endpoint_url else {},
            retries={"max_attempts": 5, "mode": "standard"},
            max_pool_connections=32,
        ),
    )


def s3_client(settings: Settings) -> Any:
    """A boto3 S3 client for the configured store (thread-safe, cached per endpoint and key)."""
    return _client(s3_access(settings))


def query_s3_client(settings: Settings) -> Any:
    """A boto3 S3 client with the analysis connections' credentials (:func:`query_access`)."""
    return _client(query_access(settings))


def ensure_bucket(settings: Settings) -> None:
    from botocore.exceptions import ClientError

    client = s3_client(settings)
    try:
        client.head_bucket(Bucket=settings.bucket)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket", "NotFound"):
            raise
        client.create_bucket(Bucket=settings.bucket)


def delta_storage_options(settings: Settings) -> dict[str, str]:
    """Options for delta-rs. Conditional put keeps concurrent commits safe without DynamoDB."""
    access = s3_access(settings)
    options = {"AWS_REGION": access.region, "aws_conditional_put": "etag"}
    if access.endpoint_url:
        options["AWS_ENDPOINT_URL"] = access.endpoint_url
        options["AWS_ALLOW_HTTP"] = "true" if access.uses_http else "false"
    if access.access_key and access.secret_key:
        options["AWS_ACCESS_KEY_ID"] = access.access_key
        options["AWS_SECRET_ACCESS_KEY"] = access.secret_key
    if access.session_token:
        options["AWS_SESSION_TOKEN"] = access.session_token
    return options


def s3_uri(settings: Settings, *parts: str) -> str:
    path = "/".join(part.strip("/") for part in parts if part)
    return f"s3://{settings.bucket}/{path}"
