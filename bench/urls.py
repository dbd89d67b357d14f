"""sifa's URLs plus `/__bench__/bare`: the floor — a Django view behind the same middleware that does
nothing but answer, against which the app's pages are compared under load."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare", bare, name="bench_bare"),
    path("", include("sifa.urls")),
]
