"""S3 event notifications, in the shapes AWS S3, MinIO and EventBridge really send."""

import json

import pytest

from newslake.service.s3_notifications import NotificationError, ObjectCreated, parse_notification, read_notification

# Shaped after the AWS "Event message structure" page (eventVersion 2.1).
AWS_PUT = {
    "Records": [
        {
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": "eu-west-1",
            "eventTime": "2026-03-02T10:15:30.123Z",
            "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"},
            "requestParameters": {"sourceIPAddress": "203.0.113.7"},
            "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "newslake-landing",
                "bucket": {"name": "news", "ownerIdentity": {"principalId": "A3NL1KOZZKExample"}, "arn": "arn:aws:s3:::news"},
                "object": {
                    "key": "landing/wire/2026/03/02/Morning+Brief+%281%29.html",
                    "size": 1024,
                    "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                    "versionId": "096fKKXTRTtl3on89fVO.nfljtsv6qko",
                    "sequencer": "0055AED6DCD90281E5",
                },
            },
        }
    ]
}

AWS_TEST_EVENT = {
    "Service": "Amazon S3",
    "Event": "s3:TestEvent",
    "Time": "2026-03-02T10:00:00.000Z",
    "Bucket": "news",
    "RequestId": "5582815E1AEA5ADF",
    "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
}

# A MinIO webhook body: the top-level Key is "bucket/object" (decoded); the record's
# key is query-escaped, slashes included.
MINIO_PUT = {
    "EventName": "s3:ObjectCreated:Put",
    "Key": "news/landing/drop/2026/03/02/a b.json",
    "Records": [
        {
            "eventVersion": "2.0",
            "eventSource": "minio:s3",
            "awsRegion": "",
            "eventTime": "2026-03-02T10:15:31.000Z",
            "eventName": "s3:ObjectCreated:Put",
            "userIdentity": {"principalId": "minioadmin"},
            "requestParameters": {"principalId": "minioadmin", "region": "", "sourceIPAddress": "172.18.0.1"},
            "responseElements": {
                "x-amz-request-id": "159FB6B233B08AF0",
                "x-minio-deployment-id": "cd7a0eb7-a1f9-48d9-b21a-56366d75cfdd",
                "x-minio-origin-endpoint": "http://172.18.0.6:9000",
            },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "Config",
                "bucket": {"name": "news", "ownerIdentity": {"principalId": "minioadmin"}, "arn": "arn:aws:s3:::news"},
                "object": {
                    "key": "landing%2Fdrop%2F2026%2F03%2F02%2Fa+b.json",
                    "size": 488,
                    "eTag": "f22d66a7d0dbbc4a7cf1122eeeb1a106",
                    "contentType": "application/json",
                    "userMetadata": {"content-type": "application/json"},
                    "sequencer": "17A9D2B0C5E4F001",
                },
            },
            "source": {"host": "172.18.0.1", "port": "", "userAgent": "MinIO (linux; amd64) minio-go/v7.0.70"},
        }
    ],
}

EVENTBRIDGE_CREATED = {
    "version": "0",
    "id": "17793124-05d4-b198-2fde-7ededc63b103",
    "detail-type": "Object Created",
    "source": "aws.s3",
    "account": "111122223333",
    "time": "2026-03-02T10:15:32Z",
    "region": "eu-west-1",
    "resources": ["arn:aws:s3:::news"],
    "detail": {
        "version": "0",
        "bucket": {"name": "news"},
        "object": {
            "key": "landing/feeds/2026/03/02/abc.html",
            "size": 5,
            "etag": "b1946ac92492d2347c6235b4d2611184",
            "version-id": "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e",
            "sequencer": "617f08299329d189",
        },
        "request-id": "N4N7GDK58NMKJ12R",
        "requester": "123456789012",
        "source-ip-address": "1.2.3.4",
        "reason": "PutObject",
    },
}


def test_aws_put_is_decoded_form_style():
    [created] = parse_notification(json.dumps(AWS_PUT).encode())
    assert created == ObjectCreated(
        bucket="news",
        key="landing/wire/2026/03/02/Morning Brief (1).html",
        event_name="ObjectCreated:Put",
        size=1024,
        etag="d41d8cd98f00b204e9800998ecf8427e",
        sequencer="0055AED6DCD90281E5",
    )
    assert created.token == "0055AED6DCD90281E5"


def test_a_literal_plus_arrives_as_2b_and_survives():
    record = json.loads(json.dumps(AWS_PUT))
    record["Records"][0]["s3"]["object"]["key"] = "landing/x/c%2B%2B+notes.txt"
    assert parse_notification(record)[0].key == "landing/x/c++ notes.txt"


