"""The public API: thin DRF views over photos.services."""

from __future__ import annotations

import asyncio
import base64
import json
import time

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from billing import ledger
from painty.errors import ApiError, DomainError

from . import (
    batches, concurrency, formats, idempotency, options, remote, runners, schema, services, storage, uploads, waiting,
    webhooks,
)
from .models import Batch, Job
from .serializers import batch_detail, job_detail, photo_result
from .throttling import ApiKeyRateThrottle


def ok(data, status=200, headers=None, charged: int = 0, balance: int | None = None) -> Response:
    """A success answer; `charged` and `balance` become its X-Credits-* headers."""
    headers = {**(headers or {}), "X-Credits-Charged": str(charged)}
    if balance is not None:
        headers["X-Credits-Remaining"] = str(balance)
    return Response({"status": "ok", "data": data}, status=status, headers=headers)


def too_large(total: int | None = None) -> ApiError:
    if total is not None:
        return ApiError(
            413, "payload_too_large",
            f"The batch is larger than {settings.PAINTY_MAX_BATCH_MB} MB in all, or one of its files is over the "
            f"{settings.PAINTY_MAX_UPLOAD_MB} MB limit; send fewer or smaller images.", "images",
        )
    return ApiError(
        413,
        "file_too_large",
        f"The upload is larger than the {settings.PAINTY_MAX_UPLOAD_MB} MB limit.",
        "image",
    )


class ApiView(APIView):
    throttle_classes = [ApiKeyRateThrottle]

    idempotency_claim = None  # set by @idempotency.idempotent

    def get_throttles(self):
        self.throttles = super().get_throttles()  # kept: they know the rate-limit usage
        return self.throttles

    def finalize_response(self, request, response, *args, **kwargs):
        """Cost and rate-limit headers on every API response, errors included;
        then the answer to an Idempotency-Key request is stored."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if "X-Credits-Charged" not in response:
            response["X-Credits-Charged"] = "0"
        api_key = getattr(request, "_auth", None)
        if api_key is not None and "X-Credits-Remaining" not in response:
            response["X-Credits-Remaining"] = str(ledger.balance_of(api_key.user))
        usage = next((t.usage for t in getattr(self, "throttles", []) if getattr(t, "usage", None)), None)
        if usage:
            response["X-RateLimit-Limit"] = str(usage["limit"])
            response["X-RateLimit-Remaining"] = str(max(0, usage["limit"] - usage["count"]))
            response["X-RateLimit-Reset"] = str(int(time.time()) + max(0, usage["time_left"]))
        if self.idempotency_claim is not None:
            if hasattr(response, "render"):
                response.render()
            idempotency.finish(self.idempotency_claim, response)
        return response


def read_limited_form(request, files: int, total: int | None = None) -> tuple:
    """The multipart form of at most `files` uploads, each within the upload limit (and
    all within `total` bytes), refused (413) without being read into memory when larger."""
    if uploads.declared_too_large(request, files=files, total=total):
        raise too_large(total)
    limit = uploads.SizeLimitHandler(request._request, total=total)
    request._request.upload_handlers.insert(0, limit)
    data, uploaded = uploads.read_form(request)
    if limit.too_large:
        raise too_large(total)
    return data, uploaded


def read_upload(request):
    """The multipart form: prompt, the image (a file or `image_url`) and the optional
    fields (photos.options), refusing oversized bodies without reading them into memory."""
    data, files = read_limited_form(request, files=3)
    prompt = services.validate_prompt(data.get("prompt"))
    upload = files.get("image")
    image_url = data.get("image_url")
    if upload is not None and image_url:
        raise ApiError(400, "invalid_parameter", "Send 'image' or 'image_url', not both.", "image")
    if upload is None and image_url:
        upload = SimpleUploadedFile("image_url", fetch(request, str(image_url), "image_url"))
    if upload is None:
        if data.get("image"):
            raise ApiError(400, "missing_parameter", "'image' must be a file upload, not text.", "image")
        raise ApiError(400, "missing_parameter", "The 'image' file (or an 'image_url') is required.", "image")
    if upload.size == 0:
        raise ApiError(400, "invalid_image", "The uploaded file is empty.", "image")
    return prompt, upload, options.read(data, files, prompt, lambda url, param: fetch(request, url, param))


def fetch(request, url: str, param: str) -> bytes:
    """A `*_url` field's image. The download holds one of the account's waiting slots, so
    one account can't tie up every server thread with slow URLs."""
    with concurrency.held("waiting", request.user.pk):
        return remote.fetch_image(url, param)


def describe_photo_request(request, prompt, upload, chosen) -> tuple[dict, dict]:
    """What makes two photo requests "the same" for an Idempotency-Key."""
    fields = {
        "prompt": prompt,
        "dry_run": PhotoView.dry_run(request),
        "webhook_url": request.data.get("webhook_url"),
        **chosen.describe(),
    }
    return fields, {"image": upload}


