"""Helpers every programme endpoint shares: who is calling, scoped fetches and plain-English errors.

Permissions come from the QuerySets' ``visible_to``/``editable_by`` (through core.access), so the
API refuses exactly what the pages refuse: 401 for anonymous writes, 404 for outsiders, 403 for
people who may look but not change.
"""

from typing import get_args

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from ninja import Body
from ninja.errors import AuthenticationError, HttpError
from ninja.patch_dict import ModelToDict
from pydantic import create_model, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import core_schema

from productivity.accounts.api_auth import api_user
from productivity.accounts.roles import is_programme_team, is_signed_in
from productivity.core.access import get_for_user
from productivity.core.paging import BoundedPages
from productivity.organisations.models import Organisation
from productivity.programme import services


class Pages(BoundedPages):
    """Fifty rows a page unless the caller asks for up to 500 with ``page_size``."""

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=500, **kwargs)


def caller(request):
    """The person making the request (AnonymousUser when nobody is signed in)."""
    return api_user(request)


def writer(request):
    """The person making a change; anonymous callers get 401 before anything is looked up."""
    user = api_user(request)
    if not is_signed_in(user):
        raise AuthenticationError(message="Sign in or send an API token to change records")
    return user


def fetch(queryset, request, **lookup):
    """One object the caller may see: 404 otherwise."""
    return get_for_user(queryset, caller(request), **lookup)


def fetch_for_change(queryset, request, **lookup):
    """One object the caller may change: 401 anonymous, 404 outsiders, 403 read-only members."""
    return get_for_user(queryset, writer(request), write=True, **lookup)


def require_programme_team(user, action: str) -> None:
    """403 unless ``user`` has programme-wide rights; ``action`` completes "Only the programme team can ..."."""
    if not is_programme_team(user):
        raise PermissionDenied(f"Only the programme team can {action}")


def organisation(slug: str, field: str) -> Organisation:
    """The organisation a payload names, or a validation error on that field."""
    found = Organisation.objects.filter(slug=slug).first() or Organisation.objects.resolve(slug)
    if found is None:
        raise ValidationError({field: f"No organisation has the code '{slug}': use its slug or ONS GSS code"})
    return found


def _refuse_null(cls, value):
    if value is None:
        raise ValueError("Give a value, or leave the field out to keep the current one")
    return value


def patch_of(schema):
    """A PATCH body: any of ``schema``'s fields, received as a dict of those sent.

    Unlike Ninja's PatchDict, a field that cannot be empty stays non-nullable in the OpenAPI document,
    so the document says what the endpoint accepts: leave a field out to keep it, never send null.
    """
    fields = {name: (info.annotation, FieldInfo.merge_field_infos(info, default=None))
              for name, info in schema.model_fields.items()}
    required = [name for name, info in schema.model_fields.items() if type(None) not in get_args(info.annotation)]
    refuse_null = field_validator(*required, mode="before")(_refuse_null) if required else None
    partial = create_model(f"{schema.__name__}Patch", __base__=schema,
                           __validators__={"refuse_null": refuse_null} if refuse_null else None, **fields)

    class Sent(ModelToDict):
        _wrapped_model = partial
        _wrapped_model_dump_params = {"exclude_unset": True}

        @classmethod
        def __get_pydantic_core_schema__(cls, _source, handler):
            # Through the handler, so that enums the model shares with others keep their definitions.
            return core_schema.no_info_after_validator_function(cls._validate, handler.generate_schema(partial))

    return Body[Sent]


def changes(payload: dict, schema) -> dict:
    """A PATCH body's fields, refusing null for a field that cannot be empty (leave it out to keep it)."""
    nulls = {
        name: "Give a value, or leave the field out to keep the current one"
        for name, value in payload.items()
        if value is None and type(None) not in get_args(schema.model_fields[name].annotation)
    }
    if nulls:
        raise ValidationError(nulls)
    return payload


def assign(instance, data: dict):
    """Copy validated payload fields onto a model instance (enums arrive as their string values)."""
    for name, value in data.items():
        setattr(instance, name, value)
    return instance


def save(instance):
    """Validate and save through the programme's service layer."""
    return services.save(instance)


def delete(instance) -> None:
    """Delete through the service layer; records that others depend on are refused with 409."""
    try:
        services.delete(instance)
    except ProtectedError as exc:
        blockers = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise HttpError(409, f"{instance} cannot be deleted while it has {', '.join(blockers)}: "
                             "move or delete them first") from exc
