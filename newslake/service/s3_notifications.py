"""S3 event notifications → the objects they say were created.

Object stores announce new objects in a few JSON shapes, all read here:

- **AWS S3** (direct, or relayed from SQS/SNS/Lambda): ``{"Records": [{"eventName":
  "ObjectCreated:Put", "s3": {"bucket": {"name"}, "object": {"key", "size", "eTag",
  "sequencer"}}}]}``. Keys are URL-encoded form-style (a space is ``+``).
- **The AWS test message** S3 sends when a notification is configured:
  ``{"Event": "s3:TestEvent", ...}`` — nothing was created.
- **MinIO webhooks**: ``{"EventName": "s3:ObjectCreated:Put", "Key": "bucket/key",
  "Records": [...]}`` with AWS-shaped records (``eventName`` prefixed ``s3:``, keys
  URL-encoded, ``/`` included).
- **EventBridge**: ``{"detail-type": "Object Created", "detail": {"bucket": {"name"},
  "object": {"key", "size", "etag", "sequencer"}}}``.
- **An SNS envelope** around any of these: ``{"Type": "Notification", "Message": "<json>"}``.

Only object creations matter to the pipeline; removals and other events are
counted and otherwise ignored. Parsing is pure: no I/O, no settings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

TEST_EVENT = "s3:TestEvent"
_CREATED = "ObjectCreated:"


class NotificationError(ValueError):
    """The body is not an S3 event notification this endpoint understands."""


@dataclass(frozen=True)
class ObjectCreated:
    """One object a notification says was written."""

    bucket: str
    key: str  # URL-decoded: the key as S3 APIs take it
    event_name: str  # without the ``s3:`` prefix MinIO adds, e.g. ``ObjectCreated:Put``
    size: int | None = None
    etag: str | None = None
    sequencer: str | None = None

    @property
    def token(self) -> str | None:
        """What identifies this write of the object: the sequencer, else the ETag.
        The same write notified twice carries the same token, so it is announced once."""
        return self.sequencer or self.etag


@dataclass(frozen=True)
class Notification:
    """What one notification body says."""

    created: list[ObjectCreated] = field(default_factory=list)
    other_events: int = 0  # records of other kinds (removals, restores, …)
    test_event: bool = False


def parse_notification(body: bytes | str | dict[str, Any]) -> list[ObjectCreated]:
    """The objects created according to ``body``; none for a test message or for
    events of other kinds. Raises :class:`NotificationError` for anything malformed."""
    return read_notification(body).created


def read_notification(body: bytes | str | dict[str, Any]) -> Notification:
    """The full reading of a notification: created objects, other events, test message."""
    document = _unwrap_sns(_as_document(body))
    if document.get("Event") == TEST_EVENT:
        return Notification(test_event=True)
    if "detail-type" in document or "detail" in document:
        return _from_eventbridge(document)
    if "Records" in document:
        return _from_records(document)
    if "EventName" in document or "EventType" in document:
        return _from_minio_key(document)
    raise NotificationError(
        "the body is not an S3 event notification: expected a `Records` list (AWS S3, MinIO), "
        f"an `s3:TestEvent`, or an EventBridge `detail`; got the fields {sorted(document)[:10]}"
    )


def _as_document(body: bytes | str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(body, (bytes, bytearray, str)):
        if not (body.strip() if isinstance(body, str) else bytes(body).strip()):
            raise NotificationError("the body is empty: send the notification JSON")
        try:
            body = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise NotificationError(f"the body is not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise NotificationError("the body is JSON nested too deeply to be a notification") from exc
    if not isinstance(body, dict):
        raise NotificationError(f"the notification must be a JSON object, not a {_json_type(body)}")
    return body


def _unwrap_sns(document: dict[str, Any]) -> dict[str, Any]:
    """An SNS delivery carries the S3 notification as a JSON string in ``Message``."""
    kind = document.get("Type")
    if kind == "SubscriptionConfirmation":
        raise NotificationError(
            "this is an SNS subscription confirmation, not an S3 event: confirm the subscription "
            "by opening its SubscribeURL (see docs/endpoints.md)"
        )
    if kind == "Notification" and isinstance(document.get("Message"), str) and "TopicArn" in document:
        return _as_document(document["Message"])
    return document


def _from_records(document: dict[str, Any]) -> Notification:
    records = document["Records"]
    if not isinstance(records, list):
        raise NotificationError(f"`Records` must be a list, not a {_json_type(records)}")
    created: list[ObjectCreated] = []
    other = 0
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise NotificationError(f"Records[{index}] must be an object, not a {_json_type(record)}")
        event_name = _event_name(record.get("eventName"))
        if event_name is None:
            raise NotificationError(f"Records[{index}] has no `eventName`")
        if not event_name.startswith(_CREATED):
            other += 1
            continue
        s3 = _object_field(record, "s3", f"Records[{index}]")
        bucket = _object_field(s3, "bucket", f"Records[{index}].s3")
        obj = _object_field(s3, "object", f"Records[{index}].s3")
        created.append(
            ObjectCreated(
                bucket=_string_field(bucket, "name", f"Records[{index}].s3.bucket"),
                key=unquote_plus(_string_field(obj, "key", f"Records[{index}].s3.object")),
                event_name=event_name,
                size=_size(obj.get("size")),
                etag=_etag(obj.get("eTag")),
                sequencer=obj.get("sequencer") or None,
            )
        )
    if not records and ("Key" in document or "EventName" in document):
        return _from_minio_key(document)
    return Notification(created=created, other_events=other)


def _from_minio_key(document: dict[str, Any]) -> Notification:
    """A MinIO event with no records: the top-level ``Key`` is ``bucket/key``, not encoded."""
    event_name = _event_name(document.get("EventName") or document.get("EventType"))
    if event_name is None or not event_name.startswith(_CREATED):
        return Notification(other_events=1)
    key = document.get("Key")
    if not isinstance(key, str) or "/" not in key.strip("/"):
        raise NotificationError(f"the MinIO event's `Key` must be 'bucket/object', got {key!r}")
    bucket, name = key.lstrip("/").split("/", 1)
    return Notification(created=[ObjectCreated(bucket=bucket, key=name, event_name=event_name)])


def _from_eventbridge(document: dict[str, Any]) -> Notification:
    if document.get("detail-type") != "Object Created":
        return Notification(other_events=1)
    detail = _object_field(document, "detail", "the EventBridge event")
    bucket = _object_field(detail, "bucket", "detail")
    obj = _object_field(detail, "object", "detail")
    reason = detail.get("reason")
    return Notification(
        created=[
            ObjectCreated(
                bucket=_string_field(bucket, "name", "detail.bucket"),
                key=unquote_plus(_string_field(obj, "key", "detail.object")),
                event_name=f"{_CREATED}{reason}" if isinstance(reason, str) and reason else _CREATED.rstrip(":"),
                size=_size(obj.get("size")),
                etag=_etag(obj.get("etag")),
                sequencer=obj.get("sequencer") or None,
            )
        ]
    )


def _event_name(value: Any) -> str | None:
    """``s3:ObjectCreated:Put`` (MinIO) and ``ObjectCreated:Put`` (AWS) are the same event."""
    if not isinstance(value, str) or not value:
        return None
    return value.removeprefix("s3:")


def _object_field(parent: dict[str, Any], name: str, where: str) -> dict[str, Any]:
    value = parent.get(name)
    if not isinstance(value, dict):
        raise NotificationError(f"{where} has no `{name}` object")
    return value


def _string_field(parent: dict[str, Any], name: str, where: str) -> str:
    value = parent.get(name)
    if not isinstance(value, str) or not value:
        raise NotificationError(f"{where} has no `{name}` string")
    return value


def _size(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _etag(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip('"') or None


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
