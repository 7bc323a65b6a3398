"""Board reports follow the one scoping rule, with one addition: an author also sees their own draft."""

from productivity.reports.models import Report


def test_an_author_also_sees_their_own_draft(world):
    draft = Report.objects.create(title="Draft", as_at="2014-03-31", author=world.editor_b)
    assert Report.objects.visible_to(world.editor_b).filter(pk=draft.pk).exists()
    assert not Report.objects.visible_to(world.editor_a).filter(pk=draft.pk).exists()
    assert not Report.objects.editable_by(world.editor_b).filter(pk=draft.pk).exists()
