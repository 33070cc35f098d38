"""Intake: every input first becomes an immutable raw object under the landing prefix.

Keys are content-addressed — ``<landing>/<source>/<yyyy>/<mm>/<dd>/<sha256>.<ext>``
— and written with ``If-None-Match: *``, so landing the same bytes twice on a
day is a no-op and a landed object is never overwritten. The original file name
travels as object metadata, for provenance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from botocore.exceptions import ClientError

from newslake.settings import Settings
from newslake.storage import s3_client

_KNOWN_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".json.gz", ".jsonl.gz", ".ndjson.gz")
SOURCE_PATH_META = "source-path"
SOURCE_URL_META = "source-url"


@dataclass(frozen=True)
class Landed:
    key: str
    source_path: str | None
    created: bool  # False when an identical object had already landed


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under directories named (recursively), skipping hidden ones."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in relative):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"No such file or directory: {path}")


def _extension(name: str) -> str:
    lower = name.lower()
    for suffix in _KNOWN_SUFFIXES:
        if lower.endswith(suffix):
            return suffix
    suffix = Path(lower).suffix
    return suffix if suffix and len(suffix) <= 8 and suffix[1:].isalnum() else ".bin"


def landing_key(settings: Settings, source: str, data: bytes, name: str, when: datetime) -> str:
    """The content-addressed key of ``data`` landed from ``source`` on ``when``'s day."""
    digest = hashlib.sha256(data).hexdigest()
    day = when.astimezone(timezone.utc).strftime("%Y/%m/%d")
    return f"{settings.landing_prefix}/{source}/{day}/{digest}{_extension(name)}"


def land_bytes(
    settings: Settings,
    data: bytes,
    *,
    source: str,
    name: str,
    source_path: str | None = None,
    source_url: str | None = None,
) -> Landed:
    """Store one raw object unless an identical one landed today. ``source_url`` is where
    the bytes came from (a fetched or pushed page): extraction uses it when the page
    names no canonical URL itself."""
    key = landing_key(settings, source, data, name, datetime.now(timezone.utc))
    metadata = {}
    if source_path:
        metadata[SOURCE_PATH_META] = quote(source_path, safe="/")
    if source_url:
        metadata[SOURCE_URL_META] = quote(source_url, safe="/:?&=#%+@,;~")
    try:
        s3_client(settings).put_object(
            Bucket=settings.bucket, Key=key, Body=data, IfNoneMatch="*", Metadata=metadata
        )
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412"):
            return Landed(key, source_path, created=False)
        raise
    return Landed(key, source_path, created=True)


def land_files(
    settings: Settings,
    files: list[Path],
    *,
    source: str = "files",
    on_landed: Callable[[Landed], Any] | None = None,
    threads: int = 8,
) -> list[Landed]:
    """Land local files concurrently (uploads are I/O-bound), in input order."""

    def land_one(path: Path) -> Landed:
        landed = land_bytes(settings, path.read_bytes(), source=source, name=path.name, source_path=str(path))
        if on_landed:
            on_landed(landed)
        return landed

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(land_one, files))


def source_path_from_metadata(metadata: dict[str, str]) -> str | None:
    value = metadata.get(SOURCE_PATH_META)
    return unquote(value) if value else None


def source_url_from_metadata(metadata: dict[str, str]) -> str | None:
    value = metadata.get(SOURCE_URL_META)
    return unquote(value) if value else None


def source_from_key(settings: Settings, key: str) -> str:
    """The source name is the first path segment under the landing prefix."""
    relative = key[len(settings.landing_prefix) :].lstrip("/")
    return relative.split("/", 1)[0] if "/" in relative else "unknown"


def landed_on(settings: Settings, key: str) -> str | None:
    """The landing day of a key, as ``YYYY-MM-DD``, read from the key layout."""
    parts = key[len(settings.landing_prefix) :].lstrip("/").split("/")
    if len(parts) < 5 or not all(part.isdigit() for part in parts[1:4]):
        return None
    return "-".join(parts[1:4])
