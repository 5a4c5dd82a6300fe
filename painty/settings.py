"""Painty settings. Every value that varies between machines is read from the
environment here, once; the rest of the code reads `django.conf.settings`."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def envbool(name: str, default: str) -> bool:
    value = env(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")


def envint(name: str, default: str) -> int:
    value = env(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envfloat(name: str, default: str) -> float:
    value = env(name, default)
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def envpem(name: str) -> str | None:
    """A PEM block from one environment variable: real line breaks, or `\\n` escapes
    (what most secret stores and .env files can hold on one line)."""
    value = env(name)
    if value is None:
        return None
    return value.strip().replace("\\r\\n", "\n").replace("\\n", "\n") + "\n"


BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", "0")
PAINTY_DATA_DIR = Path(env("PAINTY_DATA_DIR", str(BASE_DIR / "var"))).resolve()
PAINTY_DATA_DIR.mkdir(parents=True, exist_ok=True)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")


def development_secret_key() -> str:
    """A random key made on first start and kept in the data folder, so sessions
    and signed file links survive a restart of the local server."""
    import secrets

    path = PAINTY_DATA_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text("dev-" + secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG=0")
    SECRET_KEY = development_secret_key()


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "billing",
    "photos",
    "front",
]

MIDDLEWARE = [
    "painty.middleware.RequestIdMiddleware",
    "painty.middleware.FileStreamingMiddleware",
    # Django's own middleware as painty.site_middleware subclasses: their hooks run inline on
    # the async chain, and the ones only pages need skip /api/ requests. `check --deploy`
    # still checks Security, CSRF and X-Frame-Options (photos.checks).
    "painty.site_middleware.SecurityMiddleware",
    "painty.middleware.ContentSecurityPolicyMiddleware",
    "painty.middleware.AsyncWhiteNoiseMiddleware",
    "painty.middleware.ApiErrorMiddleware",
    "painty.site_middleware.SessionMiddleware",
    "painty.site_middleware.CommonMiddleware",
    "painty.site_middleware.CsrfViewMiddleware",
    "painty.site_middleware.AuthenticationMiddleware",
    "painty.site_middleware.MessageMiddleware",
    "painty.site_middleware.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
]

# Django's deploy checks look for its Security, CSRF and X-Frame-Options middleware by
# dotted path and so miss painty's subclasses: photos.checks runs them for the subclasses
# (and warns as painty.W001–W003 when one is really missing).
SILENCED_SYSTEM_CHECKS = ["security.W001", "security.W002", "security.W003"]

ROOT_URLCONF = "painty.urls"
WSGI_APPLICATION = "painty.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "painty.context.site",
            ],
        },
    },
]


def database_from_url(url: str | None) -> dict:
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": PAINTY_DATA_DIR / "painty.sqlite3",
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers
            # queue on `timeout` instead of failing with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": str(PAINTY_DATA_DIR / "test.sqlite3")},
            "CONN_MAX_AGE": 600,
        }
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parsed.scheme!r}")
    return {
        "ENGINE": "painty.postgres",  # Django's, with a cheaper pool health check
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        **postgres_connections(envint("DATABASE_POOL_SIZE", "10")),
    }


def postgres_connections(pool_size: int) -> dict:
    """Each process borrows connections from a psycopg pool of at most `pool_size`
    (DATABASE_POOL_SIZE; 0 turns pooling off and DATABASE_CONN_MAX_AGE applies).

    Under the ASGI server a request's sync code runs in a thread that lives only as
    long as the request, so a per-thread persistent connection would be opened and
    dropped per request; and a waiting request must hold no connection at all. With
    the pool a connection goes back after each request or step (photos.waiting), so
    a web process uses at most about PAINTY_STEP_THREADS of them however many
    requests wait, and a Celery `io` worker with hundreds of threads at most this many."""
    if pool_size <= 0:
        return {"CONN_MAX_AGE": envint("DATABASE_CONN_MAX_AGE", "60"), "CONN_HEALTH_CHECKS": True}
    # The pool checks a connection before lending it, unless it was lent a moment ago
    # (painty.postgres; that stands in for CONN_HEALTH_CHECKS, which checks every loan).
    pool = {"min_size": 1, "max_size": pool_size, "timeout": 30}
    return {"CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "OPTIONS": {"pool": pool}}


DATABASES = {"default": database_from_url(env("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "painty.redis_pool.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"pool_class": "painty.redis_pool.SharedConnectionPool"},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# allauth: email + password, no username.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Mandatory: sign-up credits are only granted for a verified address
# (accounts.signup), and allauth can only hide which emails have an account
# (ACCOUNT_PREVENT_ENUMERATION) when every sign-up ends in "check your email".
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
if ACCOUNT_EMAIL_VERIFICATION not in ("mandatory", "optional", "none"):
    raise ImproperlyConfigured("ACCOUNT_EMAIL_VERIFICATION must be mandatory, optional or none")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Accounts are known by their email: messages say "signed in as you@example.com",
# not the username allauth derives from it.
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
# Confirming in the browser session that signed up lands on the dashboard, signed in
# (allauth only does this for the session that started the sign-up).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Tell the owner by email when the password, an email address or two-factor authentication
# changes on the account (a stranger's change is then noticed).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_GET = False
# allauth's rate limits (sign-up, login, failed logins per address, password
# reset) are on by default and count in the default cache: Redis when REDIS_URL
# is set, so every worker process shares them. Behind a reverse proxy every
# request comes from the proxy's address; PAINTY_TRUSTED_PROXIES says how many
# proxies append to X-Forwarded-For, so the limits count real client addresses.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("PAINTY_TRUSTED_PROXIES", "0")
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) with recovery codes,
# optional for everyone; security keys (WebAuthn) are not offered. With
# PAINTY_STAFF_REQUIRE_2FA, staff must set it up before the admin opens for them
# (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
PAINTY_STAFF_REQUIRE_2FA = envbool("PAINTY_STAFF_REQUIRE_2FA", "0")
LOGIN_REDIRECT_URL = "/dashboard/"
LOGIN_URL = "/accounts/login/"

EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", "587")
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "1")
    # Emails go out after the commit of the request that caused them (a receipt, a
    # low-balance warning): a mail server that hangs must not hold that request long.
    EMAIL_TIMEOUT = envfloat("EMAIL_TIMEOUT", "10")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Painty <noreply@painty.local>")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = PAINTY_DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = PAINTY_DATA_DIR / "media"


def s3_client_config():
    """Fail fast when the store is down (→ 503 and a refund) instead of retrying for
    the whole job budget; path-style addressing and checksums only where required,
    so any S3-compatible server (MinIO, moto, Ceph, R2) accepts the requests."""
    from botocore.config import Config

    return Config(
        signature_version="s3v4",
        s3={"addressing_style": "path"},
        connect_timeout=envfloat("AWS_S3_CONNECT_TIMEOUT", "3"),
        read_timeout=envfloat("AWS_S3_READ_TIMEOUT", "30"),
        retries={"max_attempts": envint("AWS_S3_MAX_ATTEMPTS", "2"), "mode": "standard"},
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )


PAINTY_STORAGE = env("PAINTY_STORAGE", "local")
if PAINTY_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", "us-east-1")
    AWS_S3_ADDRESSING_STYLE = "path"
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    # Keys hold a 192-bit random token, so they never collide; overwriting skips a
    # HEAD request per file (and a redelivered job rewrites its own result).
    AWS_S3_FILE_OVERWRITE = True
    AWS_S3_CLIENT_CONFIG = s3_client_config()
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("PAINTY_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME")
    default_storage_backend = {"BACKEND": "photos.s3.S3Storage"}
elif PAINTY_STORAGE == "local":
    default_storage_backend = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
else:
    raise ImproperlyConfigured("PAINTY_STORAGE must be 'local' or 's3'")

# A CDN in front of the bucket (photos/cdn.py): django-storages then builds links on
# this domain and signs them with the CloudFront key (a canned policy that ends at the
# job's retention deadline) instead of presigning them for S3. Read for every storage
# so that setting them without PAINTY_STORAGE=s3 is refused at start-up, not ignored.
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
AWS_CLOUDFRONT_KEY_ID = env("AWS_CLOUDFRONT_KEY_ID")
AWS_CLOUDFRONT_KEY = envpem("AWS_CLOUDFRONT_KEY")

STORAGES = {
    "default": default_storage_backend,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Painty -----------------------------------------------------------------
PAINTY_PUBLIC_URL = (env("PAINTY_PUBLIC_URL") or "").rstrip("/")
# The product's name in the top bar, the admin, authenticator apps and every email's subject and body.
PAINTY_SITE_NAME = env("PAINTY_SITE_NAME", "Painty")
MFA_TOTP_ISSUER = PAINTY_SITE_NAME  # the account's name in authenticator apps
# Where "contact us" goes (pages and emails); empty: no address is shown.
PAINTY_SUPPORT_EMAIL = env("PAINTY_SUPPORT_EMAIL", "")
if PAINTY_SUPPORT_EMAIL:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(PAINTY_SUPPORT_EMAIL)
    except ValidationError:
        raise ImproperlyConfigured(f"PAINTY_SUPPORT_EMAIL must be an email address, not {PAINTY_SUPPORT_EMAIL!r}") from None
PAINTY_ENGINE = env("PAINTY_ENGINE", "local")
PAINTY_ECHO_DELAY = envfloat("PAINTY_ECHO_DELAY", "0")
PAINTY_MAX_UPLOAD_MB = envint("PAINTY_MAX_UPLOAD_MB", "10")
PAINTY_MAX_PIXELS = envint("PAINTY_MAX_PIXELS", "50000000")
# Pixels × frames one request may decode, and produce after upscale/resize (photos/budget.py).
PAINTY_MAX_WORK_PIXELS = envint("PAINTY_MAX_WORK_PIXELS", "50000000")
PAINTY_MAX_PROMPT_CHARS = 2000
PAINTY_JOB_TIMEOUT = envfloat("PAINTY_JOB_TIMEOUT", "240")
# The embedded engine runs in this many worker processes per web process (killed
# and replaced at a job's deadline); a worker holding more memory than
# PAINTY_WORKER_MAX_RSS_MB after a job is replaced so the memory goes back to the OS.
# The default shares the cores among the web processes (WEB_CONCURRENCY), so the
# machine runs at most one engine job per core — which also bounds the engine's
# memory on the machine to about that many work budgets (PAINTY_MAX_WORK_PIXELS).
PAINTY_ENGINE_WORKERS = envint(
    "PAINTY_ENGINE_WORKERS", str(max(1, (os.cpu_count() or 2) // envint("WEB_CONCURRENCY", "1")))
)
PAINTY_WORKER_MAX_RSS_MB = envint("PAINTY_WORKER_MAX_RSS_MB", "1024")
# What one account may hold open at once, across all web processes
# (photos/concurrency.py). Waiting costs a coroutine, not a thread (photos/waiting.py),
# so these bound one account's share of the engine and of the open connections
# rather than of a thread pool: a few hundred requests waiting across all accounts
# per web machine is normal, and one account must not make a thousand of them alone.
PAINTY_MAX_STREAMS_PER_ACCOUNT = envint("PAINTY_MAX_STREAMS_PER_ACCOUNT", "32")
PAINTY_MAX_WAITING_PER_ACCOUNT = envint("PAINTY_MAX_WAITING_PER_ACCOUNT", "32")
# Waiting requests (photos/waiting.py): the threads per web process that run their short
# sync steps (each holds at most one database connection, given back after each step;
# few, because each more thread costs every request GIL hand-offs — 1,000 requests at once
# were accepted in 1.7 s with one, 2.0 s with two and 3.2 s with eight. SQLite has one
# writer at a time and no network to wait on, so one; a database over the network, two,
# so that one step's round trips overlap another's work),
# the threads that wait on hosted engines' HTTP calls, and how often a waiter re-reads its
# job in case a "job changed" message was lost.
_ON_SQLITE = DATABASES["default"]["ENGINE"].endswith("sqlite3")
PAINTY_STEP_THREADS = envint("PAINTY_STEP_THREADS", "1" if _ON_SQLITE else "2")
PAINTY_IO_THREADS = envint("PAINTY_IO_THREADS", "512")
PAINTY_WAIT_FALLBACK_SECONDS = envfloat("PAINTY_WAIT_FALLBACK_SECONDS", "10")
# An event stream ends after this long; the client reconnects with Last-Event-ID.
PAINTY_STREAM_MAX_SECONDS = envfloat("PAINTY_STREAM_MAX_SECONDS", "300")
PAINTY_RETENTION_HOURS = envfloat("PAINTY_RETENTION_HOURS", "24")
PAINTY_RATE_LIMIT = env("PAINTY_RATE_LIMIT", "60/m")
# Test keys are free, so their jobs are kept cheap: a small input, a low rate, a daily cap.
PAINTY_TEST_MAX_SIDE = envint("PAINTY_TEST_MAX_SIDE", "512")
PAINTY_TEST_RATE_LIMIT = env("PAINTY_TEST_RATE_LIMIT", "10/m")
PAINTY_TEST_DAILY_QUOTA = envint("PAINTY_TEST_DAILY_QUOTA", "100")
PAINTY_SIGNUP_CREDITS = envint("PAINTY_SIGNUP_CREDITS", "10")
# Most API keys (live and test, not revoked) one account may hold; the dashboard refuses more.
PAINTY_MAX_ACTIVE_KEYS = envint("PAINTY_MAX_ACTIVE_KEYS", "20")
PAINTY_CREDITS_PER_IMAGE = envint("PAINTY_CREDITS_PER_IMAGE", "1")
# Completion webhooks: seconds to wait before each retry after the first attempt.
PAINTY_WEBHOOK_RETRIES = [float(s) for s in envlist("PAINTY_WEBHOOK_RETRIES", "10,60,300,1800,7200")]
PAINTY_WEBHOOK_TIMEOUT = envfloat("PAINTY_WEBHOOK_TIMEOUT", "10")
PAINTY_HTTPS = envbool("PAINTY_HTTPS", "0")
# A `mask` with "remove …" is retouched offline up to this share of the picture; larger is 422
# (or, with PAINTY_ENGINE=auto and a hosted provider, sent to it).
PAINTY_INPAINT_MAX_AREA = envfloat("PAINTY_INPAINT_MAX_AREA", "0.05")
# POST /api/v1/batches: most images per batch, and how long a batch's images may wait
# for their turn before an unstarted one is failed and refunded (after a crash or restart).
PAINTY_MAX_BATCH_ITEMS = envint("PAINTY_MAX_BATCH_ITEMS", "50")
PAINTY_BATCH_TIMEOUT = envfloat("PAINTY_BATCH_TIMEOUT", "3600")
PAINTY_MAX_OPEN_BATCHES = envint("PAINTY_MAX_OPEN_BATCHES", "2")
PAINTY_MAX_BATCH_MB = envint("PAINTY_MAX_BATCH_MB", "200")
# `image_url` / `background_url`: seconds for the whole download (redirects included).
PAINTY_IMAGE_URL_TIMEOUT = envfloat("PAINTY_IMAGE_URL_TIMEOUT", "15")
# Requests to user-given URLs (photos/outbound.py) may go to loopback, and then over
# plain http, only in development: a webhook receiver on the developer's own machine.
# Not read from the environment on purpose, so no deployment can be talked into it;
# tests that run a loopback receiver switch it on for themselves.
PAINTY_OUTBOUND_ALLOW_LOOPBACK = DEBUG and not PAINTY_HTTPS

# Hosted engines (photos/engines/hosted.py). Keys are read from the
# environment only; `auto` falls back to PAINTY_HOSTED_ENGINE (empty: the
# first of openai, gemini with a key; "none": never send images out).
OPENAI_API_KEY = env("OPENAI_API_KEY")
OPENAI_BASE_URL = env("OPENAI_BASE_URL")
PAINTY_OPENAI_MODEL = env("PAINTY_OPENAI_MODEL", "gpt-image-1")
PAINTY_OPENAI_QUALITY = env("PAINTY_OPENAI_QUALITY", "")
GEMINI_API_KEY = env("GEMINI_API_KEY")
GEMINI_BASE_URL = env("GEMINI_BASE_URL")
PAINTY_GEMINI_MODEL = env("PAINTY_GEMINI_MODEL", "gemini-2.5-flash-image")
PAINTY_HOSTED_ENGINE = env("PAINTY_HOSTED_ENGINE", "")
if PAINTY_HOSTED_ENGINE not in ("", "openai", "gemini", "none"):
    raise ImproperlyConfigured("PAINTY_HOSTED_ENGINE must be openai, gemini, none or empty")
PAINTY_HOSTED_RETRIES = envint("PAINTY_HOSTED_RETRIES", "2")
PAINTY_HOSTED_BACKOFF = envfloat("PAINTY_HOSTED_BACKOFF", "1")

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL or CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = False  # painty.settings_test turns it on
# A message a worker took but never acknowledged (the worker died) is handed to
# another worker after this many seconds. It must exceed the longest job, or a
# slow job would be started twice.
CELERY_VISIBILITY_TIMEOUT = envfloat("CELERY_VISIBILITY_TIMEOUT", str(PAINTY_JOB_TIMEOUT * 2 + 60))

POLAR_ACCESS_TOKEN = env("POLAR_ACCESS_TOKEN")
POLAR_WEBHOOK_SECRET = env("POLAR_WEBHOOK_SECRET")
POLAR_SERVER = env("POLAR_SERVER", "sandbox")
POLAR_BASE_URL = env("POLAR_BASE_URL")

# Uploads: files above this go to a temporary file instead of memory; the
# upload handler in photos.uploads refuses anything over the limit mid-stream.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.MultiPartParser", "rest_framework.parsers.FormParser"],
    "EXCEPTION_HANDLER": "painty.errors.drf_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Painty API",
    "DESCRIPTION": "Upload an image and a text prompt, get direct links to the edited results.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the drf-spectacular-sidecar package: no CDN, works offline.
    "TAGS": [{"name": "Photos"}, {"name": "Account"}],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "OkStatusEnum": ["ok"],
        "ErrorStatusEnum": ["error"],
        "JobStatusEnum": "photos.models.Job.Status",
    },
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "PREPROCESSING_HOOKS": ["photos.schema.public_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "photos.schema.describe_limits",
        "photos.schema.describe_headers",
    ],
}

if PAINTY_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

LOG_FORMAT = env("LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be 'plain' or 'json'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "painty.middleware.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "painty.logformat.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}
