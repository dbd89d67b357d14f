from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.task_list, name="list"),
    path("figure/", views.figure, name="figure"),
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/new/", views.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/act/<str:action>/", views.inspection_action, name="inspection_action"),
    path("inspections/<int:pk>/document/<slug:kind>.docx", views.inspection_document, name="document"),
    path("points/", views.point_list, name="points"),
    path("points/new/", views.point_new, name="point_new"),
    path("points/<int:pk>/", views.point_detail, name="point"),
    path("observations/", views.observation_list, name="observations"),
    path("observations/<int:pk>/", views.observation_detail, name="observation"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/new/", views.topic_new, name="topic_new"),
    path("topics/<int:pk>/", views.topic_detail, name="topic"),
    path("topics/<int:pk>/act/<str:action>/", views.topic_action, name="topic_action"),
    path("assessment/", views.scheme_list, name="schemes"),
    path("assessment/new/", views.scheme_new, name="scheme_new"),
    path("assessment/<int:pk>/", views.scheme_detail, name="scheme"),
    path("assessment/<int:pk>/enrol/", views.scheme_enrol, name="scheme_enrol"),
    path("assessment/<int:pk>/results.docx", views.scheme_results, name="scheme_results"),
    path("assessment/units/<int:pk>/", views.assessment_detail, name="assessment"),
]
