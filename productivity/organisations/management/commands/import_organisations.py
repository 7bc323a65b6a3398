from django.core.management.base import BaseCommand

from productivity.organisations.reference import all_records
from productivity.organisations.services import sync_organisations


class Command(BaseCommand):
    help = "Load or refresh English local authorities and other public bodies from data/reference (idempotent)."

    def handle(self, *args, **options):
        result = sync_organisations(all_records())
        self.stdout.write(
            f"Organisations: {result.created} created, {result.updated} updated, {result.unchanged} unchanged."
        )
