from django.urls import path, re_path

from . import api, views

app_name = "photos"

api_urlpatterns = [
    re_path(r"^photo/?$", api.PhotoView.as_view(), name="photo"),
    re_path(r"^account/?$", api.AccountView.as_view(), name="account"),
]

urlpatterns = [
    path("files/<path:path>", views.serve_file, name="file"),
]
