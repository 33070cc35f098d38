"""The article key index (``article_keys``): what a commit knows of every stored article.

A commit of a few hundred articles must know which of their ids the lake already holds,
which stored articles may be near-duplicates of them (SimHash), and which raw object
committed a held id (a crashed attempt at the same object is resumed, not counted as a
duplicate). ``articles`` answers that only through a scan of three columns of every row,
in the small row groups sized for queries over bodies: 4.7 s at a million articles.

``article_keys`` holds those columns alone, in large row groups, and is written first by
every commit (``tasks.commit``). A process keeps what it has read: the next commit reads
only the files added since (Delta's file list), and everything again only after a
compaction replaced files. A worker that commits batch after batch therefore reads the
index once; the memory it keeps is about 50 bytes an article.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newslake.core import lake
from newslake.core.settings import Settings
from schemas import TABLES
from schemas.validate import to_table

TABLE = "article_keys"
COLUMNS = ["article_id", "simhash", "cluster_id", "raw_key_hash", "raw_offset"]
_MAX_CHUNKS = 2048  # ~30 M articles read at once; merging copies the whole index
_BATCH_ROWS = 16_384


def raw_key_hash(raw_key: str | None) -> int | None:
    """The first 8 bytes of SHA-256 of a raw key, as a signed 64-bit integer."""
    if raw_key is None:
        return None
    return int.from_bytes(hashlib.sha256(raw_key.encode("utf-8", "surrogatepass")).digest()[:8], "big", signed=True)


def key_rows(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ``article_keys`` rows of articles about to be committed."""
    return [
        {
            "article_id": row["article_id"],
            "simhash": row.get("simhash"),
            "cluster_id": None if row.get("cluster_id") in (None, row["article_id"]) else row["cluster_id"],
            "raw_key": row.get("raw_key"),
            "raw_key_hash": raw_key_hash(row.get("raw_key")),
            "raw_offset": row.get("raw_offset"),
        }
        for row in articles
    ]


@dataclass
class _Snapshot:
    table_id: str  # a table deleted and made again under the same URI has another id
    version: int
    files: frozenset[str]
    keys: pa.Table


_cache: dict[str, _Snapshot] = {}
_lock = threading.Lock()


def stored_keys(settings: Settings) -> pa.Table:
    """``article_id``, ``simhash``, ``cluster_id`` (null when the article leads its own
    cluster), ``raw_key_hash`` and ``raw_offset`` of every stored article, as of now."""
    with _lock:
        return _refreshed(settings)


def _refreshed(settings: Settings) -> pa.Table:
    table = lake.open_table(settings, TABLE)
    table_id = table.metadata().id
    cached = _cache.get(table.table_uri)
    if cached and cached.table_id != table_id:
        cached = None
    if cached and cached.version == table.version():
        return cached.keys
    dataset = table.to_pyarrow_dataset()
    fragments = {fragment.path: fragment for fragment in dataset.get_fragments()}
    if not fragments and _build_from_articles(settings):
        return _refreshed(settings)
    if cached and cached.files <= fragments.keys():
        added = _read(dataset, [fragments[path] for path in fragments.keys() - cached.files])
        keys = pa.concat_tables([cached.keys, added])
        if keys.column(0).num_chunks > _MAX_CHUNKS:  # chunks pile up, a few per commit: merge them now and then
            keys = keys.combine_chunks()
    else:  # the first read, or a compaction replaced files
        keys = _read(dataset, list(fragments.values()))
    _cache[table.table_uri] = _Snapshot(table_id, table.version(), frozenset(fragments), keys)
    return keys


def _read(dataset: ds.FileSystemDataset, fragments: list[ds.Fragment]) -> pa.Table:
    """The index columns of some of the table's files, batch by batch (a whole-table read
    peaked 50 MB higher at a million articles), typed as the schema says (files written
    by other tools may hold ``string_view``). On the calling thread, for the reason
    ``lake.read_columns`` gives."""
    schema = pa.schema([TABLES[TABLE].schema.field(name).with_nullable(True) for name in COLUMNS])
    options = ds.ParquetFragmentScanOptions(pre_buffer=False)
    # malloc, not Arrow's default mimalloc, which kept the read's freed buffers: 40 MB more at 1 M
    pool = pa.system_memory_pool()
    batches = [
        pa.record_batch([pc.cast(batch.column(field.name), field.type, memory_pool=pool) for field in schema], schema=schema)
        for fragment in fragments
        for batch in fragment.to_batches(columns=COLUMNS, batch_size=_BATCH_ROWS, use_threads=False,
                                         fragment_scan_options=options, memory_pool=pool)
    ]
    return pa.Table.from_batches(batches, schema)


def _build_from_articles(settings: Settings) -> bool:
    """Fill an empty index from ``articles``, once: a lake written before the index (schema
    1.4 and older) has articles and no keys. True if it wrote anything."""
    stored = lake.read_columns(settings, "articles", ["article_id", "simhash", "cluster_id", "raw_key", "raw_offset"])
    if not stored.num_rows:
        return False
    parts = [to_table(key_rows(batch.to_pylist()), TABLES[TABLE].schema) for batch in stored.to_batches(max_chunksize=_BATCH_ROWS)]
    lake.merge(settings, TABLE, pa.concat_tables(parts))  # a few rows at a time as Python objects, one commit
    return True
