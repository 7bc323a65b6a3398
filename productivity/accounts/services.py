"""Writes about people: memberships, demo accounts and API tokens."""

from django.db import transaction
from django.utils import timezone

from productivity.accounts.models import ApiToken, Membership, User
from productivity.organisations.models import Organisation


@transaction.atomic
def ensure_member(email: str, organisation: Organisation, role: str, *, password: str | None = None,
                  full_name: str = "") -> User:
    """The user with this email exists, belongs to ``organisation`` with ``role``; re-running changes nothing."""
    user = User.objects.filter(email=email.lower()).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
    elif password and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    return user


def create_demo_accounts(accounts) -> list[User]:
    """Create (or reset) the demo accounts; raises Organisation.DoesNotExist if reference data is missing."""
    users = []
    for account in accounts:
        organisation = Organisation.objects.get(slug=account.organisation_slug)
        users.append(ensure_member(account.email, organisation, account.role, password=account.password,
                                   full_name=account.name))
    return users


def issue_token(user: User, name: str) -> str:
    """A new API token for ``user``; the returned secret is the only copy."""
    _, secret = ApiToken.issue(user, name)
    return secret


def revoke_token(user: User, token_id: int) -> bool:
    return bool(ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True)
                .update(revoked_at=timezone.now()))


def user_for_token(secret: str) -> User | None:
    """The active user a token belongs to, or None for an unknown or revoked token."""
    if not secret:
        return None
    token = (ApiToken.objects.select_related("user")
             .filter(token_hash=ApiToken.hash(secret), revoked_at__isnull=True, user__is_active=True).first())
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
