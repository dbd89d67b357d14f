from django.urls import path

from . import views

app_name = "notary"

urlpatterns = [
    path("", views.notarisation_list, name="list"),
    path("new/", views.application_new, name="new"),
    path("monthly/", views.monthly_list, name="monthly"),
    path("notaries/", views.roster, name="roster"),
    path("notaries/new/", views.roster_edit, name="roster_new"),
    path("notaries/<int:pk>/", views.roster_edit, name="roster_edit"),
    path("<int:pk>/", views.notarisation_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.notarisation_action, name="action"),
    path("<int:pk>/document/<slug:kind>.docx", views.document, name="document"),
]
