"""The landing page."""

from django.shortcuts import render

from . import docs, showcase


def home(request):
    return render(request, "home.html", {"example": showcase.example(), "base_url": docs.base_url(request)})
