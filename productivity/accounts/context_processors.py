from django.conf import settings

from productivity.accounts.roles import can_write_anything, is_programme_team


def platform(request):
    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.DEMO_MODE,
        "is_programme_team": is_programme_team(user),
        "can_write": can_write_anything(user),
    }
