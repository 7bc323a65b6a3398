"""load_demo as someone running it by hand would meet it: before the register is loaded, and outside demo mode."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from productivity.accounts.demo import DEMO_ACCOUNTS
from productivity.accounts.models import User
from productivity.audit.models import AuditEntry
from productivity.programme.models import Initiative, Project, Workstream


def test_without_the_register_it_says_what_to_run_and_loads_nothing(db):
    with pytest.raises(CommandError, match="import_organisations"):
        call_command("load_demo", stdout=StringIO())
    assert not Project.objects.exists()
    assert not AuditEntry.objects.exists()


@override_settings(DEMO_MODE=False)
def test_outside_demo_mode_it_loads_the_programme_but_no_demo_accounts(db):
    call_command("import_organisations", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Project.objects.count() > 0
    assert "Demo programme: created" in out.getvalue()
    assert not User.objects.filter(email__in=[account.email for account in DEMO_ACCOUNTS]).exists()


def test_a_workstream_created_by_hand_is_used_not_duplicated(db):
    call_command("import_organisations", stdout=StringIO())
    own = Workstream.objects.create(name="Future Ways of Working", slug="fww", position=9)
    call_command("load_demo", stdout=StringIO())
    assert Workstream.objects.count() == 3
    assert Initiative.objects.get(slug="future-summits").workstream == own
