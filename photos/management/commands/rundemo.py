"""`manage.py rundemo [ADDR:PORT]`: the README's run command on embedded defaults.

Migrates the sqlite database under PAINTY_DATA_DIR, makes a demo account with
DEMO_CREDITS credits (enough for every example on /docs) and a fresh API key
(revoking the previous run's), prints a ready-to-paste curl command, writes the
development settings it runs with to PAINTY_DATA_DIR/dev.env for the other
manage.py commands (painty/devenv.py), then serves the app at
http://127.0.0.1:8000 (or ADDR:PORT) until stopped.

It serves painty.asgi with uvicorn, in one process, so the demo waits on an event
loop as production does (painty/gunicorn.conf.py), rather than on runserver's
thread per request."""

import threading

import uvicorn
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands.runserver import naiveip_re

from accounts.management.commands.create_api_key import get_or_create_user
from accounts.models import ApiKey
from billing import ledger
from billing.models import LedgerEntry
from painty import devenv
from photos import housekeeping, runners

DEMO_EMAIL = "demo@painty.local"
DEMO_PASSWORD = "painty-demo"
# Every example prompt on /docs, with variants, and then some.
DEMO_CREDITS = 100


class Command(BaseCommand):
    help = "Set up the demo account and serve Painty at 127.0.0.1:8000 on the embedded defaults."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if not naiveip_re.match(addrport):
            raise CommandError(f"{addrport!r} is not a port or an address:port pair, e.g. 8001 or 127.0.0.1:8001.")
        if ":" not in addrport:
            addrport = f"127.0.0.1:{addrport}"
        call_command("migrate", interactive=False, verbosity=0)
        user, _ = get_or_create_user(DEMO_EMAIL)
        if not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # One live demo key at a time: earlier runs' keys are revoked.
        for old in ApiKey.objects.active().filter(user=user, name="Demo key"):
            old.revoke()
        _, raw = ApiKey.issue(user, "Demo key")
        top_up = DEMO_CREDITS - ledger.balance_of(user)
        if top_up > 0:
            ledger.grant(user, top_up, LedgerEntry.Kind.ADMIN, reason=f"rundemo: topped up to {DEMO_CREDITS} credits")
        settings_file = devenv.write(settings.PAINTY_DATA_DIR) if settings.DEBUG else None
        threading.Thread(target=warm_engine, daemon=True).start()
        housekeeping.start_sweeper()

        base = f"http://{addrport}"
        self.stdout.write(
            f"\nPainty is starting at {base}  (engine: {settings.PAINTY_ENGINE}, data: {settings.PAINTY_DATA_DIR})\n"
            f"Dashboard login: {DEMO_EMAIL} / {DEMO_PASSWORD}  ({ledger.balance_of(user)} credits)\n\n"
            f"Demo API key: {raw}\n(running rundemo again revokes this key and prints a new one)\n\n"
            f"curl -X POST '{base}/api/v1/photo' \\\n"
            f"  -H 'Authorization: Bearer {raw}' \\\n"
            f'  -F "prompt=Make the background clean and bright" \\\n'
            f'  -F "image=@/path/to/photo.jpg"\n\n'
            + (f"Other manage.py commands use these development settings ({settings_file}).\n\n" if settings_file else "")
        )
        self.stdout.flush()
        serve(addrport)


def serve(addrport: str) -> None:
    """Serve painty.asgi at ADDR:PORT until Ctrl-C. An open event stream gets a few
    seconds to end on its own before the server stops anyway."""
    match = naiveip_re.match(addrport)
    host, port = match["addr"], int(match["port"])
    if match["ipv6"]:
        host = host[1:-1]
    uvicorn.run(
        "painty.asgi:application", host=host, port=port, log_level="info", lifespan="off", timeout_graceful_shutdown=3
    )


def warm_engine():
    """Load the engine (and its model) before the first request needs it."""
    from front import showcase
    from painty import gc_tuning

    try:
        runners.warm_up()
        showcase.build()  # the home page's before/after example, ready before the first visit
        gc_tuning.settle()
    except Exception as exc:  # the server still starts; requests will report the engine error
        print(f"Engine warm-up failed: {exc}")
