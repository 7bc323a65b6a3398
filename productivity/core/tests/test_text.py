"""The one text cleaner: bidirectional controls go, and so does a tab or carriage return hiding a formula."""

import pytest

from productivity.core.text import clean_text


@pytest.mark.parametrize("raw, clean", [
    ("Invoice\u202etxt.exe", "Invoicetxt.exe"),
    ("\u2066Title\u2069 \u200eok\u200f\u061c", "Title ok"),
    ("\t=HYPERLINK(1)", "=HYPERLINK(1)"),
    ("\r\t+1", "+1"),
    ("\t-£5", "-£5"),
    ("\r@SUM", "@SUM"),
    ("\tIndented notes", "\tIndented notes"),  # no formula behind it: left alone
    ("Plain", "Plain"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_other_values_are_left_as_they_are():
    assert clean_text(None) is None and clean_text(12) == 12
