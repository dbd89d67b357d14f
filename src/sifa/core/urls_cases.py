"""The generic pages of any line's case (namespace "core"): /cases/<app_label>.<model>/<pk>/…"""

from django.urls import path

from . import views_cases

app_name = "core"

urlpatterns = [
    path("<slug:app_label>.<slug:model_name>/<int:pk>/correct/", views_cases.case_correct, name="case_correct"),
    path("<slug:app_label>.<slug:model_name>/<int:pk>/appointments/", views_cases.case_appointments,
         name="case_appointments"),
    path("<slug:app_label>.<slug:model_name>/<int:pk>/appointments/<int:appointment_pk>/<slug:action>/",
         views_cases.appointment_action, name="appointment_action"),
]
