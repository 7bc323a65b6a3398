"""Creating, changing and deleting projects through the GOV.UK forms."""

import html
import re

from django.urls import reverse

from productivity.accounts.models import Membership, Role
from productivity.programme.models import Initiative, Project


def page_text(response) -> str:
    """What a person reads on the page: tags removed, entities decoded, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def input_value(response, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', response.content.decode())
    if tag is None:
        return None
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


def date_parts(name: str, day, month, year) -> dict:
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def project_data(world, **overrides) -> dict:
    data = {
        "initiative": str(world.initiative.pk), "reference": "ASC-010", "title": "Shared reablement team",
        "summary": "Two councils share one reablement service.", "status": "proposed", "rag": "",
        **date_parts("start_date", 1, 4, 2012), **date_parts("end_date", 31, 3, 2013),
    }
    data.update(overrides)
    return data


def test_council_editor_creates_a_project_led_by_their_council(world, client_for):
    client = client_for(world.editor_a)
    form = client.get(reverse("programme:project-create"))
    assert form.status_code == 200
    assert "Lead organisation Hampshire" in page_text(form)
    assert input_value(form, "lead") is None and 'name="lead"' not in form.content.decode()

    response = client.post(reverse("programme:project-create"), project_data(world), follow=True)

    assert response.redirect_chain[-1][0] == "/programme/projects/ASC-010/"
    text = page_text(response)
    assert "Project ASC-010 created" in text
    assert "Hampshire (lead)" in text
    assert "Unpublished" in text  # councils' new projects wait for the programme team to publish them
    assert "Created project: ASC-010: Shared reablement team" in text


def test_editor_for_two_councils_chooses_which_leads(world, client_for):
    Membership.objects.create(user=world.editor_a, organisation=world.council_b, role=Role.EDITOR)
    client = client_for(world.editor_a)

    missing = client.post(reverse("programme:project-create"), project_data(world))
    assert "Select a lead organisation" in page_text(missing)
    assert not Project.objects.filter(reference="ASC-010").exists()

    client.post(reverse("programme:project-create"), project_data(world, lead=str(world.council_b.pk)))
    assert Project.objects.get(reference="ASC-010").lead == world.council_b


def test_council_editor_cannot_create_in_an_unpublished_initiative(world, client_for):
    draft = Initiative.objects.create(workstream=world.workstream, name="Draft idea", slug="draft-idea",
                                      is_published=False)
    response = client_for(world.editor_a).post(reverse("programme:project-create"),
                                               project_data(world, initiative=str(draft.pk)))
    assert response.status_code == 200
    assert "Choose an initiative from the list" in page_text(response)
    assert not Project.objects.filter(reference="ASC-010").exists()


def test_programme_team_creates_in_an_unpublished_initiative_and_publishes(world, client_for):
    draft = Initiative.objects.create(workstream=world.workstream, name="Draft idea", slug="draft-idea",
                                      is_published=False)
    data = project_data(world, initiative=str(draft.pk), lead=str(world.council_b.pk), is_published="on")
    client_for(world.programme).post(reverse("programme:project-create"), data)
    project = Project.objects.get(reference="ASC-010")
    assert project.initiative == draft and project.is_published and project.lead == world.council_b


def test_errors_are_summarised_and_what_was_typed_is_kept(world, client_for):
    data = project_data(world, reference="", **date_parts("end_date", 1, 1, 2012))
    response = client_for(world.editor_a).post(reverse("programme:project-create"), data)

    assert response.status_code == 200
    text = page_text(response)
    assert text.startswith("Error: Create a project")  # the page title tells screen-reader users
    assert "There is a problem" in text
    assert "Enter a reference" in text
    assert "The end date must be the same as or after the start date" in text
    assert input_value(response, "title") == "Shared reablement team"
    assert input_value(response, "end_date_2") == "2012"
    assert 'href="#id_reference"' in response.content.decode()
    assert not Project.objects.filter(title="Shared reablement team").exists()


def test_a_reference_that_would_break_the_web_address_is_refused(world, client_for):
    response = client_for(world.editor_a).post(reverse("programme:project-create"),
                                               project_data(world, reference="ASC/010"))
    assert "The reference must start with a letter or number" in page_text(response)
    duplicate = client_for(world.editor_a).post(reverse("programme:project-create"),
                                                project_data(world, reference="ASC-001"))
    assert "This reference cannot be used: choose another" in page_text(duplicate)


def test_editing_a_project_shows_the_change_in_its_history(world, client_for):
    client = client_for(world.editor_a)
    url = reverse("programme:project-edit", args=["ASC-001"])
    form = client.get(url)
    assert input_value(form, "title") == "Reablement at home"
    assert input_value(form, "start_date_0") == ""

    data = project_data(world, reference="ASC-001", title="Reablement and recovery at home", status="implementing",
                        rag="amber")
    response = client.post(url, data, follow=True)

    text = page_text(response)
    assert "Project changed" in text
    assert "Reablement at home → Reablement and recovery at home" in text
    assert "Funded → Implementing" in text
    assert "Editor.A" in text  # who made the change


def test_council_editors_cannot_publish_their_projects(world, client_for):
    client = client_for(world.editor_a)
    url = reverse("programme:project-edit", args=["ASC-002"])
    assert "Publish this project" not in page_text(client.get(url))
    client.post(url, project_data(world, reference="ASC-002", title="Secret draft project", is_published="on"))
    assert not Project.objects.get(reference="ASC-002").is_published


def test_programme_team_publishes_a_project(world, client_for):
    client = client_for(world.programme)
    url = reverse("programme:project-edit", args=["ASC-002"])
    client.post(url, project_data(world, reference="ASC-002", title="Secret draft project", is_published="on"))
    assert Project.objects.get(reference="ASC-002").is_published
    assert "Secret draft project" in page_text(client_for(None).get(reverse("programme:projects")))


def test_deleting_a_project_asks_first(world, client_for):
    client = client_for(world.editor_a)
    url = reverse("programme:project-delete", args=["ASC-002"])
    confirm = client.get(url)
    assert "Are you sure you want to delete this project?" in page_text(confirm)
    assert Project.objects.filter(reference="ASC-002").exists()

    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("programme:initiative", args=[world.initiative.slug])
    assert "Project ASC-002 deleted" in page_text(response)
    assert not Project.objects.filter(reference="ASC-002").exists()


def test_project_page_offers_changes_only_to_those_who_may_make_them(world, client_for):
    url = reverse("programme:project", args=["ASC-001"])
    assert "Change project" in page_text(client_for(world.editor_a).get(url))
    for user in (None, world.viewer_a, world.editor_b):
        text = page_text(client_for(user).get(url))
        assert "Change project" not in text
        assert "Add a milestone" not in text
