"""Look through the supplier register for suppliers whose names are alike and propose them for review.

    manage.py propose_supplier_matches

Nothing is merged: each pair waits in the review queue (/procurement/suppliers/review/). A pair already
proposed, or rejected, is not proposed again.
"""

from django.core.management.base import BaseCommand

from productivity.procurement.matching import propose_matches


class Command(BaseCommand):
    help = "Propose pairs of alike supplier names in the register for review (nothing is merged unasked)."

    def handle(self, *args, **options):
        self.stdout.write(f"proposed={propose_matches()}")
