"""The demo's illustrative Hampshire file: invoice dates to measure, labelled as made up, imported as any file is."""

import pytest

from productivity.organisations.tests.factories import make_council
from productivity.procurement import demo_payments, payments
from productivity.procurement.models import MatchProposal, SpendLine, Supplier
from productivity.procurement.tests.test_import import imported

pytestmark = pytest.mark.django_db


def test_the_illustrative_payments_file_gives_the_paying_on_time_page_something_to_measure(tmp_path):
    hampshire = make_council("Hampshire", gss_code=demo_payments.COUNCIL, authority_type="CTY")
    first = demo_payments.write_file(tmp_path).read_bytes()
    path = demo_payments.write_file(tmp_path)
    assert path.read_bytes() == first  # the same file every time, so loading the demo again adds nothing

    counts = imported(path, publisher=demo_payments.COUNCIL)
    assert (counts["imported"], counts["duplicates"], counts["rejected"]) == (demo_payments.LINES, 0, 0)
    lines = SpendLine.objects.filter(publisher=hampshire)
    assert lines.filter(invoice_date__isnull=True).count() == 0
    assert all(reference.startswith("ILLUSTRATIVE-") for reference in lines.values_list("transaction_reference",
                                                                                         flat=True))
    assert all(name.endswith("(illustrative)") for name in lines.values_list("supplier_name", flat=True))
    # Made-up firms unlike one another: the review queue gets none of them to decide.
    assert Supplier.objects.count() == len(demo_payments.SUPPLIERS) and not MatchProposal.objects.exists()

    overall = payments.payment_times(lines)[()]
    credits = lines.filter(amount__lt=0).count()
    assert credits == demo_payments.LINES // 100 and overall.invoices == demo_payments.LINES - credits
    assert overall.out_of_order == 0 and overall.banded == overall.invoices
    assert all(count > 0 for count in overall.bands.values())  # some in every band: the page shows each
    assert overall.within_30 > overall.from_31_to_60 > overall.from_61
    periods = payments.payment_times(lines, ("period",))
    assert len(periods) == 2  # 2025/26's two six-month reporting periods

    again = imported(path, publisher=demo_payments.COUNCIL)
    assert (again["imported"], again["duplicates"]) == (0, demo_payments.LINES)
