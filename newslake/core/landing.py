"""The landing zone: where every input first becomes an immutable raw object.

Everything that knows the landing layout lives here: landing bytes and files,
reading an object back with its provenance, listing what landed (all of it, or the
last few days), and asking the ingest log which keys a run has already taken in.
The flows, the watcher, the HTTP endpoints and ``status`` all go through it.

Keys are content-addressed — ``<landing>/<source>/<yyyy>/<mm>/<dd>/<sha256>.<ext>``
— and written with ``If-None-Match: *``, so landing the same bytes twice on a
day is a no-op and a landed object is never overwritten. The original file name
travels as object metadata, for provenance.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pyarrow as pa
import pyarrow.compute as pc
from botocore.exceptions import BotoCoreError, ClientError

from newslake.core import lake
from newslake.core.guard import short_traceback
from newslake.core.settings import Settings
from newslake.core.storage import s3_client
from schemas import TABLES
from schemas.records import RawObject, Rejection

_KNOWN_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".json.gz", ".jsonl.gz", ".ndjson.gz")
SOURCE_PATH_META = "source-path"
SOURCE_URL_META = "source-url"


@dataclass(frozen=True)
class Landed:
    key: str
    source_path: str | None
    created: bool  # False when an identical object had already landed


@dataclass(frozen=True)
class Skipped:
    """An input that could not be landed, and why: reported to the user, never dropped silently."""

    path: str
    reason: str


def printable_path(path: Path | str) -> str:
    """A path as text that can always be printed and stored: bytes that are not UTF-8 in a
    file name are shown escaped (``\\xe9``) instead of failing every later step."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def scan_input_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Regular files named, and under directories named (recursively, hidden ones left
    out), in order; and the entries that are no regular file (a pipe, a socket, a broken
    link) or cannot be listed, with the reason. A named path that does not exist raises
    ``FileNotFoundError``: that is a typo to fix, not an input to skip."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in map(Path, paths):
        if path.is_dir():
            for child, problem in _walk(path):
                if problem:
                    skipped.append(Skipped(printable_path(child), problem))
                else:
                    files.append(child)
        elif path.is_file():
            files.append(path)
        elif path.exists() or path.is_symlink():
            skipped.append(Skipped(printable_path(path), _not_a_file(path)))
        else:
            raise FileNotFoundError(f"No such file or directory: {printable_path(path)}")
    return files, skipped


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """(path, None) for each regular file under ``root``; (path, reason) for what is not one."""
    errors: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=errors.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            child = Path(folder) / name
            yield (child, None) if child.is_file() else (child, _not_a_file(child))
    for error in errors:
        yield Path(error.filename or root), f"cannot list this folder: {error.strerror}"


def _not_a_file(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "a broken symbolic link"
    if path.is_fifo():
        return "a named pipe, not a file (reading it could wait forever)"
    if path.is_dir():
        return "a folder that cannot be read"
    return "not a regular file (a socket or a device)"


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
    day = when.astimezone(UTC).strftime("%Y/%m/%d")
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
    key = landing_key(settings, source, data, name, datetime.now(UTC))
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
    on_landed: Callable[[Landed | Skipped], Any] | None = None,
    threads: int = 8,
) -> tuple[list[Landed], list[Skipped]]:
    """Land local files concurrently (uploads are I/O-bound), in input order. A file that
    cannot be read (permissions, vanished, an I/O error) is skipped with its reason and
    the rest land; an unreachable object store still raises, since nothing can land."""

    def land_one(path: Path) -> Landed | Skipped:
        shown = printable_path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            outcome: Landed | Skipped = Skipped(shown, f"cannot be read: {exc.strerror or exc}")
        else:
            outcome = land_bytes(settings, data, source=source, name=shown.rsplit("/", 1)[-1], source_path=shown)
        if on_landed:
            on_landed(outcome)
        return outcome

    with ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(land_one, files))
    return [o for o in outcomes if isinstance(o, Landed)], [o for o in outcomes if isinstance(o, Skipped)]


