"""PATCH bodies: any of a schema's fields, leave one out to keep it, never null for one that cannot be empty."""

from typing import get_args

from django.core.exceptions import ValidationError
from ninja import Body
from ninja.patch_dict import ModelToDict
from pydantic import create_model, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import core_schema

KEEP_IT = "Give a value, or leave the field out to keep the current one"


def _refuse_null(cls, value):
    if value is None:
        raise ValueError(KEEP_IT)
    return value


def _nullable(info) -> bool:
    return type(None) in get_args(info.annotation)


def patch_of(schema):
    """A PATCH body: any of ``schema``'s fields, received as a dict of those sent.

    Unlike Ninja's PatchDict, a field that cannot be empty stays non-nullable in the OpenAPI document,
    so the document says what the endpoint accepts: leave a field out to keep it, never send null.
    """
    fields = {name: (info.annotation, FieldInfo.merge_field_infos(info, default=None))
              for name, info in schema.model_fields.items()}
    required = [name for name, info in schema.model_fields.items() if not _nullable(info)]
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
    nulls = {name: KEEP_IT for name, value in payload.items()
             if value is None and not _nullable(schema.model_fields[name])}
    if nulls:
        raise ValidationError(nulls)
    return payload


def assign(instance, data: dict):
    """Copy validated payload fields onto a model instance (enums arrive as their string values)."""
    for name, value in data.items():
        setattr(instance, name, value)
    return instance
