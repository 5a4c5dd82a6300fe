"""`manage.py build_showcase`: make the landing page's before/after example now,
with the configured engine, instead of on the first visit."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from front import showcase


class Command(BaseCommand):
    help = "Run the configured engine on the landing page's example photo and store the pair."

    def handle(self, *args, **options):
        try:
            folder = showcase.build()
        except Exception as exc:
            raise CommandError(f"engine {settings.PAINTY_ENGINE!r} could not make the example: {exc}") from exc
        self.stdout.write(f"Example made with engine {settings.PAINTY_ENGINE!r} in {folder}")
