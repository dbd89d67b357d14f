from django.urls import path

from . import views

app_name = "supervisors"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.request_action, name="action"),
    path("<int:pk>/document/<slug:kind>.docx", views.document, name="document"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("pool/", views.pool, name="pool"),
    path("pool/new/", views.supervisor_new, name="supervisor_new"),
    path("pool/<int:pk>/", views.supervisor_detail, name="supervisor"),
    path("pool/<int:pk>/<slug:what>/", views.supervisor_action, name="supervisor_action"),
]
