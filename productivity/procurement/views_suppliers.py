"""The supplier register's pages: a supplier's page, the review queue of proposed matches and its decisions,
the supplier-size data, and paying suppliers on time.

The register and its size data are published (anyone sees them). The review queue is not: a council's
people see the proposals touching a supplier it pays, its editors decide them, the programme team sees and
decides all; anyone else gets 404 for a proposal.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min, Sum
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html

from productivity.core.access import get_for_user
from productivity.core.exports import table_or_download
from productivity.core.form_pages import done, form_page, form_response, posted, saved
from productivity.core.tables import Column, Filter
from productivity.organisations.models import Organisation
from productivity.procurement import payments, rollups, suppliers
from productivity.procurement.models import MatchProposal, SpendLine, Supplier, SupplierMerge, SupplierSize

HOME = {"text": "Home", "href": "/"}
PROCUREMENT = {"text": "Procurement", "href": "/procurement/"}
SUPPLIERS = {"text": "Suppliers", "href": "/procurement/suppliers/"}
REVIEW = {"text": "Matches to review", "href": "/procurement/suppliers/review/"}


def supplier_link(supplier: Supplier) -> str:
    return reverse("procurement:supplier", args=[supplier.pk])


# ---- a supplier's page -----------------------------------------------------------------------------------------

def supplier(request, pk: int):
    """A supplier: its names as published, identifiers, class history, the councils paying it, merges, sizes."""
    found = get_object_or_404(Supplier.objects.visible_to(request.user), pk=pk)
    lines = SpendLine.objects.visible_to(request.user).filter(supplier=found)
    paid = (lines.order_by().values("publisher").annotate(total=Sum("amount"), count=Count("pk"),
                                                         first=Min("payment_date"), last=Max("payment_date"))
            .order_by("-total"))
    councils = Organisation.objects.in_bulk([row["publisher"] for row in paid])
    spellings = (lines.order_by().values("supplier_name").annotate(count=Count("pk"))
                 .order_by("-count", "supplier_name")[:50])
    merge = SupplierMerge.objects.filter(supplier=found).select_related("into", "merged_by").first()
    merged_from = list(found.merged_from.select_related("supplier", "merged_by"))
    return render(request, "procurement/supplier.html", {
        "council_links": {pk: format_html('<a class="govuk-link" href="{}">{}</a>',
                                          reverse("procurement:council", args=[o.slug]), o.name)
                          for pk, o in councils.items()},
        "supplier_links": {m.supplier.pk: format_html('<a class="govuk-link" href="{}">{}</a>',
                                                      supplier_link(m.supplier), m.supplier.name)
                           for m in merged_from},
        "title": found.name, "supplier": found, "merge": merge, "now": suppliers.current(found),
        "merged_from": merged_from,
        "paid": [(councils[row["publisher"]], row) for row in paid],
        "spellings": spellings, "classifications": suppliers.history(found),
        "sizes": found.sizes.all()[:20],
        "breadcrumbs": [HOME, PROCUREMENT, SUPPLIERS, {"text": found.name}],
    })


# ---- the review queue -------------------------------------------------------------------------------------------

PROPOSAL_COLUMNS = [
    Column("supplier", "Newly seen supplier", lambda p: p.supplier.name, link=lambda p: supplier_link(p.supplier),
           order_by="supplier__normalised_name"),
    Column("candidate", "May be the same as", lambda p: p.candidate.name, link=lambda p: supplier_link(p.candidate),
           order_by="candidate__normalised_name"),
    Column("score", "How alike (0 to 100)", lambda p: p.score, kind="number", order_by="score"),
    Column("status", "Status", lambda p: p.get_status_display()),
    Column("proposed", "Proposed", lambda p: p.proposed_at.date(), kind="date", order_by="proposed_at"),
    Column("decide", "Decide", lambda p: "Decide" if p.status == MatchProposal.Status.PENDING else "",
           link=lambda p: reverse("procurement:proposal", args=[p.pk]), in_download=False),
]


def _status_filter() -> Filter:
    return Filter("status", "Status", list(MatchProposal.Status.choices),
                  lambda rows, value: rows.filter(status=value))


@login_required
def review(request):
    """The proposals this person may see, the undecided first (?status= chooses)."""
    rows = MatchProposal.objects.visible_to(request.user).select_related("supplier", "candidate")
    undecided_only = "status" not in request.GET  # "All" in the filter asks for ?status= (every status)
    if undecided_only:
        rows = rows.pending()
    table, download = table_or_download(
        request, rows, PROPOSAL_COLUMNS, "supplier-matches", filters=[_status_filter()],
        search=lambda found, text: found.filter(supplier__name__icontains=text) | found.filter(
            candidate__name__icontains=text))
    if download:
        return download
    if undecided_only:
        table.selected["status"] = MatchProposal.Status.PENDING
    review_threshold, automatic = suppliers_thresholds()
    return render(request, "procurement/review.html", {
        "title": "Supplier matches to review", "table": table, "review": review_threshold,
        "automatic": automatic, "breadcrumbs": [HOME, PROCUREMENT, SUPPLIERS, {"text": "Matches to review"}],
    })


def suppliers_thresholds():
    from productivity.procurement.matching import thresholds

    return thresholds()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Are these the same supplier?", widget=forms.RadioSelect,
        choices=[("merge", "Yes: merge them (the newly seen supplier's payments move to the other; its record is "
                           "kept, marked as merged)"),
                 ("reject", "No: they are different suppliers (they will not be proposed again)")])
    reason = forms.CharField(label="Why (optional)", required=False, max_length=500, widget=forms.Textarea(
        attrs={"rows": 3}), help_text="For example: the same Companies House number on their invoices")


@login_required
@form_page
def proposal(request, pk: int):
    """Confirm or reject one proposal: its council's editors (a supplier it pays) and the programme team."""
    found = get_for_user(MatchProposal.objects.select_related("supplier", "candidate"), request.user, write=True,
                         pk=pk)
    back = reverse("procurement:review")
    form = DecisionForm(*posted(request))

    def write(form):
        try:
            if form.cleaned_data["decision"] == "merge":
                suppliers.merge(found, request.user, form.cleaned_data["reason"])
                return f"{found.supplier.name} merged into {found.candidate.name}"
            suppliers.reject(found, request.user, form.cleaned_data["reason"])
            return f"{found.supplier.name} and {found.candidate.name} recorded as different suppliers"
        except suppliers.Refused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal

    message = saved(request, form, write)
    if message:
        return done(request, message, back)
    facts = []
    for label, one in (("Newly seen supplier", found.supplier), ("May be the same as", found.candidate)):
        payers = ", ".join(Organisation.objects.filter(pk__in=one.spend_lines.values("publisher")).order_by(
            "name").values_list("name", flat=True)) or "none"
        numbers = "; ".join(f"{name} {getattr(one, field)}" for field, name in (
            ("companies_house_number", "Companies House"), ("vat_number", "VAT"), ("charity_number", "Charity"))
            if getattr(one, field)) or "no identifiers"
        facts.append((label, f"{one.name} ({numbers}; paid by {payers})"))
    facts += [("How alike (0 to 100)", str(found.score)), ("Status", found.get_status_display())]
    return form_response(request, form, title="Are these the same supplier?", back=back, submit="Record decision",
                         facts=facts, caption="Supplier matches to review",
                         breadcrumbs=[HOME, PROCUREMENT, SUPPLIERS, REVIEW, {"text": "Decide"}])