class PhotoView(ApiView):
    """POST /api/v1/photo — multipart `prompt` + `image`; returns links to the edited images."""

    @schema.photo
    def post(self, request):
        prompt, upload, chosen = read_upload(request)
        return self.edit(request, prompt, upload, chosen)

    @staticmethod
    def dry_run(request) -> bool:
        """`?dry_run=`: an unrecognised spelling is refused, never taken as "run it for real and charge"."""
        value = request.query_params.get("dry_run", "").strip().lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("", "0", "false", "no", "off"):
            return False
        raise ApiError(400, "invalid_parameter", "'dry_run' must be true or false (1/0, yes/no, on/off).", "dry_run")

    @idempotency.idempotent(describe_photo_request)
    def edit(self, request, prompt, upload, chosen):
        webhook_url = webhooks.validate_url(request.data.get("webhook_url") or request.auth.webhook_url)
        if self.dry_run(request):
            return ok(services.quote(request.user, request.auth, prompt, upload, chosen))
        respond_async, wait = preferences(request)
        submitted = services.submit(request.user, request.auth, prompt, upload, webhook_url, wait=wait, chosen=chosen)
        applied = {"Preference-Applied": "respond-async"} if respond_async else {}
        if wait == 0:  # `respond-async` alone: 202 at once, even if the job is quick enough to be done by now
            return self.answer(request, submitted.job, applied, accepted=True)
        return Pending(self, request, submitted, applied)

    def answer(self, request, job: Job, applied: dict, error: DomainError | None = None, accepted=False) -> Response:
        """The answer for a job as it stands: its result, its error, or 202 while it runs."""
        if accepted or not job.is_finished:
            location = reverse("api:job", kwargs={"job_id": job.pk})
            # The cost is held; refunded if the job fails.
            return ok(job_detail(job, request), status=202, headers={"Location": location, **applied}, charged=job.cost)
        error = error or runners.recorded_error(job)  # a job that failed while we waited was refunded
        if error is not None:
            raise error
        balance = ledger.balance_of(request.user)
        return ok(photo_result(job, request, balance), headers=applied, charged=job.cost, balance=balance)

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Pending):
            return response  # finalized once the wait is over (Pending.respond)
        return super().finalize_response(request, response, *args, **kwargs)


class Pending:
    """A photo request whose job is accepted and charged; what is left — waiting for the
    job, then answering — happens on the event loop (`served_on_the_loop`), holding no
    thread, in a task that outlives a client who hangs up: the job it paid for still runs,
    its waiting slot is given back, and an `Idempotency-Key` still records the answer."""

    def __init__(self, view: PhotoView, request, submitted: runners.Submitted, applied: dict):
        self.view, self.request, self.submitted, self.applied = view, request, submitted, applied

    async def finish(self, step):
        error = await services.complete(self.submitted, step)
        return await step(self.respond, self.submitted.job, error)

    def respond(self, job: Job, error: DomainError | None):
        view, request = self.view, self.request
        if not self.submitted.current:
            job.refresh_from_db()
        try:
            response = view.answer(request, job, self.applied, error)
        except Exception as exc:
            idempotency.let_go_unless_answered(view, exc)
            response = view.handle_exception(exc)
        return plain(view.finalize_response(request, response))


def served_on_the_loop(view_class):
    """The URL view for every API view (photos.urls).

    The DRF view — authentication, throttling, validation, the charge — runs as one sync
    step (photos.waiting.step_for), never in a thread of the request's own; what it leaves
    to wait for (a photo's `Pending`, a stream's events) is awaited on the event loop. Its
    response leaves the step already rendered, so Django has no sync work left for it."""
    drf_view = view_class.as_view()

    async def serve(request, args, kwargs):
        step = waiting.step_for(request)
        response = await step(_rendered, drf_view, request, *args, **kwargs)
        if isinstance(response, Pending):
            response = await response.finish(step)
        return response

    @csrf_exempt
    async def endpoint(request, *args, **kwargs):
        # A task of its own: a client that hangs up (Django then cancels this view) stops
        # neither the charge in progress nor the job it paid for; the answer nobody will
        # read is closed, which gives back what it holds (an event stream's slot).
        task = waiting.keep(asyncio.ensure_future(serve(request, args, kwargs)))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            task.add_done_callback(_close_unread)
            raise

    endpoint.cls, endpoint.initkwargs = view_class, {}  # the schema generator finds the DRF view
    return endpoint


