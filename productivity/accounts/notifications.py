"""Email to people, through Django's email framework (settings.EMAIL_BACKEND: the console in development and
demo mode, SMTP in production). Every link starts settings.SITE_URL, never the address of the request that
caused the email. A failure to send is logged, never shown to the person whose change caused it.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

log = logging.getLogger(__name__)


def site_link(name: str, *args, anchor: str = "") -> str:
    """The full address of the page named ``name``, on the configured site."""
    return settings.SITE_URL + reverse(name, args=args or None) + (f"#{anchor}" if anchor else "")


def render_email(template: str, context: dict) -> tuple[str, str]:
    """The subject (one line) and plain-text body of ``template``.subject.txt and ``template``.txt."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
    return subject, render_to_string(f"{template}.txt", context).strip() + "\n"


def send_each(people: Iterable, template: str, context_for: Callable[[object], dict]) -> int:
    """Email each active person with an address the message ``template`` renders from ``context_for(person)``;
    returns how many were sent."""
    messages = []
    for person in people:
        if not (person.is_active and person.email):
            continue
        subject, body = render_email(template, {"user": person, **context_for(person)})
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email]))
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except (smtplib.SMTPException, OSError):
        log.exception("Could not send %d %s emails", len(messages), template)
        return 0


class _Batch:
    def __init__(self, deliver: Callable[[list], None]):
        self.deliver = deliver
        self.items: list = []

    def flush(self) -> None:
        _open_batches().pop(self.deliver, None)
        self.deliver(self.items)


def _open_batches() -> dict:
    connection = transaction.get_connection()
    if not hasattr(connection, "_notification_batches"):
        connection._notification_batches = {}
    return connection._notification_batches


def after_commit(item, deliver: Callable[[list], None]) -> None:
    """Call ``deliver`` with every ``item`` queued for it once the transaction commits (at once outside one), so
    an import that records 400 amounts sends each person one email, and a rolled-back change none."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        deliver([item])
        return
    batches = _open_batches()
    batch = batches.get(deliver)
    if batch is None or not any(callback == batch.flush for _, callback, _ in connection.run_on_commit):
        batch = batches[deliver] = _Batch(deliver)
        transaction.on_commit(batch.flush)
    batch.items.append(item)
