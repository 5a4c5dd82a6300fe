"""Accept and charge: the photo request as plain functions.

The view hands over a validated prompt and the uploaded file; this module
checks everything that can be checked before a charge, creates the job with
its cost held, and hands it to the runner (photos.runners), which runs it and
records the outcome through photos.lifecycle. Credits move only through
`billing.ledger`."""

from __future__ import annotations

import logging
import unicodedata

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billing import ledger
from painty import prepared
from painty.errors import DomainError

from . import budget, concurrency, formats, imaging, inputs, lifecycle, storage, testmode
from .engines import EngineError, get_engine
from .models import Job
from .options import Options
from . import runners
from .runners import engine_error, error_for, get_runner

log = logging.getLogger(__name__)


def validate_prompt(prompt) -> str:
    if prompt is None:
        raise DomainError("missing_parameter", "The 'prompt' field is required.", "prompt")
    prompt = str(prompt).strip()
    if not prompt:
        raise DomainError("missing_parameter", "The 'prompt' field must not be blank.", "prompt")
    if len(prompt) > settings.PAINTY_MAX_PROMPT_CHARS:
        raise DomainError("prompt_too_long",
            f"The prompt is {len(prompt)} characters; the limit is {settings.PAINTY_MAX_PROMPT_CHARS}.",
            "prompt",
        )
    # Postgres can't store NUL in text, and no other control character belongs in a prompt.
    control = next((c for c in prompt if unicodedata.category(c) == "Cc" and c not in "\t\n\r"), None)
    if control is not None:
        raise DomainError("invalid_parameter",
            f"The prompt contains the control character U+{ord(control):04X}; send plain text.",
            "prompt",
        )
    return prompt


def simulate(api_key, prompt: str) -> None:
    """Test keys' magic prompts answer with the error they name, before anything else."""
    if api_key is not None and api_key.test_mode:
        error = testmode.simulated_error(prompt)
        if error:
            raise error


def plan(prompt: str, api_key=None, extras: dict | None = None) -> tuple[str, list[dict]]:
    """Ask the engine whether it can do `prompt` (with these extra images) before anything is charged."""
    if api_key is not None and api_key.test_mode and testmode.is_slow(prompt):
        return "echo", [{"op": "simulate_slow", "seconds": testmode.SLOW_SECONDS}]
    engine = get_engine()
    try:
        return engine.name, engine.plan_with(prompt, inputs.engine_inputs(extras or {}))
    except EngineError as exc:
        raise engine_error(exc) from None


def price_for(api_key) -> int:
    """What one request costs on this key: test keys are free."""
    if api_key is not None and api_key.test_mode:
        return 0
    return settings.PAINTY_CREDITS_PER_IMAGE


def check_monthly_cap(api_key, cost: int) -> None:
    if api_key is None or api_key.monthly_credit_cap is None or not cost:
        return
    spent = api_key.credits_spent_this_month()
    if spent + cost > api_key.monthly_credit_cap:
        raise DomainError("key_cap_reached",
            f"This API key has spent {spent} of its {api_key.monthly_credit_cap}-credit monthly cap. "
            "Raise the cap in the dashboard or use another key.",
        )


def accept(
    user,
    api_key,
    prompt: str,
    picture: imaging.Picture,
    engine: str,
    edits: list[dict],
    webhook_url: str = "",
    running: bool = False,
    hold_slot: bool = False,
    chosen: Options | None = None,
) -> Job:
    """Create the job and hold its cost, atomically: no job without a charge, no charge without a job.

    `running=True` creates it already running (this request runs it right away),
    which saves the request a write. `hold_slot=True` also takes one of the
    account's waiting-request slots (photos.concurrency) once the charge went
    through — out of credits stays a 402, and a request over the cap leaves
    neither a job nor a ledger entry behind."""
    chosen = chosen or Options()
    cost = price_for(api_key) * chosen.n
    status = {"status": Job.Status.RUNNING, "started_at": timezone.now()} if running else {}
    width, height = picture.size
    # Built before the transaction: only the writes happen while the write lock is held.
    job = Job(
        user=user,
        api_key=api_key,
        prompt=prompt,
        engine=engine,
        cost=cost,
        test_mode=bool(api_key and api_key.test_mode),
        webhook_url=webhook_url,
        edits=edits,
        token=storage.new_token(),
        input_format=picture.format,
        output_format=chosen.output_format,
        options=chosen.as_job_options(),
        width=width,
        height=height,
        expires_at=Job.retention_deadline(),
        **status,
    )
    try:
        with transaction.atomic():
            if api_key is not None and api_key.monthly_credit_cap is not None:
                # Lock the key so two concurrent requests can't both squeeze under the cap.
                type(api_key).objects.select_for_update().filter(pk=api_key.pk).first()
                check_monthly_cap(api_key, cost)
            prepared.insert(job)
            if cost:
                ledger.debit(user, cost, job=job, reason=f"Job {job.pk}")
            if hold_slot:
                concurrency.acquire("waiting", user.pk)  # a 429 here rolls the job and its debit back
    except ledger.InsufficientCredits as exc:
        raise DomainError("insufficient_credits",
            f"This request costs {exc.needed} credit{'s' if exc.needed != 1 else ''} "
            f"and your balance is {exc.balance}. Buy credits in your dashboard.",
        ) from None
    return job


