"""The programme's choices as the API publishes them.

The models' TextChoices have short class names (Role, Status, Level) that would clash in one OpenAPI
document, so each is published under a name of its own, with exactly the values the models store.
"""

from enum import StrEnum

from productivity.audit.models import AuditEntry
from productivity.programme.models import AmountKind, Participant, ProjectStatus, Rag, Risk, Saving, Verification


def _named(name: str, choices) -> type[StrEnum]:
    """A StrEnum called ``name`` with the stored values of ``choices`` (the blank 'not applicable' left out)."""
    return StrEnum(name, [(value, value) for value in choices.values if value])


ProjectStatusChoice = _named("ProjectStatus", ProjectStatus)
RagRating = _named("RagRating", Rag)
ParticipantRole = _named("ParticipantRole", Participant.Role)
RiskLevel = _named("RiskLevel", Risk.Level)
RiskStatus = _named("RiskStatus", Risk.Status)
BenefitClass = _named("BenefitClass", Saving.BenefitClass)
Recurrence = _named("Recurrence", Saving.Recurrence)
AmountKindChoice = _named("AmountKind", AmountKind)
VerificationState = _named("VerificationState", Verification)
AuditAction = _named("AuditAction", AuditEntry.Action)