def test_the_test_event_creates_nothing():
    notification = read_notification(json.dumps(AWS_TEST_EVENT))
    assert notification.test_event and notification.created == []
    assert parse_notification(AWS_TEST_EVENT) == []


def test_removals_and_other_events_are_counted_not_returned():
    removed = json.loads(json.dumps(AWS_PUT["Records"][0]))
    removed["eventName"] = "ObjectRemoved:Delete"
    del removed["s3"]["object"]["eTag"], removed["s3"]["object"]["size"]
    notification = read_notification({"Records": [removed, AWS_PUT["Records"][0]]})
    assert [c.event_name for c in notification.created] == ["ObjectCreated:Put"]
    assert notification.other_events == 1


@pytest.mark.parametrize("name", ["ObjectCreated:Post", "ObjectCreated:Copy", "ObjectCreated:CompleteMultipartUpload"])
def test_every_kind_of_creation_counts(name):
    record = json.loads(json.dumps(AWS_PUT))
    record["Records"][0]["eventName"] = name
    assert parse_notification(record)[0].event_name == name


def test_minio_webhook_record_key_is_unescaped_and_prefix_dropped():
    [created] = parse_notification(MINIO_PUT)
    assert (created.bucket, created.key) == ("news", "landing/drop/2026/03/02/a b.json")
    assert created.event_name == "ObjectCreated:Put"
    assert (created.etag, created.sequencer, created.size) == ("f22d66a7d0dbbc4a7cf1122eeeb1a106", "17A9D2B0C5E4F001", 488)


def test_minio_event_without_records_uses_the_top_level_key():
    [created] = parse_notification({"EventName": "s3:ObjectCreated:Put", "Key": "news/landing/drop/x y.txt", "Records": []})
    assert (created.bucket, created.key, created.token) == ("news", "landing/drop/x y.txt", None)


def test_minio_removal_without_records_is_another_event():
    notification = read_notification({"EventName": "s3:ObjectRemoved:Delete", "Key": "news/landing/x.txt"})
    assert notification.created == [] and notification.other_events == 1


def test_eventbridge_object_created():
    [created] = parse_notification(EVENTBRIDGE_CREATED)
    assert (created.bucket, created.key, created.event_name) == ("news", "landing/feeds/2026/03/02/abc.html", "ObjectCreated:PutObject")
    assert created.token == "617f08299329d189"


def test_eventbridge_other_detail_types_are_ignored():
    deleted = {**EVENTBRIDGE_CREATED, "detail-type": "Object Deleted"}
    assert read_notification(deleted).other_events == 1


def test_sns_envelope_is_unwrapped():
    envelope = {
        "Type": "Notification",
        "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        "TopicArn": "arn:aws:sns:eu-west-1:123456789012:news-landing",
        "Subject": "Amazon S3 Notification",
        "Message": json.dumps(AWS_PUT),
        "Timestamp": "2026-03-02T10:15:31.000Z",
        "SignatureVersion": "1",
    }
    assert parse_notification(envelope)[0].sequencer == "0055AED6DCD90281E5"


def test_sns_subscription_confirmation_says_what_to_do():
    with pytest.raises(NotificationError, match="SubscribeURL"):
        parse_notification({"Type": "SubscriptionConfirmation", "SubscribeURL": "https://sns.example/confirm", "TopicArn": "arn"})


def test_etag_quotes_are_dropped_and_etag_is_the_token_without_a_sequencer():
    record = json.loads(json.dumps(AWS_PUT))
    del record["Records"][0]["s3"]["object"]["sequencer"]
    record["Records"][0]["s3"]["object"]["eTag"] = '"abc"'
    assert parse_notification(record)[0].token == "abc"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", "JSON object, not a list"),
        (b'{"hello": "world"}', "not an S3 event notification"),
        (b'{"Records": {"a": 1}}', "must be a list"),
        (b'{"Records": ["x"]}', r"Records\[0\] must be an object"),
        (b'{"Records": [{"s3": {}}]}', r"Records\[0\] has no `eventName`"),
        (b'{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}}}]}', r"Records\[0\].s3 has no `object`"),
        (b'{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": {}}}]}', "has no `key`"),
        (b'{"EventName": "s3:ObjectCreated:Put", "Key": "only-a-bucket"}', "bucket/object"),
        (b'{"detail-type": "Object Created", "detail": {"bucket": {"name": "b"}}}', "detail has no `object`"),
    ],
)
def test_malformed_bodies_raise_a_clear_error(body, message):
    with pytest.raises(NotificationError, match=message):
        parse_notification(body)
