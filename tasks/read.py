"""Step: read a batch of landed objects back from the landing zone.

Every object is read inside a guard (``newslake.core.landing.read_objects``): one
that cannot be read — missing, over ``max_object_bytes``, a broken transfer —
becomes a ``read`` rejection of that object alone. Only when no object could be
read and the bucket does not answer either does the step fail (and Prefect retry
it): then the store is down, not the objects bad.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core.landing import read_objects, source_from_key
from newslake.core.settings import Settings
from schemas.records import ObjectResult, RawObject


@task(name="read-landed", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def read_batch(settings: Settings, keys: list[str]) -> tuple[list[RawObject], list[ObjectResult]]:
    """(objects read, results for objects that could not be read)."""
    return read_keys(settings, keys)


def read_keys(settings: Settings, keys: list[str]) -> tuple[list[RawObject], list[ObjectResult]]:
    """:func:`read_batch` outside a task run: a Dask worker reading its own piece of a batch."""
    raws: list[RawObject] = []
    failed: list[ObjectResult] = []
    for key, item in zip(keys, read_objects(settings, keys)):
        if isinstance(item, RawObject):
            raws.append(item)
        else:
            failed.append(ObjectResult(key, source_from_key(settings, key), None, rejections=[item]))
    return raws, failed
