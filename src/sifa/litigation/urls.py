from django.urls import path

from . import views

app_name = "litigation"

urlpatterns = [
    path("", views.suit_list, name="list"),
    path("new/", views.suit_new, name="new"),
    path("<int:pk>/", views.suit_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.suit_act, name="act"),
    path("<int:pk>/answer.docx", views.answer_docx, name="answer_docx"),
    path("hearings/<int:pk>/appearance.docx", views.appearance_docx, name="appearance_docx"),
    path("hearings/", views.hearing_list, name="hearings"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/new/", views.suggestion_new, name="suggestion_new"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion"),
    path("suggestions/<int:pk>/act/<slug:action>/", views.suggestion_act, name="suggestion_act"),
    path("city/", views.city_list, name="cities"),
    path("city/new/", views.city_new, name="city_new"),
    path("city/<int:pk>/", views.city_detail, name="city"),
    path("city/<int:pk>/act/<slug:action>/", views.city_act, name="city_act"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/new/", views.session_new, name="session_new"),
]
