"""Finding the register's supplier for a name and identifiers a council published, adding it when new.

By identifier first (Companies House, VAT, charity number), then by exact normalised name when no
identifier says otherwise, then by a name alike enough (``names.similarity``, rapidfuzz): at or above
``PROCUREMENT_MATCH_AUTOMATIC`` it is the same supplier; between ``PROCUREMENT_MATCH_REVIEW`` and that, a new
supplier is added and a proposal that the two are one waits in the review queue (suppliers.py decides it).
A pair once rejected is never proposed again, and a supplier merged into another leads to that other.
Every redacted name is the one 'Redacted' supplier, classed as an individual.

Fuzzy candidates are looked for only among names sharing a block key (``names.blocks``: the first word, or
the longest), with ``rapidfuzz.process.extract`` over each block (names kept with their words
sorted, so the C ``ratio`` scorer gives the token-sort score without sorting per comparison), and each name is
decided once per import run (a million-line file names a few thousand suppliers).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from rapidfuzz import fuzz, process

from productivity.audit.registry import record_bulk, snapshot
from productivity.imports import bulk
from productivity.procurement import names
from productivity.procurement.models import (
    Definition,
    MatchProposal,
    Size,
    Source,
    Supplier,
    SupplierClassification,
    SupplierMerge,
)

AUTOMATIC = 95  # names at least this alike are one supplier, unasked
REVIEW = 85  # names at least this alike (and below AUTOMATIC) are proposed for review
CANDIDATES = 5  # the closest names in a block looked at for each new name


def thresholds() -> tuple[float, float]:
    """(review, automatic) from the settings, the review threshold never above the automatic one."""
    automatic = float(getattr(settings, "PROCUREMENT_MATCH_AUTOMATIC", AUTOMATIC))
    review = float(getattr(settings, "PROCUREMENT_MATCH_REVIEW", REVIEW))
    return min(review, automatic), automatic


def merged_targets() -> dict[int, int]:
    """{merged supplier: the supplier it now is}, following merges of merges to the end."""
    into = dict(SupplierMerge.objects.values_list("supplier_id", "into_id"))
    resolved = {}
    for start in into:
        seen, current = {start}, into[start]
        while current in into and into[current] not in seen:
            seen.add(current)
            current = into[current]
        resolved[start] = current
    return resolved

REDACTED = "Redacted"
IDENTIFIERS = ("companies_house_number", "vat_number", "charity_number")


@dataclass(frozen=True)
class Published:
    """A supplier as one line of a spend file names it."""

    name: str
    companies_house_number: str = ""
    vat_number: str = ""
    charity_number: str = ""


def redacted_supplier() -> Supplier:
    """The one supplier standing for every redacted name, classed as an individual (made when first needed)."""
    supplier, created = Supplier.objects.get_or_create(
        is_redacted=True, defaults={"name": REDACTED, "normalised_name": names.normalised(REDACTED)})
    if created:
        SupplierClassification.objects.create(
            supplier=supplier, size=Size.INDIVIDUAL, definition=Definition.ANY, source=Source.REDACTION,
            detail="Names held back by the publishing council")
    return supplier


class SupplierMatcher:
    """Remembers the register while a file is read: each supplier is looked up once, then found in memory."""

    def __init__(self, *, run=None, review: float | None = None, automatic: float | None = None,
                 defer_proposals: bool = False):
        configured = thresholds()
        self.review = configured[0] if review is None else review
        self.automatic = configured[1] if automatic is None else automatic
        self.run = run
        self.proposed = 0  # proposals made by this matcher
        self.added: set[int] = set()  # the suppliers this matcher added to the register
        self.fuzzy_matched = 0  # names taken as an existing supplier's, unasked
        self._by: dict[str, dict[str, int]] = {field: {} for field in (*IDENTIFIERS, "normalised_name")}
        self._identifiers: dict[int, dict[str, str]] = {}
        self._redacted: int | None = None
        # Block key -> (names with their words sorted, their suppliers), the lists rapidfuzz searches.
        self._blocks: dict[str, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
        self._compact: dict[str, int] = {}  # names without spaces: 'matrix s c m' finds 'matrix scm'
        self._names: dict[int, str] = {}  # supplier -> its normalised name, for the final score
        merged = merged_targets()
        # One reading of the register: a supplier another import adds meanwhile is either known here whole (its
        # numbers and its name to match) or not at all.
        rows = list(Supplier.objects.filter(is_redacted=False).values("pk", "normalised_name", *IDENTIFIERS)
                    .order_by("pk"))
        for row in rows:
            target = merged.get(row["pk"])
            if target is None:
                self._remember(row["pk"], row)
            else:  # a merged supplier's name and numbers lead to the one it was merged into
                for field in (*IDENTIFIERS, "normalised_name"):
                    if row[field]:
                        self._by[field].setdefault(row[field], target)
        for row in rows:
            if row["pk"] not in merged:
                self._block(row["pk"], row["normalised_name"])
        # An importer saving batches defers its proposals to ``flush``: one statement a batch, not three a proposal.
        self.defer_proposals = defer_proposals
        self._proposals: list[MatchProposal] = []
        self._filled: dict[int, dict[str, str]] = {}  # saved supplier -> identifiers to fill in
        self._made: dict[int, Supplier] = {}  # the suppliers this matcher added
        self._rejected = {frozenset(pair) for pair in MatchProposal.objects.filter(
            status=MatchProposal.Status.REJECTED).values_list("supplier_id", "candidate_id")}

    def _remember(self, pk: int, values: dict) -> None:
        known = self._identifiers.get(pk, {})
        self._identifiers[pk] = {field: values.get(field) or known.get(field, "") for field in IDENTIFIERS}
        for field in (*IDENTIFIERS, "normalised_name"):
            if values.get(field):
                self._by[field].setdefault(values[field], pk)

    def _block(self, pk: int, normalised: str) -> None:
        if len(normalised) < names.SHORTEST_FUZZY:
            return
        self._compact.setdefault(normalised.replace(" ", ""), pk)
        self._names[pk] = normalised
        ordered = names.sorted_words(normalised)
        for key in names.blocks(normalised):
            found, suppliers = self._blocks[key]
            found.append(ordered)
            suppliers.append(pk)

    def closest(self, normalised: str, given: dict[str, str] | None = None) -> tuple[int, float] | None:
        """The supplier whose name is most like ``normalised`` (at least the review threshold), and the score;
        never one whose identifiers contradict ``given``, nor one of a rejected pair with a supplier of this name."""
        if len(normalised) < names.SHORTEST_FUZZY:
            return None
        best: tuple[int, float] | None = None
        compact = self._compact.get(normalised.replace(" ", ""))
        if compact is not None and not (given and self._contradicts(compact, given)):
            return compact, 100.0
        ordered = names.sorted_words(normalised)
        for key in names.blocks(normalised):
            if key not in self._blocks:
                continue
            choices, suppliers = self._blocks[key]
            for _, _, index in process.extract(ordered, choices, scorer=fuzz.ratio, processor=None,
                                               score_cutoff=self.review, limit=CANDIDATES):
                pk = suppliers[index]
                score = names.similarity(normalised, self._names[pk])
                if score < self.review or (best is not None and score <= best[1]):
                    continue
                if given and self._contradicts(pk, given):
                    continue
                best = (pk, score)
        return best

    def supplier_id(self, published: Published) -> int:
        """The register's supplier for ``published``: found, or added (and any identifier it lacked filled in)."""
        if names.is_redacted(published.name):
            if self._redacted is None:
                self._redacted = redacted_supplier().pk
            return self._redacted
        given = {"companies_house_number": names.company_number(published.companies_house_number),
                 "vat_number": names.vat_number(published.vat_number),
                 "charity_number": names.identifier(published.charity_number)}
        given = {field: value for field, value in given.items() if value}
        for field, value in given.items():
            if value in self._by[field]:
                return self._completed(self._by[field][value], given)
        normalised = names.normalised(published.name)
        found = self._by["normalised_name"].get(normalised)
        if found is not None and not self._contradicts(found, given):
            return self._completed(found, given)
        close = self.closest(normalised, given)
        if close is not None and close[1] >= self.automatic:
            self.fuzzy_matched += 1
            self._by["normalised_name"].setdefault(normalised, close[0])  # decided once per run
            return self._completed(close[0], given)
        supplier = self._added(published.name, normalised, given)
        self._remember(supplier.pk, {"normalised_name": normalised, **given})
        self._block(supplier.pk, normalised)
        if close is not None and frozenset((supplier.pk, close[0])) not in self._rejected:
            if self.defer_proposals:  # saved together at the next flush, after the suppliers they name
                self._proposals.append(MatchProposal(supplier=supplier, candidate_id=close[0],
                                                     score=round(close[1], 1), run=self.run))
            else:
                self.flush()  # the suppliers it names are saved first (the new one, perhaps the candidate)
                MatchProposal.objects.create(supplier=supplier, candidate_id=close[0], score=round(close[1], 1),
                                             run=self.run)
            self.proposed += 1
        return supplier.pk

    def _contradicts(self, pk: int, given: dict[str, str]) -> bool:
        known = self._identifiers[pk]
        return any(known[field] and known[field] != value for field, value in given.items())

    def _completed(self, pk: int, given: dict[str, str]) -> int:
        known = self._identifiers[pk]
        missing = {field: value for field, value in given.items() if not known[field]}
        if missing:
            self._fill(pk, missing)
            self._remember(pk, {**known, **missing})
        return pk

    # ---- saving what was added, many suppliers a statement (importer.save_batch calls flush) -------------

    def _added(self, name: str, normalised: str, given: dict[str, str]) -> Supplier:
        """A new supplier, saved at the next ``flush`` (at once where ids cannot be reserved ahead: SQLite)."""
        if connection.vendor != "postgresql":
            supplier = Supplier.objects.create(name=name, normalised_name=normalised, **given)
        else:
            if not getattr(self, "_ids", None):
                self._ids = _reserved_ids(IDS_RESERVED)
            supplier = Supplier(pk=self._ids.pop(), name=name, normalised_name=normalised, **given)
            self._pending()[supplier.pk] = supplier
        if self.defer_proposals:
            self._made[supplier.pk] = supplier  # what the proposals flushed later name
        self.added.add(supplier.pk)
        return supplier

    def _fill(self, pk: int, missing: dict[str, str]) -> None:
        waiting = self._pending().get(pk)
        if waiting is not None:
            for field, value in missing.items():
                setattr(waiting, field, value)
        elif self.defer_proposals:  # saved with the batch's other changes at the next flush, one statement
            self._filled.setdefault(pk, {}).update(missing)
        else:
            Supplier.objects.filter(pk=pk).update(**missing)

    def _pending(self) -> dict[int, Supplier]:
        if not hasattr(self, "_waiting"):
            self._waiting: dict[int, Supplier] = {}
        return self._waiting

    def flush(self) -> None:
        """Save the suppliers added since the last flush (COPY on PostgreSQL), the identifiers filled in on
        suppliers saved before, then the proposals waiting: each recorded in the audit trail, in bulk (a
        proposal's entry names both its suppliers: they are fetched together)."""
        save_taken(self.taken())

    def taken(self) -> "Taken":
        """What was decided since the last ``taken``, for ``save_taken`` to save (perhaps in another thread, in
        the transaction of the lines naming these suppliers): the matcher forgets it as unsaved."""
        waiting = list(self._pending().values())
        self._waiting = {}
        filled, self._filled = self._filled, {}
        proposals, self._proposals = self._proposals, []
        named = {pk: self._made[pk] for proposal in proposals for pk in (proposal.supplier_id, proposal.candidate_id)
                 if pk in self._made}
        return Taken(waiting, filled, proposals, named)


