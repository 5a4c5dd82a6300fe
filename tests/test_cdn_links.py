"""A CDN in front of the bucket: with AWS_S3_CUSTOM_DOMAIN and a CloudFront key pair, links
are CloudFront-signed (verified here against the public key) and end at the job's expiry;
a half-configured CDN refuses to start."""

import base64
import json
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.core.exceptions import ImproperlyConfigured

from painty import csp
from painty.settings import envpem
from photos import cdn
from photos.apps import PhotosConfig
from photos.models import Job
from tests import images
from tests.s3_fixtures import BUCKET, client, use_s3

DOMAIN = "cdn.painty.test"
KEY_ID = "K2JCJMDEHXQW5F"


def pem_of(key, encryption=None) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        encryption or serialization.NoEncryption(),
    ).decode()


@pytest.fixture(scope="module")
def rsa_key():
    # 1024 bits: quick to make, and the signature scheme is the same as with CloudFront's 2048.
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def use_cdn(settings, key_pem, domain=DOMAIN, key_id=KEY_ID):
    settings.AWS_S3_CUSTOM_DOMAIN = domain
    settings.AWS_CLOUDFRONT_KEY_ID = key_id
    settings.AWS_CLOUDFRONT_KEY = key_pem


@pytest.fixture
def cdn_s3(settings, s3_endpoint, rsa_key):
    use_cdn(settings, pem_of(rsa_key))
    use_s3(settings, s3_endpoint)  # last: rebuilding STORAGES makes the storage read the CDN settings
    return client(s3_endpoint)


def cloudfront_b64decode(text: str) -> bytes:
    """CloudFront's URL-safe base64: '+' → '-', '=' → '_', '/' → '~'."""
    return base64.b64decode(text.replace("-", "+").replace("_", "=").replace("~", "/"))


