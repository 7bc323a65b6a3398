"""The JSON API: one NinjaAPI, one router per domain, the same permissions as the pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from productivity.accounts.api_auth import TokenOrSession
from productivity.organisations.api import router as organisations_router
from productivity.programme.api import router as programme_router
from productivity.reports.api import router as reports_router

api = NinjaAPI(
    title="Productivity Platform API",
    version="1",
    description=(
        "Read the programme's records and, with a personal API token (create one under 'Your account'), change them. "
        "Send the token as `Authorization: Bearer <token>`. Anonymous callers see only published records. "
        "Money is returned as strings of pounds and pence."
    ),
    auth=TokenOrSession(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/organisations", organisations_router, tags=["Organisations"])
api.add_router("/programme", programme_router, tags=["Programme"])
api.add_router("/reports", reports_router, tags=["Board reports"])


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "You cannot change this"}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return api.create_response(request, {"detail": getattr(exc, "message", None) or "Sign in or send an API token"},
                               status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "The data is not valid", "errors": errors}, status=400)
