from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("stats/", views.district_stats, name="stats"),
    path("stats/<slug:line>/", views.line_stats, name="line_stats"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("templates/", views.templates, name="templates"),
    path("figures/", views.figures, name="figures"),
    path("figures/check/", views.figure_check, name="figure_check"),
    path("figures/<int:pk>/", views.figure_edit, name="figure_edit"),
    path("annual/new/", views.annual_create, name="annual_create"),
    path("annual/<int:pk>/", views.annual_detail, name="annual_detail"),
    path("annual/<int:pk>/header/", views.annual_header, name="annual_header"),
    path("annual/<int:pk>/number/", views.annual_number, name="annual_number"),
    path("annual/<int:pk>/download.<str:fmt>", views.annual_download, name="annual_download"),
    path("annual/<int:pk>/sections/new/", views.section_add, name="section_add"),
    path("annual/<int:pk>/sections/<int:section_pk>/", views.section_edit, name="section_edit"),
    path("annual/<int:pk>/sections/<int:section_pk>/delete/", views.section_delete, name="section_delete"),
    path("annual/<int:pk>/sections/<int:section_pk>/history/", views.section_history, name="section_history"),
]