def _close_unread(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is None:
        task.result().close()


def _rendered(view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    return plain(response) if not isinstance(response, Pending) else response


def plain(response):
    """A rendered DRF response as a plain HttpResponse (Django would render it again in a thread)."""
    if not hasattr(response, "render"):
        return response
    response.render()
    answer = HttpResponse(response.content, status=response.status_code)
    for name, value in response.items():
        answer[name] = value
    return answer


def preferences(request) -> tuple[bool, float | None]:
    """RFC 7240 `Prefer`: (respond-async?, seconds to wait). (False, None) means the seed's synchronous call.

    `respond-async` alone answers 202 at once; `wait=N` (with or without it)
    waits up to N seconds for the result and answers 202 if it isn't ready."""
    tokens = [token.strip().lower() for part in request.headers.get("Prefer", "").split(",") for token in part.split(";")]
    respond_async = "respond-async" in tokens
    wait = 0.0 if respond_async else None
    for token in tokens:
        name, _, value = token.partition("=")
        if name.strip() == "wait":
            try:
                wait = min(max(float(value.strip().strip('"')), 0.0), settings.PAINTY_JOB_TIMEOUT)
            except ValueError:
                raise ApiError(400, "invalid_prefer", "Prefer: wait=N needs N in seconds.") from None
    return respond_async, wait


class AccountView(ApiView):
    """GET /api/v1/account — who the key belongs to and how many credits are left."""

    @schema.account
    def get(self, request):
        return ok(
            {
                "email": request.user.email,
                "credits": ledger.balance_of(request.user),
                "creditsPerImage": services.price_for(request.auth),
                "apiKey": {"name": request.auth.name, "key": request.auth.masked, "testMode": request.auth.test_mode},
            }
        )


def encode_cursor(job_id: int) -> str:
    return base64.urlsafe_b64encode(f"before:{job_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, value = text.partition(":")
        if prefix != "before":
            raise ValueError
        return int(value)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_cursor", "The cursor is not one this API returned.", "cursor") from None


class JobListView(ApiView):
    """GET /api/v1/jobs — your jobs, newest first, `limit` per page, `cursor` for the next page."""

    @schema.job_list
    def get(self, request):
        try:
            limit = min(100, max(1, int(request.query_params.get("limit", 20))))
        except ValueError:
            raise ApiError(400, "invalid_parameter", "'limit' must be a whole number from 1 to 100.", "limit")
        jobs = Job.objects.filter(user=request.user).order_by("-id")
        cursor = request.query_params.get("cursor")
        if cursor:
            jobs = jobs.filter(id__lt=decode_cursor(cursor))
        page = list(jobs[: limit + 1])
        more = len(page) > limit
        page = page[:limit]
        return ok(
            {
                "jobs": [job_detail(job, request) for job in page],
                "nextCursor": encode_cursor(page[-1].pk) if more else None,
            }
        )


def own_job(request, job_id) -> Job:
    """The caller's job, or 404 (someone else's job looks exactly like a missing one)."""
    return get_object_or_404(Job, pk=job_id, user=request.user)


class JobView(ApiView):
    """GET /api/v1/jobs/{id} — one of your jobs; DELETE removes its files now."""

    @schema.job_get
    def get(self, request, job_id: int):
        return ok(job_detail(own_job(request, job_id), request))

    @schema.job_delete
    def delete(self, request, job_id: int):
        job = services.delete_job_files(own_job(request, job_id))
        return ok(job_detail(job, request))


class EventStreamRenderer(BaseRenderer):
    """Lets `Accept: text/event-stream` through content negotiation."""

    media_type = "text/event-stream"
    format = "sse"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode()


HEARTBEAT_SECONDS = 15


async def job_events(request, job: Job, last_event_id: str, step):
    """Server-Sent Events: one `status` event per change, then the end when the job ends.

    Between events the stream waits on the loop for the job's "changed" event
    (photos.waiting), holding no thread and no connection; it is registered only
    while it waits, never while a chunk is being sent. A stream lasts at most
    PAINTY_STREAM_MAX_SECONDS; the client's EventSource then reconnects with
    `Last-Event-ID` and gets only what changed since."""
    now = time.monotonic()
    job_deadline = now + (job.created_at - timezone.now()).total_seconds() + settings.PAINTY_JOB_TIMEOUT + 60
    stream_end = now + settings.PAINTY_STREAM_MAX_SECONDS
    last_status, last_beat = None, now
    prefix, _, status = last_event_id.partition("-")
    if prefix == str(job.pk) and status in Job.Status.values:
        last_status = status  # a reconnect: that event was delivered already
    retry = "retry: 1000\n"  # sent with the first event: reconnect after a second

    def changed() -> str | None:
        """The event to send ("" when the job is gone — its account was erased), or None."""
        try:
            job.refresh_from_db()
        except Job.DoesNotExist:
            return ""
        return json.dumps(job_detail(job, request)) if job.status != last_status else None

    while (now := time.monotonic()) < min(job_deadline, stream_end):
        with waiting.hub.listening(job.pk) as waiter:
            payload = await step(changed)
            if payload == "":
                return
            if payload is None:
                beat_in = last_beat + HEARTBEAT_SECONDS - now
                await waiter.wait(max(0.0, min(beat_in, job_deadline - now, stream_end - now, waiting.fallback_seconds())))
        if payload is not None:
            last_status = job.status
            yield f"{retry}id: {job.pk}-{job.status}\nevent: status\ndata: {payload}\n\n"
            retry = ""
            if job.is_finished:
                return
        elif time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
            last_beat = time.monotonic()
            yield ": keep-alive\n\n"
    if time.monotonic() >= job_deadline:
        yield 'event: timeout\ndata: {"message": "The job did not end in time."}\n\n'


class JobEventsView(ApiView):
    """GET /api/v1/jobs/{id}/events — status changes as Server-Sent Events."""

    renderer_classes = [JSONRenderer, EventStreamRenderer]

    @schema.job_events
    def get(self, request, job_id: int):
        job = own_job(request, job_id)
        events = job_events(request, job, request.headers.get("Last-Event-ID", ""), waiting.step_for(request._request))
        stream = concurrency.HeldStream("stream", request.user.pk, events)
        response = StreamingHttpResponse(stream, content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # nginx: don't buffer the stream
        return response


# --- Batches --------------------------------------------------------------------


def read_batch(request) -> tuple[str, list, str, options.Options]:
    """`POST /api/v1/batches`: prompt, up to PAINTY_MAX_BATCH_ITEMS `images` files and/or `image_urls`."""
    most = settings.PAINTY_MAX_BATCH_ITEMS
    data, files = read_limited_form(request, files=most, total=settings.PAINTY_MAX_BATCH_MB * 1024 * 1024)
    prompt = services.validate_prompt(data.get("prompt"))
    items = [*files.getlist("images"), *files.getlist("image")]
    items += [url.strip() for url in [*data.getlist("image_urls"), *data.getlist("image_url")] if url.strip()]
    if not items:
        raise ApiError(400, "missing_parameter", "Send the images as 'images' files and/or 'image_urls'.", "images")
    if len(items) > most:
        raise ApiError(400, "too_many_files", f"A batch holds at most {most} images; this one has {len(items)}.", "images")
    for field in ("background", "background_url", "mask", "n"):
        if data.get(field) or files.get(field):
            raise ApiError(400, "invalid_parameter", f"'{field}' is for single photo requests, not batches.", field)
    chosen = options.Options(
        output_format=formats.requested(data.get("format"), prompt), channels=options.channels_of(data.get("channels"))
    )
    webhook_url = webhooks.validate_url(data.get("webhook_url") or request.auth.webhook_url)
    return prompt, items, webhook_url, chosen


def own_batch(request, batch_id: int) -> Batch:
    return get_object_or_404(Batch, pk=batch_id, user=request.user)


class BatchListView(ApiView):
    """POST /api/v1/batches — one prompt for many images; 202 with the batch to poll."""

    @schema.batch_create
    def post(self, request):
        prompt, items, webhook_url, chosen = read_batch(request)
        with concurrency.held("waiting", request.user.pk):  # checking 50 images (and URLs) takes a while
            batch = batches.submit(request.user, request.auth, prompt, items, webhook_url, chosen)
        detail = batch_detail(batch, request)
        location = reverse("api:batch", kwargs={"batch_id": batch.pk})
        return ok(detail, status=202, headers={"Location": location}, charged=detail["creditsCharged"],
                  balance=ledger.balance_of(request.user))


class BatchView(ApiView):
    """GET /api/v1/batches/{id} — the batch, each image's status and links."""

    @schema.batch_get
    def get(self, request, batch_id: int):
        return ok(batch_detail(own_batch(request, batch_id), request))


class BatchZipView(ApiView):
    """GET /api/v1/batches/{id}/zip — every result of a finished batch in one zip."""

    @schema.batch_zip
    def get(self, request, batch_id: int):
        batch = own_batch(request, batch_id)
        if batch.status != Batch.Status.FINISHED:
            raise ApiError(409, "batch_running", "The batch is still running; fetch the zip once it has finished.")
        if not batch.items.filter(status=Job.Status.SUCCEEDED).exists():
            raise ApiError(404, "not_found", "No image of this batch succeeded, so there is nothing to zip.")
        try:
            data = batches.zip_of(batch)
        except storage.StorageUnavailable:
            raise ApiError(503, "storage_unavailable", "File storage is unavailable — retry later.") from None
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="painty-batch-{batch.pk}.zip"'
        return response
