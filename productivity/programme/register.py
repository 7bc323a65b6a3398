"""The benefits register: one row per saving, with its totals and how far its realised amounts are checked.

The page and its download come from one table definition. The download carries what the savings
importer needs to match each row to its saving (saving reference, project reference, council GSS code), under
the importer's own headings, so a downloaded register imports back changing nothing.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.urls import reverse
from markupsafe import Markup

from productivity.core.fiscal import financial_year_label
from productivity.core.tables import Column, Filter
from productivity.organisations.models import Organisation
from productivity.programme import rollups
from productivity.programme.models import AmountKind, Initiative, Saving, SavingAmount, Verification, Workstream

# How far a saving's realised amounts have been checked: (label, tag colour), from the counts ``savings_for`` adds.
STATES = {
    "none": ("No realised amounts", "grey"),
    "awaiting": ("Awaiting verification", "yellow"),
    "verified": ("Verified", "turquoise"),
    "audited": ("Audited", "green"),
}


def state_of(saving: Saving) -> str:
    """The key in STATES of the saving's verification state."""
    if not saving.realised_count:
        return "none"
    if saving.unverified_count:
        return "awaiting"
    return "verified" if saving.audited_count < saving.realised_count else "audited"


def savings_for(projects):
    """The savings of ``projects`` with what the register shows and filters on, in one query."""
    realised = Q(amounts__kind=AmountKind.REALISED)
    return (
        Saving.objects.filter(project__in=projects)
        .select_related("project", "organisation")
        .annotate(
            realised_count=Count("amounts", filter=realised),
            unverified_count=Count("amounts", filter=realised & Q(amounts__verification=Verification.UNVERIFIED)),
            audited_count=Count("amounts", filter=realised & Q(amounts__verification=Verification.AUDITED)),
        )
        .order_by("project__reference", "title", "pk")
    )


@dataclass
class RegisterRow:
    saving: Saving
    figures: rollups.SavingsFigures
    state: str


def rows_with_totals(savings, basis: rollups.Basis) -> list[RegisterRow]:
    """Each saving with its expected, forecast and realised totals on ``basis`` (from the one roll-up)."""
    shown = list(savings)
    amounts = SavingAmount.objects.filter(saving__in=[saving.pk for saving in shown])
    totals = rollups.savings_by(amounts, "saving", basis)
    return [RegisterRow(saving, totals.get(saving.pk, rollups.SavingsFigures()), state_of(saving))
            for saving in shown]


def search(savings, text: str):
    """Savings whose reference, title, description, service, measure, owner, project or council holds every word."""
    for word in text.split():
        savings = savings.filter(
            Q(reference__icontains=word) | Q(title__icontains=word) | Q(description__icontains=word)
            | Q(service__icontains=word)
            | Q(measure__icontains=word) | Q(owner__icontains=word) | Q(project__reference__icontains=word)
            | Q(project__title__icontains=word) | Q(organisation__name__icontains=word)
        )
    return savings


def _in_state(savings, key: str):
    """The savings whose ``state_of`` is ``key``, as a filter of the database."""
    if key == "none":
        return savings.filter(realised_count=0)
    if key == "awaiting":
        return savings.filter(unverified_count__gt=0)
    settled = savings.filter(realised_count__gt=0, unverified_count=0)
    if key == "audited":
        return settled.filter(audited_count=F("realised_count"))
    return settled.exclude(audited_count=F("realised_count"))


def filters(user, projects) -> list[Filter]:
    """The register's filters; only councils, initiatives and years of savings ``user`` may see are offered."""
    seen = Saving.objects.filter(project__in=projects)
    councils = Organisation.objects.filter(pk__in=seen.values("organisation_id")).order_by("name")
    years = sorted(set(SavingAmount.objects.filter(saving__in=seen).order_by()
                       .values_list("financial_year", flat=True).distinct()))
    return [
        Filter("council", "Council", [(c.slug, c.name) for c in councils],
               lambda qs, v: qs.filter(organisation__slug=v)),
        Filter("workstream", "Workstream", [(w.slug, w.name) for w in Workstream.objects.all()],
               lambda qs, v: qs.filter(project__initiative__workstream__slug=v)),
        Filter("initiative", "Initiative", [(i.slug, i.name) for i in Initiative.objects.visible_to(user)],
               lambda qs, v: qs.filter(project__initiative__slug=v)),
        Filter("year", "Financial year", [(str(y), financial_year_label(y)) for y in years],
               lambda qs, v: qs.filter(pk__in=SavingAmount.objects.filter(financial_year=int(v))
                                       .values("saving_id"))),
        Filter("class", "Class", list(Saving.BenefitClass.choices), lambda qs, v: qs.filter(benefit_class=v)),
        # Not "verification": that parameter chooses the basis of the figures (all or verified-only).
        Filter("state", "Verification", [(key, label) for key, (label, _) in STATES.items()], _in_state),
    ]


