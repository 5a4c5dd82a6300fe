"""CloudFront (or any CDN that verifies CloudFront's signed URLs) in front of the S3 bucket.

With PAINTY_STORAGE=s3 and AWS_S3_CUSTOM_DOMAIN, AWS_CLOUDFRONT_KEY_ID and
AWS_CLOUDFRONT_KEY set, django-storages builds every file link on the CDN's
domain and signs it with the key: a canned policy whose `Expires` is the job's
retention deadline (photos.storage.public_url), so a link stops working when
its files are deleted, as S3-presigned and local links do.

A half-configured CDN would quietly do something else: a custom domain without
a key gives unsigned links that never expire, a key without the domain is
ignored (links go to S3), a key that does not load fails the first request
that needs a link. So the process refuses to start on one (`refuse_misconfiguration`,
called from PhotosConfig.ready) and says what to fix."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTINGS = ("AWS_S3_CUSTOM_DOMAIN", "AWS_CLOUDFRONT_KEY_ID", "AWS_CLOUDFRONT_KEY")


def enabled() -> bool:
    """Links go through the CDN (the configuration is checked at start-up)."""
    return settings.PAINTY_STORAGE == "s3" and bool(getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None))


def origin() -> str | None:
    """https://<the CDN's domain>, where signed links point (for the page's CSP)."""
    if not enabled():
        return None
    return "https://" + settings.AWS_S3_CUSTOM_DOMAIN.split("/", 1)[0]


def key_problem(pem: str) -> str | None:
    """Why `pem` can't sign CloudFront URLs, or None when it is an unencrypted RSA private key."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(pem.encode("utf-8", "surrogateescape"), password=None)
    except TypeError:
        return "AWS_CLOUDFRONT_KEY is encrypted; give the private key without a passphrase"
    except (ValueError, UnsupportedAlgorithm) as exc:
        return f"AWS_CLOUDFRONT_KEY does not load as a PEM private key ({exc.__class__.__name__})"
    if not isinstance(key, rsa.RSAPrivateKey):
        return "AWS_CLOUDFRONT_KEY is not an RSA key; CloudFront signed URLs need an RSA key pair"
    return None


def problems() -> list[str]:
    """What is wrong with the CDN settings; [] when they are complete or all unset."""
    domain, key_id, key = (getattr(settings, name, None) for name in SETTINGS)
    if not (domain or key_id or key):
        return []
    if settings.PAINTY_STORAGE != "s3":
        return [
            "AWS_S3_CUSTOM_DOMAIN, AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY put a CDN in front of the S3 "
            "bucket and need PAINTY_STORAGE=s3; local files are served by this server (unset them)"
        ]
    found = []
    if not domain:
        found.append(
            "AWS_CLOUDFRONT_KEY_ID/AWS_CLOUDFRONT_KEY are set without AWS_S3_CUSTOM_DOMAIN, so links would be "
            "S3-presigned and skip the CDN; set AWS_S3_CUSTOM_DOMAIN to the distribution's domain"
        )
    elif "://" in domain:
        found.append(f"AWS_S3_CUSTOM_DOMAIN is a host name such as cdn.example.com, not a URL ({domain!r})")
    if not key_id or not key:
        missing = " and ".join(name for name, value in zip(SETTINGS[1:], (key_id, key)) if not value)
        found.append(
            f"the CDN needs {missing}: without a key pair, links on AWS_S3_CUSTOM_DOMAIN would be unsigned "
            "and never expire (AWS_CLOUDFRONT_KEY_ID is the public key's ID in CloudFront, AWS_CLOUDFRONT_KEY "
            "its PEM private key)"
        )
    if key:
        problem = key_problem(key)
        if problem:
            found.append(problem)
    return found


def refuse_misconfiguration() -> None:
    """Raise ImproperlyConfigured naming every problem of a half-configured CDN."""
    found = problems()
    if found:
        raise ImproperlyConfigured("The CDN is misconfigured:\n- " + "\n- ".join(found))
