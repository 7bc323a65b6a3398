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
