from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("", views.application_list, name="list"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.application_action, name="action"),
    path("<int:pk>/review-opinion.docx", views.application_document, name="document"),
    path("officers/", views.officer_list, name="officers"),
    path("officers/new/", views.officer_new, name="officer_new"),
    path("officers/<int:pk>/", views.officer_detail, name="officer"),
    path("evaluation/", views.campaign_list, name="campaigns"),
    path("evaluation/new/", views.campaign_new, name="campaign_new"),
    path("evaluation/<int:pk>/", views.campaign_detail, name="campaign"),
    path("evaluation/<int:pk>/bulletin.docx", views.campaign_document, name="bulletin"),
    path("evaluation/files/<int:pk>/", views.file_score, name="file"),
    path("rectifications/", views.rectification_list, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/notice.docx", views.rectification_document, name="rectification_document"),
    path("advisers/", views.work_item_list, name="work_items"),
    path("advisers/new/", views.work_item_new, name="work_item_new"),
    path("advisers/<int:pk>/", views.work_item_detail, name="work_item"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/new/", views.agreement_new, name="agreement_new"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/opinion.docx", views.agreement_document, name="agreement_document"),
    path("legality/", views.legality_list, name="legality_list"),
    path("legality/new/", views.legality_new, name="legality_new"),
    path("legality/<int:pk>/", views.legality_detail, name="legality"),
    path("legality/<int:pk>/opinion.docx", views.legality_document, name="legality_document"),
    path("filings/", views.filing_list, name="filings"),
    path("filings/new/", views.filing_new, name="filing_new"),
    path("filings/catalogue/", views.catalogue, name="catalogue"),
    path("filings/<int:pk>/", views.filing_detail, name="filing"),
    path("filings/<int:pk>/opinion.docx", views.filing_document, name="filing_document"),
    path("sheets/", views.sheet_list, name="sheets"),
    path("sheets/new/", views.sheet_edit, name="sheet_new"),
    path("sheets/<int:pk>/", views.sheet_edit, name="sheet"),
]
