"""API page numbers are bounded, so a huge page number is a 400 for the caller, not a database error."""

import pytest
from pydantic import ValidationError

from productivity.core.paging import MAX_PAGE, BoundedPages


@pytest.mark.parametrize("page", [0, -1, MAX_PAGE + 1, 10**30])
def test_page_numbers_outside_the_bounds_are_refused(page):
    with pytest.raises(ValidationError):
        BoundedPages.Input(page=page)


def test_the_first_and_last_allowed_pages_are_accepted_and_the_first_is_the_default():
    assert BoundedPages.Input().page == 1
    assert BoundedPages.Input(page=MAX_PAGE).page == MAX_PAGE


def test_a_page_size_must_be_at_least_one():
    with pytest.raises(ValidationError):
        BoundedPages.Input(page_size=0)
    assert BoundedPages.Input(page_size=25).page_size == 25
