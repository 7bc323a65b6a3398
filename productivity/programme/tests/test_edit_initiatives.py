"""The programme team adds, changes, publishes and deletes initiatives within a workstream."""

from django.urls import reverse

from productivity.programme.models import Initiative
from productivity.programme.tests.test_edit_projects import input_value, page_text


def initiative_data(world, **overrides) -> dict:
    return {"workstream": str(world.workstream.pk), "name": "Troubled Families", "slug": "",
            "summary": "Co-ordinated support for families with multiple problems.", **overrides}


def test_programme_team_adds_an_initiative_from_its_workstream(world, client_for):
    client = client_for(world.programme)
    workstream_page = client.get(reverse("programme:workstream", args=[world.workstream.slug]))
    assert "Add an initiative to this workstream" in page_text(workstream_page)

    response = client.post(reverse("programme:initiative-create", args=[world.workstream.slug]),
                           initiative_data(world), follow=True)

    assert response.redirect_chain[-1][0] == "/programme/initiatives/troubled-families/"
    text = page_text(response)
    assert "Initiative ‘Troubled Families’ created" in text
    assert "Unpublished" in text  # new initiatives stay private until published
    assert "Created initiative: Troubled Families" in text


def test_publishing_an_initiative_is_recorded_in_its_history(world, client_for):
    draft = Initiative.objects.create(workstream=world.workstream, name="Troubled Families",
                                      slug="troubled-families", is_published=False)
    client = client_for(world.programme)
    response = client.post(reverse("programme:initiative-edit", args=[draft.slug]),
                           initiative_data(world, slug=draft.slug, is_published="on"), follow=True)
    text = page_text(response)
    assert "Initiative changed" in text
    assert "Published : No → Yes" in text
    assert "Troubled Families" in page_text(client_for(None).get(reverse("programme:workstream",
                                                                        args=[world.workstream.slug])))


def test_a_duplicate_name_is_refused_and_the_form_kept(world, client_for):
    response = client_for(world.programme).post(
        reverse("programme:initiative-create", args=[world.workstream.slug]),
        initiative_data(world, name=world.initiative.name, slug="another-slug"))
    text = page_text(response)
    assert "There is a problem" in text
    assert "There is already an initiative with this name" in text
    assert input_value(response, "slug") == "another-slug"
    assert Initiative.objects.count() == 1


def test_an_initiative_with_projects_cannot_be_deleted(world, client_for):
    client = client_for(world.programme)
    url = reverse("programme:initiative-delete", args=[world.initiative.slug])
    assert "Are you sure you want to delete this initiative?" in page_text(client.get(url))
    response = client.post(url)
    assert "This initiative has projects" in page_text(response)
    assert Initiative.objects.filter(pk=world.initiative.pk).exists()


def test_an_empty_initiative_is_deleted_after_confirming(world, client_for):
    empty = Initiative.objects.create(workstream=world.workstream, name="Waste pilots", slug="waste-pilots")
    response = client_for(world.programme).post(reverse("programme:initiative-delete", args=[empty.slug]),
                                                follow=True)
    assert response.redirect_chain[-1][0] == reverse("programme:workstream", args=[world.workstream.slug])
    assert "Initiative ‘Waste pilots’ deleted" in page_text(response)
    assert not Initiative.objects.filter(pk=empty.pk).exists()


def test_council_editors_may_add_projects_to_published_initiatives_only(world, client_for):
    page = client_for(world.editor_a).get(reverse("programme:initiative", args=[world.initiative.slug]))
    text = page_text(page)
    assert "Add a project to this initiative" in text
    assert "Change initiative" not in text
    form = client_for(world.editor_a).get(reverse("programme:project-create") + f"?initiative={world.initiative.slug}")
    assert f'<option value="{world.initiative.pk}" selected>' in form.content.decode()
