"""The demo's illustrative pipelines, processes, pledges and contracts: labelled, valid OCDS, safe to run twice."""

import json

import pytest

from productivity.procurement import ocds, pipeline_demo, pipeline_exports
from productivity.procurement.models import ContractRecord, Pipeline, PlannedProcurement, ProcurementProcess
from productivity.procurement.tests.factories import make_devon, make_trafford

pytestmark = pytest.mark.django_db


def test_the_demo_is_illustrative_valid_and_idempotent():
    make_devon(), make_trafford()
    pipeline_demo.load()
    counts = (Pipeline.objects.count(), PlannedProcurement.objects.count(), ProcurementProcess.objects.count(),
              ContractRecord.objects.count())
    pipeline_demo.load()
    assert counts == (Pipeline.objects.count(), PlannedProcurement.objects.count(),
                      ProcurementProcess.objects.count(), ContractRecord.objects.count())
    assert counts[0] == 2 and counts[1] == 9
    assert all(p.is_illustrative for p in Pipeline.objects.all())
    assert all("illustrative" in plan.title for plan in PlannedProcurement.objects.all())
    for pipeline in Pipeline.objects.all():
        package = json.loads(pipeline_exports.ocds_text(pipeline.organisation, pipeline_exports.plans_of(pipeline)))
        assert ocds.problems(package) == []


def test_the_demo_says_how_many_plans_each_pipeline_has_in_good_english():
    from io import StringIO

    from django.core.management.base import OutputWrapper

    from productivity.organisations.tests.factories import make_council

    make_devon(), make_council("Swindon", gss_code="E06000030", authority_type="UA", region="South West")
    out = StringIO()
    pipeline_demo.load(OutputWrapper(out))  # as the command's stdout: a line each
    said = out.getvalue().splitlines()
    assert "Swindon: pipeline of 1 illustrative plan" in said
    assert "Devon: pipeline of 5 illustrative plans" in said
    assert not any("1 illustrative plans" in line for line in said)
