"""Refuse text no database can store before it reaches a page.

PostgreSQL cannot hold a NUL character, and a query that carries one fails there (SQLite lets it
through), so an address like /projects/%00/ would be a server error on one database only. The API
answers the same in JSON (productivity/core/api/edge.py); this covers every other page.
"""

from django.conf import settings

from productivity.core import csp
from productivity.core.views import bad_request, page_not_found

NUL = "\x00"


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            if NUL in request.path:
                return page_not_found(request)
            if any(NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()):
                return bad_request(request)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send a Content-Security-Policy on every response: pages, API, static files and errors alike.

    The policy is settings.CONTENT_SECURITY_POLICY plus settings.CSP_EXTRA_SOURCES and, when set, the
    origin of settings.MAP_TILES_URL in img-src (``csp.configured_extra``). Each request gets a
    fresh nonce (``request.csp_nonce``) for the one inline script GOV.UK Frontend's page template needs.
    A view that serves a document with its own inline stylesheet (the print-ready board paper) allows that
    stylesheet alone through ``allow_inline_style``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = csp.new_nonce()
        response = self.get_response(request)
        policy = csp.policy(settings.CONTENT_SECURITY_POLICY, csp.configured_extra(settings))
        extra = {"script-src": [f"'nonce-{request.csp_nonce}'"], "style-src": getattr(response, "csp_styles", [])}
        response.headers.setdefault("Content-Security-Policy", csp.header(policy, extra))
        return response
