"""One error shape for the whole API, and the handlers that turn Django's and Ninja's exceptions into it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestInvalid


class ApiError(Schema):
    """Every API error: 400 invalid data, 401 not signed in, 403 not allowed, 404 not found, 409 conflict."""

    detail: str = Field(..., description="What went wrong, in plain English")
    errors: dict[str, list[str]] | None = Field(
        None, description="For invalid data: the field name (or `__all__`) and what is wrong with it"
    )


# The responses an endpoint declares, so that its OpenAPI document names the errors it can give.
NOT_FOUND = {404: ApiError}
CHANGE_ERRORS = {400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError}
CONFLICT = {409: ApiError}


def _field(location) -> str:
    """'title' for ('body', 'payload', 'title'); 'basis' for ('query', 'basis')."""
    parts = [str(part) for part in location[1:]]
    if location and location[0] == "body":
        parts = parts[1:]  # the name of the body parameter means nothing to the caller
    return ".".join(parts) or "__all__"


def request_errors(exc: RequestInvalid) -> dict[str, list[str]]:
    """Malformed parameters or JSON, keyed by the field at fault, in words a caller can act on."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = tuple(error.get("loc", ()))
        message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        if location[:1] == ("body",) and len(location) == 2 and error.get("type") == "missing":
            message = "Send the data as a JSON object in the request body"
        elif error.get("type") == "extra_forbidden":
            message = "This endpoint does not take this field: leave it out"
        errors.setdefault(_field(location), []).append(message)
    return errors


def answer_errors_as_api_error(api: NinjaAPI) -> None:
    """Make ``api`` answer 400, 401, 403 and 404 with an ApiError body."""

    def respond(request, status: int, detail: str, errors: dict | None = None):
        body = {"detail": detail} if errors is None else {"detail": detail, "errors": errors}
        return api.create_response(request, body, status=status)

    def not_found(request, exc):
        return respond(request, 404, str(exc) or "Not found")

    def forbidden(request, exc):
        return respond(request, 403, str(exc) or "You cannot change this")

    def unauthorised(request, exc):
        return respond(request, 401, getattr(exc, "message", None) or "Sign in or send an API token")

    def invalid(request, exc):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return respond(request, 400, "The data is not valid", errors)

    def request_invalid(request, exc):
        return respond(request, 400, "The request is not valid", request_errors(exc))

    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthorised)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(RequestInvalid, request_invalid)
