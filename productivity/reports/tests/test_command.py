"""manage.py board_report writes the draft paper for a date."""

import pytest
from django.core.management import CommandError, call_command

from productivity.reports.models import Report
from productivity.reports.tests.support import docx_text, html_text, pdf_text, today


@pytest.mark.parametrize("fmt,read", [("html", lambda p: html_text(p.read_bytes())),
                                      ("pdf", lambda p: pdf_text(p.read_bytes())),
                                      ("docx", lambda p: docx_text(p.read_bytes()))])
def test_writes_the_draft_in_each_format(world, tmp_path, fmt, read):
    output = tmp_path / f"paper.{fmt}"
    call_command("board_report", "--template", "programme-update", "--as-at", today().isoformat(),
                 "--format", fmt, "--output", str(output))
    text = read(output)
    assert "The programme had 1 project" in text
    assert "£500,000 expected savings" in text
    assert not Report.objects.exists()  # the command stores nothing


def test_scopes_and_restriction(world, tmp_path):
    output = tmp_path / "initiative.html"
    call_command("board_report", "--template", "initiative-progress", "--as-at", today().isoformat(),
                 "--scope", f"initiative:{world.initiative.slug}", "--restricted", "--format", "html",
                 "--output", str(output))
    text = html_text(output.read_bytes())
    assert "Secret draft project" in text and "Restricted" in text
    call_command("board_report", "--as-at", today().isoformat(), "--scope", f"council:{world.council_b.gss_code}",
                 "--format", "html", "--output", str(output))
    assert "Swindon" in html_text(output.read_bytes())


@pytest.mark.parametrize("args,message", [
    (["--as-at", "31/02/2012"], "--as-at"),
    (["--as-at", "2012-03-01", "--scope", "region:london"], "is not a scope"),
    (["--as-at", "2012-03-01", "--scope", "initiative:nothing"], "no initiative has the slug"),
    (["--as-at", "2012-03-01", "--template", "initiative-progress"], "covers initiative"),
])
def test_bad_arguments_are_explained(world, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("board_report", *args, "--output", str(tmp_path / "x.html"))
