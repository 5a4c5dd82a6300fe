from django.urls import path, re_path

from . import api, delivery

app_name = "photos"

api_urlpatterns = [
    re_path(r"^photo/?$", api.PhotoView.as_view(), name="photo"),
    re_path(r"^account/?$", api.AccountView.as_view(), name="account"),
    re_path(r"^jobs/?$", api.JobListView.as_view(), name="jobs"),
    re_path(r"^jobs/(?P<job_id>[0-9]+)/?$", api.JobView.as_view(), name="job"),
    re_path(r"^jobs/(?P<job_id>[0-9]+)/events/?$", api.JobEventsView.as_view(), name="job_events"),
]

urlpatterns = [
    path("files/<path:path>", delivery.serve_file, name="file"),
]
