"""sifa's URLs plus `/__bench__/bare`: the floor — a Django view behind the same middleware that does
nothing but answer, against which the app's pages are compared under load.

The list benchmark compares each line's list page with Django's admin changelist of the same rows; a line whose
case model has no ModelAdmin of its own gets Django's stock one here, for the benchmark only."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from bench.lines import available


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


for _plugin in available():
    if _plugin.model not in admin.site._registry:
        admin.site.register(_plugin.model, admin.ModelAdmin)

urlpatterns = [
    path("__bench__/bare", bare, name="bench_bare"),
    path("", include("sifa.urls")),
]
