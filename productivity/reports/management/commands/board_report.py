"""Write a draft board report for a date to a file, without storing it.

    python manage.py board_report --template programme-update --as-at 2012-03-01 \\
        [--scope programme|workstream:SLUG|initiative:SLUG|council:CODE] [--restricted] \\
        --format html|pdf|docx --output FILE
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from productivity.core.dates import parse_date
from productivity.reports.downloads import render_report
from productivity.reports.layouts import LAYOUTS
from productivity.reports.scope import scope_target
from productivity.reports.services import build_report
from productivity.reports.snapshot import compute_snapshot

SCOPES = ("programme", "workstream", "initiative", "council")


def parse_scope(value: str):
    """'programme' or 'kind:identifier' -> (kind, object); CommandError naming what is accepted."""
    kind, _, identifier = value.partition(":")
    kind = kind.strip().lower()
    if kind not in SCOPES:
        raise CommandError(f"--scope '{value}' is not a scope: use programme, workstream:SLUG, initiative:SLUG "
                           "or council:CODE")
    if kind == "programme":
        return kind, None
    target = scope_target(kind, identifier.strip())
    if target is None:
        raise CommandError(f"--scope '{value}': no {kind} has the slug or code '{identifier.strip()}'")
    return kind, target


class Command(BaseCommand):
    help = "Write the draft board report for a reporting date as HTML, PDF or Word."

    def add_arguments(self, parser):
        parser.add_argument("--template", default="programme-update", choices=sorted(LAYOUTS))
        parser.add_argument("--as-at", required=True, help="Reporting date, e.g. 2012-03-01 or 01/03/2012")
        parser.add_argument("--scope", default="programme",
                            help="programme (default), workstream:SLUG, initiative:SLUG or council:CODE")
        parser.add_argument("--format", default="html", choices=["html", "pdf", "docx"])
        parser.add_argument("--output", required=True, help="The file to write")
        parser.add_argument("--title", default="")
        parser.add_argument("--restricted", action="store_true",
                            help="Count unpublished records too (the paper is marked restricted)")

    def handle(self, *args, **options):
        try:
            as_at = parse_date(options["as_at"])
        except ValueError as exc:
            raise CommandError(f"--as-at: {exc}") from exc
        if as_at is None:
            raise CommandError("--as-at: give the reporting date, e.g. 2012-03-01")
        scope, target = parse_scope(options["scope"])
        try:
            report = build_report(template=options["template"], scope=scope, target=target, as_at=as_at,
                                  title=options["title"], restricted=options["restricted"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        snapshot = compute_snapshot(report)
        content = render_report(snapshot, options["format"], "draft")
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(content)
        self.stdout.write(f"Wrote {report.title} ({options['format']}, {len(content):,} bytes) to {output}")
