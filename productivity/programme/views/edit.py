"""Pages that create, change and delete the portfolio: initiatives, projects and what belongs to a project.

Every page fetches through core.access (outsiders 404, read-only people 403), signs anonymous
visitors in first, and writes through services; a service's ValidationError becomes a form error.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from productivity.accounts.roles import can_write_anything, is_programme_team
from productivity.core.access import get_for_user
from productivity.core.form_pages import confirm_response, done, form_page, form_response, posted, saved
from productivity.programme import services
from productivity.programme.forms import (
    ConfirmForm,
    FundingAwardForm,
    InitiativeForm,
    MilestoneForm,
    ParticipantForm,
    ParticipantRoleForm,
    ProjectCreateForm,
    ProjectForm,
    RiskForm,
    SavingForm,
    match_funders,
    may_change_award,
)
from productivity.programme.models import Initiative, Project, Workstream
from productivity.programme.views import edit_amounts, edit_withdrawals
from productivity.programme.views.form_pages import (
    deleted,
    project_caption,
    project_crumbs,
    project_for_write,
    project_url,
    refused_deletion,
)

# Initiatives (the programme team's) --------------------------------------------------------------------------------


def _initiative_crumbs(workstream: Workstream) -> list[dict]:
    return [{"text": "Home", "href": "/"},
            {"text": workstream.name, "href": reverse("programme:workstream", args=[workstream.slug])}]


@login_required
@form_page
def initiative_create(request, slug):
    workstream = get_for_user(Workstream.objects, request.user, write=True, slug=slug)
    form = InitiativeForm(posted(request)[0], initial={"workstream": workstream, "is_published": False})
    initiative = saved(request, form, lambda f: services.save(f.save(commit=False)))
    if initiative:
        return done(request, f"Initiative ‘{initiative.name}’ created",
                    reverse("programme:initiative", args=[initiative.slug]))
    return form_response(request, form, title="Add an initiative", caption=workstream.name, submit="Add initiative",
                         back=reverse("programme:workstream", args=[workstream.slug]),
                         breadcrumbs=_initiative_crumbs(workstream))


def _initiative_for_write(request, slug) -> Initiative:
    return get_for_user(Initiative.objects.select_related("workstream"), request.user, write=True, slug=slug)


@login_required
@form_page
def initiative_edit(request, slug):
    initiative = _initiative_for_write(request, slug)
    form = InitiativeForm(posted(request)[0], instance=initiative)
    changed = saved(request, form, lambda f: services.save(f.save(commit=False)))
    if changed:
        return done(request, "Initiative changed", reverse("programme:initiative", args=[changed.slug]))
    back = reverse("programme:initiative", args=[slug])
    return form_response(request, form, title="Change initiative", caption=initiative.name, back=back,
                         breadcrumbs=[*_initiative_crumbs(initiative.workstream),
                                      {"text": initiative.name, "href": back}])


@login_required
@form_page
def initiative_delete(request, slug):
    initiative = _initiative_for_write(request, slug)
    form = ConfirmForm(posted(request)[0])
    back = reverse("programme:initiative", args=[slug])
    if request.method == "POST":
        try:
            services.delete(initiative)
        except ProtectedError:
            form.add_error(None, "This initiative has projects: move them to another initiative or delete them "
                                 "before deleting the initiative")
        else:
            return done(request, f"Initiative ‘{initiative.name}’ deleted",
                        reverse("programme:workstream", args=[initiative.workstream.slug]))
    return confirm_response(request, form, title="Are you sure you want to delete this initiative?",
                            caption=initiative.name, back=back, button="Delete initiative",
                            facts=[("Initiative", initiative.name), ("Workstream", initiative.workstream.name)],
                            breadcrumbs=[*_initiative_crumbs(initiative.workstream),
                                         {"text": initiative.name, "href": back}])


# Projects ----------------------------------------------------------------------------------------------------------


@login_required
@form_page
def project_create(request):
    if not can_write_anything(request.user):
        raise PermissionDenied("Only editors can create projects.")
    initial = {"initiative": Initiative.objects.visible_to(request.user).filter(
        slug=request.GET.get("initiative", "")).first()}
    form = ProjectCreateForm(posted(request)[0], user=request.user, initial=initial)
    project = saved(request, form, lambda f: services.create_project(f.save(commit=False), f.lead_organisation))
    if project:
        return done(request, f"Project {project.reference} created", project_url(project))
    facts = [("Lead organisation", form.fixed_lead.name)] if form.fixed_lead else []
    return form_response(request, form, title="Create a project", submit="Create project", facts=facts,
                         back=reverse("programme:projects"),
                         breadcrumbs=[{"text": "Home", "href": "/"},
                                      {"text": "Projects", "href": reverse("programme:projects")}])


@login_required
@form_page
def project_edit(request, reference):
    project = project_for_write(request, reference)
    form = ProjectForm(posted(request)[0], instance=project, user=request.user)
    changed = saved(request, form, lambda f: services.save(f.save(commit=False)))
    if changed:
        return done(request, "Project changed", project_url(changed))
    return form_response(request, form, title="Change project", caption=project_caption(project),
                         back=project_url(project), breadcrumbs=project_crumbs(project))


@login_required
@form_page
def project_delete(request, reference):
    project = project_for_write(request, reference)
    refused = refused_deletion(request, project, caption=project_caption(project), back=project_url(project),
                               breadcrumbs=project_crumbs(project))
    if refused:
        return refused
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: deleted(project)):
        return done(request, f"Project {project.reference} deleted",
                    reverse("programme:initiative", args=[project.initiative.slug]))
    return confirm_response(request, form, title="Are you sure you want to delete this project?",
                            caption=project_caption(project), back=project_url(project),
                            button="Delete project", breadcrumbs=project_crumbs(project),
                            warning="Its participants, milestones, risks, savings and evidence will be deleted "
                                    "too. Its deletion stays in the audit trail.")


# Participants ------------------------------------------------------------------------------------------------------


@login_required
@form_page
def participant_create(request, reference):
    project = project_for_write(request, reference)
    form = ParticipantForm(posted(request)[0], project=project, initial={"role": "partner"})
    participant = saved(request, form, lambda f: services.set_participant(
        project, f.cleaned_data["organisation"], f.cleaned_data["role"]))
    if participant:
        return done(request, f"{participant.organisation.name} added to the project",
                    project_url(project, "participants"))
    return form_response(request, form, title="Add a participating organisation", submit="Add organisation",
                         caption=project_caption(project), back=project_url(project, "participants"),
                         breadcrumbs=project_crumbs(project))


@login_required
@form_page
def participant_edit(request, reference, pk):
    project = project_for_write(request, reference)
    participant = get_object_or_404(project.participants.select_related("organisation"), pk=pk)
    form = ParticipantRoleForm(posted(request)[0], initial={"role": participant.role})
    changed = saved(request, form, lambda f: services.set_participant(
        project, participant.organisation, f.cleaned_data["role"]))
    if changed:
        return done(request, f"{participant.organisation.name} is now a {changed.get_role_display().lower()}",
                    project_url(project, "participants"))
    return form_response(request, form, title=f"Change {participant.organisation.name}’s role",
                         caption=project_caption(project), back=project_url(project, "participants"),
                         breadcrumbs=project_crumbs(project))


@login_required
@form_page
def participant_delete(request, reference, pk):
    project = project_for_write(request, reference)
    participant = get_object_or_404(project.participants.select_related("organisation"), pk=pk)
    form = ConfirmForm(posted(request)[0])
    def remove(f):
        services.remove_participant(participant)
        return participant

    if saved(request, form, remove):
        message = f"{participant.organisation.name} removed from the project"
        if not Project.objects.visible_to(request.user).filter(pk=project.pk).exists():
            # Removing your own council from an unpublished project takes it out of your sight.
            return done(request, message, reverse("programme:projects"))
        return done(request, message, project_url(project, "participants"))
    return confirm_response(request, form, title="Are you sure you want to remove this organisation?",
                            caption=project_caption(project), button="Remove organisation",
                            back=project_url(project, "participants"), breadcrumbs=project_crumbs(project),
                            facts=[("Organisation", participant.organisation.name),
                                   ("Role", participant.get_role_display())])


# Funding awards, milestones, risks and savings: the same three pages for each --------------------------------------


def _always(user, obj) -> bool:
    return True


@dataclass(frozen=True)
class ProjectPart:
    """One kind of record that belongs to a project, and the rules its pages follow."""

    noun: str  # "milestone"
    related: str  # the project's related manager, which is also the anchor on the project page
    form_class: type
    form_kwargs: Callable[[Any, Project], dict] = field(default=lambda request, project: {})
    may_create: Callable[[Any, Project], bool] = _always  # beyond being able to change the project
    may_change: Callable[[Any, Any], bool] = _always
    describe: Callable[[Any], list[tuple[str, str]]] = field(default=lambda obj: [])
    before_create: Callable[[Any, Any], None] = field(default=lambda request, obj: None)


def _part_for_write(request, reference, pk, part: ProjectPart):
    project = project_for_write(request, reference)
    obj = get_object_or_404(getattr(project, part.related).all(), pk=pk)
    if not part.may_change(request.user, obj):
        raise PermissionDenied(f"You cannot change this {part.noun}.")
    return project, obj


@login_required
@form_page
def part_create(request, reference, part: ProjectPart):
    project = project_for_write(request, reference)
    if not part.may_create(request.user, project):
        raise PermissionDenied(f"You cannot add a {part.noun} to this project.")
    form = part.form_class(posted(request)[0], **part.form_kwargs(request, project))

    def write(f):
        obj = f.save(commit=False)
        obj.project = project
        part.before_create(request, obj)
        return services.save(obj)

    if saved(request, form, write):
        return done(request, f"{part.noun.capitalize()} added", project_url(project, part.related))
    article = "an" if part.noun[0] in "aeiou" else "a"
    return form_response(request, form, title=f"Add {article} {part.noun}", submit=f"Add {part.noun}",
                         caption=project_caption(project), back=project_url(project, part.related),
                         breadcrumbs=project_crumbs(project))


@login_required
@form_page
def part_edit(request, reference, pk, part: ProjectPart):
    project, obj = _part_for_write(request, reference, pk, part)
    form = part.form_class(posted(request)[0], instance=obj, **part.form_kwargs(request, project))
    if saved(request, form, lambda f: services.save(f.save(commit=False))):
        return done(request, f"{part.noun.capitalize()} changed", project_url(project, part.related))
    return form_response(request, form, title=f"Change {part.noun}", caption=project_caption(project),
                         back=project_url(project, part.related), breadcrumbs=project_crumbs(project))


@login_required
@form_page
def part_delete(request, reference, pk, part: ProjectPart):
    project, obj = _part_for_write(request, reference, pk, part)
    refused = refused_deletion(request, obj, caption=project_caption(project), facts=part.describe(obj),
                               back=project_url(project, part.related), breadcrumbs=project_crumbs(project))
    if refused:
        return refused
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: deleted(obj)):
        return done(request, f"{part.noun.capitalize()} deleted", project_url(project, part.related))
    return confirm_response(request, form, title=f"Are you sure you want to delete this {part.noun}?",
                            caption=project_caption(project), button=f"Delete {part.noun}",
                            back=project_url(project, part.related), breadcrumbs=project_crumbs(project),
                            facts=part.describe(obj) or [(part.noun.capitalize(), str(obj))])


def _may_record_funding(user, project) -> bool:
    return is_programme_team(user) or match_funders(user, project).exists()


def _set_creator(request, saving) -> None:
    saving.created_by = request.user


FUNDING = ProjectPart(
    "funding award", "funding_awards", FundingAwardForm,
    form_kwargs=lambda request, project: {"user": request.user, "project": project},
    may_create=_may_record_funding, may_change=may_change_award,
    describe=lambda award: [("Funder", award.funder.name), ("Amount", f"£{award.amount:,.2f}")],
)
MILESTONE = ProjectPart("milestone", "milestones", MilestoneForm)
RISK = ProjectPart("risk", "risks", RiskForm)
SAVING = ProjectPart(
    "saving", "savings", SavingForm,
    form_kwargs=lambda request, project: {"project": project, "user": request.user}, before_create=_set_creator,
    describe=lambda saving: [("Saving", saving.title), ("Council", saving.organisation.name),
                             ("Amounts recorded", str(saving.amounts.count()))],
)


def _part_urls(segment: str, part: ProjectPart, name: str) -> list:
    base = f"projects/<str:reference>/{segment}/"
    return [
        path(base + "new/", part_create, {"part": part}, name=f"{name}-create"),
        path(base + "<int:pk>/edit/", part_edit, {"part": part}, name=f"{name}-edit"),
        path(base + "<int:pk>/delete/", part_delete, {"part": part}, name=f"{name}-delete"),
    ]


urlpatterns = [
    path("workstreams/<slug:slug>/initiatives/new/", initiative_create, name="initiative-create"),
    path("initiatives/<slug:slug>/edit/", initiative_edit, name="initiative-edit"),
    path("initiatives/<slug:slug>/delete/", initiative_delete, name="initiative-delete"),
    path("projects/new/", project_create, name="project-create"),
    path("projects/<str:reference>/edit/", project_edit, name="project-edit"),
    path("projects/<str:reference>/delete/", project_delete, name="project-delete"),
    path("projects/<str:reference>/participants/new/", participant_create, name="participant-create"),
    path("projects/<str:reference>/participants/<int:pk>/edit/", participant_edit, name="participant-edit"),
    path("projects/<str:reference>/participants/<int:pk>/delete/", participant_delete, name="participant-delete"),
    *_part_urls("funding", FUNDING, "funding"),
    *_part_urls("milestones", MILESTONE, "milestone"),
    *_part_urls("risks", RISK, "risk"),
    *_part_urls("savings", SAVING, "saving"),
    *edit_amounts.urlpatterns,
    *edit_withdrawals.urlpatterns,
]
