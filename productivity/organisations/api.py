import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from productivity.core.paging import BoundedPages
from productivity.organisations.models import Organisation

router = Router()


class OrganisationOut(Schema):
    slug: str
    gss_code: str | None
    name: str
    official_name: str
    kind: str
    authority_type: str
    region: str
    parent: str | None
    start_date: dt.date | None
    end_date: dt.date | None

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.slug if obj.parent_id else None


@router.get("/", response=list[OrganisationOut], summary="List organisations")
@paginate(BoundedPages, page_size=100, max_page_size=100)
def list_organisations(request, kind: str | None = None, region: str | None = None, current: bool | None = None,
                       q: str | None = None):
    """Councils and other public bodies. Filter by `kind`, `region`, `current` and a name search `q`."""
    # Name then slug: two organisations may share a name, and pages must not skip or repeat rows.
    organisations = Organisation.objects.select_related("parent").order_by("name", "slug")
    if kind:
        organisations = organisations.filter(kind=kind)
    if region:
        organisations = organisations.filter(region__iexact=region)
    if current is not None:
        organisations = organisations.filter(end_date__isnull=current)
    if q:
        organisations = organisations.filter(name__icontains=q)
    return organisations


@router.get("/{slug}", response=OrganisationOut, summary="Fetch an organisation")
def get_organisation(request, slug: str):
    return get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
