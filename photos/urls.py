from django.urls import path, re_path

from . import api, delivery

app_name = "photos"

api_urlpatterns = [
    re_path(r"^photo/?$", api.served_on_the_loop(api.PhotoView), name="photo"),
    re_path(r"^account/?$", api.AccountView.as_view(), name="account"),
    re_path(r"^jobs/?$", api.JobListView.as_view(), name="jobs"),
    re_path(r"^jobs/(?P<job_id>[0-9]+)/?$", api.JobView.as_view(), name="job"),
    re_path(r"^jobs/(?P<job_id>[0-9]+)/events/?$", api.served_on_the_loop(api.JobEventsView), name="job_events"),
    re_path(r"^batches/?$", api.BatchListView.as_view(), name="batches"),
    re_path(r"^batches/(?P<batch_id>[0-9]+)/?$", api.BatchView.as_view(), name="batch"),
    re_path(r"^batches/(?P<batch_id>[0-9]+)/zip/?$", api.BatchZipView.as_view(), name="batch_zip"),
]

urlpatterns = [
    path("files/<path:path>", delivery.serve_file, name="file"),
]
