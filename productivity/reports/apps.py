from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "productivity.reports"
    label = "reports"
