from django.urls import path

from . import views

app_name = "reconsideration"

urlpatterns = [
    path("", views.application_list, name="list"),
    path("new/", views.application_new, name="new"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.application_action, name="action"),
    path("<int:pk>/documents/<int:doc_pk>/", views.document_download, name="document"),
    path("<int:pk>/attachments/<int:att_pk>/", views.attachment_download, name="attachment"),
    path("committee/", views.meeting_list, name="meetings"),
    path("committee/new/", views.meeting_new, name="meeting_new"),
    path("committee/<int:pk>/", views.meeting_detail, name="meeting"),
    path("committee/<int:pk>/record/", views.meeting_record, name="meeting_record"),
]
