from django.urls import path

from . import views

app_name = "correction"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("intake/", views.intake_new, name="new"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.case_action, name="action"),
    path("<int:pk>/document/<slug:kind>/<int:ref>.docx", views.document, name="document"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("releases/", views.release_list, name="releases"),
    path("releases/new/", views.release_new, name="release_new"),
    path("releases/<int:pk>/", views.release_detail, name="release"),
    path("releases/<int:pk>/register.docx", views.release_document, name="release_document"),
    path("assessments/", views.assessment_list, name="assessments"),
    path("assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/act/<slug:action>/", views.assessment_action, name="assessment_action"),
]
