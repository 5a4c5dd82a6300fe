from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Photos and jobs"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
        from . import signals, webhooks

        signals.job_finished.connect(webhooks.on_job_finished, dispatch_uid="completion-webhooks")
