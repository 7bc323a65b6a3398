"""The API's edge: every answer is JSON (unknown addresses and methods included), text that no database
can store is refused with a 400, and the OpenAPI document lists the errors any call can get."""

import json
from contextlib import suppress
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, URLPattern, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from productivity.core.api.errors import answer_errors_as_api_error

NUL = "\x00"
NUL_REFUSED = "Remove the NUL character (\\u0000): text cannot contain it"

NOT_AN_OBJECT = "Send the data as a JSON object ({...}) in the request body"
SAFE_METHODS = {"get", "head", "options"}
ERRORS_ANY_CALL_MAY_GET = {
    "400": "The parameters or the body are not valid: `errors` names each field at fault",
    "401": "Not signed in (for a change), or the token is unknown or revoked",
    "404": "Nothing here that you may see",
    "413": "The request body is larger than the API accepts",
}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}


def _nul_fields(value, where: str = "") -> list[str]:
    """The places in decoded JSON whose text (or key) holds a NUL character, named like 'rows.0.title'."""
    if isinstance(value, str):
        return [where or "__all__"] if NUL in value else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    found = []
    for key, item in items:
        spot = f"{where}.{key}" if where else str(key)
        found += [spot] if NUL in str(key) else []
        found += _nul_fields(item, spot)
    return found


def nul_fields(request) -> list[str]:
    """Where the request carries a NUL character: PostgreSQL cannot store one, and Django's forms refuse it."""
    found = ["__all__"] if NUL in request.path else []
    found += [name for name, values in request.GET.lists() if NUL in name or any(NUL in v for v in values)]
    content_type = request.content_type or ""
    if request.method == "POST" and content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        found += [name for name, values in request.POST.lists() if NUL in name or any(NUL in v for v in values)]
    if content_type == "application/json" and request.body:
        with suppress(ValueError):  # not JSON: the operation says so
            found += _nul_fields(json.loads(request.body))
    return found


class PlatformApi(NinjaAPI):
    """Ninja with every answer in JSON (unknown addresses and methods included), and a document that lists
    the errors any call can get: 401 for a bad token, 400 for bad input, 404 for an unknown record."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        answer_errors_as_api_error(self)

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                parameters = operation.get("parameters", [])
                expected = {"401"}
                if parameters or "requestBody" in operation:
                    expected.add("400")
                if "requestBody" in operation:
                    expected.add("413")
                if any(parameter["in"] == "path" for parameter in parameters):
                    expected.add("404")
                # Ninja keys its responses by number: compare as text, or a code would appear twice.
                for code in sorted(expected - {str(code) for code in operation["responses"]}):
                    operation["responses"][code] = _error(ERRORS_ANY_CALL_MAY_GET[code])
                if method in SAFE_METHODS and operation.get("security"):
                    operation["security"] = [*operation["security"], {}]  # anonymous callers may read
        return schema

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = self._checked(pattern.callback)
        return [*patterns, re_path(r"^.*$", self._unknown_address)], app_name, namespace

    def _refusal(self, request):
        """A JSON answer for a body no operation can take: too large, or not a JSON object. Anonymous writes are
        left to the operation, which refuses them (401) before reading the body."""
        user = getattr(request, "user", None)
        anonymous = not request.headers.get("Authorization") and not (user and user.is_authenticated)
        if anonymous or request.content_type == "multipart/form-data":
            return None
        if request.method in {"POST", "PUT", "PATCH"}:
            try:
                body = request.body
            except RequestDataTooBig:
                limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
                return self.create_response(request, {"detail": f"The request body is larger than the "
                                                                f"{limit:,} bytes the API accepts"}, status=413)
            if request.content_type == "application/json" and body:
                with suppress(ValueError):
                    if not isinstance(json.loads(body), dict):
                        return self.create_response(request, {"detail": "The request is not valid",
                                                              "errors": {"__all__": [NOT_AN_OBJECT]}}, status=400)
        return None

    def _checked(self, view):
        """``view`` refusing NUL characters, and answering an unsupported method in JSON."""
        @wraps(view)
        def checked(request, *args, **kwargs):
            if (refusal := self._refusal(request)) is not None:
                return refusal
            if spots := nul_fields(request):
                return self.create_response(request, {"detail": "The request is not valid",
                                                      "errors": dict.fromkeys(spots, [NUL_REFUSED])}, status=400)
            response = view(request, *args, **kwargs)
            if response.status_code != 405 or response.get("Content-Type", "").startswith("application/json"):
                return response
            allowed = response["Allow"]
            refusal = self.create_response(request, {"detail": f"This address does not take {request.method}: "
                                                               f"use {allowed}"}, status=405)
            refusal["Allow"] = allowed
            return refusal
        return checked

    @csrf_exempt
    def _unknown_address(self, request):
        """A JSON 404 (not the site's HTML page), after the slash a reader may have left off."""
        if request.method in {"GET", "HEAD"} and not request.path.endswith("/"):
            try:
                found = resolve(request.path + "/").func != self._unknown_address
            except Resolver404:
                found = False
            if found:
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
        return self.create_response(request, {"detail": "There is no API endpoint at this address: "
                                                        "see /api/docs for those there are"}, status=404)
