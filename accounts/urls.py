from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("keys/new", views.create_key, name="create_key"),
    path("keys/<int:key_id>/revoke", views.revoke_key, name="revoke_key"),
    path("keys/<int:key_id>/settings", views.key_settings, name="key_settings"),
]
