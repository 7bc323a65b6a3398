"""Every figure of council spend people see: pages, API and downloads call ``rollup`` (or, for the register,
``by_supplier``), and nothing else adds spend up.

Spend is net: credits and refunds are negative lines and reduce it. A share is a part of the net spend of
the same lines; a supplier's class is its latest under the definition asked for (or under 'any', for classes
that are not a matter of size: public bodies, individuals and redacted names), as ``summaries.supplier_classes``
decides; "local" is a supplier in the paying council's region. Figures by council, period and category come
from the summaries the imports keep (spend_models.py): the yearly ones when nothing finer than a financial year
or a level-1 heading is asked for (``by_years``), else the monthly ones; figures by supplier (and council and
financial year, nothing finer, over whole years and every category) from the supplier summary
(``by_supplier_years``); other figures by supplier, and those by service area, from the lines, grouped by
supplier and classed the same way. Either way the lines behind a figure add up to it. The supplier register's
figures (net spend and councils paying, by supplier) are ``by_supplier``'s: the same supplier summary summed in
the database (for all the spend, summed ahead: ``SpendSupplierTotal``, one row a supplier, kept by ``summaries``
in the transaction that changes its rows), so that a QuerySet of suppliers can be sorted and paged on them.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth

from productivity.core.fiscal import financial_year_label, financial_year_of
from productivity.procurement import proclass, summaries
from productivity.procurement.models import (
    Definition,
    Size,
    SpendCategorySummary,
    SpendLine,
    SpendSummary,
    SpendSupplierSummary,
    SpendSupplierTotal,
    SpendYearHeadingSummary,
    SpendYearSummary,
    Supplier,
)

ASPIRATION = Decimal("0.25")  # the government's aspiration for the share of spend with SMEs
PERIODS = ("financial_year", "quarter", "month")
DIMENSIONS = ("council", *PERIODS, "category", "category2", "supplier", "service_area")
TOP_SUPPLIERS = 10
ZERO = Decimal("0.00")
SUPPLIER_GRAIN = {"supplier", "council", "financial_year"}  # what the supplier summary holds
QUARTERS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}


def definition_of(value: str | None) -> str:
    """The SME definition asked for (``?definition=``), the seed papers' when none or an unknown one is given."""
    return value if value in summaries.definitions() else Definition.SEEDS


def definition_choices() -> list[tuple[str, str]]:
    """The SME definitions a reader may choose between, as (value, label)."""
    return [(value, Definition(value).label) for value in (Definition.SEEDS, Definition.PROCUREMENT_ACT)]


@dataclass
class Shares:
    """Net spend of some lines and the parts of it with SMEs, VCSEs, local and unclassified suppliers."""

    definition: str
    total: Decimal = ZERO
    lines: int = 0
    by_size: dict[str, Decimal] = field(default_factory=dict)
    local: Decimal = ZERO

    def add(self, size: str, local: bool, total: Decimal, lines: int) -> None:
        self.total += total
        self.lines += lines
        self.by_size[size] = self.by_size.get(size, ZERO) + total
        if local:
            self.local += total

    @property
    def definition_label(self) -> str:
        return Definition(self.definition).label

    def _of(self, part: Decimal) -> Decimal | None:
        # A share only of spend there was: where credits and refunds come to as much as the payments or more
        # (net spend nil or below), a part of it is no share at all (-£5 of -£10 is not 50% of spend).
        return part / self.total if self.total > 0 else None

    @property
    def no_share(self) -> str:
        """Why the shares are blank, when they are (``total`` not above nil)."""
        return "No spend" if not self.total else "Net credit"

    @property
    def sme(self) -> Decimal:
        return self.by_size.get(Size.SME, ZERO)

    @property
    def vcse(self) -> Decimal:
        return self.by_size.get(Size.VCSE, ZERO)

    @property
    def unclassified(self) -> Decimal:
        return self.by_size.get("", ZERO)

    @property
    def sme_share(self) -> Decimal | None:
        return self._of(self.sme)

    @property
    def vcse_share(self) -> Decimal | None:
        return self._of(self.vcse)

    @property
    def local_share(self) -> Decimal | None:
        return self._of(self.local)

    @property
    def unclassified_share(self) -> Decimal | None:
        return self._of(self.unclassified)

    @property
    def meets_aspiration(self) -> bool | None:
        share = self.sme_share
        return None if share is None else share >= ASPIRATION


