from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "productivity.accounts"
    label = "accounts"
