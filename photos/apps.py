from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Photos and jobs"

    def ready(self):
        import mimetypes

        from . import cdn, checks  # noqa: F401  (checks registers the deploy checks)

        cdn.refuse_misconfiguration()  # a half-configured CDN would hand out unsigned or wrong links
        # Served files' Content-Type (local links and S3 uploads) comes from mimetypes, which may not know these.
        mimetypes.add_type("image/heic", ".heic")
        mimetypes.add_type("image/avif", ".avif")
        from . import batches, signals, waiting, webhooks

        signals.job_finished.connect(webhooks.on_job_finished, dispatch_uid="completion-webhooks")
        signals.job_finished.connect(batches.on_job_finished, dispatch_uid="batch-endings")
        signals.job_finished.connect(waiting.on_job_finished, dispatch_uid="waiters-finished")
        signals.job_started.connect(waiting.on_job_started, dispatch_uid="waiters-started")