@dataclass(frozen=True)
class Scope:
    """Which spend a figure covers: councils (None: all), months from ``first`` to ``last`` (inclusive, either
    open), a category (a level-1 heading's key, or ProClass codes and prefixes, space separated)."""

    councils: tuple[int, ...] | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    category: str = ""
    definition: str = Definition.SEEDS

    def matches_category(self, code: str) -> bool:
        if not self.category:
            return True
        if proclass.heading_of(self.category) is not None:
            return proclass.level1(code).key == self.category
        return any(code.startswith(prefix) for prefix in self.category.split())

    @classmethod
    def for_year(cls, year: int | None, **options) -> "Scope":
        """The scope of one financial year (every year: None)."""
        if year is None:
            return cls(**options)
        return cls(first=dt.date(year, 4, 1), last=dt.date(year + 1, 3, 1), **options)


def _period(month: dt.date, period: str):
    if period == "financial_year":
        return financial_year_of(month)
    if period == "quarter":
        return financial_year_of(month), (month.month - 4) % 12 // 3 + 1
    return month


def _filtered(rows, scope: Scope, *, month_field: str = "month", council_field: str = "publisher"):
    if scope.councils is not None:
        rows = rows.filter(**{f"{council_field}__in": scope.councils})
    if scope.first:
        rows = rows.filter(**{f"{month_field}__gte": scope.first})
    if scope.last:
        after = dt.date(scope.last.year + scope.last.month // 12, scope.last.month % 12 + 1, 1)
        rows = rows.filter(**{f"{month_field}__lt": after})
    return rows


def _key(by: Sequence[str], row: dict, names: dict | None = None) -> tuple:
    key = []
    for dimension in by:
        if dimension == "council":
            key.append(row["publisher"])
        elif dimension in PERIODS:
            key.append(row["year"] if "year" in row else _period(row["month"], dimension))
        elif dimension == "category":
            key.append(proclass.level1_by_key(row["heading"]) if "heading" in row
                       else proclass.level1(row["category"] or ""))
        elif dimension == "category2":
            key.append(proclass.level2(row["category"] or ""))
        elif dimension == "supplier":
            key.append((row["supplier"], names[row["supplier"]]))
        else:
            key.append(row["service_area"])
    return tuple(key)


def rollup(scope: Scope, by: Sequence[str] = ()) -> dict[tuple, Shares]:
    """{key: Shares} of the spend in ``scope``, one key per combination of the ``by`` dimensions (a tuple of
    their values in that order; () for all of it): "council" (its id), "financial_year" (its first year),
    "quarter" ((year, 1-4)), "month" (its first day), "category"/"category2" (a proclass.Heading),
    "supplier" ((id, name)) or "service_area". Keys come sorted."""
    unknown = set(by) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"Unknown dimensions: {', '.join(sorted(unknown))}")
    definition = definition_of(scope.definition)
    found: dict[tuple, Shares] = defaultdict(lambda: Shares(definition))
    if by_supplier_years(scope, by):
        _from_supplier_summary(scope, by, definition, found)
    elif {"supplier", "service_area"} & set(by):
        _from_lines(scope, by, definition, found)
    else:
        _from_summaries(scope, by, definition, found)
    return dict(sorted(found.items(), key=lambda item: tuple(_sortable(value) for value in item[0])))


def _sortable(value):
    return ("", value) if value is None else (type(value).__name__, value)


