"""The transform step: landed objects through detection, extraction, validation and
enrichment, each inside a guard (the work itself is ``tasks.documents.passes``)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core.settings import get_settings
from schemas.records import ObjectResult, RawObject, RunContext
from tasks.documents.guards import DocumentLimits
from tasks.documents.passes import transform


@task(name="transform", cache_policy=NO_CACHE)
def transform_batch(
    raws: list[RawObject], run: RunContext, workers: int, limits: DocumentLimits | None = None
) -> list[ObjectResult]:
    """Transform a batch over ``workers`` processes, every object under the hard limits of
    a worker — even a batch of one. With ``workers`` ≤ 1 it runs in this process."""
    limits = limits or DocumentLimits.from_settings(get_settings())
    return transform(raws, run, limits, workers=workers, inline=workers <= 1)
