"""Form errors as GOV.UK asks for them: plain words naming the field, each linked from the error summary."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms

from productivity.core.forms import GovukDateField, GovukForm, MoneyField, error_list


class AwardForm(GovukForm):
    title = forms.CharField(label="Title")
    status = forms.ChoiceField(label="Status", choices=[("open", "Open")])
    amount = MoneyField(label="Amount")
    awarded_on = GovukDateField(label="Award date")

    def clean(self):
        data = super().clean()
        if data.get("title") == "clash":
            raise forms.ValidationError("A project with this title already exists")
        return data


VALID = {"title": "Telecare", "status": "open", "amount": "1500", "awarded_on_0": "15", "awarded_on_1": "1",
         "awarded_on_2": "2012"}


def errors(**changes) -> dict:
    form = AwardForm(data={**VALID, **changes})
    form.is_valid()
    return form.errors


def test_missing_answers_say_what_to_enter_or_select_with_the_right_article():
    got = AwardForm(data={}).errors
    assert got["title"] == ["Enter a title"]
    assert got["status"] == ["Select a status"]
    assert got["amount"] == ["Enter an amount"]
    assert got["awarded_on"] == ["Enter an award date"]


def test_the_error_summary_links_each_message_to_its_field_and_a_date_to_its_day_box():
    form = AwardForm(data={"title": "Telecare", "status": "open", "amount": "abc", "awarded_on_0": "31",
                           "awarded_on_1": "2", "awarded_on_2": "2012"})
    assert not form.is_valid()
    assert error_list(form) == [
        {"text": "Enter an amount in pounds, for example 1500 or 1,500.00", "href": "#id_amount"},
        {"text": "The award date must be a real date, for example 27 3 2012", "href": "#id_awarded_on_0"},
    ]


def test_an_error_about_the_whole_form_links_to_the_main_content():
    form = AwardForm(data={**VALID, "title": "clash"})
    assert not form.is_valid()
    assert error_list(form) == [{"text": "A project with this title already exists", "href": "#main-content"}]


def test_a_valid_form_has_nothing_in_the_error_summary():
    form = AwardForm(data=VALID)
    assert form.is_valid(), form.errors
    assert error_list(form) == []
    assert form.cleaned_data["amount"] == Decimal("1500")
    assert form.cleaned_data["awarded_on"] == dt.date(2012, 1, 15)


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("", "1", "2012", "The award date must include a day"),
    ("15", "", "", "The award date must include a month and year"),
    ("31", "2", "2012", "The award date must be a real date, for example 27 3 2012"),
    ("15", "13", "2012", "The award date must be a real date, for example 27 3 2012"),
    ("15", "1", "12", "The award date must be a real date, for example 27 3 2012"),
    ("first", "1", "2012", "The award date must be a real date, for example 27 3 2012"),
])
def test_a_date_that_is_incomplete_or_not_real_says_which(day, month, year, message):
    assert errors(awarded_on_0=day, awarded_on_1=month, awarded_on_2=year)["awarded_on"] == [message]


def test_a_date_with_spaces_around_its_parts_is_read():
    form = AwardForm(data={**VALID, "awarded_on_0": " 1 ", "awarded_on_1": " 4", "awarded_on_2": "2012 "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["awarded_on"] == dt.date(2012, 4, 1)


def test_an_optional_date_left_empty_is_no_date():
    field = GovukDateField(label="End date", required=False)
    assert field.clean(["", "", ""]) is None


@pytest.mark.parametrize(("typed", "amount"), [("£1,234.50", Decimal("1234.50")), (" 1500 ", Decimal("1500")),
                                               ("0", Decimal("0")), ("£0.01", Decimal("0.01"))])
def test_money_is_read_as_people_type_it(typed, amount):
    assert MoneyField(label="Amount").clean(typed) == amount


@pytest.mark.parametrize(("typed", "message"), [
    ("twelve pounds", "Enter an amount in pounds, for example 1500 or 1,500.00"),
    ("1.505", "Enter an amount in pounds and pence, for example 1500.50"),
    ("-5", "Ensure this value is greater than or equal to 0."),
])
def test_money_that_is_not_an_amount_says_what_would_be(typed, message):
    assert errors(amount=typed)["amount"] == [message]


def test_an_optional_date_filled_in_part_names_the_missing_part():
    field = GovukDateField(label="End date", required=False)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(["", "3", "2013"])
    assert refused.value.messages == ["The end date must include a day"]