def _from_summaries(scope: Scope, by: Sequence[str], definition: str, found: dict) -> None:
    by_category = bool({"category", "category2"} & set(by)) or bool(scope.category)
    yearly = by_years(scope, by)
    if yearly:
        model = SpendYearHeadingSummary if by_category else SpendYearSummary
        period, category = "year", "heading"
        rows = _filtered_years(model.objects.filter(definition=definition), scope)
        if scope.category:
            rows = rows.filter(heading=scope.category)
    else:
        model = SpendCategorySummary if by_category else SpendSummary
        period, category = "month", "category"
        rows = _filtered(model.objects.filter(definition=definition), scope)
        if scope.category:
            rows = rows.filter(_category_filter(scope.category))
    grouping = ["size"]
    if "council" in by:
        grouping.append("publisher")
    if set(PERIODS) & set(by):
        grouping.append(period)
    if by_category:
        grouping.append(category)
    # Local spend as a sum of its own: half the rows to send and add up than grouping by it.
    sums = {"sum_total": Sum("total"), "sum_lines": Sum("lines"), "sum_local": Sum("total", filter=Q(local=True))}
    for row in rows.order_by().values(*grouping).annotate(**sums):
        if by_category and not yearly and not scope.matches_category(row["category"]):
            continue
        shares = found[_key(by, row)]
        shares.add(row["size"], False, summaries.pence(row["sum_total"]), row["sum_lines"])
        if row["sum_local"] is not None:
            shares.local += summaries.pence(row["sum_local"])


def by_years(scope: Scope, by: Sequence[str]) -> bool:
    """Whether the yearly summaries can answer: nothing finer than a financial year or a level-1 heading is
    asked for, and the scope's months are whole financial years."""
    if {"quarter", "month", "category2"} & set(by):
        return False
    if scope.first is not None and (scope.first.month, scope.first.day) != (4, 1):
        return False
    if scope.last is not None and scope.last.month != 3:
        return False
    return not scope.category or proclass.heading_of(scope.category) is not None


def by_supplier_years(scope: Scope, by: Sequence[str]) -> bool:
    """Whether the supplier summary can answer: by supplier, and by nothing but council and financial year,
    over whole financial years and all categories."""
    return "supplier" in by and set(by) <= SUPPLIER_GRAIN and not scope.category and by_years(scope, by)


def _from_supplier_summary(scope: Scope, by: Sequence[str], definition: str, found: dict) -> None:
    rows = _filtered_years(SpendSupplierSummary.objects.filter(definition=definition), scope)
    columns = {"supplier": "supplier", "council": "publisher", "financial_year": "year"}
    grouping = ["supplier", "supplier__name", "size", *(columns[name] for name in by if name != "supplier")]
    # Where each of ``by`` sits in a row (the supplier is (id, name), made from the first two): rows come as
    # tuples, hundreds of thousands of them at scale.
    places = {name: 3 + index for index, name in enumerate(name for name in by if name != "supplier")}
    sums = {"sum_total": Sum("total"), "sum_lines": Sum("lines"), "sum_local": Sum("total", filter=Q(local=True))}
    pence = summaries.pence
    for row in rows.order_by().values_list(*grouping).annotate(**sums).iterator(chunk_size=20_000):
        key = tuple((row[0], row[1]) if name == "supplier" else row[places[name]] for name in by)
        shares = found[key]
        shares.add(row[2], False, pence(row[-3]), row[-2])
        if row[-1] is not None:
            shares.local += pence(row[-1])


def _whole(scope: Scope) -> bool:
    """Whether ``scope`` is all the spend: every council, every year (the register's own figures answer it)."""
    return scope.councils is None and scope.first is None and scope.last is None


def by_supplier(scope: Scope):
    """Net spend, lines and paying councils of each supplier paid in ``scope``, summed in the database: rows
    {"supplier", "total", "lines", "councils"}. The totals and lines are ``rollup(scope, ("supplier",))``'s, and
    ``councils`` is how many keys ``rollup(scope, ("supplier", "council"))`` has for the supplier; both read
    the same supplier summary, so the register can sort and page on them without fetching every pair."""
    if not by_supplier_years(scope, ("supplier",)):
        raise ValueError("Figures by supplier in the database cover whole financial years and every category")
    definition = definition_of(scope.definition)
    if _whole(scope):
        # All the spend: the supplier summary added up already (one row a supplier, kept with it).
        return SpendSupplierTotal.objects.filter(definition=definition).values("supplier", "total", "lines",
                                                                                "councils")
    rows = _filtered_years(SpendSupplierSummary.objects.filter(definition=definition), scope)
    return rows.order_by().values("supplier").annotate(
        total=Sum("total"), lines=Sum("lines"), councils=Count("publisher", distinct=True))


