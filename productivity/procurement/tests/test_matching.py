"""Supplier matching: precision and recall on a labelled set of council supplier names, the matcher's fuzzy step,
the review queue's merges and rejections, and who may see and decide them."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from productivity.procurement import matching, names, suppliers
from productivity.procurement.matching import Published, SupplierMatcher
from productivity.procurement.models import MatchProposal, SpendLine, Supplier, SupplierMerge
from productivity.procurement.tests.factories import make_line, make_supplier

PAIRS = Path(__file__).parent / "data" / "supplier_pairs.csv"
PRECISION_FLOOR = Decimal("0.95")  # of the matches made unasked
RECALL_FLOOR = Decimal("0.85")  # of the same-supplier pairs, matched unasked or proposed for review


def _labelled():
    with PAIRS.open(encoding="utf-8") as handle:
        return [(row["name_a"], row["name_b"], row["same"] == "1") for row in csv.DictReader(handle)]


def test_matching_precision_and_recall_on_the_labelled_set(capsys):
    review, automatic = matching.REVIEW, matching.AUTOMATIC
    pairs = _labelled()
    counts = {"auto_right": 0, "auto_wrong": 0, "proposed_same": 0, "proposed_different": 0, "missed": 0}
    for a, b, same in pairs:
        score = names.similarity(names.normalised(a), names.normalised(b))
        if score >= automatic:
            counts["auto_right" if same else "auto_wrong"] += 1
        elif score >= review:
            counts["proposed_same" if same else "proposed_different"] += 1
        elif same:
            counts["missed"] += 1
    same_pairs = sum(1 for *_, same in pairs if same)
    matched = counts["auto_right"] + counts["auto_wrong"]
    precision = Decimal(counts["auto_right"]) / matched
    recall_auto = Decimal(counts["auto_right"]) / same_pairs
    recall_reviewed = Decimal(counts["auto_right"] + counts["proposed_same"]) / same_pairs
    with capsys.disabled():
        print(f"\nSupplier matching on {len(pairs)} labelled pairs ({same_pairs} same): precision of automatic "
              f"matches {precision:.3f}; recall automatic {recall_auto:.3f}, automatic or proposed for review "
              f"{recall_reviewed:.3f}; proposals that were different suppliers {counts['proposed_different']}; "
              f"{counts}")
    assert len(pairs) >= 100 and 40 <= same_pairs <= len(pairs) - 40
    assert precision >= PRECISION_FLOOR
    assert recall_reviewed >= RECALL_FLOOR
    assert recall_auto >= Decimal("0.6")


def test_similarity_refuses_different_numbers_and_short_names():
    assert names.similarity("unit 4 business software", "unit 5 business software") == 0
    assert names.similarity("abc", "abd") == 0
    assert names.similarity("matrix scm", "matrix s c m") == 100
    assert names.blocks("kier highways") == ("kier", "highways")
    assert names.blocks("highways kier") == ("highways",)


def test_trading_as_and_the_normalise_to_the_trading_name():
    assert names.normalised("J Smith t/a Smith Plumbing") == names.normalised("SMITH PLUMBING LTD")
    assert names.normalised("Mr J Smith T/As Smith Plumbing") == "smith plumbing"
    assert names.normalised("Salvation Army, The") == names.normalised("The Salvation Army")


@pytest.mark.django_db
def test_a_slip_in_a_name_matches_unasked_and_a_near_name_waits_for_review(roles):
    existing = make_supplier("Capita Business Services Ltd")
    carers = make_supplier("Devon Carers")
    matcher = SupplierMatcher()
    assert matcher.supplier_id(Published("Capita Business Servics Limited")) == existing.pk
    assert matcher.supplier_id(Published("CAPITA BUSINESS SERVICS LTD")) == existing.pk
    near = matcher.supplier_id(Published("Devon Care Ltd"))
    assert near != carers.pk
    proposal = MatchProposal.objects.get()
    assert (proposal.supplier_id, proposal.candidate_id, proposal.status) == (near, carers.pk, "pending")
    assert 85 <= proposal.score < 95
    # Different identifiers mean different suppliers, however alike the names.
    numbered = make_supplier("Kier Highways Ltd", companies_house_number="01234567")
    matcher = SupplierMatcher()
    assert matcher.supplier_id(Published("Kier Highway Ltd", companies_house_number="99999999")) != numbered.pk


@pytest.mark.django_db
def test_thresholds_are_configurable(roles, settings):
    settings.PROCUREMENT_MATCH_AUTOMATIC = 80
    settings.PROCUREMENT_MATCH_REVIEW = 70
    carers = make_supplier("Devon Carers")
    assert SupplierMatcher().supplier_id(Published("Devon Care Ltd")) == carers.pk
    assert matching.thresholds() == (70.0, 80.0)


def _spend_csv(*names_and_amounts) -> Path:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Date", "Transaction number", "Amount", "Supplier name"])
    for number, (name, amount) in enumerate(names_and_amounts, 1):
        writer.writerow(["02/03/2026", f"T{number}", amount, name])
    return text.getvalue()


def _import(tmp_path, publisher, body: str, name="spend.csv") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    out = io.StringIO()
    call_command("import_spend", str(path), publisher=publisher.gss_code, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


@pytest.fixture
def proposed(roles, tmp_path):
    """Council A pays 'Devon Carers'; council B then pays 'Devon Care Ltd': a proposal touching both."""
    carers = make_supplier("Devon Carers")
    make_line(roles.council_a, carers, "100.00")
    _import(tmp_path, roles.council_b, _spend_csv(("Devon Care Ltd", "250.00"), ("Devon Care Ltd", "50.00")))
    return MatchProposal.objects.get()


@pytest.mark.django_db
def test_confirming_merges_lines_keeps_the_record_and_later_imports_follow(proposed, roles, tmp_path):
    merged, into = proposed.supplier, proposed.candidate
    suppliers.merge(proposed, roles.programme, "Same company number on their invoices")
    assert SpendLine.objects.filter(supplier=merged).count() == 0
    assert SpendLine.objects.filter(supplier=into).count() == 3
    link = SupplierMerge.objects.get(supplier=merged)
    assert (link.into, link.lines_moved, link.merged_by) == (into, 2, roles.programme)
    assert Supplier.objects.filter(pk=merged.pk).exists()  # the record is kept
    assert suppliers.current(merged) == into
    proposed.refresh_from_db()
    assert proposed.status == "confirmed" and proposed.decided_by == roles.programme
    # The merged name now leads to the supplier it became.
    last = _import(tmp_path, roles.council_b, _spend_csv(("Devon Care Ltd", "75.00")), "again.csv")
    assert last.startswith("imported=1 ")
    assert SpendLine.objects.filter(supplier=into).count() == 4
    with pytest.raises(suppliers.Refused):
        suppliers.merge(proposed, roles.programme)


@pytest.mark.django_db
def test_a_rejected_pair_is_remembered_and_never_proposed_again(proposed, roles):
    suppliers.reject(proposed, roles.editor_b, "Different charities")
    alike = make_supplier("Kier Highway Ltd")
    make_supplier("Kier Highways Limited")
    assert matching.propose_matches() == 1  # the Kier pair, not the rejected one
    assert MatchProposal.objects.pending().get().supplier_id != proposed.supplier_id
    assert alike.pk in set(MatchProposal.objects.pending().values_list("candidate_id", flat=True)) | set(
        MatchProposal.objects.pending().values_list("supplier_id", flat=True))
    assert matching.propose_matches() == 0  # and nothing twice
    assert Supplier.objects.filter(merge__isnull=False).count() == 0  # nothing merged unasked


@pytest.mark.django_db
def test_the_queue_shows_each_council_the_proposals_touching_its_suppliers(proposed, roles, client_for, world):
    other = make_supplier("Someone Else's Supplier")
    lone = make_supplier("Someone Elses Supplier")
    MatchProposal.objects.create(supplier=lone, candidate=other, score=Decimal("90.0"))
    make_line(roles.council_b, other, "10.00")
    seen = {role: client_for(user).get("/procurement/suppliers/review/").content.decode()
            for role, user in roles.users().items() if user is not None}
    assert "Devon Care Ltd" in seen["viewer_a"] and "Someone Else" not in seen["viewer_a"]
    assert "Devon Care Ltd" in seen["editor_b"] and "Someone Else" in seen["editor_b"]
    assert "Devon Care Ltd" in seen["programme"] and "Someone Else" in seen["programme"]
    download = client_for(roles.viewer_a).get("/procurement/suppliers/review/?format=csv")
    assert "Someone Else" not in b"".join(download.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_another_councils_editor_can_neither_see_nor_decide_a_proposal_it_does_not_touch(roles, client_for, world):
    ours = make_supplier("Hampshire Only Care")
    make_line(roles.council_a, ours, "10.00")
    twin = make_supplier("Hampshire Only Carers")
    proposal = MatchProposal.objects.create(supplier=twin, candidate=ours, score=Decimal("90.0"))
    url = f"/procurement/suppliers/review/{proposal.pk}/"
    outsider = client_for(roles.editor_b)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"decision": "merge"}).status_code == 404
    assert client_for(roles.viewer_a).post(url, {"decision": "reject"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending" and not SupplierMerge.objects.exists()
    response = client_for(roles.editor_a).post(url, {"decision": "reject", "reason": "Different firms"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.reason) == ("rejected", roles.editor_a, "Different firms")
    # Deciding twice is refused on the form, not with an error page.
    again = client_for(roles.editor_a).post(url, {"decision": "merge"})
    assert again.status_code == 200 and "already decided" in again.content.decode()


@pytest.mark.django_db
def test_a_supplier_page_shows_names_identifiers_classes_councils_and_merges(proposed, roles, client_for):
    suppliers.merge(proposed, roles.programme, "Same firm")
    page = client_for(None).get(f"/procurement/suppliers/{proposed.candidate_id}/").content.decode()
    assert "Devon Carers" in page and "Devon Care Ltd" in page  # both spellings, now one supplier
    assert roles.council_a.name in page and roles.council_b.name in page
    assert "Suppliers merged into this one" in page
    merged_page = client_for(None).get(f"/procurement/suppliers/{proposed.supplier_id}/").content.decode()
    assert "Merged into" in merged_page
    assert client_for(None).get("/procurement/suppliers/999999/").status_code == 404
    register = client_for(None).get("/procurement/suppliers/?merged=hide").content.decode()
    assert "Devon Care Ltd" not in register and "Devon Carers" in register


@pytest.mark.django_db
def test_a_supplier_another_import_added_meanwhile_is_proposed_as_the_twin_of_the_one_this_import_added(
        tmp_path, monkeypatch):
    from productivity.procurement.tests.factories import make_devon

    make_devon()
    reading = SupplierMatcher.__init__

    def register_read_then_another_import_adds(self, *args, **kwargs):
        reading(self, *args, **kwargs)  # the import has read the register; another import saves two suppliers
        for name, number in (("Supplier 0 Ltd", ""), ("Supplier 1 Ltd", "01234567")):
            Supplier.objects.create(name=name, normalised_name=names.normalised(name), companies_house_number=number)

    monkeypatch.setattr(SupplierMatcher, "__init__", register_read_then_another_import_adds)
    path = tmp_path / "march.csv"
    path.write_text("Date,Transaction number,Amount,Supplier name,Company number\n"
                    "02/03/2026,T1,100.00,SUPPLIER 0 LIMITED,\n"
                    "02/03/2026,T2,200.00,Supplier 1 Ltd,07654321\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_spend", str(path), publisher="E10000008", stdout=out, stderr=io.StringIO())
    said = out.getvalue()
    assert said.strip().splitlines()[-1] == "imported=2 duplicates=0 rejected=0 total=2"
    assert "Another import running at the same time added 1 supplier to the register that this one added too" in said
    twin, added = Supplier.objects.filter(normalised_name=names.normalised("Supplier 0 Ltd")).order_by("pk")
    proposal = MatchProposal.objects.get()  # not Supplier 1: its Companies House numbers say they are two
    assert (proposal.supplier, proposal.candidate, proposal.score) == (added, twin, 100)
    assert proposal.status == MatchProposal.Status.PENDING
    assert SpendLine.objects.get(transaction_reference="T1").supplier == added  # nothing merged unasked
    call_command("import_spend", str(path), publisher="E10000008", stdout=io.StringIO(), stderr=io.StringIO())
    assert MatchProposal.objects.count() == 1