# ---- supplier size data -----------------------------------------------------------------------------------------

SIZE_COLUMNS = [
    Column("supplier", "Supplier", lambda s: s.supplier.name, link=lambda s: supplier_link(s.supplier),
           order_by="supplier__normalised_name"),
    Column("as_of", "Date", lambda s: s.as_of, kind="date", order_by="as_of"),
    Column("employees", "Employees", lambda s: s.employees, kind="number", order_by="employees"),
    Column("turnover", "Turnover", lambda s: s.turnover, kind="money", order_by="turnover"),
    Column("balance_sheet_total", "Balance sheet total", lambda s: s.balance_sheet_total, kind="money"),
    Column("vcse", "VCSE", lambda s: {True: "Yes", False: "No"}.get(s.is_vcse, "")),
    Column("public_body", "Public body", lambda s: {True: "Yes", False: "No"}.get(s.is_public_body, "")),
    Column("postcode", "Postcode", lambda s: s.postcode),
    Column("region", "Region", lambda s: s.region),
    Column("source", "Source", lambda s: s.source),
]


def sizes(request):
    """Supplier size data imported so far, and how to import more."""
    rows = SupplierSize.objects.select_related("supplier")
    table, download = table_or_download(
        request, rows, SIZE_COLUMNS, "supplier-sizes", default_sort="supplier",
        search=lambda found, text: found.filter(supplier__name__icontains=text))
    if download:
        return download
    return render(request, "procurement/sizes.html", {
        "title": "Supplier size data", "table": table, "staff_seeds": suppliers.SME_STAFF_SEEDS,
        "breadcrumbs": [HOME, PROCUREMENT, SUPPLIERS, {"text": "Size data"}],
    })


