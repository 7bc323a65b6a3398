"""People, their organisations and roles, and their API tokens."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from productivity.organisations.models import Organisation, OrganisationKind


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    EDITOR = "editor", "Editor"
    ADMIN = "admin", "Organisation admin"


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        return super().create_superuser(email, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with their email address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    must_change_password = models.BooleanField(
        default=False, help_text="Set when an organisation admin creates the account with a temporary password")

    objects = EmailUserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.username = self.email
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_programme_team(self) -> bool:
        """Programme-wide rights: an editor or admin of the programme team's organisation."""
        cached = getattr(self, "_is_programme_team", None)
        if cached is None:
            cached = self.memberships.filter(
                organisation__kind=OrganisationKind.PROGRAMME_TEAM, role__in=[Role.EDITOR, Role.ADMIN]
            ).exists()
            self._is_programme_team = cached
        return cached


def _role_label(value: str) -> str:
    """A role as people read it; the audit trail stores the label on save and the code on delete."""
    return Role(value).label if value in Role.values else value


class Membership(models.Model):
    """A person's role in one organisation. Its changes are shown on the organisation's people page."""

    # The entry's description already names the person and the organisation; the role is what changes.
    AUDIT_FORMATS = {"role": _role_label}

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"

    def audit_parent(self):
        return self.organisation


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the token is shown once when created. It stops working
    when it expires (settings.API_TOKEN_LIFETIME_DAYS after it was issued) or is revoked."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        token = "pp_" + secrets.token_urlsafe(32)
        now = timezone.now()
        expires_at = now + dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
        record = cls.objects.create(user=user, name=name, prefix=token[:8], token_hash=cls.hash(token),
                                    created_at=now, expires_at=expires_at)
        return record, token

    @property
    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()


# Password reset requests (gaps): what the reset page's rate limit counts ---------------------------------------

class PasswordResetRequest(models.Model):
    """One accepted request for a reset link. The address asked for is kept only as a keyed hash (anyone may type
    anyone's address); rows older than the limit's window are removed as new requests arrive."""

    address_hash = models.CharField(max_length=64, db_index=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Password reset asked for from {self.client_ip or 'an unknown address'} at {self.at:%Y-%m-%d %H:%M}"
