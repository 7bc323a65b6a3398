"""What a user's memberships let them do: the facts every QuerySet's scoping is built from."""

from productivity.accounts.models import Role

WRITE_ROLES = (Role.EDITOR, Role.ADMIN)


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_programme_team(user) -> bool:
    return is_signed_in(user) and (user.is_superuser or user.is_programme_team)


def member_organisation_ids(user) -> set[int]:
    """Organisations the user belongs to in any role."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_member_org_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("organisation_id", flat=True))
        user._member_org_ids = cached
    return cached


def editor_organisation_ids(user) -> set[int]:
    """Organisations where the user may create and change records."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_editor_org_ids", None)
    if cached is None:
        cached = set(user.memberships.filter(role__in=WRITE_ROLES).values_list("organisation_id", flat=True))
        user._editor_org_ids = cached
    return cached


def admin_organisation_ids(user) -> set[int]:
    """Organisations whose people the user manages as an organisation admin."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_admin_org_ids", None)
    if cached is None:
        cached = set(user.memberships.filter(role=Role.ADMIN).values_list("organisation_id", flat=True))
        user._admin_org_ids = cached
    return cached


def may_see_people(user, organisation) -> bool:
    """Members of any role and the programme team see who belongs to an organisation."""
    return is_programme_team(user) or organisation.pk in member_organisation_ids(user)


def may_manage_people(user, organisation) -> bool:
    """Organisation admins and the programme team add, change and remove an organisation's people."""
    return is_programme_team(user) or organisation.pk in admin_organisation_ids(user)


def can_write_anything(user) -> bool:
    return is_programme_team(user) or bool(editor_organisation_ids(user))


def public_name(user) -> str:
    """How a person is named to the public: by the organisations they belong to, never by name or email."""
    names = sorted({m.organisation.name for m in user.memberships.select_related("organisation")})
    return f"Someone at {' and '.join(names)}" if names else "A signed-in user"
