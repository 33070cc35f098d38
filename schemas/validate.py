"""Validation: an article row must satisfy its table's contract before it is committed."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from schemas.records import Rejection


def check_article(row: dict[str, Any], *, min_body_words: int) -> Rejection | None:
    """Why this row cannot be an article, or None if it can."""
    index = row.get("record_index")
    if not row["body"].strip():
        return Rejection("validate", "no article text was found", "EmptyBody", index)
    if row["word_count"] < min_body_words:
        return Rejection(
            "validate",
            f"the article text has {row['word_count']} words, fewer than the minimum of {min_body_words} "
            "(NEWSLAKE_MIN_BODY_WORDS)",
            "BodyTooShort",
            index,
        )
    return None


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as an Arrow table of exactly ``schema``; raises on a value of the wrong type."""
    return pa.Table.from_pylist(rows, schema=schema)


def conversion_error(row: dict[str, Any], schema: pa.Schema) -> Rejection | None:
    """The schema violation in one row, if any: used to single out the bad row of a batch."""
    try:
        to_table([row], schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        return Rejection("validate", f"does not fit the articles schema: {exc}", type(exc).__name__, row.get("record_index"))
    return None


def schema_violations(rows: list[dict[str, Any]], schema: pa.Schema) -> list[Rejection | None]:
    """The schema violation of each row, if any. Converts the batch once; only when that
    fails does it look row by row for the culprits."""
    try:
        to_table(rows, schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        return [conversion_error(row, schema) for row in rows]
    return [None] * len(rows)
