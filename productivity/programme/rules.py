"""The programme's rules that forms, the API and the importers share."""

from django.core.validators import RegexValidator

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.organisations.models import Organisation
from productivity.programme import citations
from productivity.programme.models import FundingAward, Project, ProjectStatus, Saving, SavingAmount

# The years the programme's savings are planned and realised in (the board papers cover 2010/11 on).
FIRST_YEAR, LAST_YEAR = 2010, 2016
EVIDENCE_TYPES = {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".csv", ".txt", ".png", ".jpg", ".jpeg"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Paths the browse pages use under /programme/projects/: a project called "new" could not be reached.
RESERVED_REFERENCES = {"new"}

reference_format = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
    "The reference must start with a letter or number and contain only letters, numbers, hyphens, "
    "full stops and underscores, for example ASC-001",
)


def match_funders(user, project: Project):
    """Organisations whose match funding ``user`` may record on ``project``: councils they edit for that
    take part in it. (The programme team records any award.)"""
    return Organisation.objects.filter(pk__in=editor_organisation_ids(user), participations__project=project)


def may_change_award(user, award: FundingAward) -> bool:
    """Programme funding is the programme team's to record; a council changes only its own match funding."""
    if is_programme_team(user):
        return True
    return award.is_match_funding and award.funder_id in editor_organisation_ids(user)


FUNDED = {ProjectStatus.FUNDED, ProjectStatus.IMPLEMENTING, ProjectStatus.COMPLETE, ProjectStatus.CLOSED}


def protection(record) -> list[str]:
    """Why ``record`` must be withdrawn rather than deleted, as ends of "because ..."; empty for a draft that
    its editors may still delete (an unpublished, unfunded project with nothing realised; a planned amount)."""
    if isinstance(record, FundingAward):
        return ["it records funding awarded to the project"]
    if isinstance(record, SavingAmount):
        return ["it is a realised amount"] if record.kind == "realised" else []
    if isinstance(record, Saving):
        return ["it has realised amounts"] if record.amounts.filter(kind="realised").exists() else []
    if not isinstance(record, Project):
        return []  # milestones, risks, participants and the programme's own structure
    reasons = []
    if record.is_published:
        reasons.append("it is published")
    if record.status in FUNDED or record.funding_awards.exists():
        reasons.append("it has been funded")
    if SavingAmount.objects.filter(saving__project=record, kind="realised").exists():
        reasons.append("it has realised amounts")
    if record.pk and citations.is_cited(record.pk):
        reasons.append("a published board paper cites it")
    return reasons
