from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    name = "sifa.reconsideration"
    label = "reconsideration"