def prepare(api_key, prompt: str, upload, chosen: Options) -> tuple[imaging.Picture, str, list[dict]]:
    """The checks before any charge: magic prompts, the image's bytes (and the extra
    images'), the engine's plan for this prompt and these inputs, the output format."""
    simulate(api_key, prompt)
    testmode.check_daily_quota(api_key)
    picture = testmode.limit_size(imaging.decode(upload), api_key)
    formats.check(chosen.output_format, picture.animated)
    extras = {name: inputs.decode(data, name, picture) for name, data in chosen.extras.items()}
    width, height = picture.size
    budget.check_together(width * height * len(picture.frames), {name: image.size for name, image in extras.items()})
    engine_name, edits = plan(prompt, api_key, extras)
    inputs.check(picture, edits, extras, chosen.channels, chosen.n)
    # pixels × frames, in and out (× variants): 413 before any charge
    budget.check(*picture.size, len(picture.frames) * chosen.n, edits)
    return picture, engine_name, edits


def quote(user, api_key, prompt: str, upload, chosen: Options | None = None) -> dict:
    """`?dry_run=1`: everything `submit` checks, nothing it charges or runs."""
    chosen = chosen or Options()
    picture, engine_name, edits = prepare(api_key, prompt, upload, chosen)
    price = price_for(api_key) * chosen.n
    check_monthly_cap(api_key, price)
    balance = ledger.balance_of(user)
    width, height = picture.size
    if chosen.channels == "alpha":
        result_format = formats.for_matte(chosen.output_format)
    else:
        result_format = formats.predict(chosen.output_format, picture, edits)
    return {
        "dryRun": True,
        "engine": engine_name,
        "edits": edits,
        "price": price,
        "results": chosen.n,
        "creditsRemaining": balance,
        "sufficientCredits": balance >= price,
        "image": {"format": picture.format, "width": width, "height": height, "frames": len(picture.frames)},
        "resultFormat": imaging.EXTENSIONS[result_format],
    }


def submit(
    user, api_key, prompt: str, upload, webhook_url: str = "", wait: float | None = None, chosen: Options | None = None
) -> runners.Submitted:
    """Decode, plan, charge and start the job; the request then awaits `complete`.

    `wait=None` is the seed's synchronous call (the request waits for the result);
    `wait=N` waits at most N seconds and `wait=0` not at all (the job runs on). A
    request that will wait holds one of the account's waiting slots until `complete`."""
    chosen = chosen or Options()
    picture, engine_name, edits = prepare(api_key, prompt, upload, chosen)
    runner = get_runner()
    running = wait is None and runner.starts_running
    waits = wait != 0
    job = accept(
        user, api_key, prompt, picture, engine_name, edits, webhook_url,
        running=running, hold_slot=waits, chosen=chosen,
    )
    try:
        try:
            inputs.store(job, chosen.extras)
        except storage.StorageUnavailable as exc:
            raise runners.fail(job, error_for(job, exc)) from None
        upload.seek(0)
        submitted = runners.Submitted(job, picture, upload.read(), wait)
        runner.begin(submitted)
    except BaseException:
        if waits:
            concurrency.release("waiting", user.pk)
        raise
    return submitted


async def complete(submitted: runners.Submitted, step) -> DomainError | None:
    """Wait for a submitted job — run it, for an in-process synchronous call — holding no
    thread while it waits, then give the account's waiting slot back. `step` runs the
    short sync steps (photos.waiting). Returns the error the job failed with when this
    request saw it happen; the row says the rest (`submitted.job.refresh_from_db()`)."""
    try:
        return await get_runner().wait(submitted, step)
    finally:
        concurrency.release("waiting", submitted.job.user_id)


def delete_job_files(job: Job) -> Job:
    """`DELETE /api/v1/jobs/{id}`: retention on demand. Running jobs can't be deleted yet."""
    from .retention import delete_files

    if not job.is_finished:
        raise DomainError("job_running", "The job is still running; delete it once it has finished.")
    try:
        delete_files(job)
    except storage.StorageUnavailable as exc:  # the job keeps its files and status; a retry can finish it
        raise error_for(job, exc) from None
    lifecycle.expire(job)
    return job