def source_path_from_metadata(metadata: dict[str, str]) -> str | None:
    value = metadata.get(SOURCE_PATH_META)
    return unquote(value) if value else None


def source_url_from_metadata(metadata: dict[str, str]) -> str | None:
    value = metadata.get(SOURCE_URL_META)
    return unquote(value) if value else None


def is_landing_key(settings: Settings, key: str) -> bool:
    """Whether ``key`` names an object under the landing prefix: no empty, ``.`` or ``..``
    segments (a notification may carry ``landing/../lake/...``), no control characters,
    not a folder marker. Keys come from outside (events, notifications), so every
    caller that takes one checks it here."""
    prefix = settings.landing_prefix.strip("/") + "/"
    if not key.startswith(prefix) or key.endswith("/"):
        return False
    if any(ord(char) < 32 or char == "\x7f" or char == "\\" for char in key):
        return False
    return all(segment not in ("", ".", "..") for segment in key.split("/"))


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


def read_object(settings: Settings, key: str) -> RawObject | Rejection:
    """The object's bytes and provenance, or a rejection if it cannot be read. An object
    over ``max_object_bytes`` is rejected from its length alone, before its body is read."""
    try:
        response = s3_client(settings).get_object(Bucket=settings.bucket, Key=key)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "ClientError")
        return Rejection("read", f"cannot read s3://{settings.bucket}/{key}: {code}", code)
    length = response.get("ContentLength")
    if length is not None and length > settings.max_object_bytes:
        response["Body"].close()
        return Rejection(
            "read",
            f"s3://{settings.bucket}/{key} is {length:,} bytes, over the limit of {settings.max_object_bytes:,} "
            "per object (setting max_object_bytes)",
            "ObjectTooLarge",
        )
    try:
        data = response["Body"].read()
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "ClientError")
        return Rejection("read", f"cannot read s3://{settings.bucket}/{key}: {code}", code)
    return RawObject(
        key=key,
        data=data,
        source=source_from_key(settings, key),
        source_path=source_path_from_metadata(response.get("Metadata", {})),
        source_url=source_url_from_metadata(response.get("Metadata", {})),
    )


class StoreUnreachable(ConnectionError):
    """Every read of a batch failed and the bucket does not answer: the store, not the objects."""


def _read_guarded(settings: Settings, key: str) -> RawObject | Rejection | BotoCoreError:
    try:
        return read_object(settings, key)
    except BotoCoreError as exc:  # connection-level: the object's fault, or the store's (read_objects decides)
        return exc
    except Exception as exc:  # the guard: one object that cannot be read is rejected alone
        return _read_rejection(settings, key, exc)


def _read_rejection(settings: Settings, key: str, exc: BaseException) -> Rejection:
    return Rejection(
        "read", f"cannot read s3://{settings.bucket}/{key}: {type(exc).__name__}: {exc}", type(exc).__name__,
        detail=short_traceback(exc),
    )