def verify_canned_policy(url: str, public_key) -> int:
    """Check a CloudFront canned-policy link's signature; returns its Expires."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert sorted(query) == ["Expires", "Key-Pair-Id", "Signature"]
    assert query["Key-Pair-Id"] == [KEY_ID]
    expires = int(query["Expires"][0])
    resource = f"{parts.scheme}://{parts.netloc}{parts.path}"
    policy = json.dumps(
        {"Statement": [{"Resource": resource, "Condition": {"DateLessThan": {"AWS:EpochTime": expires}}}]},
        separators=(",", ":"),
    ).encode()
    # Raises InvalidSignature unless the private key signed exactly this policy.
    public_key.verify(cloudfront_b64decode(query["Signature"][0]), policy, padding.PKCS1v15(), hashes.SHA1())
    return expires


def timestamp(iso: str) -> int:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


def test_result_and_original_links_are_cloudfront_signed_until_the_jobs_expiry(post_photo, cdn_s3, rsa_key):
    response = post_photo(images.jpeg())
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    job = Job.objects.get(pk=data["jobId"])
    links = [data["originalUrl"], *data["resultUrls"]]
    assert len(links) == 2
    for url in links:
        assert url.startswith(f"https://{DOMAIN}/jobs/{job.token}/")
        expires = verify_canned_policy(url, rsa_key.public_key())
        assert expires == timestamp(data["expiresAt"]) == int(job.expires_at.timestamp())
    # The CDN's origin is the bucket: the files are there under the linked keys.
    stored = {obj["Key"] for obj in cdn_s3.list_objects_v2(Bucket=BUCKET, Prefix=f"jobs/{job.token}/")["Contents"]}
    assert {urlsplit(url).path.lstrip("/") for url in links} == stored


def test_a_link_made_later_still_ends_at_the_jobs_expiry(client, post_photo, auth, cdn_s3, rsa_key, settings):
    settings.PAINTY_RETENTION_HOURS = 30 / 3600
    job_id = post_photo(images.jpeg()).json()["data"]["jobId"]
    data = client.get(f"/api/v1/jobs/{job_id}", **auth).json()["data"]
    expires = verify_canned_policy(data["resultUrls"][0], rsa_key.public_key())
    assert expires == int(Job.objects.get(pk=job_id).expires_at.timestamp())


def test_a_changed_expiry_does_not_verify(post_photo, cdn_s3, rsa_key):
    from cryptography.exceptions import InvalidSignature

    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    query = parse_qs(urlsplit(url).query)
    later = url.replace(f"Expires={query['Expires'][0]}", f"Expires={int(query['Expires'][0]) + 86400}")
    with pytest.raises(InvalidSignature):
        verify_canned_policy(later, rsa_key.public_key())


def test_the_signed_links_are_not_s3_presigned(post_photo, cdn_s3):
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    assert "X-Amz-Signature" not in url and "X-Amz-Credential" not in url


def test_without_a_cdn_links_stay_s3_presigned(post_photo, settings, s3_endpoint):
    use_s3(settings, s3_endpoint)
    url = post_photo(images.jpeg()).json()["data"]["resultUrls"][0]
    assert url.startswith(s3_endpoint) and "X-Amz-Signature" in url
    assert requests.get(url, timeout=10).status_code == 200


def test_pages_may_show_images_from_the_cdn(cdn_s3):
    policy = csp.policy()
    img_src = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert f"https://{DOMAIN}" in img_src.split()


def test_the_dashboard_thumbnails_come_from_the_cdn(client, user, post_photo, cdn_s3):
    post_photo(images.jpeg())
    client.force_login(user)
    assert f'src="https://{DOMAIN}/jobs/' in client.get("/dashboard/").content.decode()


# --- a half-configured CDN refuses to start ----------------------------------------------------


@pytest.fixture
def s3_settings(settings):
    settings.PAINTY_STORAGE = "s3"
    return settings


def test_a_complete_configuration_has_no_problems(s3_settings, rsa_key):
    use_cdn(s3_settings, pem_of(rsa_key))
    assert cdn.problems() == []
    assert cdn.enabled()
    PhotosConfig.ready(PhotosConfig.create("photos"))  # starts


def test_no_cdn_settings_is_fine(s3_settings):
    use_cdn(s3_settings, None, domain=None, key_id=None)
    assert cdn.problems() == []
    assert not cdn.enabled()


@pytest.mark.parametrize(
    "domain, key_id, with_key, expected",
    [
        (DOMAIN, KEY_ID, False, "needs AWS_CLOUDFRONT_KEY:"),
        (DOMAIN, None, True, "needs AWS_CLOUDFRONT_KEY_ID:"),
        (DOMAIN, None, False, "needs AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY"),
        (None, KEY_ID, True, "without AWS_S3_CUSTOM_DOMAIN"),
        ("https://cdn.example.com", KEY_ID, True, "a host name such as cdn.example.com, not a URL"),
    ],
)
def test_a_half_configured_cdn_is_refused(s3_settings, rsa_key, domain, key_id, with_key, expected):
    use_cdn(s3_settings, pem_of(rsa_key) if with_key else None, domain=domain, key_id=key_id)
    assert any(expected in problem for problem in cdn.problems()), cdn.problems()
    with pytest.raises(ImproperlyConfigured, match="The CDN is misconfigured"):
        PhotosConfig.ready(PhotosConfig.create("photos"))


@pytest.mark.parametrize(
    "make_key, expected",
    [
        (lambda rsa_key: "not a key at all", "does not load as a PEM private key"),
        (
            lambda rsa_key: pem_of(rsa_key)[:120] + pem_of(rsa_key)[-60:],  # cut short
            "does not load as a PEM private key",
        ),
        (
            lambda rsa_key: pem_of(rsa_key, serialization.BestAvailableEncryption(b"secret")),
            "is encrypted",
        ),
        (lambda rsa_key: pem_of(ec.generate_private_key(ec.SECP256R1())), "is not an RSA key"),
        (
            lambda rsa_key: rsa_key.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode(),
            "does not load as a PEM private key",
        ),
    ],
)
def test_a_key_that_cannot_sign_is_refused(s3_settings, rsa_key, make_key, expected):
    use_cdn(s3_settings, make_key(rsa_key))
    assert any(expected in problem for problem in cdn.problems()), cdn.problems()
    with pytest.raises(ImproperlyConfigured, match=expected):
        PhotosConfig.ready(PhotosConfig.create("photos"))


def test_cdn_settings_without_s3_are_refused(settings, rsa_key):
    settings.PAINTY_STORAGE = "local"
    use_cdn(settings, pem_of(rsa_key))
    assert "need PAINTY_STORAGE=s3" in cdn.problems()[0]
    assert not cdn.enabled()


def test_the_key_may_be_given_on_one_line_with_escaped_line_breaks(monkeypatch, s3_settings, rsa_key):
    monkeypatch.setenv("PAINTY_TEST_PEM", pem_of(rsa_key).strip().replace("\n", "\\n"))
    use_cdn(s3_settings, envpem("PAINTY_TEST_PEM"))
    assert cdn.problems() == []
    monkeypatch.setenv("PAINTY_TEST_PEM", pem_of(rsa_key))
    assert envpem("PAINTY_TEST_PEM") == pem_of(rsa_key)
    monkeypatch.delenv("PAINTY_TEST_PEM")
    assert envpem("PAINTY_TEST_PEM") is None
