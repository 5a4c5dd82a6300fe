from django.apps import AppConfig
from django.conf import settings


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Billing and credits"

    def ready(self):
        from . import signals  # noqa: F401

        if settings.POLAR_WEBHOOK_SECRET:
            from .polar_api import warm_up_in_background

            warm_up_in_background()
