"""`Idempotency-Key`: the same key and body within 24 hours returns the first
response and charges once; the same key with a different body is a 409.

Keys are scoped per API key: a test key and a live key of one account are
different callers (free and watermarked vs. charged), so a live request must
never be answered with the response a test key got for the same Idempotency-Key.

Responses meant to be retried (409, 429 and every 5xx) are not kept, so a
retry with the same key runs again."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import timedelta
from functools import wraps


from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone

from django.http import Http404
from rest_framework.exceptions import APIException

from painty.errors import DomainError

from .models import IdempotencyRecord

WINDOW = timedelta(hours=24)

REPLAYED_HEADERS = ("Content-Type", "Location", "X-Credits-Charged")
WAIT_SECONDS = 30


def request_hash(fields: dict, files: dict) -> str:
    """A digest of everything that defines the request: form fields and file bytes."""
    digest = hashlib.sha256()
    digest.update(json.dumps(sorted(fields.items()), default=str).encode())
    for name in sorted(files):
        upload = files[name]
        upload.seek(0)
        digest.update(name.encode())
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
    return digest.hexdigest()


def validate_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > 255:
        raise DomainError("invalid_idempotency_key", "Idempotency-Key must be 1 to 255 characters.")
    return key


def begin(api_key, key: str, digest: str) -> IdempotencyRecord | HttpResponse:
    """Claim `key` for this request on `api_key`, or return the response to replay."""
    IdempotencyRecord.objects.filter(api_key=api_key, key=key, created_at__lt=timezone.now() - WINDOW).delete()
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                user_id=api_key.user_id, api_key=api_key, key=key, request_hash=digest
            )
    except IntegrityError:
        pass
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        record = IdempotencyRecord.objects.filter(api_key=api_key, key=key).first()
        if record is None:  # the first attempt ended in a retryable error and let go of the key
            return begin(api_key, key, digest)
        if record.request_hash != digest:
            raise DomainError("idempotency_key_reused",
                "This Idempotency-Key was already used with a different request. Use a new key.",
            )
        if record.status_code is not None:
            return replay(record)
        if time.monotonic() > deadline:
            raise DomainError("idempotency_in_progress",
                "A request with this Idempotency-Key is still running. Retry shortly.",
                headers={"Retry-After": 2},
            )
        time.sleep(0.1)


def finish(record: IdempotencyRecord, response) -> None:
    if response.status_code in (409, 429) or response.status_code >= 500:
        record.delete()
        return
    record.status_code = response.status_code
    record.body = bytes(response.content)
    record.headers = {name: response[name] for name in REPLAYED_HEADERS if name in response}
    record.save(update_fields=["status_code", "body", "headers"])


def abandon(record: IdempotencyRecord) -> None:
    record.delete()


def replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(bytes(record.body), status=record.status_code)
    for name, value in record.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    response["X-Credits-Charged"] = "0"
    return response


def idempotent(describe):
    """Decorate an API view method so an `Idempotency-Key` replays its first answer.

    `describe(request, *args)` returns the (fields, files) that define the
    request, hashed so the same key with another body is a 409. The claim is
    left on the view; `ApiView.finalize_response` stores the final response —
    success or error alike — once it has its headers. An unexpected exception
    lets the key go, so a retry runs again."""

    def decorate(method):
        @wraps(method)
        def wrapper(view, request, *args, **kwargs):
            key = request.headers.get("Idempotency-Key")
            if key is None:
                return method(view, request, *args, **kwargs)
            fields, files = describe(request, *args, **kwargs)
            claim = begin(request.auth, validate_key(key), request_hash(fields, files))
            if not isinstance(claim, IdempotencyRecord):
                return claim  # the first response, replayed
            view.idempotency_claim = claim
            try:
                return method(view, request, *args, **kwargs)
            except Exception as exc:
                let_go_unless_answered(view, exc)
                raise

        return wrapper

    return decorate


def let_go_unless_answered(view, exc: Exception) -> None:
    """An error that becomes its JSON answer is stored like any other answer; an
    unexpected exception lets the key go, so a retry runs again."""
    if isinstance(exc, (DomainError, APIException, Http404)) or view.idempotency_claim is None:
        return
    abandon(view.idempotency_claim)
    view.idempotency_claim = None
