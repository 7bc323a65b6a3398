from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "productivity.core"
    label = "core"
