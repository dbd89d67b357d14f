from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "sifa.litigation"
    label = "litigation"
