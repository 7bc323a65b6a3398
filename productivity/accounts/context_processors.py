from django.conf import settings

from productivity.accounts.roles import can_write_anything, is_programme_team, may_see_people


def platform(request):
    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.DEMO_MODE,
        "is_programme_team": is_programme_team(user),
        "can_write": can_write_anything(user),
        # Called only by the pages that link to an organisation's people, so other pages pay nothing for it.
        "may_see_people": lambda organisation: may_see_people(user, organisation),
    }
