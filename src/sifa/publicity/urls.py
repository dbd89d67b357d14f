from django.urls import path

from . import views

app_name = "publicity"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("figure/", views.figure, name="figure"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("responsibilities/", views.responsibility_list, name="responsibilities"),
    path("responsibilities/new/", views.responsibility_new, name="responsibility_new"),
    path("responsibilities/<int:pk>/", views.responsibility_detail, name="responsibility"),
    path("responsibilities/<int:pk>/plan.docx", views.plan_document, name="plan_document"),
    path("responsibilities/<int:year>/review.docx", views.review_document, name="review_document"),
    path("projects/", views.project_list, name="projects"),
    path("projects/new/", views.project_new, name="project_new"),
    path("study/", views.study_lists, name="study_lists"),
    path("study/new/", views.study_list_new, name="study_list_new"),
    path("study/<int:pk>/", views.study_list_detail, name="study_list"),
]