@dataclass
class Taken:
    """Suppliers a matcher added, identifiers it filled in and proposals it made, not yet saved."""

    suppliers: list[Supplier]
    filled: dict[int, dict[str, str]]
    proposals: list[MatchProposal]
    made: dict[int, Supplier]  # the added suppliers the proposals name


def save_taken(taken: Taken) -> None:
    """Save what a matcher decided (``SupplierMatcher.flush``, or the writer of an import's batch)."""
    if taken.suppliers:
        bulk.insert_rows(Supplier, SUPPLIER_FIELDS,
                         ([getattr(supplier, name) for name in SUPPLIER_FIELDS] for supplier in taken.suppliers))
        _left_saved(taken.suppliers)
        record_bulk(taken.suppliers, insert=bulk.insert_rows)
    _save_filled(taken.filled)
    proposals = taken.proposals
    if proposals:
        wanted = {p.candidate_id for p in proposals} | {p.supplier_id for p in proposals}
        named = taken.made | Supplier.objects.in_bulk(wanted - taken.made.keys())
        for proposal in proposals:
            proposal.supplier, proposal.candidate = named[proposal.supplier_id], named[proposal.candidate_id]
        _insert_proposals(proposals)
        record_bulk(proposals, insert=bulk.insert_rows)


def _insert_proposals(proposals: list[MatchProposal]) -> None:
    """Save new proposals: with COPY on PostgreSQL, their ids taken from the sequence first (a file of many new
    suppliers proposes thousands of pairs, which Django's bulk_create took seconds to build statements for)."""
    if connection.vendor != "postgresql":
        MatchProposal.objects.bulk_create(proposals)
        return
    for proposal, pk in zip(proposals, _reserved_ids(len(proposals), MatchProposal), strict=True):
        proposal.pk = pk
    # Each value as the column takes it (a score is rounded to one place already, so the column stores it exactly).
    fields = [field.attname for field in MatchProposal._meta.concrete_fields]
    bulk.insert_rows(MatchProposal, fields, ([getattr(proposal, name) for name in fields] for proposal in proposals))
    _left_saved(proposals)


