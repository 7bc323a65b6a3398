"""Every page × every role: the outsider always gets 404 and never sees council A's unpublished data.

Roles: anonymous, viewer of council A, editor of council A, editor of council B (the outsider), programme team.
The world fixture gives council A a published project (ASC-001) and an unpublished one (ASC-002, with the saving
"Secret saving"), and council B an unpublished project (ASC-003).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from productivity.programme.models import Initiative, SavingAmount

ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]
SIGN_IN = "sign-in"  # anonymous users are sent to the sign-in page

# url name -> (path, {role: expected status}); "all" applies to every role not listed.
READ_PAGES = {
    "home": ("/", {"all": 200}),
    "core:about": ("/about/", {"all": 200}),
    "accounts:login": ("/accounts/login/", {"all": 200}),
    "accounts:logout": ("/accounts/logout/", {"anonymous": 302, "all": 200}),
    "accounts:profile": ("/accounts/profile/", {"anonymous": SIGN_IN, "all": 200}),
    "organisations:list": ("/organisations/", {"all": 200}),
    "organisations:detail": ("/organisations/E10000014/", {"all": 200}),
    "programme:workstreams": ("/programme/workstreams/", {"all": 200}),
    "programme:workstream": ("/programme/workstreams/children-adults-families/", {"all": 200}),
    "programme:initiative": ("/programme/initiatives/adult-social-care-efficiency/", {"all": 200}),
    "programme:projects": ("/programme/projects/", {"all": 200}),
    "programme:savings": ("/programme/savings/", {"all": 200}),
    "programme:project": ("/programme/projects/ASC-001/", {"all": 200}),
    "programme:project-history": ("/programme/projects/ASC-001/history/", {"all": 200}),
    "programme:figures": ("/programme/figures/", {"all": 200}),
    "programme:councils": ("/programme/councils/", {"all": 200}),
    "overview:council": ("/councils/E10000014/", {"all": 200}),
    "council-moved": ("/programme/councils/E10000014/", {"all": 301}),
    "reports:list": ("/reports/", {"all": 200}),
    "overview:your-work": ("/your-work/", {"anonymous": SIGN_IN, "all": 200}),
    "accounts:lockouts": ("/accounts/lockouts/", {"anonymous": SIGN_IN, "programme": 200, "all": 403}),
    "accounts:password-reset": ("/accounts/password-reset/", {"all": 200}),
    "accounts:password-reset-sent": ("/accounts/password-reset/sent/", {"all": 200}),
    # A link with a token that is not valid says so (productivity/accounts/tests/test_password_reset.py).
    "accounts:password-reset-confirm": ("/accounts/password-reset/MQ/not-a-token/", {"all": 200}),
    "accounts:password-reset-complete": ("/accounts/password-reset/done/", {"all": 200}),
    "reports:start": ("/reports/new/", {"anonymous": SIGN_IN, "viewer_a": 403, "all": 200}),
    "estate:register": ("/estate/", {"all": 200}),
    "estate:quality": ("/estate/quality/E10000014/", {"all": 200}),
    "estate:colocation": ("/estate/colocation/", {"all": 200}),
    "estate:cases": ("/estate/cases/", {"all": 200}),
    "estate:case-start": ("/estate/cases/new/", {"anonymous": SIGN_IN, "viewer_a": 403, "all": 200}),
    # A place's map shows what each reader may see (productivity/estate/tests/test_map.py checks who sees what).
    "estate:map-choose": ("/estate/map/", {"all": 200}),
    "estate:map": ("/estate/map/E10000014/", {"all": 200}),
    "estate:map-data": ("/estate/map/E10000014/assets.json", {"all": 200}),
    "estate:map-boundaries": ("/estate/map/E10000014/boundaries.geojson", {"all": 200}),
    "estate:map-quality": ("/estate/map/E10000014/quality/", {"all": 200}),
    "estate:map-demand": ("/estate/map/E10000014/demand/", {"all": 200}),
    "estate:map-demand-data": ("/estate/map/E10000014/demand.json", {"all": 200}),
    "estate:partnerships": ("/estate/partnerships/", {"all": 200}),
    "estate:outputs": ("/estate/outputs/", {"all": 200}),
    "estate:rounds": ("/estate/selection/", {"all": 200}),
    # Published spend is public: every role sees it (productivity/procurement/tests/test_pages.py).
    "procurement:councils": ("/procurement/", {"all": 200}),
    "procurement:council": ("/procurement/councils/E10000014/", {"all": 200}),
    "procurement:suppliers": ("/procurement/suppliers/", {"all": 200}),
    "procurement:spend": ("/procurement/spend/", {"all": 200}),
    # Pipelines: a council's own members see its pipeline before it has one (to start it); processes, pledges and
    # contracts registers are public (productivity/procurement/tests/test_pipeline_pages.py has every role on
    # published and unpublished pipelines, their downloads and write pages).
    "procurement:pipelines": ("/procurement/pipelines/", {"all": 200}),
    "procurement:pipeline": ("/procurement/pipelines/E10000014/", {"anonymous": 404, "editor_b": 404, "all": 200}),
    "procurement:timeliness": ("/procurement/timeliness/", {"all": 200}),
    "procurement:pledge": ("/procurement/pledge/", {"all": 200}),
    "procurement:pledge-council": ("/procurement/pledge/E10000014/", {"all": 200}),
    "procurement:contracts": ("/procurement/contracts/", {"all": 200}),
    "procurement:contracts-council": ("/procurement/contracts/E10000014/", {"all": 200}),

    # Suppliers: the register, its size data and payment times are public; the review queue needs signing in and
    # shows each council only the proposals touching its suppliers (productivity/procurement/tests/test_matching.py).
    "procurement:supplier": ("/procurement/suppliers/999999/", {"all": 404}),
    "procurement:review": ("/procurement/suppliers/review/", {"anonymous": SIGN_IN, "all": 200}),
    "procurement:sizes": ("/procurement/suppliers/sizes/", {"all": 200}),
    "procurement:payments": ("/procurement/payments/", {"all": 200}),

    # Spend analysis (the spend area): published spend, seen by everyone.
    "procurement:council_suppliers": ("/procurement/councils/E10000014/suppliers/", {"all": 200}),
    "procurement:compare": ("/procurement/compare/", {"all": 200}),
}

UNPUBLISHED_PAGES = {
    "council A's unpublished project": (
        "/programme/projects/ASC-002/",
        {"anonymous": 404, "viewer_a": 200, "editor_a": 200, "editor_b": 404, "programme": 200},
    ),
    "council B's unpublished project": (
        "/programme/projects/ASC-003/",
        {"anonymous": 404, "viewer_a": 404, "editor_a": 404, "editor_b": 200, "programme": 200},
    ),
}

# Listing pages that must never reveal council A's unpublished records to those outside it.
LEAK_CHECKS = [
    "/",
    "/programme/figures/",
    "/programme/figures/?table=council&format=csv",
    "/programme/councils/",
    "/councils/E10000014/",
    "/councils/E10000014/?table=financial_year&format=csv",
    "/programme/projects/",
    "/programme/projects/?format=csv",
    "/programme/projects/ASC-001/",
    "/programme/savings/",
    "/programme/savings/?format=csv",
    "/programme/initiatives/adult-social-care-efficiency/",
    "/programme/workstreams/",
    "/programme/workstreams/children-adults-families/",
]

# Named URLs that are deliberately outside this matrix, with the reason.
NOT_PAGES = {
    "api": "the API has its own matrix in productivity/programme/tests/test_api_permissions.py",
    "admin": "Django admin: staff only, Django's own permission checks",
    "accounts:logout-confirm": "POST only; covered by test_sign_in.py",
    "accounts:revoke-token": "POST only; covered by test_sign_in.py and the API token tests",
    # A report's pages need reports to exist: their matrix (drafts, council drafts, public and restricted
    # published reports, every role) is productivity/reports/tests/test_pages.py::test_permission_matrix.
    "reports:detail": "report pages: see productivity/reports/tests/test_pages.py",
    "reports:edit": "report pages: see productivity/reports/tests/test_pages.py",
    "reports:publish": "report pages: see productivity/reports/tests/test_pages.py",
    "reports:new_draft": "POST only: see productivity/reports/tests/test_pages.py",
    "reports:submit": "POST only: see productivity/reports/tests/test_clearance.py (every role)",
    "reports:clear": "POST only: see productivity/reports/tests/test_clearance.py (every role)",
    "reports:return": "POST only: see productivity/reports/tests/test_clearance.py (every role)",
    "reports:correct": "report pages: see productivity/reports/tests/test_clearance.py (every role)",
    "reports:download": "report pages: see productivity/reports/tests/test_pages.py",
    "reports:figure": "report pages: see productivity/reports/tests/test_pages.py",
    # An asset's page needs assets: its matrix (published and unpublished assets of councils A and B, every
    # role) is productivity/estate/tests/test_pages.py::test_asset_pages_for_each_role.
    "estate:asset": "asset pages: see productivity/estate/tests/test_pages.py",
    # A business case's pages need cases: their matrix (a council's draft and a published case, every role, on
    # every page that reads or writes them) is productivity/estate/tests/test_case_pages.py.
    **{f"estate:{name}": "business case pages: see productivity/estate/tests/test_case_pages.py"
       for name in ("case", "case-edit", "case-delete", "case-submit", "case-publish", "case-withdraw",
                    "scenario-create", "scenario-edit", "scenario-delete", "action-create", "action-edit",
                    "action-delete")},
    "reports:business-case": "a business case's document: see "
                             "productivity/reports/tests/test_business_case_document.py",
    "overview:paper-follow": "a report's follow page: see productivity/overview/tests/test_emails.py",
    # Pages about a pipeline's records, processes and pledges need them: their matrix (every role, published and
    # unpublished pipelines) is productivity/procurement/tests/test_pipeline_pages.py.
    **dict.fromkeys(["procurement:uk1", "procurement:plan-create", "procurement:plan-edit", "procurement:plan-withdraw",
                     "procurement:pipeline-settings", "procurement:process-create", "procurement:process-edit",
                     "procurement:pledge-edit"],
                    "pipeline pages: see productivity/procurement/tests/test_pipeline_pages.py"),
}


def expected(table, role):
    return table.get(role, table.get("all"))


def fetch(client_for, world, role, path):
    user = world.users()[role]
    return client_for(user).get(path)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(READ_PAGES))
def test_read_pages(world, client_for, name, role):
    path, table = READ_PAGES[name]
    response = fetch(client_for, world, role, path)
    want = expected(table, role)
    if want == SIGN_IN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == want
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        # Markup built in templates must render as markup, never as escaped text.
        body = response.content.decode()
        assert "&lt;a " not in body and "&lt;strong" not in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", sorted(UNPUBLISHED_PAGES))
def test_unpublished_pages(world, client_for, label, role):
    path, table = UNPUBLISHED_PAGES[label]
    response = fetch(client_for, world, role, path)
    assert response.status_code == expected(table, role)
    if response.status_code == 404:
        assert "Page not found" in response.content.decode()
        assert "Secret" not in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "editor_b"])
@pytest.mark.parametrize("path", LEAK_CHECKS)
def test_outsiders_never_see_council_a_unpublished_data(world, client_for, role, path):
    # An unpublished initiative (its creation is in the workstream's history) and a saving in the
    # unpublished project that clashes with the published one (a possible double count).
    Initiative.objects.create(workstream=world.workstream, name="Secret initiative", slug="secret-initiative",
                              is_published=False)
    SavingAmount.objects.create(saving=world.secret_saving, financial_year=2012, kind="expected", amount=1)
    response = fetch(client_for, world, role, path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    assert "ASC-002" not in text
    assert "Secret" not in text
    assert "999,999" not in text and "999999" not in text


def _named_urls(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or ""
            inner = f"{prefix}{namespace}:" if namespace else prefix
            yield from _named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"


def test_every_named_page_is_in_the_matrix():
    from tests.test_write_permission_matrix import COVERED as WRITE_PAGES

    covered = set(READ_PAGES) | WRITE_PAGES
    missing = sorted(
        name for name in set(_named_urls())
        if name not in covered and not any(name == key or name.startswith(key + ":") for key in NOT_PAGES)
    )
    assert missing == [], f"Add these URLs to the permission matrix: {missing}"




def test_the_public_history_names_organisations_not_people(world, client_for):
    from productivity.audit.context import acting_as

    with acting_as(world.editor_a):
        world.published.title = "Reablement at home, phase two"
        world.published.save()
    public = client_for(None).get("/programme/projects/ASC-001/").content.decode()
    assert "An editor at Hampshire" in public
    assert world.editor_a.email not in public and "Editor.A" not in public
    signed_in = client_for(world.viewer_a).get("/programme/projects/ASC-001/").content.decode()
    assert "Editor.A" in signed_in
