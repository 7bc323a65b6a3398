"""What happens to a board paper, for whoever needs to know (the "Your work" page, email notifications).

Each signal is sent once the change is committed, with ``sender=Report``, ``report`` and ``by`` (the person
who acted):

- ``paper_submitted``: a draft was submitted for clearance; ``papers_awaiting_clearance(user)`` in
  reports.queries lists who may now clear it.
- ``paper_cleared``: a second member of the programme team cleared it; its writers may publish it.
- ``paper_returned``: it went back to draft (withdrawn by its writers or returned by a clearer), with ``reason``.
- ``paper_published``: it was published; ``supersedes`` is the paper it corrects (now superseded) or None.
  ``paper_followers(report)`` in reports.queries names the people who follow it.
"""

from django.db import transaction
from django.dispatch import Signal

paper_submitted = Signal()
paper_cleared = Signal()
paper_returned = Signal()
paper_published = Signal()


def send_on_commit(signal: Signal, report, **details) -> None:
    """Send ``signal`` after the surrounding transaction commits, so receivers never see a change rolled back."""
    transaction.on_commit(lambda: signal.send(sender=type(report), report=report, **details))
