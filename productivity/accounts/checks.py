"""Deployment checks for what the accounts app sends out: links in emails must point at the real site."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_https(app_configs, **kwargs):
    if settings.SITE_URL.startswith("https://"):
        return []
    return [checks.Warning(
        f"SITE_URL is {settings.SITE_URL!r}: links in password-reset and notification emails would point there",
        hint="Set SITE_URL to the platform's public https:// address, for example https://platform.example.org",
        id="accounts.W001",
    )]