def with_supplier_figures(suppliers, scope: Scope, *, fetch: bool = True):
    """``suppliers`` (a Supplier QuerySet) with ``by_supplier``'s ``total`` (None: paid nothing in ``scope``, a
    merged supplier say), ``lines`` and ``councils`` (0 when unpaid), still a QuerySet: filters, ordering and
    paging stay in SQL. ``fetch`` False: only to filter and sort by (aliases), not read with each row, so rows
    skipped on the way to a later page are not worked out (``supplier_figures`` gives the rows shown theirs)."""
    figures = by_supplier(scope)  # refuses a scope the supplier summary cannot answer
    if _whole(scope):
        # by_supplier's rows for all the spend, joined (LEFT OUTER JOIN ... AND definition = ...), not looked up a
        # supplier at a time: sorting 50,000 suppliers by net spend reads them in one pass.
        joined = suppliers.alias(register_row=FilteredRelation(
            "register_totals", condition=Q(register_totals__definition=definition_of(scope.definition))))
        add = joined.annotate if fetch else joined.alias
        return add(total=F("register_row__total"), lines=Coalesce(F("register_row__lines"), 0),
                   councils=Coalesce(F("register_row__councils"), 0))
    figures = figures.filter(supplier=OuterRef("pk"))

    def one(name: str, output_field):
        return Subquery(figures.values(name)[:1], output_field=output_field)

    money = DecimalField(max_digits=16, decimal_places=2)
    add = suppliers.annotate if fetch else suppliers.alias
    return add(total=one("total", money), lines=Coalesce(one("lines", IntegerField()), 0),
               councils=Coalesce(one("councils", IntegerField()), 0))


def supplier_figures(scope: Scope, supplier_ids: Sequence[int] | None = None) -> dict[int, dict]:
    """``by_supplier``'s rows by supplier id, of the suppliers in ``supplier_ids`` (every supplier: None); a
    supplier paid nothing in ``scope`` has none."""
    rows = by_supplier(scope)
    if supplier_ids is not None:
        rows = rows.filter(supplier__in=supplier_ids)
    return {row["supplier"]: row for row in rows}


def _filtered_years(rows, scope: Scope):
    if scope.councils is not None:
        rows = rows.filter(publisher__in=scope.councils)
    if scope.first:
        rows = rows.filter(year__gte=scope.first.year)
    if scope.last:
        rows = rows.filter(year__lte=scope.last.year - 1)
    return rows


def _category_filter(category: str) -> Q:
    """What selects a category's codes in the database (matches_category then checks each row exactly)."""
    if proclass.heading_of(category) is None:
        wanted = Q()
        for prefix in category.split():
            wanted |= Q(category__startswith=prefix)
        return wanted
    ranges, inside, outside = proclass.code_ranges(category)
    wanted = Q(category__in=inside)
    for first, before in ranges:
        wanted |= Q(category__gte=first, category__lt=before) & ~Q(category__in=outside)
    return wanted


