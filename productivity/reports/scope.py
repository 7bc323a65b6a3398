"""The records a report counts: its scope's projects, funding and savings as they stood on its date.

An unrestricted report is public once published, so it counts only published records. A restricted
report counts every record its author may see (everything, when run from the command line). The
as-at rule itself lives with the other roll-ups (productivity.programme.rollups).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from productivity.organisations.models import Organisation
from productivity.programme import rollups, rollups_as_at
from productivity.programme.models import Initiative, Project, Workstream


@dataclass(frozen=True)
class Selection:
    scope: str  # programme | workstream | initiative | council
    target: Any  # the Workstream, Initiative or Organisation, or None for the programme
    as_at: dt.date
    restricted: bool = False
    author: Any = None

    @classmethod
    def for_report(cls, report) -> "Selection":
        return cls(report.scope, report.scope_object, report.as_at, report.is_restricted, report.author)

    @property
    def name(self) -> str:
        return str(self.target) if self.target is not None else "Whole programme"

    def describe(self) -> dict:
        target = self.target
        return {
            "kind": self.scope,
            "id": getattr(target, "pk", None),
            "name": self.name,
            "slug": getattr(target, "slug", None),
        }

    def _base_projects(self):
        if not self.restricted:
            return Project.objects.published()
        if self.author is None:
            return Project.objects.all()
        return Project.objects.visible_to(self.author)

    def pool(self):
        """Every project the report may count, programme-wide: the base of the track record."""
        return rollups_as_at.projects_as_at(self._base_projects(), self.as_at)

    def projects(self):
        """The projects in the report's scope on its date."""
        return self._scoped(self.pool())

    def withdrawn_since(self, day: dt.date) -> list[dict]:
        """What of the scope was withdrawn after ``day`` and by the report's date (its "changes since")."""
        return rollups_as_at.withdrawn_between(self._scoped(self._base_projects()), day, self.as_at)

    def _scoped(self, projects):
        if self.scope == "workstream":
            return projects.filter(initiative__workstream=self.target)
        if self.scope == "initiative":
            return projects.filter(initiative=self.target)
        if self.scope == "council":
            return projects.for_organisation(self.target)
        return projects

    def amounts(self, projects=None):
        """Saving amounts of the scope's projects on the report's date; for a council, only its own savings."""
        amounts = rollups_as_at.amounts_as_at(rollups.amounts_for(self.projects() if projects is None else projects),
                                        self.as_at)
        if self.scope == "council":
            amounts = amounts.filter(saving__organisation=self.target)
        return amounts

    def initiatives(self):
        """The initiatives the report covers, in the programme's order."""
        initiatives = Initiative.objects.select_related("workstream")
        if not self.restricted:
            initiatives = initiatives.published()
        if self.scope == "workstream":
            return initiatives.filter(workstream=self.target)
        if self.scope == "initiative":
            return initiatives.filter(pk=self.target.pk)
        if self.scope == "council":
            return initiatives.filter(pk__in=self.projects().values("initiative_id"))
        return initiatives

    def workstreams(self):
        if self.scope == "programme":
            return Workstream.objects.all()
        return Workstream.objects.filter(pk__in=self.initiatives().values("workstream_id"))


def scope_target(scope: str, value: str | None):
    """The object a scope names by slug (or, for a council, any of its codes); None if there is none."""
    if scope == "programme":
        return None
    if not value:
        return None
    if scope == "workstream":
        return Workstream.objects.filter(slug=value).first()
    if scope == "initiative":
        return Initiative.objects.filter(slug=value).first()
    if scope == "council":
        return Organisation.objects.councils().filter(slug=value).first() or Organisation.objects.councils().resolve(
            value)
    return None
