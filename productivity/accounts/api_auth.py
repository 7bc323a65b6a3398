"""API authentication: a personal bearer token, or the browser session (with CSRF), or anonymous reads."""

from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import CsrfViewMiddleware
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from productivity.audit.context import set_actor

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


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
            raise AuthenticationError(message="Unknown or revoked API token")
        request.api_user = user
        request.user = user
        set_actor(user)
        return user


def api_user(request):
    return getattr(request, "api_user", None) or AnonymousUser()
