from django.core.management.base import BaseCommand

from photos import webhooks
from photos.retention import purge_expired


class Command(BaseCommand):
    help = "Delete originals and results past PAINTY_RETENTION_HOURS and mark their jobs expired."

    def handle(self, *args, **options):
        counts = purge_expired()
        retried = webhooks.retry_due()
        if retried:
            self.stdout.write(f"Retried {retried} overdue webhook deliveries.")
        self.stdout.write(
            f"Expired {counts['expired']} jobs, deleted {counts['files']} files, "
            f"refunded {counts['stuck']} stuck jobs."
        )
        if counts["failed"]:
            self.stderr.write(
                f"Could not delete the files of {counts['failed']} jobs (see the log); they are left for the next run."
            )
