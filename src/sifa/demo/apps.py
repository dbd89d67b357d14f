from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sifa.demo"
    label = "demo"
