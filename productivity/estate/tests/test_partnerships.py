"""The estate's one scoping rule with partnerships: members see each other's unpublished assets (the
partnership's shared view), the public sees what owners publish, and a body edits only its own assets."""

import pytest

from conftest import make_user
from productivity.accounts.models import Role
from productivity.estate import partnerships
from productivity.estate.models import Asset
from productivity.estate.tests.factories import make_asset, make_partnership
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_organisation

ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme", "editor_police"]


@pytest.fixture
def shared(roles):
    police = make_organisation("Hampshire Constabulary", kind=OrganisationKind.POLICE, slug="hampshire-police")
    fire = make_organisation("Hampshire Fire and Rescue", kind=OrganisationKind.FIRE, slug="hampshire-fire")
    partnership = make_partnership(roles.council_a, police)
    users = {**roles.users(), "editor_police": make_user("editor.police@example.org", police, Role.EDITOR)}
    assets = {
        "a_secret": make_asset(roles.council_a, "HCC9", name="Council A unpublished depot", is_published=False),
        "police_secret": make_asset(police, "POL1", name="Police unpublished station", is_published=False),
        "police_public": make_asset(police, "POL2", name="Police published station"),
        "fire_secret": make_asset(fire, "FIR1", name="Fire unpublished station", is_published=False),
        "b_secret": make_asset(roles.council_b, "SBC9", name="Council B unpublished office", is_published=False),
    }
    return {"users": users, "assets": assets, "partnership": partnership, "police": police, "fire": fire}


