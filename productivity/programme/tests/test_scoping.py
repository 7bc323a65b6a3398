"""The one scoping rule, through the models that use it: who sees and who changes a record."""

from productivity.accounts.models import Membership, Role, User
from productivity.accounts.scoping import PeopleScope
from productivity.organisations.models import Organisation
from productivity.programme.models import Initiative, Participant, Project, Risk, Workstream


def _member(email: str, organisation: Organisation, role: str) -> User:
    user = User.objects.create_user(email=email, password="not-used-here")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def _refs(queryset) -> list[str]:
    return sorted(queryset.values_list("reference", flat=True))


def test_each_role_sees_the_public_records_and_its_organisations_own(world):
    assert _refs(Project.objects.visible_to(None)) == ["ASC-001"]
    assert _refs(Project.objects.visible_to(world.viewer_a)) == ["ASC-001", "ASC-002"]
    assert _refs(Project.objects.visible_to(world.editor_b)) == ["ASC-001", "ASC-003"]
    assert _refs(Project.objects.visible_to(world.programme)) == ["ASC-001", "ASC-002", "ASC-003"]


def test_editors_change_their_organisations_records_and_viewers_none(world):
    assert _refs(Project.objects.editable_by(world.viewer_a)) == []
    assert _refs(Project.objects.editable_by(world.editor_a)) == ["ASC-001", "ASC-002"]
    assert _refs(Project.objects.editable_by(world.programme)) == ["ASC-001", "ASC-002", "ASC-003"]


def test_a_record_two_of_a_users_organisations_share_comes_back_once(world):
    Participant.objects.create(project=world.project_b, organisation=world.council_a, role=Participant.Role.PARTNER)
    both = _member("both@example.org", world.council_a, Role.EDITOR)
    Participant.objects.create(project=world.published, organisation=world.council_b, role=Participant.Role.PARTNER)
    both.memberships.create(organisation=world.council_b, role=Role.EDITOR)
    assert _refs(Project.objects.visible_to(both)) == ["ASC-001", "ASC-002", "ASC-003"]
    assert _refs(Project.objects.editable_by(both)) == ["ASC-001", "ASC-002", "ASC-003"]


def test_scoping_keeps_the_filters_already_applied(world):
    live_only = Project.objects.filter(status="proposed")
    assert _refs(live_only.visible_to(world.viewer_a)) == ["ASC-002"]
    assert _refs(live_only.visible_to(None)) == []


def test_records_without_an_organisation_are_changed_by_the_programme_team_alone(world):
    assert Workstream.objects.visible_to(None).count() == Workstream.objects.count()
    assert not Workstream.objects.editable_by(world.editor_a).exists()
    assert not Initiative.objects.editable_by(world.editor_a).exists()
    assert Initiative.objects.editable_by(world.programme).count() == Initiative.objects.count()


def test_records_scoped_through_their_project_follow_it(world):
    risk = Risk.objects.create(project=world.unpublished, title="Staff leave")
    assert not Risk.objects.visible_to(world.editor_b).filter(pk=risk.pk).exists()
    assert Risk.objects.visible_to(world.viewer_a).filter(pk=risk.pk).exists()
    assert not Risk.objects.editable_by(world.viewer_a).filter(pk=risk.pk).exists()
    assert Risk.objects.editable_by(world.editor_a).filter(pk=risk.pk).exists()


def test_an_organisations_people_are_changed_by_its_admins_not_its_editors(world):
    admin = _member("admin.a@example.org", world.council_a, Role.ADMIN)
    people = PeopleScope(Organisation)
    assert list(people.visible_to(world.editor_a)) == [world.council_a]
    assert not people.editable_by(world.editor_a).exists()
    assert list(people.editable_by(admin)) == [world.council_a]
    assert people.editable_by(world.programme).count() == Organisation.objects.count()
