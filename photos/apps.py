from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Photos and jobs"

    def ready(self):
        from . import cdn, checks  # noqa: F401  (checks registers the deploy checks)

        cdn.refuse_misconfiguration()  # a half-configured CDN would hand out unsigned or wrong links
        from . import signals, webhooks

        signals.job_finished.connect(webhooks.on_job_finished, dispatch_uid="completion-webhooks")
