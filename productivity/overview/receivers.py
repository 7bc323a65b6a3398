"""Who is emailed when: an amount awaits their verification, a paper awaits their clearance, a paper they
follow was published. Each recipient is found by the same rule the page that acts on it applies.

The receivers only queue a task (overview.tasks) once the change commits; the background worker finds the
recipients and sends, so no page waits for the mail server.
"""

from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from productivity.accounts.models import User
from productivity.accounts.notifications import after_commit, send_each, site_link
from productivity.accounts.roles import WRITE_ROLES
from productivity.organisations.models import OrganisationKind
from productivity.programme.models import AmountKind, SavingAmount, Verification
from productivity.reports import queries as report_queries
from productivity.reports.signals import paper_published, paper_submitted

_EDITORS = Q(memberships__role__in=WRITE_ROLES)
_PROGRAMME_TEAM = _EDITORS & Q(memberships__organisation__kind=OrganisationKind.PROGRAMME_TEAM)


def _awaiting(amount: SavingAmount) -> bool:
    return amount.kind == AmountKind.REALISED and amount.verification == Verification.UNVERIFIED


# An amount awaits verification ------------------------------------------------------------------------------

@receiver(pre_save, sender=SavingAmount, dispatch_uid="overview-amount-was-awaiting")
def _remember_whether_it_was_awaiting(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._was_awaiting = False
        return
    instance._was_awaiting = SavingAmount.objects.filter(
        pk=instance.pk, kind=AmountKind.REALISED, verification=Verification.UNVERIFIED).exists()


@receiver(post_save, sender=SavingAmount, dispatch_uid="overview-amount-awaits-verification")
def _amount_saved(sender, instance, created, raw=False, **kwargs):
    # Recorded, or sent back to unverified by a change: once each time it starts to wait.
    if not raw and _awaiting(instance) and not getattr(instance, "_was_awaiting", False):
        after_commit(instance.pk, _queue_verifiers)


def _queue_verifiers(amount_ids: list[int]) -> None:
    from productivity.overview.tasks import amounts_to_verify

    amounts_to_verify.enqueue(sorted(set(amount_ids)))


def _may_verify(user, amount_ids) -> list[int]:
    """Which of ``amount_ids`` ``user`` may verify: as the verify page decides (records they change, not their own)."""
    amounts = SavingAmount.objects.editable_by(user).awaiting_verification().not_withdrawn().exclude(entered_by=user)
    return list(amounts.filter(pk__in=amount_ids).values_list("pk", flat=True))


def verifiers(amount_ids) -> dict[User, list[int]]:
    """Who is told that ``amount_ids`` await verification: the editors of the councils taking part in each
    amount's project who may verify it (never its author); the programme team for any no council editor may."""
    projects = SavingAmount.objects.filter(pk__in=amount_ids).values("saving__project")
    councils = User.objects.filter(_EDITORS, is_active=True,
                                   memberships__organisation__participations__project__in=projects).distinct()
    found: dict[User, list[int]] = {}
    for user in councils:
        if mine := _may_verify(user, amount_ids):
            found[user] = mine
    told = {pk for mine in found.values() for pk in mine}
    left = [pk for pk in amount_ids if pk not in told]
    if left:
        for user in User.objects.filter(_PROGRAMME_TEAM, is_active=True).distinct():
            if mine := _may_verify(user, left):
                found[user] = mine
    return found


def tell_verifiers(amount_ids: list[int]) -> None:
    """Email each person who may verify some of ``amount_ids`` one message listing them."""
    recipients = verifiers(sorted(set(amount_ids)))
    if not recipients:
        return
    amounts = SavingAmount.objects.filter(pk__in={pk for mine in recipients.values() for pk in mine}).select_related(
        "saving__project", "saving__organisation", "entered_by")
    by_pk = {amount.pk: amount for amount in amounts}

    def context(user):
        listed = [by_pk[pk] for pk in sorted(recipients[user])]
        return {"amounts": [(amount, site_link("programme:amount-verify", amount.saving.project.reference, amount.pk))
                            for amount in listed],
                "your_work": site_link("overview:your-work", anchor="to-verify")}

    send_each(recipients, "overview/email/amounts_to_verify", context)


# Board papers -------------------------------------------------------------------------------------------------

def clearers(report) -> list[User]:
    """The members of the programme team who may clear ``report`` (never its author or submitter)."""
    team = User.objects.filter(_PROGRAMME_TEAM | Q(is_superuser=True), is_active=True).distinct()
    return [user for user in team if report_queries.papers_awaiting_clearance(user).filter(pk=report.pk).exists()]


@receiver(paper_submitted, dispatch_uid="overview-paper-awaits-clearance")
def _paper_submitted(sender, report, by=None, **kwargs):
    from productivity.overview.tasks import paper_to_clear

    paper_to_clear.enqueue(report.pk, getattr(by, "pk", None))


def tell_clearers(report, by=None) -> None:
    """Email the members of the programme team who may clear ``report`` that it awaits them."""
    link = site_link("reports:detail", report.pk)
    send_each(clearers(report), "overview/email/paper_to_clear", lambda user: {"report": report, "by": by,
                                                                                "link": link})


def followers(report) -> list[User]:
    """Who hears that ``report`` was published: those who follow it or the paper it corrects or follows on from,
    and the people the reports app names (its author, submitter, clearer)."""
    from productivity.overview.models import PaperFollow

    followed = [pk for pk in (report.pk, report.corrects_id, report.previous_id) if pk]
    people = {follow.user for follow in PaperFollow.objects.filter(report_id__in=followed).select_related("user")}
    people |= set(report_queries.paper_followers(report))
    return sorted(people, key=lambda user: user.email)


@receiver(paper_published, dispatch_uid="overview-followed-paper-published")
def _paper_published(sender, report, by=None, supersedes=None, **kwargs):
    from productivity.overview.tasks import paper_published

    paper_published.enqueue(report.pk, getattr(by, "pk", None), getattr(supersedes, "pk", None))


def tell_followers(report, by=None, supersedes=None) -> None:
    """Email those who follow ``report`` (and may see it) that it was published, except who published it."""
    link = site_link("reports:detail", report.pk)
    # The person who published it knows; and nobody is told of a paper they may not see.
    people = [user for user in followers(report)
              if user != by and report.__class__.objects.visible_to(user).filter(pk=report.pk).exists()]
    send_each(people, "overview/email/paper_published", lambda user: {"report": report, "supersedes": supersedes,
                                                                        "link": link})

