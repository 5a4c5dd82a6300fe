from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The public pages: home, the interactive docs and the showcase example."""

    name = "front"
    verbose_name = "Public pages"
