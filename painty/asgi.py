"""The ASGI application that gunicorn's uvicorn workers (painty/gunicorn.conf.py) and
`manage.py rundemo` serve. The settings module is named before anything from Django is
imported, so no import can read settings before it is known."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painty.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
