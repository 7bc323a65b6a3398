"""The audit history a reader may see of a programme record."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from productivity.accounts.roles import is_programme_team
from productivity.audit.queries import history_for
from productivity.programme.models import Initiative, Workstream


def visible_history(obj, user, include_children: bool = True):
    """``obj``'s history and its children's, leaving out children the reader may not see.

    A workstream's history includes its initiatives; unpublished ones are hidden from everybody but
    the programme team, so their entries are too. A project's children are seen with the project.
    """
    entries = history_for(obj, include_children=include_children)
    if isinstance(obj, Workstream) and not is_programme_team(user):
        seen = [str(pk) for pk in Initiative.objects.visible_to(user).values_list("pk", flat=True)]
        initiative_type = ContentType.objects.get_for_model(Initiative)
        entries = entries.exclude(Q(content_type=initiative_type) & ~Q(object_id__in=seen))
    return entries
