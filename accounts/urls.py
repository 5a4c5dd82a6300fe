from django.urls import path

from photos import views as webhook_views

from . import data_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("keys/new", views.create_key, name="create_key"),
    path("keys/<int:key_id>/revoke", views.revoke_key, name="revoke_key"),
    path("keys/<int:key_id>/settings", views.key_settings, name="key_settings"),
    path("webhooks", webhook_views.webhooks_page, name="webhooks"),
    path("webhooks/rotate-secret", webhook_views.rotate_webhook_secret, name="rotate_webhook_secret"),
    path("webhooks/<int:delivery_id>/resend", webhook_views.resend_webhook, name="resend_webhook"),
    path("data/export", data_views.export_data, name="export_data"),
    path("data/delete", data_views.delete_account, name="delete_account"),
]
