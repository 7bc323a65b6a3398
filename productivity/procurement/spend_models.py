"""Spend summed ahead of time, so that the analysis pages answer at once however many lines are held.

Each row is the net spend and number of lines of one council in one month, with suppliers of one class
(size under one definition, and local or not); the category summary splits it further by ProClass code.
Two coarser grains answer the pages that look across councils and years without reading every month: the
same by financial year, and by financial year and ProClass level-1 heading. ``rollups`` decides which grain
answers a question. They hold nothing the spend lines do not: ``summaries`` keeps every grain equal to the
lines (an import adds its lines to all of them in the transaction that saves the lines; reclassifying or
merging suppliers rebuilds the months, and so the years, they were paid in), and a test proves it.
Imported into models.py (its end).
"""

from django.db import models


class _Figures(models.Model):
    # No constraints in the database on these references: a summary holds what lines say (whose references are
    # the lines' own), and every import batch adds to thousands of summary rows, each of which a constraint would
    # look up again at commit. Deleting a council or a supplier still deletes its summaries (CASCADE, by Django).
    # The council has no index of its own either: each summary's unique constraint begins with it.
    publisher = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+",
                                  db_constraint=False, db_index=False)
    definition = models.CharField(max_length=10, help_text="The SME definition the size is under")
    size = models.CharField(max_length=20, blank=True, help_text="The suppliers' class; blank: unclassified")
    local = models.BooleanField(help_text="Suppliers in the paying council's region")
    total = models.DecimalField(max_digits=16, decimal_places=2, help_text="Net spend (credits subtract)")
    lines = models.PositiveIntegerField()

    class Meta:
        abstract = True


class _Summary(_Figures):
    month = models.DateField(help_text="The first day of the month the payments were made in")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.publisher_id} {self.month:%Y-%m} {self.definition}/{self.size or 'unclassified'}: {self.total}"


class SpendSummary(_Summary):
    """A council's net spend in a month with one class of supplier."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publisher", "month", "definition", "size", "local"],
                                               name="procurement_one_spend_summary")]
        indexes = [models.Index(fields=["definition", "publisher", "month"], name="procurement_summary_def")]

    def __str__(self) -> str:
        return super().__str__()


class SpendCategorySummary(_Summary):
    """The same, split by the ProClass code the council gave its lines (blank: none given)."""

    category = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publisher", "month", "category", "definition", "size",
                                                       "local"], name="procurement_one_category_summary")]
        indexes = [models.Index(fields=["definition", "category", "publisher"], name="procurement_category_def")]

    def __str__(self) -> str:
        return f"{super().__str__()} in {self.category or 'no category'}"


# What the pages across councils add up, held in the index itself (PostgreSQL): they read it and not the table.
COVERED = ["publisher", "size", "local", "total", "lines"]


class _YearSummary(_Figures):
    year = models.PositiveSmallIntegerField(help_text="The financial year, by the calendar year it starts in")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.publisher_id} {self.year}-{(self.year + 1) % 100:02d} {self.definition}/" \
               f"{self.size or 'unclassified'}: {self.total}"


class SpendYearSummary(_YearSummary):
    """A council's net spend in a financial year with one class of supplier (SpendSummary's months added up)."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publisher", "year", "definition", "size", "local"],
                                               name="procurement_one_year_summary")]
        indexes = [models.Index(fields=["definition", "year"], include=COVERED, name="procurement_year_def")]

    def __str__(self) -> str:
        return super().__str__()


class SpendYearHeadingSummary(_YearSummary):
    """The same, split by ProClass level-1 heading (``proclass.level1(code).key``; 'unclassified': no code)."""

    heading = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publisher", "year", "heading", "definition", "size",
                                                       "local"], name="procurement_one_year_heading_summary")]
        indexes = [models.Index(fields=["definition", "heading", "year"], include=COVERED,
                                name="procurement_year_heading_def")]

    def __str__(self) -> str:
        return f"{super().__str__()} in {self.heading}"


class SpendSupplierSummary(_YearSummary):
    """A council's net spend with one supplier in a financial year (classed as the supplier is): the register
    and every figure by supplier read these, not the lines. Kept by ``summaries`` with the other grains."""

    supplier = models.ForeignKey("procurement.Supplier", on_delete=models.CASCADE, related_name="+",
                                 db_constraint=False, db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publisher", "year", "supplier", "definition", "size",
                                                       "local"], name="procurement_one_supplier_summary")]
        # No figures held in the index: an import batch adds to tens of thousands of these rows, and a row whose
        # indexes hold nothing it changes is updated where it lies (PostgreSQL's heap-only update, with room left
        # on each page for it: migration 0008), not written again into every index.
        indexes = [models.Index(fields=["supplier", "definition"], name="procurement_supplier_by")]

    def __str__(self) -> str:
        return f"{super().__str__()} to supplier {self.supplier_id}"


class SpendSupplierTotal(models.Model):
    """All the spend with one supplier, under one definition: the supplier register's figures (net spend, lines
    and councils paying), sorted and paged on without adding up every supplier's summary rows per request. Each
    is the supplier summary's rows for the supplier added up (``summaries.refresh_supplier_totals``), redone for
    the suppliers whose rows change, in the same transaction."""

    supplier = models.ForeignKey("procurement.Supplier", on_delete=models.CASCADE, related_name="register_totals",
                                 db_constraint=False, db_index=False)
    definition = models.CharField(max_length=10, help_text="The SME definition the summary rows are under")
    total = models.DecimalField(max_digits=16, decimal_places=2, help_text="Net spend (credits subtract)")
    lines = models.PositiveIntegerField()
    councils = models.PositiveIntegerField(db_default=0, help_text="How many councils have paid the supplier")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supplier", "definition"],
                                               name="procurement_one_supplier_total")]

    def __str__(self) -> str:
        return f"Supplier {self.supplier_id} ({self.definition}): {self.total} from {self.councils} councils"
