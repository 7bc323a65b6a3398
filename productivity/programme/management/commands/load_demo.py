from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from productivity.accounts.demo import DEMO_ACCOUNTS
from productivity.accounts.services import create_demo_accounts
from productivity.audit.context import acting_as
from productivity.programme.demo.loader import ACTOR_LABEL, MissingOrganisations, load_demo_programme
from productivity.programme.models import Project


class Command(BaseCommand):
    help = (
        "Load the demo programme of the 2011 and 2012 board papers (idempotent: creates only what is missing and "
        "leaves existing projects as they are). In demo mode (DEMO_MODE=true) also creates the demo accounts. "
        "Run import_organisations first."
    )

    def handle(self, *args, **options):
        if Project._meta.db_table not in connection.introspection.table_names():
            raise CommandError("The database has no programme tables yet: run `manage.py migrate` first.")
        try:
            result = load_demo_programme()
        except MissingOrganisations as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            # Nothing was saved: the load runs in one transaction.
            raise CommandError(f"The demo programme could not be loaded, nothing was saved: {error}") from error
        if result.total:
            details = ", ".join(f"{count} {name}" for name, count in sorted(result.created.items()))
            self.stdout.write(f"Demo programme: created {details}.")
        else:
            self.stdout.write("Demo programme: already loaded, nothing to do.")
        if settings.DEMO_MODE:
            with acting_as(None, ACTOR_LABEL):
                create_demo_accounts(DEMO_ACCOUNTS)
            self.stdout.write(f"Demo accounts ready ({len(DEMO_ACCOUNTS)}): `manage.py demo_accounts` lists them.")
