from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "productivity.organisations"
    label = "organisations"
