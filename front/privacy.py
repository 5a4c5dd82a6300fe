"""The /privacy page, written from the live settings.

What is stored, for how long (PAINTY_RETENTION_HOURS), who can read it (the
kind of link this server hands out), how to delete it now, and where an image
goes with the engine in use (PAINTY_ENGINE, and for `auto` the hosted engine
it falls back to, the same choice photos.engines.auto makes). A page written
by hand would drift from what the server does; this one can't.

What the providers say about training is quoted from their terms as they stood
when this was written (`as_of`); the page links the terms themselves."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render

from photos import cdn, storage

from . import docs


@dataclass(frozen=True)
class Provider:
    name: str
    engine: str
    model_setting: str
    training: str
    retention: str
    terms: tuple[tuple[str, str], ...]
    as_of: str
    note: str = ""


PROVIDERS = {
    "openai": Provider(
        name="OpenAI",
        engine="openai",
        model_setting="PAINTY_OPENAI_MODEL",
        training="OpenAI states that data sent to its API is not used to train or improve its models unless "
        "the API customer opts in (its default since 1 March 2023).",
        retention="It may keep inputs and outputs in abuse-monitoring logs for up to 30 days, longer only where "
        "the law requires it.",
        terms=(
            ("Data controls in the OpenAI platform", "https://platform.openai.com/docs/guides/your-data"),
            ("OpenAI Services Agreement", "https://openai.com/policies/services-agreement/"),
        ),
        as_of="November 2025",
    ),
    "gemini": Provider(
        name="Google (Gemini API)",
        engine="gemini",
        model_setting="PAINTY_GEMINI_MODEL",
        training="Google states that for paid services — all use of the Gemini API once the Google Cloud project "
        "behind the key has billing activated — it does not use prompts, images or responses to improve its "
        "products.",
        retention="It keeps them for 55 days for abuse monitoring only.",
        terms=(
            ("Gemini API Additional Terms of Service", "https://ai.google.dev/gemini-api/terms"),
            ("Gemini API abuse monitoring", "https://ai.google.dev/gemini-api/docs/usage-policies"),
        ),
        as_of="March 2026",
        note="On Google's free tier (unpaid services) the terms are different: Google may use content to improve "
        "its products and human reviewers may read it (except for users in the EEA, Switzerland and the UK). "
        "This server's operator has to use a key from a project with billing activated.",
    ),
}


def image_route() -> dict:
    """Where an uploaded image is edited with this server's settings.

    `scope` is "none" (never leaves the machine), "every" (every image goes to
    `provider`) or "fallback" (`auto`: only prompts the local engine can't do)."""
    engine = settings.PAINTY_ENGINE
    if engine in PROVIDERS:
        return {"engine": engine, "scope": "every", "provider": PROVIDERS[engine], "model": _model(engine)}
    if engine == "auto":
        from photos.engines.auto import hosted_engine

        hosted = hosted_engine()
        if hosted is not None and hosted.name in PROVIDERS:
            provider = PROVIDERS[hosted.name]
            return {"engine": engine, "scope": "fallback", "provider": provider, "model": _model(hosted.name)}
    return {"engine": engine, "scope": "none", "provider": None, "model": None}


def _model(engine: str) -> str:
    return getattr(settings, PROVIDERS[engine].model_setting)


def facts() -> dict:
    """Everything the page states that depends on this server's settings."""
    if cdn.enabled():
        links = "cdn"
    elif storage.is_s3():
        links = "s3"
    else:
        links = "local"
    return {
        "retention_hours": settings.PAINTY_RETENTION_HOURS,
        "route": image_route(),
        "hosted_engine_setting": settings.PAINTY_HOSTED_ENGINE or "(empty)",
        "links": links,
        "cdn_domain": settings.AWS_S3_CUSTOM_DOMAIN if links == "cdn" else None,
        "providers": list(PROVIDERS.values()),
    }


def privacy(request):
    return render(request, "privacy.html", {"facts": facts(), "base_url": docs.base_url(request)})
