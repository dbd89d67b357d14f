from django.urls import path

from . import views

app_name = "legalaid"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("apply/", views.application_new, name="new"),
    path("notified/", views.notification_new, name="notified"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.case_action, name="action"),
    path("<int:pk>/document/<slug:kind>.docx", views.document, name="document"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
]
