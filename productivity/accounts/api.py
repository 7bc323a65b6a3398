"""Your account through the API: who you are, and your personal API tokens.

A token is created only from a signed-in browser session (the profile page, or this API with the
session cookie and CSRF header): a leaked token must not be able to mint more tokens.
"""

import datetime as dt
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from productivity.accounts import services
from productivity.accounts.api_auth import signed_in as _signed_in
from productivity.accounts.models import ApiToken, Role
from productivity.accounts.roles import is_programme_team
from productivity.core.api.errors import ApiError

router = Router(tags=["Your account"])
# Published under its own name: the programme's participant roles are "roles" too.
MembershipRole = StrEnum("MembershipRole", [(value, value) for value in Role.values])


class MembershipOut(Schema):
    organisation: str = Field(..., alias="organisation.slug", description="The organisation's slug")
    organisation_name: str = Field(..., alias="organisation.name")
    role: MembershipRole


class MeOut(Schema):
    email: str
    full_name: str
    is_programme_team: bool = Field(..., description="Programme-wide rights to see and change everything")
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_is_programme_team(obj) -> bool:
        return is_programme_team(obj)

    @staticmethod
    def resolve_memberships(obj):
        return obj.memberships.select_related("organisation")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(..., description="The token's first characters, to tell it apart")
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    expires_at: dt.datetime = Field(..., description="After this the token no longer works: create a new one")


class NewTokenOut(TokenOut):
    token: str = Field(..., description="The secret. It is shown only now: store it safely")


class TokenIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=100, description="So you can tell your tokens apart")


@router.get("/me", response={200: MeOut, 401: ApiError}, summary="Who you are")
def me(request):
    """The signed-in caller, their organisations and roles."""
    return _signed_in(request)


@router.get("/tokens", response={200: list[TokenOut], 401: ApiError}, summary="List your API tokens")
def list_tokens(request, include_revoked: bool = False):
    """Your tokens, newest first; revoked ones only when asked for."""
    tokens = ApiToken.objects.filter(user=_signed_in(request))
    return tokens if include_revoked else tokens.filter(revoked_at__isnull=True)


@router.post("/tokens", response={201: NewTokenOut, 401: ApiError, 403: ApiError}, summary="Create an API token")
def create_token(request, payload: TokenIn):
    """Needs a signed-in browser session (with the X-CSRFToken header), not a token."""
    user = _signed_in(request)
    if request.headers.get("Authorization"):
        raise PermissionDenied("Create tokens while signed in to the website, not with another token")
    secret = services.issue_token(user, payload.name.strip())
    token = ApiToken.objects.get(token_hash=ApiToken.hash(secret))
    token.token = secret
    return Status(201, token)


@router.delete("/tokens/{token_id}", response={204: None, 401: ApiError, 404: ApiError},
               summary="Revoke one of your API tokens")
def revoke_token(request, token_id: int):
    """Programs using the token can no longer reach the API. Only your own active tokens can be revoked."""
    if not services.revoke_token(_signed_in(request), token_id):
        raise Http404("You have no active token with that id")
    return Status(204, None)
