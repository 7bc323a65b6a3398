from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "productivity.audit"
    label = "audit"
