"""An append-only record of every create, update and delete of a registered model."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"
        UNLOCK = "unlock", "Unlocked sign-in"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=250)
    # The object whose page shows this entry too (a saving's project, say).
    parent_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    parent_id = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict, help_text="field name -> [old, new] as text")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=200, blank=True, help_text="Who, when no user: a command, say")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["parent_type", "parent_id"]),
        ]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @property
    def description(self) -> str:
        """What happened, in a sentence: "Changed saving: Fewer placements", "Unlocked the sign-in of Ann"."""
        if self.action == self.Action.UNLOCK:
            return f"Unlocked the sign-in of {self.object_repr}"
        from productivity.audit.display import in_sentence

        return f"{self.get_action_display()} {in_sentence(self.model_label)}: {self.object_repr}"

    @property
    def actor(self) -> str:
        if self.user_id:
            return str(self.user)
        return self.actor_label or "System"

    @property
    def public_actor(self) -> str:
        """Who acted, without naming a person: the organisations they belong to."""
        if not self.user_id:
            return self.actor_label or "System"
        names = sorted({m.organisation.name for m in self.user.memberships.select_related("organisation")})
        return f"Someone at {' and '.join(names)}" if names else "A signed-in user"

    def public_changes(self) -> dict:
        """The changes with people's names left out: fields that point at a user read "a person"."""
        model = self.content_type.model_class()
        person_fields = {
            field.name
            for field in (model._meta.concrete_fields if model else [])
            if field.is_relation and field.related_model is not None
            and field.related_model._meta.label == settings.AUTH_USER_MODEL
        }
        return {
            name: [None if old is None else "a person", None if new is None else "a person"]
            if name in person_fields else [old, new]
            for name, (old, new) in self.changes.items()
        }

    @property
    def model_label(self) -> str:
        from productivity.audit.display import label_of

        model = self.content_type.model_class() if self.content_type else None
        return label_of(model._meta.verbose_name) if model else ""
