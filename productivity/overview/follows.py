"""Following board papers: whoever may see a paper may follow it, to be told by email when it is published."""

from productivity.overview.models import PaperFollow


def is_following(user, report) -> bool:
    return PaperFollow.objects.filter(user=user, report=report).exists()


def follow(user, report) -> PaperFollow:
    """``user`` follows ``report`` (once, however often they ask)."""
    return PaperFollow.objects.get_or_create(user=user, report=report)[0]


def unfollow(user, report) -> None:
    PaperFollow.objects.filter(user=user, report=report).delete()


def followed_by(user):
    """The papers ``user`` follows and may still see, most recently followed first."""
    from productivity.reports.models import Report

    visible = Report.objects.visible_to(user)
    return PaperFollow.objects.filter(user=user, report__in=visible).select_related("report")
