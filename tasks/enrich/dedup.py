"""Near-duplicates: a SimHash signature per article and a ``cluster_id`` that groups
the same story across outlets and syndication, across the whole lake.

SimHash (Charikar) over word 3-shingles maps texts that share most of their
shingles to 64-bit signatures a few bits apart. Candidates are found through
four 16-bit bands (two signatures within 3 bits agree on at least one band), so
a new batch is compared with the lake without comparing every pair.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

MAX_DISTANCE = 3
_BANDS = 4
_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1
_CANDIDATES_AT_ONCE = 4096


def _shingle_hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str, shingle_size: int = 3) -> int:
    """64-bit SimHash as a signed int64 (the Parquet type), 0 for an empty text."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0
    shingles = {" ".join(words[i : i + shingle_size]) for i in range(max(1, len(words) - shingle_size + 1))}
    hashes = np.array([_shingle_hash(shingle) for shingle in shingles], dtype=np.uint64)
    bits = np.unpackbits(hashes.view(np.uint8).reshape(-1, 8)[:, ::-1], axis=1)  # row: bits 63…0
    votes = bits.sum(axis=0, dtype=np.int64) * 2 - len(hashes)
    unsigned = int("".join("1" if vote > 0 else "0" for vote in votes), 2)
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def distance(a: int, b: int) -> int:
    return bin((a ^ b) & _MASK64).count("1")


def _bands(signature: int) -> list[tuple[int, int]]:
    unsigned = signature & _MASK64
    width = 64 // _BANDS
    return [(band, unsigned >> (band * width) & ((1 << width) - 1)) for band in range(_BANDS)]


def within_reach(stored: np.ndarray, signatures: Iterable[int]) -> np.ndarray:
    """Mask of the ``stored`` signatures (int64) within ``MAX_DISTANCE`` bits of one of
    ``signatures``: the only ones :func:`assign_clusters` can match them with. Vectorised,
    so that a batch is compared with a lake of millions without a Python loop over the
    lake: the bands pick candidates (about 4 in 65,536 of a random lake per signature),
    then their distances to the batch are counted for those alone."""
    wanted = [signature for signature in signatures if signature]
    bands: list[list[int]] = [[] for _ in range(_BANDS)]
    for signature in wanted:
        for band, value in _bands(signature):
            bands[band].append(value)
    unsigned = np.ascontiguousarray(stored, dtype="<i8").view("<u8")
    lanes = unsigned.view("<u2").reshape(-1, _BANDS)  # lane b holds bits 16b..16b+15: band b, without a copy
    mask = np.zeros(len(unsigned), dtype=bool)
    for band in range(_BANDS):
        mask |= np.isin(lanes[:, band], np.array(bands[band], dtype="<u2"), kind="table")  # a 65,536-entry table, no sort
    batch = np.array(wanted, dtype=np.int64).view(np.uint64)
    candidates = np.nonzero(mask)[0]
    for start in range(0, len(candidates), _CANDIDATES_AT_ONCE):  # bounded memory: rows x batch distances
        rows = candidates[start : start + _CANDIDATES_AT_ONCE]
        gaps = np.bitwise_count(unsigned[rows][:, None] ^ batch[None, :])
        mask[rows] = (gaps <= MAX_DISTANCE).any(axis=1)
    return mask


def assign_clusters(
    new: Iterable[tuple[str, int]], existing: Iterable[tuple[str, int, str]]
) -> dict[str, str]:
    """cluster_id for each new (article_id, simhash): the cluster of the nearest earlier
    article within ``MAX_DISTANCE`` bits, else the article's own id (a new story)."""
    index: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    for _article_id, signature, cluster_id in existing:
        for band in _bands(signature):
            index[band].append((signature, cluster_id))
    clusters: dict[str, str] = {}
    for article_id, signature in new:
        best: tuple[int, str] | None = None
        if signature != 0:
            for band in _bands(signature):
                for other, cluster_id in index[band]:
                    gap = distance(signature, other)
                    if gap <= MAX_DISTANCE and (best is None or gap < best[0]):
                        best = (gap, cluster_id)
        clusters[article_id] = best[1] if best else article_id
        for band in _bands(signature):
            index[band].append((signature, clusters[article_id]))
    return clusters
