"""The browse pages' filters and figure controls work together rather than against each other."""

import re


def test_savings_register_verification_filter_does_not_change_the_basis_of_the_totals(world, client_for):
    page = client_for(None).get("/programme/savings/?state=verified").content.decode()
    assert "Nothing matches this search and these filters" in page  # no amount is verified yet
    totals = " ".join(re.search(r"The 0 savings below[^<]*", page).group(0).split())
    assert "realised £0 (gross, all)" in totals


def test_savings_register_verified_only_figures_leave_the_table_unfiltered(world, client_for):
    page = client_for(None).get("/programme/savings/?verification=verified").content.decode()
    assert "realised\n  £0 (gross, verified realised only)" in page  # the realised amount is unverified
    assert "1 row · " in " ".join(page.split())  # but the register still lists its saving


def test_savings_register_basis_controls_keep_the_verification_filter(world, client_for):
    page = client_for(None).get("/programme/savings/?state=awaiting").content.decode()
    basis_form = re.search(r'<form method="get".*?</form>', page, re.S).group(0)
    assert 'name="state" value="awaiting"' in basis_form
    assert "1 row · " in " ".join(page.split())


def _forms(page: str) -> list[str]:
    return re.findall(r'<form method="get".*?</form>', page, re.S)


def test_organisation_search_and_filters_keep_each_other(world, client_for):
    page = client_for(None).get("/organisations/?q=hamp&region=South+East&sort=name&page=2").content.decode()
    search, filters = _forms(page)
    assert 'name="region" value="South East"' in search and 'name="sort" value="name"' in search
    assert ">Search</button>" in search
    assert 'name="q" value="hamp"' in filters and 'name="sort" value="name"' in filters
    assert 'name="page"' not in search + filters  # a new search or filter starts at page 1
    assert 'type="hidden" name="region"' not in filters  # the select itself sends the region
