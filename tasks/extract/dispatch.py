"""Extraction: from one landed object to the articles in it (or why there are none).

Dispatches on the detected format; every failure becomes a
:class:`~schemas.records.Rejection` naming the stage, so a bad object never
stops its batch.
"""

from __future__ import annotations

import json
from datetime import datetime

from schemas.records import Extracted, RawObject, Rejection
from tasks.extract.detect import Format, UnsupportedInput, decode_bytes, detect_format
from tasks.extract.html import extract_html
from tasks.extract.records import parse_json, parse_json_lines, record_to_article
from tasks.extract.text import EXTRACTOR as TEXT_EXTRACTOR
from tasks.extract.text import extract_text


def extract_object(raw: RawObject, *, fetched_at: datetime | None = None) -> list[Extracted | Rejection]:
    """Every article found in ``raw``, and a rejection for every part that failed."""
    try:
        data = decode_bytes(raw.key, raw.data)
        fmt = detect_format(raw.source_path or raw.key, data)
        text = _decode_text(data)
    except UnsupportedInput as exc:
        return [Rejection("detect", str(exc), type(exc).__name__)]
    try:
        if fmt is Format.HTML:
            return [extract_html(data, raw.source_url, fetched_at=fetched_at)]
        if fmt is Format.TEXT:
            return [_from_text(text, raw.source_url)]
        records = parse_json(text) if fmt is Format.JSON else parse_json_lines(text)
        return [_guarded(index, value, fetched_at) for index, value in records]
    except json.JSONDecodeError as exc:
        return [Rejection("parse", f"not valid JSON: {exc}", type(exc).__name__)]
    except Exception as exc:  # any extractor failure rejects this object only
        return [Rejection("extract", f"{fmt.value} extraction failed: {exc}", type(exc).__name__)]


def _guarded(index: int, value: object, fetched_at: datetime | None) -> Extracted | Rejection:
    try:
        return record_to_article(index, value, fetched_at=fetched_at)
    except Exception as exc:
        return Rejection("extract", f"record {index}: {exc}", type(exc).__name__, index)


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _from_text(text: str, url: str | None) -> Extracted:
    article = extract_text(text)
    return Extracted(
        url=url,
        body=article.body,
        format=Format.TEXT.value,
        extractor=TEXT_EXTRACTOR,
        title=article.title,
        section=article.section,
        authors=article.authors,
        published_at=article.published_at,
        date_source="text:date line" if article.published_at else None,
    )