def _from_lines(scope: Scope, by: Sequence[str], definition: str, found: dict) -> None:
    lines = _filtered(SpendLine.objects.all(), scope, month_field="payment_date")
    grouping = ["supplier", "publisher", "proclass_code"]
    if set(PERIODS) & set(by):
        lines = lines.annotate(month=TruncMonth("payment_date"))
        grouping.append("month")
    if "service_area" in by:
        grouping.append("service_area")
    rows = list(lines.order_by().values(*grouping).annotate(sum_total=Sum("amount"), count=Count("pk")))
    suppliers = {row["supplier"] for row in rows}
    classes = summaries.supplier_classes(suppliers)
    regions = dict(_councils(rows))
    names = dict(Supplier.objects.filter(pk__in=suppliers).values_list("pk", "name")) if "supplier" in by else None
    for row in rows:
        row["category"] = row["proclass_code"]
        if not scope.matches_category(row["category"]):
            continue
        kind = classes[row["supplier"]]
        local = bool(kind.region) and kind.region == regions[row["publisher"]]
        found[_key(by, row, names)].add(kind.sizes[definition], local, summaries.pence(row["sum_total"]),
                                        row["count"])


def _councils(rows):
    from productivity.organisations.models import Organisation

    return Organisation.objects.filter(pk__in={row["publisher"] for row in rows}).values_list("pk", "region")


def combined(figures: dict[tuple, Shares], definition: str) -> Shares:
    """The shares of all the spend ``rollup`` gave, added together (the same as asking for it all)."""
    total = Shares(definition_of(definition))
    for part in figures.values():
        for size, amount in part.by_size.items():
            total.by_size[size] = total.by_size.get(size, ZERO) + amount
        total.total += part.total
        total.lines += part.lines
        total.local += part.local
    return total


def years(scope: Scope) -> list[int]:
    """The financial years the councils of ``scope`` have spend in (every council: None), first to last."""
    found = _filtered_years(SpendYearSummary.objects.filter(definition=definition_of(scope.definition)),
                            Scope(councils=scope.councils)).aggregate(first=Min("year"), last=Max("year"))
    if found["first"] is None:
        return []
    return list(range(found["first"], found["last"] + 1))


def publishing(definition: str = Definition.SEEDS):
    """The councils with spend in the summaries, by name."""
    from productivity.organisations.models import Organisation

    held = SpendYearSummary.objects.filter(definition=definition_of(definition), publisher=OuterRef("pk"))
    return Organisation.objects.filter(Exists(held)).order_by("name")


def shares(scope: Scope) -> Shares:
    """The shares of all the spend in ``scope``."""
    return rollup(scope).get((), Shares(definition_of(scope.definition)))


def largest_first(figures: dict[tuple, Shares]) -> list[tuple[tuple, Shares]]:
    """``rollup``'s answer ordered by net spend, largest first (then by key)."""
    return sorted(figures.items(), key=lambda item: -item[1].total)


@dataclass(frozen=True)
class Concentration:
    """The suppliers paid most and what part of the spend they had."""

    suppliers: list[tuple[tuple, Shares]]  # [((supplier id, name), Shares)], the largest first
    total: Decimal
    count: int  # suppliers paid in all

    @property
    def spend(self) -> Decimal:
        return sum((figures.total for _, figures in self.suppliers), ZERO)

    @property
    def share(self) -> Decimal | None:
        return None if not self.total else self.spend / self.total


def top_suppliers(scope: Scope, count: int = TOP_SUPPLIERS) -> Concentration:
    """The ``count`` suppliers paid most in ``scope``, and their share of its net spend."""
    by_supplier = rollup(scope, ("supplier",))
    total = sum((figures.total for figures in by_supplier.values()), ZERO)
    ranked = [((key[0]), figures) for key, figures in largest_first(by_supplier)]
    return Concentration(ranked[:count], total, len(ranked))


def period_label(key, period: str) -> str:
    if period == "financial_year":
        return financial_year_label(key)
    if period == "quarter":
        year, quarter = key
        return f"{financial_year_label(year)} Q{quarter} ({QUARTERS[quarter]})"
    return key.strftime("%B %Y") if key else ""


def councils_of(text: str | Sequence[str] | None) -> tuple[int, ...] | None:
    """Helper for filters: organisation ids from a list of slugs (None when none is given)."""
    from productivity.organisations.models import Organisation

    if not text:
        return None
    slugs = text.split(",") if isinstance(text, str) else list(text)
    return tuple(Organisation.objects.filter(Q(slug__in=slugs)).values_list("pk", flat=True))