def _left_saved(objects) -> None:
    """Objects saved with COPY, marked saved as bulk_create leaves those it saves: a later save() updates them."""
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias


def _save_filled(filled: dict[int, dict[str, str]]) -> None:
    if not filled:
        return
    suppliers = list(Supplier.objects.filter(pk__in=list(filled)).order_by("pk"))
    before = {supplier.pk: snapshot(supplier) for supplier in suppliers}
    for supplier in suppliers:
        for field, value in filled[supplier.pk].items():
            setattr(supplier, field, value)
    bulk.update_rows(Supplier, IDENTIFIERS, [(supplier.pk, *(getattr(supplier, field) for field in IDENTIFIERS))
                                             for supplier in suppliers])
    record_bulk(suppliers, before, insert=bulk.insert_rows)


SUPPLIER_FIELDS = ("id", "name", "normalised_name", *IDENTIFIERS, "region", "is_redacted", "created_at")
IDS_RESERVED = 1000  # supplier ids taken from the sequence at a time


def _reserved_ids(count: int, model=Supplier) -> list[int]:
    """``count`` ids from the sequence of ``model``'s table (PostgreSQL), for rows saved together later."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return [row[0] for row in reversed(cursor.fetchall())]


def propose_matches(run=None) -> int:
    """Look through the whole register for pairs of suppliers whose names are alike (at least the review
    threshold) and propose each pair not already proposed or rejected; nothing is merged unasked. Returns the
    number of proposals made."""
    matcher = SupplierMatcher(run=run)
    known = {frozenset(pair) for pair in MatchProposal.objects.values_list("supplier_id", "candidate_id")}
    merged = merged_targets()
    made = 0
    rows = Supplier.objects.filter(is_redacted=False).exclude(pk__in=list(merged)).values(
        "pk", "normalised_name", *IDENTIFIERS).order_by("pk")
    for row in rows:
        given = {field: row[field] for field in IDENTIFIERS if row[field]}
        best = None
        ordered = names.sorted_words(row["normalised_name"])
        for key in names.blocks(row["normalised_name"]):
            choices, suppliers = matcher._blocks.get(key, ([], []))
            for _, _, index in process.extract(ordered, choices, scorer=fuzz.ratio, processor=None,
                                               score_cutoff=matcher.review, limit=CANDIDATES + 1):
                other = suppliers[index]
                score = names.similarity(row["normalised_name"], matcher._names[other])
                if other >= row["pk"] or score < matcher.review or matcher._contradicts(other, given):
                    continue
                if frozenset((row["pk"], other)) in known or frozenset((row["pk"], other)) in matcher._rejected:
                    continue
                if best is None or score > best[1]:
                    best = (other, score)
        if best is not None:
            MatchProposal.objects.create(supplier_id=row["pk"], candidate_id=best[0], score=round(best[1], 1), run=run)
            known.add(frozenset((row["pk"], best[0])))
            made += 1
    return made


NAMES_PER_QUERY = 500  # SQLite allows some hundreds of bound parameters per statement


def propose_twins(supplier_ids: set[int], run=None) -> int:
    """Propose for review each supplier of ``supplier_ids`` (those an import added) and any other in the register
    with the same normalised name and no identifier saying otherwise; the number of proposals made.

    Two imports running at once each read the register before the other saved its new suppliers, so each can add
    the same new supplier. Each import looks for such twins once its last batch is saved: whichever looks last
    sees both. Nothing is merged unasked (the other import may still be saving lines to its twin); a pair is
    proposed once (the later supplier merged into the earlier, as ``propose_matches`` proposes them), and a pair
    proposed or rejected before is not proposed again."""
    wanted = sorted(supplier_ids)
    mine: dict[str, list[dict]] = defaultdict(list)
    for start in range(0, len(wanted), NAMES_PER_QUERY):
        for row in Supplier.objects.filter(pk__in=wanted[start:start + NAMES_PER_QUERY], is_redacted=False).values(
                "pk", "normalised_name", *IDENTIFIERS):
            mine[row["normalised_name"]].append(row)
    merged = merged_targets()
    named = sorted(mine)
    pairs: dict[frozenset, tuple[int, int]] = {}
    for start in range(0, len(named), NAMES_PER_QUERY):
        others = Supplier.objects.filter(normalised_name__in=named[start:start + NAMES_PER_QUERY],
                                         is_redacted=False).values("pk", "normalised_name", *IDENTIFIERS)
        for other in others:
            if other["pk"] in merged:
                continue
            for row in mine[other["normalised_name"]]:
                if other["pk"] != row["pk"] and not any(
                        row[field] and other[field] and row[field] != other[field] for field in IDENTIFIERS):
                    later, earlier = max(row["pk"], other["pk"]), min(row["pk"], other["pk"])
                    pairs[frozenset((later, earlier))] = (later, earlier)
    if not pairs:
        return 0
    try:
        return _propose_pairs(pairs, run)
    except IntegrityError:  # the other import proposed one of the pairs at this very moment: look again
        return _propose_pairs(pairs, run)


@transaction.atomic
def _propose_pairs(pairs: dict[frozenset, tuple[int, int]], run) -> int:
    ids = {pk for pair in pairs for pk in pair}
    known = {frozenset(pair) for pair in MatchProposal.objects.filter(supplier__in=ids, candidate__in=ids)
             .values_list("supplier_id", "candidate_id")}
    proposals = [MatchProposal(supplier_id=later, candidate_id=earlier, score=100, run=run)
                 for pair, (later, earlier) in sorted(pairs.items(), key=lambda item: item[1]) if pair not in known]
    if proposals:
        _insert_proposals(proposals)
        record_bulk(proposals, insert=bulk.insert_rows)
    return len(proposals)
