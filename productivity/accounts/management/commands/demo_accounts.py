from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from productivity.accounts.demo import DEMO_ACCOUNTS
from productivity.accounts.services import create_demo_accounts
from productivity.audit.context import acting_as


class Command(BaseCommand):
    help = "Create the demo accounts (demo mode only) and print their credentials."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo accounts are only created in demo mode (DEMO_MODE=true).")
        with acting_as(None, "demo_accounts"):
            create_demo_accounts(DEMO_ACCOUNTS)
        self.stdout.write("Demo accounts (demo mode; never in production):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<24} password: {account.password:<22} {account.description}")
