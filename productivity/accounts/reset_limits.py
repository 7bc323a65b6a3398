"""How often a password reset link may be asked for: per email address and per client address, in an hour.

Both limits count requests, not emails sent, so a refusal reads the same whether or not the address has an
account. The client address is the proxy-aware one the sign-in lock-out uses (settings.TRUSTED_PROXY_COUNT).
"""

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from productivity.accounts.client_ip import client_ip
from productivity.accounts.models import PasswordResetRequest

WINDOW = dt.timedelta(hours=1)

TOO_MANY_FOR_ADDRESS = ("Too many links have been asked for this email address in the last hour. Check your "
                        "email for a link already sent, or wait an hour and try again")
TOO_MANY_FROM_CLIENT = ("Too many links have been asked for from your connection in the last hour. "
                        "Wait an hour and try again")


def _address_hash(email: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().casefold().encode(), hashlib.sha256).hexdigest()


def refusal(request, email: str) -> str | None:
    """Why another link may not be asked for ``email`` from this request's client now, or None if it may
    (and then the request is counted)."""
    since = timezone.now() - WINDOW
    PasswordResetRequest.objects.filter(at__lt=since).delete()
    recent = PasswordResetRequest.objects.filter(at__gte=since)
    address, ip = _address_hash(email), client_ip(request)
    if recent.filter(address_hash=address).count() >= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS:
        return TOO_MANY_FOR_ADDRESS
    if ip and recent.filter(client_ip=ip).count() >= settings.PASSWORD_RESET_LIMIT_PER_CLIENT:
        return TOO_MANY_FROM_CLIENT
    PasswordResetRequest.objects.create(address_hash=address, client_ip=ip)
    return None