def read_objects(settings: Settings, keys: list[str], threads: int = 16) -> list[RawObject | Rejection]:
    """Objects in key order; reads are I/O-bound, so they run on threads. A read that fails
    rejects its object, unless every read failed on the connection and the bucket does not
    answer either: then :class:`StoreUnreachable` is raised, since no object is at fault."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(lambda key: _read_guarded(settings, key), keys))
    if outcomes and all(isinstance(outcome, BotoCoreError) for outcome in outcomes):
        try:
            s3_client(settings).head_bucket(Bucket=settings.bucket)
        except Exception as exc:
            raise StoreUnreachable(f"cannot reach s3://{settings.bucket}: {exc}") from outcomes[0]
    return [
        _read_rejection(settings, key, outcome) if isinstance(outcome, BotoCoreError) else outcome
        for key, outcome in zip(keys, outcomes)
    ]


def object_sizes(settings: Settings, keys: list[str], threads: int = 16) -> dict[str, int]:
    """Stored size of each key (HEAD requests, on threads); keys that cannot be asked are left out."""
    client = s3_client(settings)

    def size(key: str) -> int | None:
        try:
            return int(client.head_object(Bucket=settings.bucket, Key=key)["ContentLength"])
        except Exception:  # the read will say what is wrong with it
            return None

    with ThreadPoolExecutor(max_workers=threads) as pool:
        sizes = list(pool.map(size, keys))
    return {key: value for key, value in zip(keys, sizes) if value is not None}


def landing_sources(settings: Settings) -> list[str]:
    """The source folders directly under the landing prefix."""
    paginator = s3_client(settings).get_paginator("list_objects_v2")
    root = settings.landing_prefix.rstrip("/") + "/"
    return [
        common["Prefix"][len(root) :].rstrip("/")
        for page in paginator.paginate(Bucket=settings.bucket, Prefix=root, Delimiter="/")
        for common in page.get("CommonPrefixes", [])
    ]


def recent_days(days: int, now: datetime | None = None) -> list[date]:
    """The last ``days`` UTC days, oldest first."""
    today = (now or datetime.now(UTC)).date()
    return [today - timedelta(days=back) for back in range(days - 1, -1, -1)]


def list_recent_landed(settings: Settings, days: int = 2, now: datetime | None = None) -> list[str]:
    """Keys landed on the last ``days`` UTC days, from every source. Keys are laid out by
    day, so this lists a few small prefixes instead of the whole landing history."""
    day_paths = [day.strftime("%Y/%m/%d") for day in recent_days(days, now)]
    root = settings.landing_prefix.rstrip("/")
    return [
        key
        for source in landing_sources(settings)
        for day in day_paths
        for key in list_landed(settings, f"{root}/{source}/{day}")
    ]


def list_landed(settings: Settings, prefix: str | None = None) -> Iterator[str]:
    """Every key under the landing prefix (or a narrower ``prefix``), in key order."""
    paginator = s3_client(settings).get_paginator("list_objects_v2")
    start = (prefix or settings.landing_prefix).rstrip("/") + "/"
    for page in paginator.paginate(Bucket=settings.bucket, Prefix=start):
        for item in page.get("Contents", []):
            yield item["Key"]


# A log row is written after its object landed, so rows older than the object's landing
# day cannot be about it. The margin absorbs clock skew between the lander and the runner.
_CLOCK_MARGIN = timedelta(hours=1)


def logged_since(days: list[date]) -> datetime | None:
    """The earliest ``logged_at`` a log row about objects landed on ``days`` can have."""
    if not days:
        return None
    first = min(days)
    return datetime(first.year, first.month, first.day, tzinfo=UTC) - _CLOCK_MARGIN


def _log(settings: Settings, columns: list[str], since: datetime | None) -> pa.Table:
    where = pc.field("logged_at") >= pa.scalar(since, TABLES["ingest_log"].schema.field("logged_at").type) if since else None
    return lake.read_columns(settings, "ingest_log", columns, where)


def ingested_keys(settings: Settings, keys: list[str]) -> set[str]:
    """Which of ``keys`` some run has already taken in (any outcome but ``rejected``)."""
    days = [landed_on(settings, key) for key in keys]
    since = logged_since([date.fromisoformat(day) for day in days]) if days and None not in days else None
    log = _log(settings, ["raw_key", "outcome"], since)
    taken = log.filter(pc.not_equal(log.column("outcome"), "rejected")).column("raw_key")
    return set(taken.to_pylist()).intersection(keys)


def logged_keys(settings: Settings, since: datetime | None = None) -> set[str]:
    """Keys with any row in the ingest log (written at or after ``since``), whatever the outcome."""
    return set(_log(settings, ["raw_key"], since).column("raw_key").to_pylist())
