from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "productivity.imports"
    label = "imports"
    verbose_name = "Imports"