# ---- paying suppliers on time -----------------------------------------------------------------------------------

def _times_columns(first: list[Column]) -> list[Column]:
    return [
        *first,
        Column("invoices", "Invoices paid", lambda r: r[1].invoices, kind="number"),
        Column("value", "Value paid", lambda r: r[1].value, kind="money"),
        Column("average", "Average days to pay", lambda r: r[1].average_days, kind="number"),
        Column("within_30", "Paid within 30 days", lambda r: r[1].within_30, kind="percent"),
        Column("31_to_60", "Paid in 31 to 60 days", lambda r: r[1].from_31_to_60, kind="percent"),
        Column("61_plus", "Paid in 61 days or more", lambda r: r[1].from_61, kind="percent"),
        Column("out_of_order", "Paid before the invoice date", lambda r: r[1].out_of_order, kind="number"),
    ]


def payment_period_columns(councils: dict, definition: str) -> list[Column]:
    label = rollups.Definition(definition).label
    return _times_columns([
        Column("council", "Council", lambda r: councils[r[0][0]].name),
        Column("period", "Reporting period", lambda r: payments.period_label(r[0][1])),
        Column("suppliers", "Suppliers", lambda r: payments.size_label(r[0][2])),
    ]) + [Column("definition", "SME definition", lambda r: label)]


def payment_supplier_columns(councils: dict) -> list[Column]:
    return _times_columns([
        Column("council", "Council", lambda r: councils[r[0][0]].name),
        Column("supplier", "Supplier", lambda r: r[0][1][1], link=lambda r: reverse("procurement:supplier",
                                                                                    args=[r[0][1][0]])),
    ])


def payment_rows(request, definition: str):
    """The lines the payments page and API read, and the council chosen (``?council=``), if any."""
    lines = SpendLine.objects.visible_to(request.user)
    slug = request.GET.get("council", "")
    council = Organisation.objects.filter(slug=slug).first() if slug else None
    if council is not None:
        lines = lines.for_council(council)
    return lines, council


def paying_on_time(request):
    """Days to pay, per council and six-month period with SMEs beside large suppliers, or per supplier."""
    definition = rollups.definition_of(request.GET.get("definition"))
    lines, council = payment_rows(request, definition)
    view = "suppliers" if request.GET.get("view") == "suppliers" else "periods"
    if view == "suppliers":
        figures = payments.payment_times(lines, ("publisher", "supplier"), definition)
    else:
        figures = payments.payment_times(lines, ("publisher", "period", "size"), definition)
    councils = Organisation.objects.in_bulk({key[0] for key in figures})
    columns = payment_supplier_columns(councils) if view == "suppliers" else payment_period_columns(councils,
                                                                                                   definition)
    rows = list(figures.items())
    if view == "suppliers":
        rows.sort(key=lambda row: (-(row[1].average_days or 0), row[0][1][1]))
    table, download = table_or_download(request, rows, columns, f"paying-suppliers-on-time-{view}", per_page=100)
    if download:
        return download
    publishers = Organisation.objects.filter(pk__in=payments.timed(SpendLine.objects.visible_to(
        request.user)).values("publisher")).order_by("name")
    overall = payments.payment_times(lines).get((), payments.PaymentTimes())
    return render(request, "procurement/payments.html", {
        "title": "Paying suppliers on time", "table": table, "view": view, "council": council,
        "publishers": publishers, "overall": overall, "definition": definition,
        "definitions": [(d.value, d.label) for d in (rollups.Definition.SEEDS, rollups.Definition.PROCUREMENT_ACT)],
        "breadcrumbs": [HOME, PROCUREMENT, {"text": "Paying suppliers on time"}],
    })
