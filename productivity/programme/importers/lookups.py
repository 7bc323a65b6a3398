"""Finding the organisations, initiatives and projects that import rows name, once per file.

Each lookup caches what it found so a file of thousands of rows asks the database once per code.
Lookups raise ValueError with a message for people, like the cell parsers.
"""

from typing import Any

from productivity.accounts.roles import editor_organisation_ids
from productivity.imports.cells import key, text
from productivity.organisations.lookups import CODE_ACCEPTS, OrganisationLookup
from productivity.organisations.models import Organisation
from productivity.programme.models import Initiative, Project

__all__ = ["CODE_ACCEPTS", "Lookups"]


class Lookups:
    def __init__(self, user: Any, *, programme_wide: bool):
        self.user = user
        self.programme_wide = programme_wide
        self._organisations: OrganisationLookup | None = None
        self._initiatives: dict[str, Initiative] | None = None
        self._projects: dict[str, Project] | None = None
        self._editable: set[int] | None = None
        self._visible: set[int] | None = None

    # ---- organisations ---------------------------------------------------------------------------

    def organisation(self, value: object) -> Organisation | None:
        if self._organisations is None:
            self._organisations = OrganisationLookup()
        return self._organisations.by_code(text(value))

    def organisations(self, value: object) -> list[Organisation]:
        """Codes separated by semicolons (or commas); every unknown code is named."""
        raw = text(value).replace(",", ";").replace("\n", ";")
        codes = [code.strip() for code in raw.split(";") if code.strip()]
        found, unknown = [], []
        for code in codes:
            try:
                organisation = self.organisation(code)
            except ValueError:
                unknown.append(code)
                continue
            if organisation not in found:
                found.append(organisation)
        if unknown:
            names = ", ".join(f"'{code}'" for code in unknown)
            raise ValueError(f"No organisation has the code {names}: use {CODE_ACCEPTS}, separating codes with ;")
        return found

    def can_lead(self, organisation: Organisation) -> bool:
        """Council editors create projects only for councils they edit for."""
        return self.programme_wide or organisation.pk in editor_organisation_ids(self.user)

    # ---- initiatives -----------------------------------------------------------------------------

    def initiative(self, value: object) -> Initiative | None:
        raw = text(value)
        if not raw:
            return None
        if self._initiatives is None:
            self._initiatives = {}
            for initiative in Initiative.objects.visible_to(self.user):
                self._initiatives[key(initiative.slug)] = initiative
                self._initiatives[key(initiative.name)] = initiative
        found = self._initiatives.get(key(raw))
        if found is None:
            examples = sorted({i.slug for i in self._initiatives.values()})[:3]
            hint = f", for example {', '.join(examples)}" if examples else ""
            raise ValueError(f"No initiative is called '{raw}': use an initiative's name or short name{hint}")
        return found

    # ---- projects --------------------------------------------------------------------------------

    def project(self, reference: str) -> Project | None:
        """The project with this reference (ignoring case), whether or not the user may see it."""
        if self._projects is None:
            projects = Project.objects.prefetch_related("participants__organisation")
            self._projects = {project.reference.upper(): project for project in projects}
        return self._projects.get(reference.strip().upper())

    def can_see(self, project: Project) -> bool:
        if self.programme_wide:
            return True
        if self._visible is None:
            self._visible = set(Project.objects.visible_to(self.user).values_list("pk", flat=True))
        return project.pk in self._visible

    def can_change(self, project: Project) -> bool:
        if self.programme_wide:
            return True
        if self._editable is None:
            self._editable = set(Project.objects.editable_by(self.user).values_list("pk", flat=True))
        return project.pk in self._editable
