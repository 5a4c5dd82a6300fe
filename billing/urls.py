from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("pricing", views.pricing, name="pricing"),
    path("low-balance", views.low_balance, name="low_balance"),
    path("buy/<int:pack_id>", views.buy, name="buy"),
    path("portal", views.portal, name="portal"),
    path("success", views.success, name="success"),
    path("checkout-status", views.checkout_status, name="checkout_status"),
    path("webhooks/polar", views.polar_webhook, name="polar_webhook"),
]
