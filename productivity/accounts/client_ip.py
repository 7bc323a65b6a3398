"""The address a request really came from, behind as many reverse proxies as settings.TRUSTED_PROXY_COUNT.

Each proxy appends the address it received the request from to X-Forwarded-For, so with N trusted proxies
the client's address is the Nth entry from the right. Entries further left were written by the client and
prove nothing; a request that skipped the proxies (fewer entries than proxies) is known by its connection.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address: the sign-in lock-out is keyed on it (with the username)."""
    connected = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return connected
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return connected
    return forwarded[-proxies]
