"""Who sees and changes partnerships, their projects and returns, and selection rounds (accounts.scoping's rule).

- Partnerships, their members and projects are public; the programme team creates and changes them; the lead
  council's admins manage its members (``may_manage_members``); the lead council's editors add projects and
  write, submit and withdraw returns.
- A return is public once submitted (a withdrawn one stays, shown withdrawn with its reason); the members of
  its partnership see its drafts.
- An application to a selection round is its council's (members see it, editors change it); the public sees a
  round's applications once the programme team publishes the ranked shortlist.
"""

from productivity.accounts.roles import (
    admin_organisation_ids,
    editor_organisation_ids,
    is_programme_team,
    member_organisation_ids,
)
from productivity.accounts.scoping import OrganisationScopedQuerySet, ParentScopedQuerySet


def partner_organisation_ids(user) -> set[int]:
    """The bodies that share a partnership with any organisation ``user`` belongs to (their own included)."""
    mine = member_organisation_ids(user)
    if not mine:
        return set()
    cached = getattr(user, "_estate_partner_ids", None)
    if cached is None:
        from productivity.estate.returns_models import PartnershipMember

        shared = PartnershipMember.objects.filter(organisation_id__in=mine).values("partnership_id")
        cached = set(PartnershipMember.objects.filter(partnership_id__in=shared)
                     .values_list("organisation_id", flat=True))
        user._estate_partner_ids = cached
    return cached


class PartnershipQuerySet(OrganisationScopedQuerySet):
    organisation_path = "lead"

    def public(self):
        return self.all()

    def organisation_ids_that_change(self, user) -> set[int]:
        return set()  # the programme team's alone

    def run_by(self, user):
        """Partnerships whose projects and returns ``user`` writes: those their council leads."""
        if is_programme_team(user):
            return self
        return self.filter(lead_id__in=editor_organisation_ids(user))

    def of_member(self, organisation):
        return self.filter(members__organisation=organisation).distinct()


def may_manage_members(user, partnership) -> bool:
    """The programme team and the lead council's admins add and remove a partnership's members."""
    return is_programme_team(user) or partnership.lead_id in admin_organisation_ids(user)


class EstateProjectQuerySet(ParentScopedQuerySet):
    parent_path = "partnership"

    def parents(self):
        from productivity.estate.returns_models import Partnership

        return Partnership.objects.all()

    def editable_by(self, user):
        return self.for_parents(self.parents().run_by(user))

    def closed(self):
        return self.filter(status="closed")


class ReturnQuerySet(OrganisationScopedQuerySet):
    organisation_path = "partnership__members__organisation"

    def public(self):
        return self.filter(status="submitted")

    def editable_by(self, user):
        if is_programme_team(user):
            return self
        return self.filter(partnership__lead_id__in=editor_organisation_ids(user))

    def standing(self):
        """What counts in the figures: submitted and not withdrawn."""
        return self.filter(status="submitted", withdrawn_at__isnull=True)


class ReturnFigureQuerySet(ParentScopedQuerySet):
    parent_path = "quarterly_return"

    def parents(self):
        from productivity.estate.returns_models import QuarterlyReturn

        return QuarterlyReturn.objects.all()

    def counted(self):
        """Figures of returns that count (submitted, not withdrawn)."""
        return self.filter(quarterly_return__status="submitted", quarterly_return__withdrawn_at__isnull=True)

    def verifiable_by(self, user):
        """Figures ``user`` may verify: in the partnership of a body they edit for (or any, for the programme
        team); never their own (services.why_not_verify says so)."""
        if is_programme_team(user):
            return self
        mine = editor_organisation_ids(user)
        return self.filter(quarterly_return__partnership__members__organisation_id__in=mine).distinct()


class SelectionRoundQuerySet(OrganisationScopedQuerySet):
    organisation_path = None

    def public(self):
        return self.all()


class ApplicationQuerySet(OrganisationScopedQuerySet):
    organisation_path = "council"

    def public(self):
        return self.filter(selection_round__shortlist_published=True)

