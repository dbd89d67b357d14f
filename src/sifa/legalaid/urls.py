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
    path("<int:pk>/materials/", views.material_add, name="material_add"),
    path("<int:pk>/materials/<int:material>/", views.material_download, name="material"),
    path("portal/materials/", views.portal_materials, name="portal_materials"),
    path("subsidies/", views.subsidy_list, name="subsidies"),
    path("duty/", views.duty_list, name="duty"),
    path("duty/new/", views.duty_new, name="duty_new"),
    path("duty/<int:pk>/", views.duty_shift, name="duty_shift"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
]
