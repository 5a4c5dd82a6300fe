"""A file store that fails the way real ones do (read-only or full disk, denied
permissions, an S3 error), switched on through settings.STORAGES."""

from __future__ import annotations

import errno

from botocore.exceptions import ClientError
from django.core.files.storage import FileSystemStorage

FAULTS = {
    "read_only": lambda name: OSError(errno.EROFS, "Read-only file system", name),
    "disk_full": lambda name: OSError(errno.ENOSPC, "No space left on device", name),
    "permission": lambda name: PermissionError(errno.EACCES, "Permission denied", name),
    "s3_denied": lambda name: ClientError({"Error": {"Code": "AccessDenied", "Message": "Access Denied"}}, "PutObject"),
}


class FaultyStorage(FileSystemStorage):
    """Local storage that reads and lists normally but refuses to write or delete
    any name containing `only` (every name when it is empty)."""

    def __init__(self, fault: str = "read_only", only: str = "", **kwargs):
        super().__init__(**kwargs)
        self.fault, self.only = fault, only

    def _refuse(self, name: str) -> None:
        if self.only in name:
            raise FAULTS[self.fault](name)

    def _save(self, name, content):
        self._refuse(name)
        return super()._save(name, content)

    def delete(self, name):
        self._refuse(name)
        super().delete(name)


def break_storage(settings, fault: str = "read_only", only: str = "") -> None:
    """From now on the default storage is a FaultyStorage over the same files."""
    options = {"location": str(settings.MEDIA_ROOT), "fault": fault, "only": only}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.storage_faults.FaultyStorage", "OPTIONS": options},
    }
