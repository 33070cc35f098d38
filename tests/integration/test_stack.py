import json

import boto3
import pytest
from botocore.exceptions import ClientError

from newslake.stack import s3_server
from tests.integration.helpers import newslake


def test_up_is_idempotent_and_reuses_the_running_server(settings, local_stack):
    again = s3_server.up(settings)
    assert again.pid == local_stack.pid
    assert s3_server.is_running(settings)


def test_status_json_names_the_lake(settings, local_stack):
    status = json.loads(newslake("status", "--json").stdout)
    assert status["s3_endpoint"] == f"http://127.0.0.1:{settings.local_s3_port}"
    assert status["bucket"] == "newslake-test"
    assert status["landing_prefix"] == "landing"
    assert status["lake_prefix"] == "lake"
    assert status["prefect_api_url"] is None
    assert status["local_stack_running"] is True


def test_the_server_refuses_unknown_keys(settings, local_stack):
    stranger = boto3.client(
        "s3", endpoint_url=local_stack.endpoint, region_name="us-east-1",
        aws_access_key_id="nobody", aws_secret_access_key="wrong",
    )
    with pytest.raises(ClientError):
        stranger.list_objects_v2(Bucket=settings.bucket)
