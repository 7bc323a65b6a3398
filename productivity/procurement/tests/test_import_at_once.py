"""Two people importing the same spend file at the same moment: every line is saved once, both runs account for
every row, and the summaries still equal the lines."""

import io
import re
import threading

import pytest
from django.core.management import call_command
from django.db import connections

from productivity.procurement.importers.spend import SpendImporter
from productivity.procurement.models import MatchProposal, Source, SpendLine, Supplier, SupplierClassification
from productivity.procurement.tests.factories import make_devon
from productivity.procurement.tests.test_summaries import assert_summaries_match_the_lines

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "Date,Transaction number,Amount,Supplier name,Expense area,Expense type\n"


def test_the_same_file_imported_twice_at_once_saves_each_line_once(tmp_path, monkeypatch):
    monkeypatch.setattr(SpendImporter, "batch_size", 10)  # several batches, each saved in its own transaction
    make_devon()
    path = tmp_path / "march.csv"
    path.write_text(HEADER + "".join(f"{1 + n % 28:02d}/03/2026,T{n},{n + 1}00.00,Supplier {n % 7} Ltd,Highways,"
                                     f"Works\n" for n in range(60)), encoding="utf-8")
    outcomes = _import_twice_at_once(path)
    _assert_each_line_saved_once(outcomes)
    # Each import read the register before the other saved its new suppliers, so a supplier may be there twice:
    # then the pair waits in the review queue.
    named: dict[str, list[int]] = {}
    for pk, name in Supplier.objects.order_by("pk").values_list("pk", "normalised_name"):
        named.setdefault(name, []).append(pk)
    proposed = set(MatchProposal.objects.pending().values_list("supplier_id", "candidate_id"))
    assert len(named) == 7
    assert all((later, first) in proposed for first, *others in named.values() for later in others)


def test_two_imports_at_once_flagging_the_same_known_suppliers_both_finish(tmp_path, monkeypatch):
    # Devon's files say what kind of creditor each supplier is. Both imports find the same suppliers in the register
    # and both record the council's flag for them: the second to save it finds it saved, and goes on.
    monkeypatch.setattr(SpendImporter, "batch_size", 10)
    make_devon()
    known = tmp_path / "february.csv"
    known.write_text(HEADER + "".join(f"02/02/2026,F{n},100.00,Supplier {n} Ltd,Highways,Works\n" for n in range(7)),
                     encoding="utf-8")
    call_command("import_spend", str(known), publisher="E10000008", stdout=io.StringIO(), stderr=io.StringIO())
    path = tmp_path / "march.csv"
    path.write_text(HEADER.rstrip() + ",Creditor type\n" + "".join(
        f"{1 + n % 28:02d}/03/2026,T{n},{n + 1}00.00,Supplier {n % 7} Ltd,Highways,Works,Public Bodies\n"
        for n in range(60)), encoding="utf-8")
    outcomes = _import_twice_at_once(path)
    _assert_each_line_saved_once(outcomes, before=7)
    flags = SupplierClassification.objects.filter(source=Source.COUNCIL_FLAG)
    assert sorted(flags.values_list("supplier__name", "detail")) == [
        (f"Supplier {n} Ltd", "Public Bodies") for n in range(7)]


def _import_twice_at_once(path) -> list[str]:
    """The last line each of two simultaneous ``import_spend`` runs of ``path`` printed (or what stopped it)."""
    start, outcomes = threading.Barrier(2), []

    def import_it():
        try:
            out = io.StringIO()
            start.wait()
            call_command("import_spend", str(path), publisher="E10000008", stdout=out, stderr=io.StringIO())
            outcomes.append(out.getvalue().strip().splitlines()[-1])
        except Exception as error:  # noqa: BLE001 (the test reports what stopped an import)
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=import_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    return outcomes


def _assert_each_line_saved_once(outcomes: list[str], before: int = 0) -> None:
    assert len(outcomes) == 2
    counts = []
    for outcome in outcomes:
        assert re.fullmatch(r"imported=\d+ duplicates=\d+ rejected=0 total=60", outcome), outcome
        counts.append(dict(part.split("=") for part in outcome.split()))
    assert sorted(int(found["imported"]) + int(found["duplicates"]) for found in counts) == [60, 60]
    assert sum(int(found["imported"]) for found in counts) == 60
    assert SpendLine.objects.count() == before + 60
    assert_summaries_match_the_lines()
