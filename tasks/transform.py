"""The transform step: landed objects through detection, extraction, validation and
enrichment, each inside a guard (the work itself is ``tasks.documents.passes``)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core.settings import Settings, get_settings
from schemas.records import ObjectResult, RawObject, RunContext
from tasks.documents.guards import DocumentLimits
from tasks.documents.passes import transform
from tasks.read import read_keys


@task(name="transform", cache_policy=NO_CACHE)
def transform_batch(
    raws: list[RawObject], run: RunContext, workers: int, limits: DocumentLimits | None = None
) -> list[ObjectResult]:
    """Transform a batch over ``workers`` processes, every object under the hard limits of
    a worker — even a batch of one. With ``workers`` ≤ 1 it runs in this process."""
    limits = limits or DocumentLimits.from_settings(get_settings())
    return transform(raws, run, limits, workers=workers, inline=workers <= 1)


@task(name="transform-keys", cache_policy=NO_CACHE)
def transform_keys(settings: Settings, keys: list[str], run: RunContext, limits: DocumentLimits) -> list[ObjectResult]:
    """Read ``keys`` from the landing zone and transform them in this process: the piece of a
    batch that one Dask worker takes (runner ``dask``). The worker reads S3 itself, so page
    bytes never pass through the scheduler; its models load once (``warm_up``, once per
    process). Each object is under the soft limits of an inline run (docs/configuration.md)."""
    raws, unreadable = read_keys(settings, keys)
    done = {result.raw_key: result for result in unreadable + transform(raws, run, limits, workers=1, inline=True)}
    return [done[key] for key in keys]
