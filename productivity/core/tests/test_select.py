"""The filter forms' select (core/select.html): a labelled GOV.UK select with the asked-for option chosen."""

import re

from django.template import engines


def rendered(call: str, **context) -> str:
    template = engines["jinja2"].env.from_string('{% from "core/select.html" import select %}' + call)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", template.render(**context))


def test_the_label_names_the_select_and_the_chosen_option_is_selected():
    html = rendered('{{ select("year", "Financial year", years, 2012, id="option-year", blank="All years") }}',
                    years=[(2011, "2011/12"), (2012, "2012/13")])
    assert html == (
        '<div class="govuk-form-group govuk-!-margin-bottom-2">'
        '<label class="govuk-label" for="option-year">Financial year</label>'
        '<select class="govuk-select" id="option-year" name="year">'
        '<option value="">All years</option><option value="2011">2011/12</option>'
        '<option value="2012" selected>2012/13</option></select></div>')


def test_without_an_id_the_name_is_the_id_and_nothing_chosen_leaves_the_first_option():
    html = rendered('{{ select("use", "Used as", [("office", "Office"), ("library", "Library")], none) }}')
    assert 'for="use"' in html and 'id="use" name="use"' in html
    assert " selected" not in html and 'value=""' not in html


def test_labels_and_options_are_escaped():
    html = rendered('{{ select("who", label, [("<x>", "Tom & Jerry")], "<x>") }}', label="<b>Held by</b>")
    assert "<b>" not in html and "&lt;b&gt;Held by" in html
    assert '<option value="&lt;x&gt;" selected>Tom &amp; Jerry</option>' in html
