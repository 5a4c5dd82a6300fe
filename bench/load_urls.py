"""URLs for bench/load.py only: all of Painty, plus a minimal upload view as the baseline.

The baseline goes through the same middleware and the same multipart parsing
(Django's, with the same upload settings), reads the whole upload and answers
JSON — everything a photo request must do before any Painty-specific work."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from painty.urls import urlpatterns as painty_urlpatterns


@csrf_exempt
def baseline_upload(request):
    upload = request.FILES["image"]
    size = len(upload.read())
    return JsonResponse({"status": "ok", "data": {"bytes": size, "prompt": request.POST.get("prompt", "")}})


urlpatterns = [path("bench/baseline", baseline_upload), *painty_urlpatterns]
