"""Landing archives (WARC files): each file once, as one raw object, streamed.

A WARC file holds tens of thousands of pages in ~1 GB. It lands as **one** object under
``archive_prefix`` (never exploded into one object per page, and apart from the landing
prefix, so that the ingest flow's reconcile never mistakes it for a page), uploaded in
multipart pieces straight from the file or the source bucket: memory does not grow with
its size. Its key is its content's SHA-256, so landing the same file again — a backfill
started twice, the same file under another name — stores nothing new.

Pages are read back from it by byte range (:func:`open_range`), a segment at a time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

from botocore.exceptions import ClientError

from newslake.core.landing import SOURCE_PATH_META
from newslake.core.settings import Settings
from newslake.core.storage import s3_client

_PART_BYTES = 64 * 1024 * 1024
_HASH_CHUNK = 8 * 1024 * 1024
ARCHIVE_SUFFIXES = (".warc.gz", ".warc")


@dataclass(frozen=True)
class LandedArchive:
    key: str
    size: int
    source: str  # the path or s3:// URI it came from
    created: bool  # False: an identical file had landed before


def archive_suffix(name: str) -> str | None:
    """``.warc.gz`` or ``.warc`` for a WARC file name, else None."""
    lower = name.lower()
    return next((suffix for suffix in ARCHIVE_SUFFIXES if lower.endswith(suffix)), None)


def is_gzipped(key: str) -> bool:
    return key.lower().endswith(".gz")


def _transfer_config() -> Any:
    from boto3.s3.transfer import TransferConfig

    return TransferConfig(multipart_threshold=_PART_BYTES, multipart_chunksize=_PART_BYTES, max_concurrency=4)


def archive_key(settings: Settings, digest: str, suffix: str) -> str:
    return f"{settings.archive_prefix.rstrip('/')}/{digest[:2]}/{digest}{suffix}"


def _exists(settings: Settings, key: str) -> int | None:
    try:
        return int(s3_client(settings).head_object(Bucket=settings.bucket, Key=key)["ContentLength"])
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise


def _digest(stream: BinaryIO) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    while chunk := stream.read(_HASH_CHUNK):
        sha.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size


def land_archive(settings: Settings, source: str) -> LandedArchive:
    """Land the WARC file at ``source`` (a local path or ``s3://bucket/key`` on the configured
    endpoint) unless the same content landed before. Reads it twice, streaming: once to hash
    it, once to upload it."""
    suffix = archive_suffix(source)
    if suffix is None:
        raise ValueError(f"{source}: not a WARC file (expected a name ending in .warc or .warc.gz)")
    client = s3_client(settings)
    metadata = {SOURCE_PATH_META: quote(source, safe="/:")}
    if source.startswith("s3://"):
        bucket, _, key = source.removeprefix("s3://").partition("/")
        digest, size = _digest(client.get_object(Bucket=bucket, Key=key)["Body"])
        target = archive_key(settings, digest, suffix)
        if _exists(settings, target) is not None:
            return LandedArchive(target, size, source, created=False)
        body = client.get_object(Bucket=bucket, Key=key)["Body"]
        client.upload_fileobj(body, settings.bucket, target, ExtraArgs={"Metadata": metadata}, Config=_transfer_config())
        return LandedArchive(target, size, source, created=True)
    path = Path(source)
    with path.open("rb") as handle:
        digest, size = _digest(handle)
    target = archive_key(settings, digest, suffix)
    if _exists(settings, target) is not None:
        return LandedArchive(target, size, source, created=False)
    client.upload_file(str(path), settings.bucket, target, ExtraArgs={"Metadata": metadata}, Config=_transfer_config())
    return LandedArchive(target, size, source, created=True)


def open_range(settings: Settings, key: str, start: int = 0, end: int | None = None) -> BinaryIO:
    """A stream of the archive's bytes ``start`` .. ``end`` (exclusive; None: to the end)."""
    byte_range = f"bytes={start}-" + ("" if end is None else str(end - 1))
    return s3_client(settings).get_object(Bucket=settings.bucket, Key=key, Range=byte_range)["Body"]


def read_json(settings: Settings, key: str) -> bytes | None:
    """A small side object (a scan's plan), or None when absent."""
    try:
        return s3_client(settings).get_object(Bucket=settings.bucket, Key=key)["Body"].read()
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise


def write_json(settings: Settings, key: str, data: bytes) -> None:
    s3_client(settings).put_object(Bucket=settings.bucket, Key=key, Body=data, ContentType="application/json")
