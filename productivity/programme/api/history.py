"""The audit trail through the API: who changed what and when, for any programme record the caller may see."""

import datetime as dt

from ninja import Field, Schema

from productivity.programme.api.choices import AuditAction


class AuditEntryOut(Schema):
    at: dt.datetime
    action: AuditAction
    record_type: str = Field(..., description="What kind of record changed, for example Saving amount")
    record_id: str = Field(..., alias="object_id")
    record: str = Field(..., alias="object_repr", description="The record as it was named when it changed")
    actor: str = Field(..., description="Who made the change: a person, a command, or System")
    changes: dict[str, list[str | None]] = Field(..., description="Field name: [old value, new value]")

    @staticmethod
    def resolve_record_type(obj) -> str:
        return obj.model_label

    @staticmethod
    def resolve_actor(obj, context) -> str:
        # People's names are for signed-in callers; the public sees the organisation they acted for.
        user = getattr(context["request"], "api_user", None)
        return obj.actor if user is not None and user.is_authenticated else obj.public_actor

    @staticmethod
    def resolve_changes(obj, context) -> dict:
        user = getattr(context["request"], "api_user", None)
        return obj.changes if user is not None and user.is_authenticated else obj.public_changes()
