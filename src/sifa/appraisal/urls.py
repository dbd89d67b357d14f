from django.urls import path

from . import views

app_name = "appraisal"

urlpatterns = [
    path("", views.institution_list, name="list"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("institutions/<int:pk>/status/", views.institution_status, name="institution_status"),
    path("institutions/<int:pk>/grade/", views.institution_grade, name="institution_grade"),
    path("appraisers/<int:pk>/", views.appraiser_detail, name="appraiser"),
    path("appraisers/<int:pk>/status/", views.appraiser_status, name="appraiser_status"),
    path("public/lookup/", views.public_lookup, name="public_lookup"),
    path("reports/", views.report_list, name="reports"),
    path("patrol/", views.warning_list, name="warnings"),
    path("patrol/run/", views.patrol_run, name="patrol_run"),
    path("patrol/<int:pk>/", views.warning_detail, name="warning"),
    path("white-paper/", views.white_paper, name="white_paper"),
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/act/<slug:action>/", views.complaint_action, name="complaint_action"),
    path("complaints/<int:pk>/document/<slug:kind>.docx", views.complaint_document, name="complaint_document"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/act/<slug:action>/", views.proposal_action, name="proposal_action"),
    path("proposals/<int:pk>/document/<slug:kind>.docx", views.proposal_document, name="proposal_document"),
]
