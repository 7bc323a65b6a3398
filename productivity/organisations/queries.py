"""Selectors for organisations."""

from django.db import models


class OrganisationQuerySet(models.QuerySet):
    def councils(self):
        return self.filter(kind="council")

    def current(self):
        return self.filter(end_date__isnull=True)

    def existing_on(self, day):
        """Authorities that existed on ``day`` (started on or before it, not yet abolished)."""
        return self.filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=day),
            models.Q(end_date__isnull=True) | models.Q(end_date__gt=day),
        )

    def by_code(self, code: str):
        """Find by slug, GSS code, register code or a former GSS code (case-insensitive)."""
        code = (code or "").strip()
        if not code:
            return self.none()
        return self.filter(
            models.Q(slug__iexact=code)
            | models.Q(gss_code__iexact=code)
            | models.Q(registry_code__iexact=code)
            | models.Q(former_gss_codes__icontains=code)
        )

    def resolve(self, code: str):
        """The one organisation a code names, or None."""
        matches = [org for org in self.by_code(code) if org.matches_code(code)]
        return matches[0] if len(matches) == 1 else None
