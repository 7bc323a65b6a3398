"""Every create, change, delete, verify and audit page × every role, on a published and an unpublished project.

Anonymous visitors are sent to sign in; those who can see a project but not change it get 403; those who
cannot see it get 404; council A's editors change council A's projects (but only the programme team audits);
the programme team changes everything.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from productivity.programme.models import Evidence
from productivity.programme.tests.test_edit_permissions import project_write_urls

ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]
SIGN_IN = "sign-in"

PROJECT_PAGES = [
    "project-edit", "project-delete",
    "participant-create", "participant-edit", "participant-delete",
    "funding-create", "funding-edit", "funding-delete",
    "milestone-create", "milestone-edit", "milestone-delete",
    "risk-create", "risk-edit", "risk-delete",
    "saving-create", "saving-edit", "saving-delete",
    "amount-create", "amount-edit", "amount-delete", "amount-verify", "amount-audit",
    "project-withdraw", "saving-withdraw", "amount-withdraw", "funding-withdraw",
    "project-restore", "saving-restore", "amount-restore", "funding-restore", "withdrawal-decide",
]
# The programme team's alone: recording audits, restoring withdrawn records, deciding councils' requests.
PROGRAMME_ONLY = {"amount-audit", "project-restore", "saving-restore", "amount-restore", "funding-restore",
                  "withdrawal-decide"}
# The amount on each project is verified: only the programme team changes it (editors may ask to withdraw it).
CHECKED_AMOUNT = {"amount-edit", "amount-delete", "amount-verify"}

# Expected status of GET on a page about council A's PUBLISHED project, by role.
ON_PUBLISHED = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 200, "editor_b": 403, "programme": 200}
# ... and on council A's UNPUBLISHED project: the outsider must not learn it exists.
ON_UNPUBLISHED = {**ON_PUBLISHED, "editor_b": 404}


def _expected(page: str, table: dict, role: str):
    if page in PROGRAMME_ONLY | CHECKED_AMOUNT and role == "editor_a":
        return 403
    return table[role]


def _check(response, want):
    if want == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which, table", [("published", ON_PUBLISHED), ("unpublished", ON_UNPUBLISHED)])
def test_project_write_pages(world, client_for, role, which, table):
    urls = project_write_urls(getattr(world, which))
    client = client_for(world.users()[role])
    assert sorted(urls) == sorted(PROJECT_PAGES)
    for page in PROJECT_PAGES:
        response = client.get(urls[page])
        try:
            _check(response, _expected(page, table, role))
        except AssertionError as exc:
            raise AssertionError(f"{page} on the {which} project as {role}: got {response.status_code}") from exc
        if response.status_code == 404:
            assert "Secret" not in response.content.decode()


PROGRAMME_PAGES = {
    # name: (url builder, {role: expected})
    "project-create": (lambda w: reverse("programme:project-create"),
                       {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 200, "editor_b": 200, "programme": 200}),
    "initiative-create": (lambda w: reverse("programme:initiative-create", args=[w.workstream.slug]),
                          {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 403,
                           "programme": 200}),
    "initiative-edit": (lambda w: reverse("programme:initiative-edit", args=[w.initiative.slug]),
                        {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 403, "programme": 200}),
    "initiative-delete": (lambda w: reverse("programme:initiative-delete", args=[w.initiative.slug]),
                          {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 403,
                           "programme": 200}),
    # Everyone signed in sees the requests about projects they may see; the programme team decides them.
    "withdrawal-requests": (lambda w: reverse("programme:withdrawal-requests"),
                            {"anonymous": SIGN_IN, "viewer_a": 200, "editor_a": 200, "editor_b": 200,
                             "programme": 200}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PROGRAMME_PAGES))
def test_programme_write_pages(world, client_for, page, role):
    build, table = PROGRAMME_PAGES[page]
    _check(client_for(world.users()[role]).get(build(world)), table[role])


@pytest.mark.parametrize("role", ROLES)
def test_evidence_downloads(world, client_for, role):
    """Evidence files are for signed-in people who can see the project; outsiders get 404 for unpublished ones."""
    results = {}
    for which in ("published", "unpublished"):
        project = getattr(world, which)
        saving = project.savings.first() or world.saving
        amount = saving.amounts.first() if saving.amounts.exists() else world.realised
        evidence = Evidence(amount=amount, original_name="invoices.csv")
        evidence.file.save("invoices.csv", ContentFile(b"month,amount\n"), save=True)
        url = reverse("programme:evidence-download", args=[project.reference, evidence.pk])
        results[which] = client_for(world.users()[role]).get(url)
    expected = {
        "anonymous": (SIGN_IN, SIGN_IN),
        "viewer_a": (200, 200),
        "editor_a": (200, 200),
        "editor_b": (200, 404),
        "programme": (200, 200),
    }[role]
    _check(results["published"], expected[0])
    _check(results["unpublished"], expected[1])


COVERED = {f"programme:{name}" for name in [*PROJECT_PAGES, *PROGRAMME_PAGES, "evidence-download"]}


# The imports app's pages. The run is council A's editor's; the column mapping is for council A's files.
OWN_RUN = {"anonymous": SIGN_IN, "viewer_a": 404, "editor_a": 200, "editor_b": 404, "programme": 200}
IMPORT_PAGES = {
    "upload": {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 200, "editor_b": 200, "programme": 200},
    "template": {"all": 200},
    "runs": {"anonymous": SIGN_IN, "viewer_a": 200, "editor_a": 200, "editor_b": 200, "programme": 200},
    "mappings": {"anonymous": SIGN_IN, "viewer_a": 200, "editor_a": 200, "editor_b": 200, "programme": 200},
    # Council A's members see its column mappings (its editors change them: see test_import_mapping_changes).
    "mapping": {"anonymous": SIGN_IN, "viewer_a": 200, "editor_a": 200, "editor_b": 404, "programme": 200},
    "run": OWN_RUN,
    "status": OWN_RUN,
    "columns": OWN_RUN,
    "rejected": OWN_RUN,
}
# Posted only: the uploader and the programme team are sent back to the run's page; others learn nothing.
IMPORT_ACTIONS = {"anonymous": SIGN_IN, "viewer_a": 404, "editor_a": 302, "editor_b": 404, "programme": 302}


def _import_records(world):
    from productivity.imports.models import ColumnMapping, ImportRun

    run = ImportRun.objects.create(kind="projects", original_name="projects.csv", uploaded_by=world.editor_a,
                                   status="needs_mapping", headings=["Ref", "Name"])
    mapping = ColumnMapping.objects.create(kind="projects", publisher=world.council_a, signature="abc",
                                           headings=["Ref"], columns={"reference": "Ref"})
    return run, mapping


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(IMPORT_PAGES))
def test_import_pages(world, client_for, page, role):
    run, mapping = _import_records(world)
    args = {"template": ["savings"], "mapping": [mapping.pk]}.get(page, [run.pk])
    url = reverse(f"imports:{page}", args=args if page not in ("upload", "runs", "mappings") else [])
    table = IMPORT_PAGES[page]
    _check(client_for(world.users()[role]).get(url), table.get(role, table.get("all")))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["confirm", "cancel", "retry"])
def test_import_actions(world, client_for, action, role):
    from productivity.imports.models import ImportRun

    run, _ = _import_records(world)
    ImportRun.objects.filter(pk=run.pk).update(status="failed")
    response = client_for(world.users()[role]).post(reverse(f"imports:{action}", args=[run.pk]))
    _check(response, IMPORT_ACTIONS[role])
    if IMPORT_ACTIONS[role] != 302:
        assert ImportRun.objects.get(pk=run.pk).status == "failed"  # refused: nothing changed


@pytest.mark.parametrize("role", ROLES)
def test_import_mapping_changes(world, client_for, role):
    from productivity.imports.models import ColumnMapping

    _, mapping = _import_records(world)
    response = client_for(world.users()[role]).post(reverse("imports:mapping", args=[mapping.pk]),
                                                    {"action": "forget"})
    want = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 302, "editor_b": 404, "programme": 302}[role]
    _check(response, want)
    assert ColumnMapping.objects.filter(pk=mapping.pk).exists() == (want not in (302,))


COVERED |= {f"imports:{name}" for name in [*IMPORT_PAGES, "confirm", "cancel", "retry"]}


# An organisation's people (council A's), and your own password. Council A's organisation admin is not one of
# the five roles the world gives: the test adds one, as "admin_a", beside them.
PEOPLE_PAGES = {
    "people": {"anonymous": SIGN_IN, "viewer_a": 200, "editor_a": 200, "editor_b": 404, "programme": 200,
               "admin_a": 200},
    **{page: {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 404, "programme": 200,
              "admin_a": 200}
       for page in ("person-add", "person-role", "person-remove")},
    "password": {"anonymous": SIGN_IN, "viewer_a": 200, "editor_a": 200, "editor_b": 200, "programme": 200,
                 "admin_a": 200},
}


@pytest.mark.parametrize("role", [*ROLES, "admin_a"])
@pytest.mark.parametrize("page", sorted(PEOPLE_PAGES))
def test_people_pages(world, client_for, page, role):
    from conftest import make_user
    from productivity.accounts.models import Membership, Role

    admin_a = make_user("admin.a@example.org", world.council_a, Role.ADMIN)
    user = admin_a if role == "admin_a" else world.users()[role]
    viewer = Membership.objects.get(user=world.viewer_a, organisation=world.council_a)
    args = {"people": [world.council_a.slug], "person-add": [world.council_a.slug],
            "person-role": [world.council_a.slug, viewer.pk], "person-remove": [world.council_a.slug, viewer.pk],
            "password": []}[page]
    url = reverse(f"accounts:{page}", args=args)
    client = client_for(user)
    want = PEOPLE_PAGES[page][role]
    _check(client.get(url), want)
    if page != "password" and want != 200:
        # A write that the page refuses is refused the same way when posted, and changes nothing.
        _check(client.post(url, {"email": "x@example.org", "full_name": "X", "role": "admin"}), want)
        assert Membership.objects.filter(pk=viewer.pk, role=Role.VIEWER).exists()
        assert not Membership.objects.filter(user__email="x@example.org").exists()


COVERED |= {f"accounts:{name}" for name in PEOPLE_PAGES}


# Lifting a sign-in lock-out (posted only): a person's, by their organisation's admins and the programme team;
# any username and address, by the programme team alone. A refusal leaves the lock-out in place.
UNLOCK_PERSON = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 404, "programme": 302,
                 "admin_a": 302}
UNLOCK_ANY = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 403, "programme": 302,
              "admin_a": 403}


@pytest.mark.parametrize("role", [*ROLES, "admin_a"])
@pytest.mark.parametrize("page", ["person-unlock", "lockout-unlock"])
def test_unlocking_sign_in(world, client_for, page, role):
    from axes.models import AccessAttempt

    from conftest import make_user
    from productivity.accounts.models import Membership, Role

    admin_a = make_user("admin.a@example.org", world.council_a, Role.ADMIN)
    user = admin_a if role == "admin_a" else world.users()[role]
    attempt = AccessAttempt.objects.create(username=world.viewer_a.email, ip_address="203.0.113.9",
                                           user_agent="test", failures_since_start=5)
    viewer = Membership.objects.get(user=world.viewer_a, organisation=world.council_a)
    args = [world.council_a.slug, viewer.pk] if page == "person-unlock" else [attempt.pk]
    want = (UNLOCK_PERSON if page == "person-unlock" else UNLOCK_ANY)[role]
    _check(client_for(user).post(reverse(f"accounts:{page}", args=args)), want)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists() == (want != 302)


COVERED |= {"accounts:person-unlock", "accounts:lockout-unlock"}


# Deciding a proposed supplier match (procurement, the suppliers area): a proposal touching a supplier council A
# pays is seen by council A's people and decided by its editors and the programme team; council B's editor
# does not learn it exists. A refused decision changes nothing.
PROPOSAL_DECISION = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 200, "editor_b": 404, "programme": 200}


@pytest.mark.parametrize("role", ROLES)
def test_supplier_match_decisions(world, client_for, role):
    from decimal import Decimal

    from productivity.procurement.models import MatchProposal
    from productivity.procurement.tests.factories import make_line, make_supplier

    ours = make_supplier("Hampshire Meals on Wheels")
    make_line(world.council_a, ours, "120.00")
    proposal = MatchProposal.objects.create(supplier=make_supplier("Hampshire Meals On Wheel"), candidate=ours,
                                            score=Decimal("91.0"))
    url = reverse("procurement:proposal", args=[proposal.pk])
    client = client_for(world.users()[role])
    want = PROPOSAL_DECISION[role]
    _check(client.get(url), want)
    response = client.post(url, {"decision": "reject", "reason": "Different"})
    _check(response, 302 if want == 200 else want)
    proposal.refresh_from_db()
    assert proposal.status == ("rejected" if want == 200 else "pending")


COVERED |= {"procurement:proposal"}

# The estate's partnerships, returns, selection rounds and asset changes. Council A leads a partnership with
# a draft and a submitted return (a figure on it entered by A's editor); council A has applied to a round;
# council A has a published and an unpublished asset.
def _estate_records(world):
    from decimal import Decimal

    from productivity.estate import returns
    from productivity.estate.models import Criterion, SelectionRound
    from productivity.estate.tests.factories import make_asset, make_partnership, make_project, make_return
    from productivity.organisations.tests.factories import make_organisation

    police = make_organisation("A police force", kind="police", slug="a-police")
    partnership = make_partnership(world.council_a, police)
    project = make_project(partnership, "HAM-01")
    draft = make_return(partnership, 2012, 2, commentary="Secret draft")
    submitted = make_return(partnership, 2012, 1)
    figure = returns.set_figure(submitted, project, "jobs", forecast=Decimal(10), achieved=Decimal(2),
                                evidence_notes="Payroll", user=world.editor_a)
    returns.submit(submitted, user=world.editor_a)
    selection_round = SelectionRound.objects.create(name="Round", slug="round", opens_on="2012-04-02",
                                                    closes_on="2012-06-29")
    Criterion.objects.create(selection_round=selection_round, name="Match funding")
    application = selection_round.applications.create(council=world.council_a, summary="Secret bid")
    return {"partnership": partnership, "project": project, "draft": draft, "submitted": submitted,
            "figure": figure, "round": selection_round, "application": application,
            "member": partnership.members.get(organisation=police),
            "published": make_asset(world.council_a, "HCC1"),
            "unpublished": make_asset(world.council_a, "HCC2", is_published=False),
            "withdrawn": make_asset(world.council_a, "HCC3", withdrawn_at=timezone.now(), withdrawal_reason="Sold")}


PROGRAMME_ONLY_ESTATE = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 403, "programme": 200}
LEAD_WRITES = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 200, "editor_b": 403, "programme": 200}
LEAD_WRITES_DRAFT = {**LEAD_WRITES, "editor_b": 404}
ESTATE_PAGES = {
    "partnership": (lambda r: [r["partnership"].slug], {"all": 200}),
    "return": (lambda r: [r["submitted"].pk], {"all": 200}),
    "round": (lambda r: [r["round"].slug], {"all": 200}),
    "partnership-create": (lambda r: [], PROGRAMME_ONLY_ESTATE),
    "partnership-edit": (lambda r: [r["partnership"].slug], PROGRAMME_ONLY_ESTATE),
    # The lead council's admins manage members too (productivity/estate/tests/test_partnerships.py).
    "member-add": (lambda r: [r["partnership"].slug], PROGRAMME_ONLY_ESTATE),
    "member-remove": (lambda r: [r["partnership"].slug, r["member"].pk], PROGRAMME_ONLY_ESTATE),
    "project-create": (lambda r: [r["partnership"].slug], LEAD_WRITES),
    "project-edit": (lambda r: [r["partnership"].slug, r["project"].pk], LEAD_WRITES),
    "return-create": (lambda r: [r["partnership"].slug], LEAD_WRITES),
    "return-edit": (lambda r: [r["draft"].pk], LEAD_WRITES_DRAFT),
    "figures-edit": (lambda r: [r["draft"].pk, r["project"].pk], LEAD_WRITES_DRAFT),
    "return-submit": (lambda r: [r["draft"].pk], LEAD_WRITES_DRAFT),
    "return-delete": (lambda r: [r["draft"].pk], LEAD_WRITES_DRAFT),
    "return-withdraw": (lambda r: [r["submitted"].pk], LEAD_WRITES),
    # Editor A sees the page, which says someone else must verify A's own figure.
    "figure-verify": (lambda r: [r["figure"].pk], LEAD_WRITES),
    # Council A has applied already: its editor has no council left to apply for.
    "application-create": (lambda r: [r["round"].slug],
                           {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 200,
                            "programme": 200}),
    "application-score": (lambda r: [r["application"].pk],
                          {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 403, "editor_b": 404,
                           "programme": 200}),
    "asset-edit": (lambda r: [r["published"].pk], LEAD_WRITES),
    "asset-withdraw": (lambda r: [r["published"].pk], LEAD_WRITES),
    "asset-delete": (lambda r: [r["unpublished"].pk], LEAD_WRITES_DRAFT),
    "asset-restore": (lambda r: [r["withdrawn"].pk], PROGRAMME_ONLY_ESTATE),
}
ESTATE_UNPUBLISHED = {
    "draft return": (lambda r: reverse("estate:return", args=[r["draft"].pk]),
                     {"anonymous": 404, "viewer_a": 200, "editor_a": 200, "editor_b": 404, "programme": 200}),
    "unpublished asset's edit page": (lambda r: reverse("estate:asset-edit", args=[r["unpublished"].pk]),
                                      LEAD_WRITES_DRAFT),
}


@pytest.mark.parametrize("role", ROLES)
def test_estate_pages(world, client_for, role):
    records = _estate_records(world)
    client = client_for(world.users()[role])
    for page, (args, table) in ESTATE_PAGES.items():
        response = client.get(reverse(f"estate:{page}", args=args(records)))
        try:
            _check(response, table.get(role, table.get("all")))
        except AssertionError as exc:
            raise AssertionError(f"estate:{page} as {role}: got {response.status_code}") from exc
        if response.status_code == 404:
            assert "Secret" not in response.content.decode()
    for label, (url, table) in ESTATE_UNPUBLISHED.items():
        response = client.get(url(records))
        assert response.status_code == table[role] if table[role] != SIGN_IN else response.status_code == 302, label


ESTATE_POSTS = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 302, "editor_b": 403, "programme": 302}


@pytest.mark.parametrize("role", ROLES)
def test_estate_writes_refused_change_nothing(world, client_for, role):
    records = _estate_records(world)
    client = client_for(world.users()[role])
    submitted, published = records["submitted"], records["published"]
    _check(client.post(reverse("estate:return-withdraw", args=[submitted.pk]), {"reason": "Wrong"}),
           ESTATE_POSTS[role])
    submitted.refresh_from_db()
    assert submitted.is_withdrawn == (ESTATE_POSTS[role] == 302)
    _check(client.post(reverse("estate:asset-withdraw", args=[published.pk]), {"reason": "Sold"}), ESTATE_POSTS[role])
    published.refresh_from_db()
    assert (published.withdrawn_at is not None) == (ESTATE_POSTS[role] == 302)
    want = {**ESTATE_POSTS, "editor_b": 404}[role]
    _check(client.post(reverse("estate:return-delete", args=[records["draft"].pk])), want)
    from productivity.estate.models import QuarterlyReturn

    assert QuarterlyReturn.objects.filter(pk=records["draft"].pk).exists() == (want != 302)


COVERED |= {f"estate:{name}" for name in ESTATE_PAGES}
