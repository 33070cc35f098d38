"""Reading landed objects back, and finding the ones no run has ingested yet."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone

from botocore.exceptions import ClientError
from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.settings import Settings
from newslake.storage import s3_client
from schemas.records import RawObject, Rejection
from tasks.land import source_from_key, source_path_from_metadata, source_url_from_metadata
from tasks.transform import ObjectResult


def read_object(settings: Settings, key: str) -> RawObject | Rejection:
    """The object's bytes and provenance, or a rejection if it cannot be read."""
    try:
        response = s3_client(settings).get_object(Bucket=settings.bucket, Key=key)
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


def read_objects(settings: Settings, keys: list[str], threads: int = 16) -> list[RawObject | Rejection]:
    """Objects in key order; reads are I/O-bound, so they run on threads."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(lambda key: read_object(settings, key), keys))


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
    today = (now or datetime.now(timezone.utc)).date()
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


@task(name="read-landed", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def read_batch(settings: Settings, keys: list[str]) -> tuple[list[RawObject], list[ObjectResult]]:
    """(objects read, results for objects that could not be read)."""
    raws: list[RawObject] = []
    failed: list[ObjectResult] = []
    for key, item in zip(keys, read_objects(settings, keys)):
        if isinstance(item, RawObject):
            raws.append(item)
        else:
            failed.append(ObjectResult(key, source_from_key(settings, key), None, rejections=[item]))
    return raws, failed
