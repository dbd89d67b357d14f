from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("new/", views.dispute_new, name="new"),
    path("<int:pk>/", views.dispute_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.dispute_act, name="act"),
    path("<int:pk>/agreement/<int:agreement_pk>.docx", views.agreement_docx, name="agreement_docx"),
    path("<int:pk>/termination.docx", views.termination_docx, name="termination_docx"),
    path("prelitigation/", views.prelitigation, name="prelitigation"),
    path("centre/", views.centre, name="centre"),
    path("centre/<int:pk>/", views.reception_detail, name="reception"),
    path("centre/<int:pk>/route/", views.reception_route, name="reception_route"),
    path("routing/<int:pk>/<slug:action>/", views.routing_act, name="routing_act"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("cases/", views.cases, name="cases"),
    path("cases/<int:pk>/<slug:action>/", views.case_act, name="case_act"),
    path("stats/", views.stats, name="stats"),
    path("organisations/", views.organisations, name="organisations"),
]
