"""Contracts registers through the imports framework, and the pledge checklist."""

import io

import pytest
from django.core.management import call_command

from productivity.imports.models import RejectedRow
from productivity.procurement import pledge
from productivity.procurement.models import ContractRecord, PledgeEvidence, PledgeRecord
from productivity.procurement.tests.factories import make_trafford

pytestmark = pytest.mark.django_db

HEADER = ("Reference number,Title of agreement,Department responsible,Supplier name,Supplier registration number,"
          "Value of agreement,Irrecoverable VAT,Start date,End date,Review date,Procurement route,SME or VCSE\n")


def _import(path):
    out = io.StringIO()
    call_command("import_file", "--kind", "contracts", "--publisher", "E08000009", str(path), stdout=out,
                 stderr=io.StringIO())
    return out.getvalue().strip().splitlines()[-1]


def test_contracts_are_imported_accounted_for_and_not_twice(tmp_path):
    make_trafford()
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER +
                    "C-1,Grounds maintenance,Place,Green Ltd,01234567,\"£250,000.00\",0,01/04/2026,31/03/2029,,"
                    "Tender,SME\n"
                    "C-2,Taxi framework,Children's,Cabs Ltd,,\"5,000.00\",,01/04/2026,,,Quote,\n"
                    "C-3,Catering,Schools,Food CIC,,12000,,01/04/2026,01/01/2026,,Tender,VCSE\n"
                    "C-4,Advice,Adults,Help Ltd,,9000,,01/04/2026,,,Auction,\n")
    assert _import(path) == "imported=1 unchanged=0 duplicates=0 rejected=3 total=4"
    contract = ContractRecord.objects.get()
    assert (contract.value, contract.route, contract.supplier_kind) == (250000, "tender", "SME")
    assert _import(path) == "imported=0 unchanged=1 duplicates=0 rejected=3 total=4"
    path.write_text(HEADER + "C-1,Grounds maintenance,Place,Green Ltd,01234567,260000,0,01/04/2026,,,Tender,SME\n")
    assert _import(path) == "imported=1 unchanged=0 duplicates=0 rejected=0 total=1"
    assert ContractRecord.objects.get().value == 260000


def test_rejected_contract_rows_say_why(tmp_path):
    make_trafford()
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER + "C-2,Taxis,Children's,Cabs Ltd,,\"5,000.00\",,01/04/2026,,,Quote,\n")
    _import(path)
    reasons = [reason["message"] for row in RejectedRow.objects.all() for reason in row.reasons]
    assert any("not over £5,000" in reason for reason in reasons)


def test_the_checklist_has_every_commitment_and_the_evidence_given(client_for):
    council = make_trafford()
    record = PledgeRecord.objects.create(organisation=council, stance="signed")
    PledgeEvidence.objects.create(record=record, commitment="120-days", status="met",
                                  evidence="All 2025 tenders within 120 working days")
    lines = pledge.checklist(record)
    assert len(lines) == len(pledge.COMMITMENTS) == 10
    assert [line.status for line in lines if line.commitment.key == "120-days"] == ["met"]
    assert pledge.met_count(record) == 1
    body = client_for(None).get("/procurement/pledge/E08000009/").content.decode()
    assert "Signed the Government" in body and "All 2025 tenders within 120 working days" in body
    assert "Competitive Dialogue" in body or "competitive dialogue" in body


def test_an_editor_records_the_pledge_with_evidence_and_a_link(client_for, roles):
    form = {"stance": "local_version", "decided_on_0": "1", "decided_on_1": "6", "decided_on_2": "2012", "note": ""}
    for commitment in pledge.COMMITMENTS:
        form[f"status_{commitment.key}"] = "not_yet"
    form.update({"status_pipelines": "met", "evidence_pipelines": "Published every April",
                 "url_pipelines": "https://example.org/pipeline", "url_120-days": "not a link"})
    refused = client_for(roles.editor_a).post("/procurement/pledge/E10000014/edit/", form)
    assert refused.status_code == 200 and "Enter a valid URL" in refused.content.decode()
    form["url_120-days"] = ""
    assert client_for(roles.editor_a).post("/procurement/pledge/E10000014/edit/", form).status_code == 302
    item = PledgeEvidence.objects.get(commitment="pipelines")
    assert (item.status, item.url) == ("met", "https://example.org/pipeline")
    assert PledgeRecord.objects.get().stance == "local_version"
    page = client_for(None).get("/procurement/pledge/E10000014/").content.decode()
    assert "Adopted a local government version" in page and 'href="https://example.org/pipeline"' in page
