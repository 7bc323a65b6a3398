"""Helpers the reports tests share."""

import datetime as dt
import html
import io
import re

import docx
from django.utils import timezone
from pypdf import PdfReader

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_member
from productivity.organisations.models import Organisation, OrganisationKind
from productivity.reports import services


def today() -> dt.date:
    return timezone.localdate()


def draft(world, user=None, **options):
    """A draft report by the programme team (or ``user``), whole programme, as at today, unless told otherwise."""
    values = {"template": "programme-update", "scope": "programme", "target": None, "as_at": today(),
              "restricted": False}
    values.update(options)
    return services.create_report(user=user or world.programme, **values)


def pdf_text(content: bytes) -> str:
    """The text a reader would copy out of the PDF, on one line."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_text(content: bytes) -> str:
    """The header, every paragraph and table cell, and the footer of the Word document, on one line."""
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    parts = [paragraph.text for paragraph in section.header.paragraphs]
    parts += [paragraph.text for paragraph in document.paragraphs]
    parts += [paragraph.text for paragraph in section.footer.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def html_text(content: bytes | str) -> str:
    """The visible text of an HTML page, tags removed, on one line."""
    raw = content.decode() if isinstance(content, bytes) else content
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return " ".join(html.unescape(raw).split())


def clearer():
    """A second member of the programme team, who may clear papers others wrote."""
    team = Organisation.objects.filter(kind=OrganisationKind.PROGRAMME_TEAM).order_by("pk").first()
    return make_member(team, Role.EDITOR, full_name="Clara Clearer")


def publish(report, *, user):
    """Take a draft through the clearance: ``user`` submits it, a second programme-team member clears it, ``user``
    publishes it."""
    report = services.submit_report(report, user=user)
    report = services.clear_report(report, user=clearer())
    return services.publish_report(report, user=user)
