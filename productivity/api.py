"""The JSON API: one NinjaAPI, one router per domain, the same permissions as the pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestInvalid

from productivity.accounts.api import router as accounts_router
from productivity.accounts.api_auth import TokenOrSession
from productivity.api_edge import PlatformApi
from productivity.organisations.api import router as organisations_router
from productivity.programme.api import router as programme_router
from productivity.reports.api import router as reports_router

api = PlatformApi(
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
# Each programme resource tags its own operations (Projects, Savings, Figures...).
api.add_router("/programme", programme_router)
api.add_router("/accounts", accounts_router)
api.add_router("/reports", reports_router, tags=["Board reports"])


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found"}, status=404)


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


def _field(location) -> str:
    """'title' for ('body', 'payload', 'title'); 'basis' for ('query', 'basis')."""
    parts = [str(part) for part in location[1:]]
    if location and location[0] == "body":
        parts = parts[1:]  # the name of the body parameter means nothing to the caller
    return ".".join(parts) or "__all__"


@api.exception_handler(RequestInvalid)
def request_invalid(request, exc):
    """Malformed parameters or JSON: the same shape as invalid data, keyed by the field at fault."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = tuple(error.get("loc", ()))
        message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        if location[:1] == ("body",) and len(location) == 2 and error.get("type") == "missing":
            message = "Send the data as a JSON object in the request body"
        elif error.get("type") == "extra_forbidden":
            message = "This endpoint does not take this field: leave it out"
        errors.setdefault(_field(location), []).append(message)
    return api.create_response(request, {"detail": "The request is not valid", "errors": errors}, status=400)
