"""The programme's tables: one definition per table drives its page, CSV and XLSX."""

from django.urls import reverse

from productivity.core.fiscal import financial_year_label
from productivity.core.tables import Column, Filter
from productivity.programme.models import (
    AmountKind,
    Initiative,
    ProjectStatus,
    Rag,
    SavingAmount,
    Verification,
    Workstream,
)


def _project_link(project) -> str:
    return reverse("programme:project", args=[project.reference])


PROJECT_COLUMNS = [
    Column("reference", "Reference", lambda p: p.reference, order_by="reference", link=_project_link),
    Column("title", "Title", lambda p: p.title, order_by="title", link=_project_link),
    Column("initiative", "Initiative", lambda p: p.initiative.name, order_by="initiative__name"),
    Column("lead", "Lead organisation", lambda p: p.lead),
    Column("status", "Status", lambda p: p.get_status_display(), order_by="status"),
    Column("rag", "RAG", lambda p: p.get_rag_display() or "Not rated", order_by="rag"),
    Column("start_date", "Start", lambda p: p.start_date, kind="date", order_by="start_date"),
    Column("illustrative", "Illustrative", lambda p: "Yes" if p.is_illustrative else "No"),
]


def project_filters(user) -> list[Filter]:
    """Filters for the projects table; only initiatives ``user`` may see are offered."""
    return [
        Filter("workstream", "Workstream", [(w.slug, w.name) for w in Workstream.objects.all()],
               lambda qs, v: qs.filter(initiative__workstream__slug=v)),
        Filter("initiative", "Initiative", [(i.slug, i.name) for i in Initiative.objects.visible_to(user)],
               lambda qs, v: qs.filter(initiative__slug=v)),
        Filter("status", "Status", list(ProjectStatus.choices), lambda qs, v: qs.filter(status=v)),
        Filter("rag", "RAG rating", list(Rag.choices), lambda qs, v: qs.filter(rag=v)),
    ]


def _saving_project_link(amount) -> str:
    return reverse("programme:project", args=[amount.saving.project.reference])


SAVINGS_COLUMNS = [
    Column("project", "Project", lambda a: a.saving.project.reference, order_by="saving__project__reference",
           link=_saving_project_link),
    Column("saving", "Saving", lambda a: a.saving.title, order_by="saving__title"),
    Column("council", "Council", lambda a: a.saving.organisation.name, order_by="saving__organisation__name"),
    Column("service", "Service", lambda a: a.saving.service, order_by="saving__service"),
    Column("class", "Class", lambda a: a.saving.get_benefit_class_display()),
    Column("recurrence", "Recurrence", lambda a: a.saving.get_recurrence_display()),
    Column("disbenefit", "Dis-benefit", lambda a: "Yes" if a.saving.is_disbenefit else "No"),
    Column("year", "Financial year", lambda a: financial_year_label(a.financial_year), order_by="financial_year"),
    Column("kind", "Kind", lambda a: a.get_kind_display(), order_by="kind"),
    Column("amount", "Amount", lambda a: a.amount, kind="money", order_by="amount"),
    Column("cost", "Delivery cost", lambda a: a.delivery_cost, kind="money", order_by="delivery_cost"),
    Column("verification", "Verification", lambda a: a.get_verification_display() if a.verification else ""),
]


def savings_filters(user) -> list[Filter]:
    """Filters for the savings register; only initiatives ``user`` may see are offered."""
    years = sorted(SavingAmount.objects.order_by().values_list("financial_year", flat=True).distinct())
    return [
        Filter("workstream", "Workstream", [(w.slug, w.name) for w in Workstream.objects.all()],
               lambda qs, v: qs.filter(saving__project__initiative__workstream__slug=v)),
        Filter("initiative", "Initiative", [(i.slug, i.name) for i in Initiative.objects.visible_to(user)],
               lambda qs, v: qs.filter(saving__project__initiative__slug=v)),
        Filter("kind", "Kind", list(AmountKind.choices), lambda qs, v: qs.filter(kind=v)),
        Filter("year", "Financial year", [(str(y), financial_year_label(y)) for y in years],
               lambda qs, v: qs.filter(financial_year=int(v))),
        # Not "verification": that parameter chooses the basis of the figures (all or verified-only).
        Filter("verification_status", "Verification", [c for c in Verification.choices if c[0]],
               lambda qs, v: qs.filter(verification=v)),
    ]
