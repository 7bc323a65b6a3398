"""Refuse text no database can store before it reaches a page.

PostgreSQL cannot hold a NUL character, and a query that carries one fails there (SQLite lets it
through), so an address like /projects/%00/ would be a server error on one database only. The API
answers the same in JSON (productivity/api_edge.py); this covers every other page.
"""

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
