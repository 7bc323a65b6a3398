"""Partnerships' writes: create one with its lead council, add and remove partner bodies.

Callers check who may act first (returns_queries: the programme team creates and changes partnerships, the
lead council's admins manage the members). Every write validates and runs in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from productivity.estate.returns_models import Partnership, PartnershipMember

LeadRole = PartnershipMember.Role


@transaction.atomic
def create(partnership: Partnership) -> Partnership:
    """Save a new partnership, its lead council its first member."""
    partnership.full_clean()
    partnership.save()
    PartnershipMember.objects.create(partnership=partnership, organisation=partnership.lead, role=LeadRole.LEAD)
    return partnership


@transaction.atomic
def change(partnership: Partnership) -> Partnership:
    """Save changes; a new lead becomes a member as the lead, and the old lead stays on as a partner."""
    partnership.full_clean()
    partnership.save()
    partnership.members.filter(role=LeadRole.LEAD).exclude(organisation=partnership.lead).update(
        role=LeadRole.PARTNER)
    member, _ = PartnershipMember.objects.get_or_create(partnership=partnership, organisation=partnership.lead)
    if member.role != LeadRole.LEAD:
        member.role = LeadRole.LEAD
        member.save()
    return partnership


@transaction.atomic
def add_member(partnership: Partnership, organisation) -> PartnershipMember:
    if partnership.members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation} is already a member of {partnership}"})
    return PartnershipMember.objects.create(partnership=partnership, organisation=organisation)


@transaction.atomic
def remove_member(member: PartnershipMember) -> None:
    """Remove a partner body (it stops seeing the others' unpublished assets); the lead council stays."""
    if member.role == LeadRole.LEAD or member.organisation_id == member.partnership.lead_id:
        raise ValidationError("The lead council cannot be removed: make another council the lead first")
    member.delete()
