from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.views import admin_login
from photos.api import served_on_the_loop
from photos.urls import api_urlpatterns

from front import docs, privacy, showcase
from front import views as front

from . import views

admin.site.site_header = f"{settings.PAINTY_SITE_NAME} admin"
admin.site.site_title = f"{settings.PAINTY_SITE_NAME} admin"
admin.site.index_title = "Accounts, credits and jobs"

urlpatterns = [
    path("", front.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", include("accounts.urls")),
    path("privacy", privacy.privacy, name="privacy"),
    path("docs", docs.docs, name="docs"),
    path("docs/reference", docs.ReferenceView.as_view(), name="docs-reference"),
    path("docs/test-key", docs.create_test_key, name="docs-test-key"),
    path("showcase/<str:name>", showcase.serve, name="showcase"),
    path("api/v1/schema", served_on_the_loop(docs.SchemaView), name="api-schema"),
    path("billing/", include("billing.urls")),
    path("api/v1/", include((api_urlpatterns, "api"))),
    path("", include("photos.urls")),
    path("admin/login/", admin_login, name="admin-login"),  # before admin.site.urls, which it replaces
    path("admin/", admin.site.urls),
]