def _saving_link(row: RegisterRow) -> str:
    return reverse("programme:project", args=[row.saving.project.reference]) + f"#saving-{row.saving.pk}"


def _title_html(row: RegisterRow) -> Markup:
    return Markup('<a class="govuk-link" href="{}">{}</a><span class="pp-cell-note">{}</span>').format(
        _saving_link(row), row.saving.title, row.saving.reference)


def _project_link(row: RegisterRow) -> str:
    return reverse("programme:project", args=[row.saving.project.reference])


def _class_html(row: RegisterRow) -> Markup:
    saving = row.saving
    text = Markup("{}, {}").format(saving.get_benefit_class_display(), saving.get_recurrence_display().lower())
    if saving.is_disbenefit:
        text += Markup(' <strong class="govuk-tag govuk-tag--red">Dis-benefit</strong>')
    return text


def _owner_html(row: RegisterRow) -> Markup:
    return Markup('{}<span class="pp-cell-note">{}</span>').format(row.saving.owner, row.saving.measure)


def _state_html(row: RegisterRow) -> Markup:
    label, colour = STATES[row.state]
    return Markup('<strong class="govuk-tag govuk-tag--{}">{}</strong>').format(colour, label)


def _baseline(row: RegisterRow):
    return row.saving.baseline_value


def _code(organisation: Organisation) -> str:
    return organisation.gss_code or organisation.slug


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


COLUMNS = [
    # Identifiers for re-importing: under the savings importer's headings.
    Column("reference", "Saving reference", lambda r: r.saving.reference, on_page=False),
    Column("title", "Saving", lambda r: r.saving.title, order_by="title", html=_title_html, in_download=False),
    Column("project", "Project", lambda r: r.saving.project.reference, order_by="project", link=_project_link,
           in_download=False),
    Column("project_reference", "Project reference", lambda r: r.saving.project.reference, on_page=False),
    Column("project_title", "Project title", lambda r: r.saving.project.title, on_page=False),
    Column("council_code", "Council code", lambda r: _code(r.saving.organisation), on_page=False),
    Column("council", "Council", lambda r: r.saving.organisation.name, order_by="council", in_download=False),
    Column("council_name", "Council name", lambda r: r.saving.organisation.name, on_page=False),
    Column("saving_title", "Saving title", lambda r: r.saving.title, on_page=False),
    Column("description", "Description", lambda r: r.saving.description, on_page=False),
    Column("service", "Service", lambda r: r.saving.service, on_page=False),
    Column("owner_measure", "Owner and measure", lambda r: f"{r.saving.owner}: {r.saving.measure}",
           html=_owner_html, in_download=False),
    Column("measure", "Measure", lambda r: r.saving.measure, on_page=False),
    Column("owner", "Owner", lambda r: r.saving.owner, on_page=False),
    Column("class_recurrence", "Class", lambda r: r.saving.get_benefit_class_display(), html=_class_html,
           in_download=False),
    Column("benefit_class", "Class", lambda r: r.saving.get_benefit_class_display(), on_page=False),
    Column("recurrence", "Recurrence", lambda r: r.saving.get_recurrence_display(), on_page=False),
    Column("disbenefit", "Dis-benefit", lambda r: _yes_no(r.saving.is_disbenefit), on_page=False),
    Column("baseline", "Baseline", _baseline, kind="money", order_by="baseline", in_download=False),
    Column("baseline_value", "Baseline value", _baseline, kind="money", on_page=False),
    Column("baseline_date", "Baseline date", lambda r: r.saving.baseline_date, kind="date", on_page=False),
    Column("baseline_description", "Baseline description", lambda r: r.saving.baseline_description,
           on_page=False),
    Column("expected", "Expected", lambda r: r.figures.expected, kind="money", order_by="expected"),
    Column("forecast", "Forecast", lambda r: r.figures.forecast, kind="money", order_by="forecast"),
    Column("realised", "Realised", lambda r: r.figures.realised, kind="money", order_by="realised"),
    Column("state", "Verification", lambda r: STATES[r.state][0], html=_state_html, order_by="state",
           in_download=False),
    Column("state_label", "Verification state", lambda r: STATES[r.state][0], on_page=False),
]
