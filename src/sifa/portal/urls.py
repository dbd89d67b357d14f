from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("receipt/", views.receipt, name="receipt"),
    path("progress/", views.progress, name="progress"),
]
