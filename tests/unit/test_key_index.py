"""The key index's rows (pure: no S3)."""

from newslake.core.key_index import key_rows, raw_key_hash

# Written into every lake's index: a change of the function would orphan them all.
RAW_KEY_HASH = 1623986268519057408  # SHA-256's first 8 bytes, signed


def test_the_raw_key_hash_is_the_same_in_every_process():
    # SHA-256, not Python's salted hash(): another process, another machine, the same value
    assert raw_key_hash("landing/files/2026/11/27/a.json") == RAW_KEY_HASH
    assert raw_key_hash("landing/files/2026/11/27/b.json") != RAW_KEY_HASH
    assert raw_key_hash(None) is None


def test_an_article_leading_its_own_cluster_stores_no_cluster():
    rows = key_rows([
        {"article_id": "a" * 32, "simhash": 5, "cluster_id": "a" * 32, "raw_key": "k1", "raw_offset": None},
        {"article_id": "b" * 32, "simhash": 6, "cluster_id": "a" * 32, "raw_key": "k2", "raw_offset": 1024},
    ])
    assert [row["cluster_id"] for row in rows] == [None, "a" * 32]
    assert [row["raw_offset"] for row in rows] == [None, 1024]
    assert rows[1]["raw_key_hash"] == raw_key_hash("k2")

