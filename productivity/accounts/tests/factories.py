"""People for tests: users with a membership, and one person in each role of the permission matrices.

Every user's password is ``PASSWORD``, so a test can sign in through the real form.
"""

import itertools
from dataclasses import dataclass

from productivity.accounts.models import Membership, Role, User
from productivity.organisations.models import Organisation
from productivity.organisations.tests.factories import make_council, make_programme_team

PASSWORD = "correct-horse-battery-staple"

# The roles of the permission matrices, in the order their tables list them; "anonymous" is no user.
ROLE_NAMES = ("anonymous", "viewer_a", "editor_a", "editor_b", "programme")

_serial = itertools.count(1)


def make_user(email: str | None = None, organisation: Organisation | None = None, role: str = Role.VIEWER,
              *, password: str = PASSWORD, **fields) -> User:
    """A user (with a unique email unless given) who is a member of ``organisation`` in ``role``, if given."""
    email = email or f"person.{next(_serial)}@example.org"
    fields.setdefault("full_name", email.split("@")[0].title())
    user = User.objects.create_user(email=email, password=password, **fields)
    if organisation is not None:
        make_membership(user, organisation, role)
    return user


def make_member(organisation: Organisation, role: str = Role.VIEWER, **fields) -> User:
    """A new person in ``organisation`` with ``role``: the usual way to get a viewer, editor or admin."""
    return make_user(None, organisation, role, **fields)


def make_membership(user: User, organisation: Organisation, role: str = Role.VIEWER) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


@dataclass
class Roles:
    """Two councils, the programme team, and one person in each role of the permission matrices."""

    council_a: Organisation
    council_b: Organisation
    lga: Organisation
    viewer_a: User
    editor_a: User
    editor_b: User
    programme: User

    def users(self) -> dict[str, User | None]:
        """The permission matrix's roles, by name (anonymous is None)."""
        return {name: None if name == "anonymous" else getattr(self, name) for name in ROLE_NAMES}


def make_roles() -> Roles:
    """The fixed cast the page tests name: council A is Hampshire (E10000014), council B (the outsider) Swindon."""
    council_a = make_council("Hampshire", gss_code="E10000014", authority_type="CTY", region="South East")
    council_b = make_council("Swindon", gss_code="E06000030", authority_type="UA", region="South West")
    lga = make_programme_team()
    return Roles(
        council_a=council_a,
        council_b=council_b,
        lga=lga,
        viewer_a=make_user("viewer.a@example.org", council_a, Role.VIEWER),
        editor_a=make_user("editor.a@example.org", council_a, Role.EDITOR),
        editor_b=make_user("editor.b@example.org", council_b, Role.EDITOR),
        programme=make_user("programme@example.org", lga, Role.EDITOR),
    )
