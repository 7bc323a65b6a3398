"""Golden test: the Programme update for the demo programme as at 1 March 2012 reproduces the seed paper.

The 2012 paper (../shared/seeds/2012-productivity-programme-work-programme.txt) says: adult social care
efficiency programme, 45 projects, over £1m allocated including £300,000 Department of Health funding,
expected to save at least £50m; procurement category management, eight pilots involving 72 councils;
and the programme helping to drive savings of £90m. Each is checked in the HTML, in the text taken from
the PDF, and in the Word document's paragraphs.
"""

import datetime as dt
import re
from decimal import Decimal

from django.core.management import call_command

from productivity.core.formatting import money_short
from productivity.programme.models import Initiative
from productivity.reports.downloads import render_report
from productivity.reports.services import build_report
from productivity.reports.snapshot import compute_snapshot
from productivity.reports.tests.support import docx_text, html_text, pdf_text

PAPER_DATE = dt.date(2012, 3, 1)
NOTE = r"(?:\s*[\d,]+)?"  # a note reference may follow a phrase


def said(text: str, *words: str) -> bool:
    """Whether ``text`` says the words in order, allowing a note reference after each."""
    return re.search((NOTE + r"\s*").join(re.escape(w) for w in words), text) is not None


def section(text: str, heading: str, length: int = 700) -> str:
    """The text after ``heading`` in the appendix ("progress made on the current work programme")."""
    appendix = text[text.index("Appendix 1"):]
    return appendix[appendix.index(heading):][:length]


def test_programme_update_as_at_1_march_2012_gives_the_papers_figures(db):
    call_command("import_organisations", verbosity=0)
    call_command("load_demo", verbosity=0)
    report = build_report(template="programme-update", scope="programme", target=None, as_at=PAPER_DATE)
    snapshot = compute_snapshot(report)
    figures = snapshot["figures"]

    def value(key):
        return Decimal(figures[key]["value"])

    care = Initiative.objects.get(name="Adult Social Care Efficiency Programme").pk
    pilots = Initiative.objects.get(name="Procurement Category Management Pilots").pk
    assert value(f"init.{care}.projects") == 45
    assert value(f"init.{care}.funding") > Decimal("1000000")
    health = [f for f in next(i for w in snapshot["tree"] for i in w["initiatives"] if i["id"] == care)["funders"]
              if f["name"] == "Department of Health"]
    assert len(health) == 1 and value(health[0]["figure"]) == Decimal("300000")
    assert value(f"init.{care}.expected") >= Decimal("50000000")
    assert (value(f"init.{pilots}.projects"), value(f"init.{pilots}.councils")) == (8, 72)
    assert value("headline.savings.expected") == Decimal("90000000")

    allocated = money_short(value(f"init.{care}.funding"))
    expected = money_short(value(f"init.{care}.expected"))
    texts = {
        "html": html_text(render_report(snapshot, "html", "draft")),
        "pdf": pdf_text(render_report(snapshot, "pdf", "draft")),
        "docx": docx_text(render_report(snapshot, "docx", "draft")),
    }
    for fmt, text in texts.items():
        assert said(text, "helping to drive savings of £90m"), fmt
        care_text = section(text, "Adult Social Care Efficiency Programme")
        assert said(care_text, "45 projects"), fmt
        assert said(care_text, f"{allocated} has been allocated"), fmt
        assert said(care_text, "£300,000 from Department of Health"), fmt
        assert said(care_text, f"It is expected to save {expected}"), fmt
        pilots_text = section(text, "Procurement Category Management Pilots")
        assert said(pilots_text, "8 projects", "involving 72 councils"), fmt
        # The Procurement Pledge had one project and no council yet: said plainly, not "involving 0 councils".
        assert re.match(r"Procurement Pledge 1 project" + NOTE + r"\s*\.", section(text, "Procurement Pledge", 60)), fmt
        assert "0 councils" not in text and "rollups" not in text, fmt
        assert text.count("as the platform's records stood at the end of 1 March 2012") == 1, fmt
        assert "No comparable closed projects yet" not in text, fmt
