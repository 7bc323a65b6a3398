"""A page cache for the read-only pages whose figures are costly to compute (home, initiative, register...).

``@cached_page`` keeps a view's page and serves it again, unchanged, while nothing it could show has changed:
the key holds the data version (data_version.py: it changes with every write, in every process), today's date
(figures "as at today"), the address with its query string, and who is looking. The public (signed out, no
cookies of ours) share one copy; anyone else has their own, keyed by their account and their CSRF cookie, so
what only they may see, and the CSRF token in their page's forms, are theirs alone. Each page keeps its own
Content-Security-Policy nonce: the cached copy's is replaced by the request's.

A page is served from the cache only if it would come out the same: a GET with no messages waiting, and kept
only if it is an HTML 200 that sets no cookie (so a new visitor's CSRF cookie is never handed to another), added
no message, was not computed inside a transaction that may yet roll back, and did not ask not to be stored.
PAGE_CACHE_SECONDS (0 turns the cache off) bounds how long a page is kept; the cache is each process's memory
(the "pages" cache in settings), which needs no server and, keyed by the shared version, is never stale.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

from productivity.core import data_version

CACHE = "pages"


def cached_page(view):
    """Serve ``view``'s page from the cache while the data, the day and the visitor are the same."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key = _key(request, f"{view.__module__}.{view.__qualname__}")
        if key is None:
            return view(request, *args, **kwargs)
        store = caches[CACHE]
        kept = store.get(key)
        if kept is not None:
            return _served(request, kept)
        response = view(request, *args, **kwargs)
        if _keepable(request, response):
            store.set(key, _kept(request, response), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapped


def cached_value(name: str, compute):
    """``compute()``, kept while the data and the day are the same (a draft paper's figures, say): for values
    that depend on the records alone, never on who is looking. Values computed inside a transaction of the
    platform's own are not kept."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    shared, own = data_version.current()
    key = "value:" + hashlib.sha256("\0".join([name, str(shared), str(own), timezone.localdate().isoformat()])
                                    .encode()).hexdigest()
    store = caches[CACHE]
    kept = store.get(key)
    if kept is None:
        kept = compute()
        if _outside_transactions():
            store.set(key, kept, settings.PAGE_CACHE_SECONDS)
    return kept


def _key(request, view: str) -> str | None:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET" or _messages_waiting(request):
        return None
    shared, own = data_version.current()
    parts = [view, request.scheme, request.get_host(), request.get_full_path(), _visitor(request),
             str(shared), str(own), timezone.localdate().isoformat()]
    return "page:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _visitor(request) -> str:
    """Who is looking, as far as the page could differ: the public, or this account with this CSRF cookie."""
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    user = getattr(request, "user", None)
    if not csrf and not (user and user.is_authenticated):
        return "public"
    return f"user {user.pk if user and user.is_authenticated else '-'} csrf {csrf}"


def _messages_waiting(request) -> bool:
    if request.COOKIES.get("messages"):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES
                and session.get("_messages"))


def _keepable(request, response) -> bool:
    storage = getattr(request, "_messages", None)
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "no-store" not in response.get("Cache-Control", "")
            and not getattr(response, "csp_styles", None)
            and not (storage is not None and getattr(storage, "_queued_messages", None))
            and not getattr(getattr(request, "session", None), "modified", False)
            and _csrf_cookie_kept(request) and _outside_transactions())


def _csrf_cookie_kept(request) -> bool:
    """The page used no CSRF token, or the one from the cookie the visitor sent (which the key holds)."""
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    sent = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return bool(sent) and request.META.get("CSRF_COOKIE") == sent


def _outside_transactions() -> bool:
    """No transaction of the platform's own is open (a test's own, which never commits, does not count)."""
    return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _kept(request, response) -> dict:
    nonce = getattr(request, "csp_nonce", "")
    content = response.content
    return {
        "parts": content.split(nonce.encode()) if nonce else [content],
        "headers": dict(response.headers),
        "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
    }


def _served(request, kept: dict) -> HttpResponse:
    nonce = getattr(request, "csp_nonce", "")
    if kept["csrf"]:
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # renew the cookie as the page itself would have
    return HttpResponse(nonce.encode().join(kept["parts"]), headers=kept["headers"])
