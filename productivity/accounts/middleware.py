"""Someone signed in with a temporary password chooses their own before they do anything else."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Pages a person with a temporary password may still reach: choosing a password, signing out, resetting it.
_ALLOWED = ("accounts:password", "accounts:logout", "accounts:logout-confirm")


class TemporaryPasswordMiddleware:
    """Every page but the change-password page sends them there, then on to where they were going.

    The API refuses them itself (accounts.api_auth), in JSON: a redirect means nothing to a program.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password and not _exempt(request.path):
            target = request.get_full_path() if request.method == "GET" else "/"
            return redirect(f"{reverse('accounts:password')}?{urlencode({'next': target})}")
        return self.get_response(request)


def _exempt(path: str) -> bool:
    allowed = {reverse(name) for name in _ALLOWED}
    return (path in allowed or path.startswith(("/api/", settings.STATIC_URL))
            or path.startswith(reverse("accounts:password-reset")))
