"""Possible double counting: savings two projects claim for the same council, service and financial year."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller
from productivity.core.paging import BoundedPages
from productivity.programme import rollups
from productivity.programme.api.schemas import SavingRefOut
from productivity.programme.models import Project, Saving

router = Router(tags=["Savings"])


def visible_double_counts(savings, user) -> dict[int, list[Saving]]:
    """The double-counting flags for ``savings`` that name only savings the caller may see."""
    return rollups.visible_double_counts(savings, Project.objects.visible_to(user))


class DoubleCountOut(Schema):
    saving: SavingRefOut
    clashes_with: list[SavingRefOut] = Field(..., description="The other projects' savings it may duplicate")


class DoubleCountFilters(Schema):
    council: str | None = Field(None, description="The slug of the council the savings accrue to")
    project: str | None = Field(None, description="A project's reference")


@router.get("/double-counts", response=list[DoubleCountOut], summary="List possible double counting")
@paginate(BoundedPages)
def list_double_counts(request, filters: Query[DoubleCountFilters]):
    """Savings that another project also claims for the same council, service and financial year."""
    user = caller(request)
    savings = Saving.objects.visible_to(user).select_related("project", "organisation")
    if filters.council:
        savings = savings.filter(organisation__slug=filters.council)
    if filters.project:
        savings = savings.filter(project__reference=filters.project)
    savings = list(savings)
    flags = visible_double_counts(savings, user)
    return [{"saving": saving, "clashes_with": flags[saving.pk]} for saving in savings if saving.pk in flags]
