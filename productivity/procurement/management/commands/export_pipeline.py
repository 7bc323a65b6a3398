"""Write a council's procurement pipeline to standard output, as the pipeline page's downloads do.

    manage.py export_pipeline --publisher CODE --format ocds|csv

OCDS: a release package validated against the bundled OCDS 1.1.5 schema; one that does not validate is
refused (exit status 1) with the reasons, and nothing is written to standard output.
"""

from django.core.management.base import BaseCommand, CommandError

from productivity.imports.cli import publisher_named
from productivity.procurement import ocds, pipeline_exports
from productivity.procurement.models import Pipeline


class Command(BaseCommand):
    help = "Export a council's procurement pipeline as an OCDS 1.1 release package or as CSV, to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--publisher", required=True, help="The council: a GSS or organisation code")
        parser.add_argument("--format", dest="fmt", choices=pipeline_exports.FORMATS, default="ocds")

    def handle(self, *args, publisher, fmt, **options):
        organisation = publisher_named(publisher)
        pipeline = Pipeline.objects.filter(organisation=organisation).first()
        if pipeline is None:
            raise CommandError(f"{organisation.name} has no procurement pipeline")
        plans = pipeline_exports.plans_of(pipeline)
        if fmt == "csv":
            self.stdout.write(pipeline_exports.csv_text(plans), ending="")
            return
        try:
            self.stdout.write(pipeline_exports.ocds_text(organisation, plans))
        except ocds.ExportRefused as refused:
            for reason in refused.reasons:
                self.stderr.write(f"Not valid OCDS: {reason}")
            raise CommandError("The export does not validate against the OCDS 1.1.5 schema: nothing was written") \
                from refused
