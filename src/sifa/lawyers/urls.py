from django.urls import path

from . import views

app_name = "lawyers"

urlpatterns = [
    path("", views.matter_list, name="list"),
    path("licensing/new/", views.matter_new, name="matter_new"),
    path("licensing/<int:pk>/", views.matter_detail, name="matter"),
    path("licensing/<int:pk>/act/<slug:action>/", views.matter_action, name="matter_action"),
    path("licensing/<int:pk>/document/<slug:kind>.docx", views.matter_document, name="matter_document"),
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/act/<slug:action>/", views.complaint_action, name="complaint_action"),
    path("complaints/<int:pk>/document/<slug:kind>.docx", views.complaint_document, name="complaint_document"),
    path("complaints/<int:pk>/penalty/", views.penalty_new, name="penalty_new"),
    path("penalties/", views.penalty_list, name="penalties"),
    path("penalties/<int:pk>/", views.penalty_detail, name="penalty"),
    path("penalties/<int:pk>/decision.docx", views.penalty_document, name="penalty_document"),
    path("firms/", views.firm_list, name="firms"),
    path("firms/<int:pk>/", views.firm_detail, name="firm"),
    path("firms/<int:pk>/status/", views.firm_status, name="firm_status"),
    path("firms/<int:pk>/inspection/", views.firm_inspection, name="firm_inspection"),
    path("lawyers/<int:pk>/", views.lawyer_detail, name="lawyer"),
    path("lawyers/<int:pk>/status/", views.lawyer_status, name="lawyer_status"),
    path("lawyers/<int:pk>/assessment/", views.lawyer_assessment, name="lawyer_assessment"),
    path("public/lookup/", views.public_lookup, name="public_lookup"),
]