Y, N = True, False
# asset -> {role: (sees it, changes it)}
MATRIX = {
    "a_secret": {"anonymous": (N, N), "viewer_a": (Y, N), "editor_a": (Y, Y), "editor_b": (N, N),
                 "programme": (Y, Y), "editor_police": (Y, N)},
    "police_secret": {"anonymous": (N, N), "viewer_a": (Y, N), "editor_a": (Y, N), "editor_b": (N, N),
                      "programme": (Y, Y), "editor_police": (Y, Y)},
    "police_public": {"anonymous": (Y, N), "viewer_a": (Y, N), "editor_a": (Y, N), "editor_b": (Y, N),
                      "programme": (Y, Y), "editor_police": (Y, Y)},
    # The fire authority is in no partnership: nobody else sees its unpublished station.
    "fire_secret": {"anonymous": (N, N), "viewer_a": (N, N), "editor_a": (N, N), "editor_b": (N, N),
                    "programme": (Y, Y), "editor_police": (N, N)},
    "b_secret": {"anonymous": (N, N), "viewer_a": (N, N), "editor_a": (N, N), "editor_b": (Y, Y),
                 "programme": (Y, Y), "editor_police": (N, N)},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", sorted(MATRIX))
def test_who_sees_and_changes_each_asset(shared, client_for, which, role):
    asset, user = shared["assets"][which], shared["users"][role]
    sees, changes = MATRIX[which][role]
    assert Asset.objects.visible_to(user).filter(pk=asset.pk).exists() == sees
    assert Asset.objects.editable_by(user).filter(pk=asset.pk).exists() == changes
    client = client_for(user)
    page = client.get(f"/estate/assets/{asset.pk}/")
    assert page.status_code == (200 if sees else 404)
    edit = client.get(f"/estate/assets/{asset.pk}/edit/")
    expected = 302 if user is None else 200 if changes else 403 if sees else 404
    assert edit.status_code == expected
    register = client.get(f"/estate/?q={asset.asset_code}").content.decode()
    assert (asset.name in register) == sees


def test_a_body_removed_from_the_partnership_stops_seeing_the_others_assets(shared, client_for):
    police_editor = shared["users"]["editor_police"]
    secret = shared["assets"]["a_secret"]
    assert client_for(police_editor).get(f"/estate/assets/{secret.pk}/").status_code == 200
    partnerships.remove_member(shared["partnership"].members.get(organisation=shared["police"]))
    assert client_for(police_editor).get(f"/estate/assets/{secret.pk}/").status_code == 404


def test_the_lead_council_cannot_be_removed(shared):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        partnerships.remove_member(shared["partnership"].members.get(role="lead"))


def test_the_lead_councils_admins_manage_members_and_its_editors_do_not(shared, roles, client_for):
    admin_a = make_user("admin.a@example.org", roles.council_a, Role.ADMIN)
    slug = shared["partnership"].slug
    assert client_for(roles.editor_a).get(f"/estate/partnerships/{slug}/members/add/").status_code == 403
    assert client_for(shared["users"]["editor_police"]).get(
        f"/estate/partnerships/{slug}/members/add/").status_code == 403
    client = client_for(admin_a)
    response = client.post(f"/estate/partnerships/{slug}/members/add/", {"organisation": shared["fire"].pk})
    assert response.status_code == 302
    assert shared["partnership"].members.filter(organisation=shared["fire"]).exists()
    # The fire authority's unpublished station is now in the partnership's shared view.
    assert client_for(roles.viewer_a).get(f"/estate/assets/{shared['assets']['fire_secret'].pk}/").status_code == 200


def test_the_programme_team_creates_a_partnership_with_its_lead_as_first_member(roles, client_for):
    response = client_for(roles.programme).post("/estate/partnerships/new/", {
        "name": "Swindon one public estate", "slug": "swindon-estate", "lead": roles.council_b.pk})
    assert response.status_code == 302
    page = client_for(None).get("/estate/partnerships/swindon-estate/").content.decode()
    assert "Swindon one public estate" in page and "Lead council" in page
    assert client_for(roles.editor_b).get("/estate/partnerships/new/").status_code == 403


def test_a_withdrawn_asset_keeps_its_page_and_reason_and_a_published_one_is_never_deleted(shared, roles, client_for):
    asset = make_asset(roles.council_a, "HCC10", name="Old library")
    client = client_for(roles.editor_a)
    refused = client.post(f"/estate/assets/{asset.pk}/delete/")
    assert refused.status_code == 200 and "withdraw it instead" in refused.content.decode()
    assert Asset.objects.filter(pk=asset.pk).exists()
    assert client.post(f"/estate/assets/{asset.pk}/withdraw/", {"reason": ""}).status_code == 200
    assert client.post(f"/estate/assets/{asset.pk}/withdraw/", {"reason": "Sold in 2012"}).status_code == 302
    page = client_for(None).get(f"/estate/assets/{asset.pk}/").content.decode()
    assert "Withdrawn" in page and "Sold in 2012" in page
    assert not Asset.objects.standing().filter(pk=asset.pk).exists()
    # It leaves the register, its map and the council's counts, unless the reader asks for withdrawn assets.
    assert "Old library" not in client_for(None).get("/estate/").content.decode()
    assert "Old library" in client_for(None).get("/estate/?withdrawn=only").content.decode()
    assert "Old library" in client_for(None).get("/estate/?withdrawn=include").content.decode()
    secret = shared["assets"]["a_secret"]
    assert client.post(f"/estate/assets/{secret.pk}/delete/").status_code == 302
    assert not Asset.objects.filter(pk=secret.pk).exists()


def test_an_asset_edit_is_validated_and_recorded_in_its_history(roles, client_for):
    asset = make_asset(roles.council_a, "HCC11", name="Depot")
    client = client_for(roles.editor_a)
    bad = client.post(f"/estate/assets/{asset.pk}/edit/", {"name": "Depot", "asset_code": "HCC11", "uprn": "12ab",
                                                           "is_published": "on"})
    assert bad.status_code == 200 and "digits only" in bad.content.decode()
    good = client.post(f"/estate/assets/{asset.pk}/edit/", {"name": "Northern depot", "asset_code": "HCC11",
                                                            "uprn": "0012", "is_published": "on", "use": "depot"})
    assert good.status_code == 302
    page = client.get(f"/estate/assets/{asset.pk}/").content.decode()
    assert "Northern depot" in page and "Depot → Northern depot" in page
