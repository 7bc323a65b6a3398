"""Organisations for tests: councils, other public bodies and the programme team.

Each call makes a new organisation with a unique name, slug and code unless the test names them.
Generated GSS codes start at E06900001, far past any real unitary authority, so they never clash
with the real codes the sample councils use (Hampshire E10000014, Swindon E06000030).
"""

import itertools

from productivity.organisations.models import Organisation, OrganisationKind

_serial = itertools.count(900001)


def make_organisation(name: str | None = None, *, kind: str = OrganisationKind.OTHER, slug: str | None = None,
                      **fields) -> Organisation:
    """Any public body; ``fields`` are set on the model as given."""
    number = next(_serial)
    return Organisation.objects.create(
        name=name or f"Public body {number}", slug=slug or f"body-{number}", kind=kind, **fields
    )


def make_council(name: str | None = None, *, gss_code: str | None = None, authority_type: str = "UA",
                 region: str = "South East", **fields) -> Organisation:
    """A current local authority whose slug is its GSS code, as the register's councils are."""
    number = next(_serial)
    code = gss_code or f"E06{number:06d}"
    fields.setdefault("slug", code)
    return Organisation.objects.create(
        name=name or f"Council {number}", gss_code=code, kind=OrganisationKind.COUNCIL,
        authority_type=authority_type, region=region, **fields,
    )


def make_body(name: str | None = None, kind: str = OrganisationKind.CENTRAL_GOVERNMENT, **fields) -> Organisation:
    """A body that is not a council (a funder, an NHS trust, a police force): a central department by default."""
    return make_organisation(name, kind=kind, **fields)


def make_programme_team(name: str = "Local Government Association", slug: str = "lga", **fields) -> Organisation:
    """The organisation whose editors and admins have programme-wide rights."""
    return make_organisation(name, kind=OrganisationKind.PROGRAMME_TEAM, slug=slug, **fields)
