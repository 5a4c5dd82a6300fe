from django.urls import path, re_path

from . import api, delivery

app_name = "photos"

# Every API view runs its sync work in the step pool (photos.waiting), never in a thread of
# its own request; the photo call and the event stream then wait on the event loop.
api_urlpatterns = [
    re_path(r"^photo/?$", api.served_on_the_loop(api.PhotoView), name="photo"),
    re_path(r"^account/?$", api.served_on_the_loop(api.AccountView), name="account"),
    re_path(r"^jobs/?$", api.served_on_the_loop(api.JobListView), name="jobs"),
    re_path(r"^jobs/(?P<job_id>[0-9]+)/?$", api.served_on_the_loop(api.JobView), name="job"),
    re_path(r"^jobs/(?P<job_id>[0-9]+)/events/?$", api.served_on_the_loop(api.JobEventsView), name="job_events"),
    re_path(r"^batches/?$", api.served_on_the_loop(api.BatchListView), name="batches"),
    re_path(r"^batches/(?P<batch_id>[0-9]+)/?$", api.served_on_the_loop(api.BatchView), name="batch"),
    re_path(r"^batches/(?P<batch_id>[0-9]+)/zip/?$", api.served_on_the_loop(api.BatchZipView), name="batch_zip"),
]

urlpatterns = [
    path("files/<path:path>", delivery.serve_file, name="file"),
]
