from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sifa.reports"
    label = "reports"
