from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "productivity.accounts"
    label = "accounts"

    def ready(self) -> None:
        from productivity.accounts import checks  # noqa: F401  (registers the deployment checks)
        from productivity.accounts.models import Membership
        from productivity.audit.registry import register

        # Who and where never change on a membership, and the entry's description names both.
        register(Membership, exclude=("user", "organisation"))
