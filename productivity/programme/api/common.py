"""What only programme endpoints share: organisations named in payloads, and writes through the programme's
services. Who is calling and scoped fetches are accounts.api_auth's; PATCH bodies and errors are core.api's."""

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from ninja.errors import HttpError

from productivity.organisations.models import Organisation
from productivity.programme import services


def organisation(slug: str, field: str) -> Organisation:
    """The organisation a payload names, or a validation error on that field."""
    found = Organisation.objects.filter(slug=slug).first() or Organisation.objects.resolve(slug)
    if found is None:
        raise ValidationError({field: f"No organisation has the code '{slug}': use its slug or ONS GSS code"})
    return found


def save(instance):
    """Validate and save through the programme's service layer."""
    return services.save(instance)


def delete(instance) -> None:
    """Delete through the service layer; records that others depend on are refused with 409, and so is
    what must be withdrawn instead (see the withdraw operations)."""
    try:
        services.delete(instance)
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc
    except ProtectedError as exc:
        blockers = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise HttpError(409, f"{instance} cannot be deleted while it has {', '.join(blockers)}: "
                             "move or delete them first") from exc
