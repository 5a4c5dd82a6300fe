from django.conf import settings


def site(request):
    """Values every page template may show (kept in step with what the API enforces)."""
    return {
        "credits_per_image": settings.PAINTY_CREDITS_PER_IMAGE,
        "polar_configured": bool(settings.POLAR_ACCESS_TOKEN),
        "site_name": settings.PAINTY_SITE_NAME,
        "support_email": settings.PAINTY_SUPPORT_EMAIL,
    }
