"""API authentication: a personal bearer token, or the browser session (with CSRF), or anonymous reads; and
who is calling, for every router: ``caller``, ``writer``, ``fetch`` and ``fetch_for_change`` scope each fetch
through core.access, so the API refuses exactly what the pages refuse (401, 404, 403)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import CsrfViewMiddleware
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from productivity.accounts.roles import is_programme_team, is_signed_in
from productivity.audit.context import set_actor
from productivity.core.access import get_for_user

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
TEMPORARY_PASSWORD = ("You signed in with a temporary password: choose your own password on the website "
                      "(Your account, Change your password) before using the API")


def _csrf_failure(request) -> bool:
    middleware = CsrfViewMiddleware(lambda req: None)
    return middleware.process_view(request, None, (), {}) is not None


class TokenOrSession(HttpBearer):
    """Resolve the caller. Anonymous callers may read (they see only published records), never write."""

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header:
            if header.partition(" ")[0].lower() != "bearer":
                raise AuthenticationError(message="Send your API token as 'Authorization: Bearer <token>'")
            return super().__call__(request)
        user = getattr(request, "user", None) or AnonymousUser()
        _refuse_temporary_password(user)
        if request.method in UNSAFE:
            # Refused before the body is read: an anonymous write is a 401 whatever it sends.
            if not user.is_authenticated:
                raise AuthenticationError(message="Sign in or send an API token to change records")
            if _csrf_failure(request):
                raise AuthenticationError(message="CSRF check failed: send the X-CSRFToken header, or use a token")
        request.api_user = user
        return user if user.is_authenticated else AnonymousUser()

    def authenticate(self, request, token):
        from productivity.accounts.services import user_for_token

        user = user_for_token(token)
        if user is None:
            raise AuthenticationError(message="Unknown, expired or revoked API token")
        _refuse_temporary_password(user)
        request.api_user = user
        request.user = user
        set_actor(user)
        return user


def _refuse_temporary_password(user) -> None:
    """Someone else has seen a temporary password: nothing is done with it until its owner replaces it."""
    if getattr(user, "must_change_password", False):
        raise PermissionDenied(TEMPORARY_PASSWORD)


def api_user(request):
    return getattr(request, "api_user", None) or AnonymousUser()


def caller(request):
    """The person making the request (AnonymousUser when nobody is signed in)."""
    return api_user(request)


def signed_in(request, refusal: str = "Sign in or send an API token"):
    """The signed-in caller; anyone else gets 401 with ``refusal``."""
    user = api_user(request)
    if not is_signed_in(user):
        raise AuthenticationError(message=refusal)
    return user


def writer(request):
    """The person making a change; anonymous callers get 401 before anything is looked up."""
    return signed_in(request, "Sign in or send an API token to change records")


def fetch(queryset, request, **lookup):
    """One object the caller may see: 404 otherwise."""
    return get_for_user(queryset, caller(request), **lookup)


def fetch_for_change(queryset, request, **lookup):
    """One object the caller may change: 401 anonymous, 404 outsiders, 403 read-only members."""
    return get_for_user(queryset, writer(request), write=True, **lookup)


def require_programme_team(user, action: str) -> None:
    """403 unless ``user`` has programme-wide rights; ``action`` completes "Only the programme team can ..."."""
    if not is_programme_team(user):
        raise PermissionDenied(f"Only the programme team can {action}")
