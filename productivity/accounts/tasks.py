"""Emails about a person's own account, sent by the background worker (`manage.py db_worker`) rather than while
the request that asked for them waits: a slow or failing mail server never slows or breaks a page.

A task is given ids, never a message: the worker renders the email (and makes a reset link's token) when it
sends it, so no link that signs someone in is stored in the task's row.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from productivity.accounts.models import User
from productivity.accounts.notifications import send_each


def link_hours() -> int:
    """How many hours a reset link works for, as the email and the page after asking say."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


def _reset_context(user: User) -> dict:
    return {"uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
            "link_hours": link_hours()}


@task()
def send_password_reset(user_id: int) -> int:
    """Email the person a link to choose a new password (if they still may reset one); returns emails sent."""
    people = [user for user in User.objects.filter(pk=user_id, is_active=True) if user.has_usable_password()]
    return send_each(people, "accounts/email/password_reset", _reset_context)
