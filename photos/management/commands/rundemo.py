"""`manage.py rundemo`: the README's run command on embedded defaults.

Migrates the sqlite database under PAINTY_DATA_DIR, makes a demo account
with a fresh API key, prints a ready-to-paste curl command, then serves the
app at http://127.0.0.1:8000 until stopped."""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.management.commands.create_api_key import get_or_create_user
from accounts.models import ApiKey
from photos import housekeeping, runners

DEMO_EMAIL = "demo@painty.local"
DEMO_PASSWORD = "painty-demo"


class Command(BaseCommand):
    help = "Set up the demo account and serve Painty at 127.0.0.1:8000 on the embedded defaults."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        call_command("migrate", interactive=False, verbosity=0)
        user, _ = get_or_create_user(DEMO_EMAIL)
        if not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # One live demo key at a time: earlier runs' keys are revoked.
        for old in ApiKey.objects.active().filter(user=user, name="Demo key"):
            old.revoke()
        _, raw = ApiKey.issue(user, "Demo key")
        threading.Thread(target=warm_engine, daemon=True).start()
        housekeeping.start_sweeper()

        base = f"http://{addrport}"
        self.stdout.write(
            f"\nPainty is starting at {base}  (engine: {settings.PAINTY_ENGINE}, data: {settings.PAINTY_DATA_DIR})\n"
            f"Dashboard login: {DEMO_EMAIL} / {DEMO_PASSWORD}\n\n"
            f"Demo API key: {raw}\n\n"
            f"curl -X POST '{base}/api/v1/photo' \\\n"
            f"  -H 'Authorization: Bearer {raw}' \\\n"
            f'  -F "prompt=Make the background clean and bright" \\\n'
            f'  -F "image=@/path/to/photo.jpg"\n\n'
        )
        self.stdout.flush()
        call_command("runserver", addrport, use_reloader=False, use_threading=True)


def warm_engine():
    """Load the engine (and its model) before the first request needs it."""
    from front import showcase

    try:
        runners.warm_up()
        showcase.build()  # the home page's before/after example, ready before the first visit
    except Exception as exc:  # the server still starts; requests will report the engine error
        print(f"Engine warm-up failed: {exc}")
