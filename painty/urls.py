from django.contrib import admin
from django.urls import include, path

from photos.urls import api_urlpatterns

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", include("accounts.urls")),
    path("billing/", include("billing.urls")),
    path("api/v1/", include((api_urlpatterns, "api"))),
    path("", include("photos.urls")),
    path("admin/", admin.site.urls),
]
