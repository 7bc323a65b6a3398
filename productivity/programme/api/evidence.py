"""Evidence files for a saving amount: what shows a realised saving was made."""

from pathlib import Path

from django.core.exceptions import ValidationError
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from productivity.accounts.api_auth import fetch_for_change, writer
from productivity.core.api.errors import CHANGE_ERRORS
from productivity.programme import services
from productivity.programme.api.amounts import amounts
from productivity.programme.api.schemas import AmountOut
from productivity.programme.rules import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES

router = Router(tags=["Saving amounts"])


@router.post("/amounts/{amount_id}/evidence", response={201: AmountOut, **CHANGE_ERRORS},
             summary="Attach an evidence file to an amount")
def add_evidence(request, amount_id: int, file: File[UploadedFile], description: Form[str] = ""):
    """Send a multipart form with `file` (PDF, Word, Excel, OpenDocument, CSV, text or image, up to 10MB)
    and an optional `description`."""
    amount = fetch_for_change(amounts(), request, pk=amount_id)
    if Path(file.name or "").suffix.lower() not in EVIDENCE_TYPES:
        raise ValidationError({"file": "The evidence file must be a PDF, Word, Excel, OpenDocument, CSV, text "
                                       "or image file"})
    if not file.size:
        raise ValidationError({"file": "The evidence file is empty"})
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": "The evidence file must be smaller than 10MB"})
    services.add_evidence(amount, file, description=description.strip()[:250], user=writer(request))
    return Status(201, amounts().get(pk=amount.pk))
