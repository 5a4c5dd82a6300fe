"""Refusing oversized uploads without reading them into memory."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from painty.errors import ApiError

# Multipart framing and the prompt field ride on top of the file itself.
ENVELOPE_BYTES = 64 * 1024


def max_upload_bytes() -> int:
    return settings.PAINTY_MAX_UPLOAD_MB * 1024 * 1024


def declared_too_large(request, files: int = 1, total: int | None = None) -> bool:
    """True when Content-Length alone shows the body is over the limit for `files`
    files of at most the upload limit each, or over `total` bytes (nothing read yet)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = files * max_upload_bytes() if total is None else min(total, files * max_upload_bytes())
    return length > limit + ENVELOPE_BYTES


def read_form(request) -> tuple:
    """`request.data` and `request.FILES` of a DRF request, with Django's own body
    limits answered as the client errors they are.

    Django raises these (SuspiciousOperation subclasses) while it parses the body.
    Outside a view they become a bare 400, but inside a DRF view nothing catches
    them, so a form with 101 files or 1,001 fields reached the client as a 500."""
    try:
        return request.data, request.FILES
    except TooManyFilesSent:
        raise ApiError(
            400,
            "too_many_files",
            f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files; send one 'image' file.",
        ) from None
    except TooManyFieldsSent:
        raise ApiError(
            400,
            "too_many_fields",
            f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} form fields; "
            "send 'prompt', 'image' and the optional fields only.",
        ) from None
    except RequestDataTooBig:
        raise ApiError(
            413,
            "payload_too_large",
            f"The form fields besides the file are larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes.",
        ) from None


class SizeLimitHandler(FileUploadHandler):
    """First upload handler: counts file bytes as they stream in and stops the
    upload once a file passes the limit (e.g. chunked bodies with no Content-Length).

    Django's own handlers after this one spool to a temporary file above
    FILE_UPLOAD_MAX_MEMORY_SIZE, so memory stays bounded either way."""

    def __init__(self, request=None, total: int | None = None):
        super().__init__(request)
        self.limit = max_upload_bytes()
        self.total_limit = total  # all files together (a batch), when given
        self.received = 0
        self.received_in_all = 0
        self.too_large = False  # read by the view once the form is parsed

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        self.received_in_all += len(raw_data)
        if self.received > self.limit or (self.total_limit is not None and self.received_in_all > self.total_limit):
            self.too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
