"""Writes about people: memberships, passwords, demo accounts and API tokens."""

import secrets
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from productivity.accounts.models import ApiToken, Membership, Role, User
from productivity.audit.models import AuditEntry
from productivity.audit.registry import record_event
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


# An organisation's people, managed by its admins -----------------------------------------------------------------

# No 0/o, 1/l/i: the admin reads the password out or types it into a message.
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """A random password of four groups of four characters (about 79 bits), easy to read out."""
    groups = ("".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


@dataclass(frozen=True)
class AddedPerson:
    membership: Membership
    temporary_password: str | None  # only for a new account; the only copy there is


@transaction.atomic
def add_person(organisation: Organisation, email: str, full_name: str, role: str) -> AddedPerson:
    """``email`` belongs to ``organisation`` with ``role``: an existing account joins it, a new one gets a
    temporary password it must change. Raises ValidationError if they already belong."""
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email=email).first()
    if user is not None and Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError({"email": f"{user} already belongs to {organisation.name}. "
                                        "Change their role in the list of people instead"})
    password = None
    if user is None:
        password = temporary_password()
        try:
            with transaction.atomic():
                user = User.objects.create_user(email=email, password=password, full_name=full_name.strip(),
                                                must_change_password=True)
        except IntegrityError as exc:  # another admin created the account a moment ago
            raise ValidationError({"email": f"An account for {email} was created a moment ago: add them again"}) \
                from exc
    elif not user.full_name and full_name.strip():
        user.full_name = full_name.strip()
        user.save(update_fields=["full_name"])
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    except IntegrityError as exc:  # someone added them a moment ago
        raise ValidationError({"email": f"{user} already belongs to {organisation.name}"}) from exc
    return AddedPerson(membership, password)


def _refuse_losing_the_last_admin(membership: Membership, by: User, doing: str) -> None:
    """An admin may not leave their organisation without an admin by their own hand."""
    if membership.user_id != by.pk or membership.role != Role.ADMIN:
        return
    # Lock the organisation's admins so that two admins stepping down at once cannot both succeed.
    admins = list(Membership.objects.select_for_update()
                  .filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
                  .values_list("pk", flat=True))
    if admins == [membership.pk]:
        raise ValidationError(
            f"You are the only organisation admin of {membership.organisation.name}, so you cannot {doing}. "
            "Make someone else an organisation admin first")


@transaction.atomic
def change_role(membership: Membership, role: str, *, by: User) -> Membership:
    """``membership`` has ``role``; refused (ValidationError) if it would demote the last admin by their own hand."""
    if role != Role.ADMIN:
        _refuse_losing_the_last_admin(membership, by, "change your own role")
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_person(membership: Membership, *, by: User) -> None:
    """The person no longer belongs to the organisation (their account stays); the last admin cannot remove
    themselves (ValidationError)."""
    _refuse_losing_the_last_admin(membership, by, "remove yourself")
    membership.delete()


@transaction.atomic
def change_password(user: User, new_password: str) -> User:
    """``user`` signs in with ``new_password`` from now on and is no longer asked to replace a temporary one."""
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    return user


@transaction.atomic
def reset_password(user: User, new_password: str) -> User:
    """As change_password, from a reset link; any sign-in lock-out on the account is lifted too."""
    change_password(user, new_password)
    unlock(user.email)
    return user


# Sign-in lock-outs (django-axes keeps one record per username and client address) ------------------------------

def lockout_threshold() -> int:
    return settings.AXES_FAILURE_LIMIT


def locked_out_attempts():
    """The username and address pairs locked out of signing in now, most recent first."""
    since = timezone.now() - get_cool_off()
    return (AccessAttempt.objects.filter(failures_since_start__gte=lockout_threshold(), attempt_time__gte=since)
            .order_by("-attempt_time"))


def locked_out_emails(emails) -> set[str]:
    """Which of ``emails`` are locked out of signing in from some address now."""
    wanted = {email.lower() for email in emails}
    found = locked_out_attempts().values_list("username", flat=True)
    return {username.lower() for username in found if username and username.lower() in wanted}


def unlock(username: str, ip_address: str | None = None) -> int:
    """``username`` may try to sign in again (from ``ip_address`` only, if given); returns the lock-outs lifted."""
    attempts = AccessAttempt.objects.filter(username__iexact=username.strip())
    if ip_address:
        attempts = attempts.filter(ip_address=ip_address)
    lifted = locked_out_attempts().filter(pk__in=attempts.values("pk")).count()
    attempts.delete()
    return lifted


@transaction.atomic
def unlock_for(username: str, ip_address: str | None = None, *, organisations=None) -> int:
    """As unlock, by someone who chose to (an organisation admin, the programme team): a lock-out lifted is
    recorded in the audit trail by whoever is acting, in the history of each of ``organisations`` (by default
    every organisation the person belongs to)."""
    lifted = unlock(username, ip_address)
    if not lifted:
        return 0
    user = User.objects.filter(email__iexact=username.strip()).first()
    before = f"Locked out from {ip_address}" if ip_address else "Locked out"
    changes = {"sign-in": [before, "Unlocked: may try to sign in again"]}
    if user is None:  # a username that is no account: recorded on its own
        record_event(User(), AuditEntry.Action.UNLOCK, changes, label=f"{username.strip()} (not an account)")
        return lifted
    if organisations is None:
        organisations = [membership.organisation for membership in user.memberships.select_related("organisation")]
    for organisation in organisations or [None]:
        record_event(user, AuditEntry.Action.UNLOCK, changes, parent=organisation)
    return lifted


def recent_unlocks(limit: int = 50):
    """The sign-in unlocks recorded most recently, one line per unlock (not per organisation told of it)."""
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.UNLOCK).select_related("user", "content_type")
    seen, found = set(), []
    for entry in entries[:limit * 4]:
        key = (entry.content_type_id, entry.object_id, entry.at.replace(microsecond=0), entry.user_id)
        if key not in seen:
            seen.add(key)
            found.append(entry)
    return found[:limit]


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
    """The active user a token belongs to, or None for an unknown, expired or revoked token."""
    if not secret:
        return None
    token = (ApiToken.objects.select_related("user")
             .filter(token_hash=ApiToken.hash(secret), revoked_at__isnull=True, expires_at__gt=timezone.now(),
                     user__is_active=True).first())
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
