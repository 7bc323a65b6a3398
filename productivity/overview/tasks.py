"""The notification emails, sent by the background worker (`manage.py db_worker`). Each task is given ids
and looks the records up when it runs: a record deleted in the meantime is simply not mentioned."""

from django_tasks import task

from productivity.accounts.models import User
from productivity.overview import receivers
from productivity.reports.models import Report


def _person(pk: int | None) -> User | None:
    return User.objects.filter(pk=pk).first() if pk else None


@task()
def amounts_to_verify(amount_ids: list[int]) -> None:
    """Tell each person who may verify some of ``amount_ids`` which, in one email."""
    receivers.tell_verifiers(amount_ids)


@task()
def paper_to_clear(report_id: int, by_id: int | None) -> None:
    """Tell the programme team's members who may clear the paper that it awaits them."""
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        receivers.tell_clearers(report, by=_person(by_id))


@task()
def paper_published(report_id: int, by_id: int | None, supersedes_id: int | None) -> None:
    """Tell the paper's followers that it was published (and what it corrects)."""
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        supersedes = Report.objects.filter(pk=supersedes_id).first() if supersedes_id else None
        receivers.tell_followers(report, by=_person(by_id), supersedes=supersedes)
