"""Category management pilots (item 8) as procurement sees them: a spend category and the councils managing it
together, so their spend in that category is compared side by side (the spend area's comparison page).

The programme holds each pilot as a project (PCM-01 to PCM-08: funding, savings, milestones, its councils as
participants). ``from_programme`` copies what procurement needs from those records, by reference, without
importing the programme app (the two are sibling domains): it reads them through the app registry.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import Exists, OuterRef

from productivity.organisations.models import Organisation
from productivity.procurement import proclass
from productivity.procurement.models import CategoryPilot, CategoryPilotCouncil

PILOT_PREFIX = "PCM-"
TITLE_MARK = " category management pilot: "
# The ProClass level-1 heading of each demo pilot's category, which the papers name in words only.
HEADINGS = {"residential and nursing care": "32", "children's placements": "32", "highways maintenance": "23",
            "energy": "37", "ICT": "27", "temporary agency staff": "26",
            "waste collection and disposal contracts": "18", "construction": "39"}


def pilot_councils(pilot: CategoryPilot | str):
    """The councils of ``pilot`` (a pilot or its reference) as a QuerySet, the lead first, then by name.

    For comparisons: ``SpendLine.objects.filter(publisher__in=pilot_councils(pilot))``."""
    if isinstance(pilot, str):
        pilot = CategoryPilot.objects.get(reference=pilot)
    leads = CategoryPilotCouncil.objects.filter(pilot=pilot, organisation=OuterRef("pk"), is_lead=True)
    return (Organisation.objects.filter(pk__in=pilot.memberships.values("organisation"))
            .annotate(is_pilot_lead=Exists(leads)).order_by("-is_pilot_lead", "name"))


def category_of(pilot: CategoryPilot) -> str:
    """The spend a pilot's councils are compared in, as ``rollups.Scope.category`` takes it: the pilot's ProClass
    codes, else the level-1 heading its category names ('' when neither is known: all their spend)."""
    return pilot.proclass_codes.strip() or HEADINGS.get(pilot.category, "")


def compared_in(asked: str, pilot: CategoryPilot | None = None) -> tuple[str, str]:
    """The spend councils are compared in, as (``Scope.category``, what to call it): the level-1 heading asked
    for (``?category=``), else the pilot's own category, else all their spend."""
    heading = proclass.heading_of(asked)
    if heading is None and pilot is not None:
        own = category_of(pilot)
        heading = proclass.heading_of(own)
        if heading is None and own:
            return own, f"ProClass {own}"
    return (heading.key, heading.label) if heading else ("", "all spend")


def lead(pilot: CategoryPilot) -> Organisation | None:
    found = pilot.memberships.filter(is_lead=True).select_related("organisation").first()
    return found.organisation if found else None


def pilots_of(organisation: Organisation):
    """The pilots a council takes part in."""
    return CategoryPilot.objects.filter(memberships__organisation=organisation).distinct()


@transaction.atomic
def from_programme() -> list[CategoryPilot]:
    """Make (or bring up to date) a pilot for each of the programme's category management pilot projects."""
    if not apps.is_installed("productivity.programme"):
        return []
    project_model = apps.get_model("programme", "Project")
    made = []
    projects = project_model.objects.filter(reference__startswith=PILOT_PREFIX).prefetch_related("participants")
    for project in projects.order_by("reference"):
        region, _, category = project.title.partition(TITLE_MARK)
        pilot, _ = CategoryPilot.objects.update_or_create(reference=project.reference, defaults={
            "name": project.title, "category": category or project.title, "region": region if category else "",
            "is_illustrative": project.is_illustrative})
        wanted = {participant.organisation_id: participant.role == "lead" for participant in
                  project.participants.all()}
        pilot.memberships.exclude(organisation__in=list(wanted)).delete()
        for organisation, is_lead in wanted.items():
            CategoryPilotCouncil.objects.update_or_create(pilot=pilot, organisation_id=organisation,
                                                          defaults={"is_lead": is_lead})
        made.append(pilot)
    return made
