"""S3 fixtures: a moto S3 server on loopback and settings that point the storage at it."""

import boto3
import pytest
from moto.server import ThreadedMotoServer

from painty.settings import s3_client_config
from tests.stack.harness import free_port

BUCKET = "painty-tests"


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=s3_client_config(),
    )


def use_s3(settings, endpoint):
    settings.PAINTY_STORAGE = "s3"
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_ACCESS_KEY_ID = "testing"
    settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_S3_FILE_OVERWRITE = True
    settings.AWS_S3_CLIENT_CONFIG = s3_client_config()
    # Changing STORAGES makes Django rebuild default_storage with these settings.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "photos.s3.S3Storage"}}
