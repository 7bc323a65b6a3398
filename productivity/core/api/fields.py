"""Request-body field types that enforce the platform's rules on input and state them in the OpenAPI
document, so that a request valid by the document is valid: no NUL characters, text cleaned (core.text),
non-blank where required, dates within 1990 to 2100, money in pounds and pence."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from productivity.core.dates import EARLIEST, LATEST, OUT_OF_RANGE
from productivity.core.text import clean_text

NO_NUL = r"^[^\u0000]*$"
NOT_BLANK = r"^[^\u0000]*[^\u0000\s][^\u0000]*$"
MONEY_PATTERN = r"^\d{1,12}(\.\d{1,2})?$"
LARGEST_MONEY = Decimal("999999999999.99")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("Enter some text: this cannot be blank")
    return value


def text(*, blank: bool = True, max_length: int | None = None, **field):
    """A string field: cleaned, with no NUL, non-blank unless ``blank``, at most ``max_length`` characters."""
    rules = {"pattern": NO_NUL if blank else NOT_BLANK}
    if not blank:
        rules["minLength"] = 1
    parts = [str, BeforeValidator(clean_text)]
    if not blank:
        parts.append(AfterValidator(_not_blank))
    return Annotated[(*parts, Field(max_length=max_length, json_schema_extra=rules, **field))]


def _in_range(day: dt.date) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"The date {OUT_OF_RANGE}")
    return day


DATE_RULES = {"format": "date", "formatMinimum": EARLIEST.isoformat(), "formatMaximum": LATEST.isoformat(),
              "pattern": r"^(199\d|20\d\d|2100)-\d{2}-\d{2}$"}
Date = Annotated[
    dt.date,
    AfterValidator(_in_range),
    Field(json_schema_extra=DATE_RULES, description="A date from 1990-01-01 to 2100-12-31, as YYYY-MM-DD"),
]


def money(minimum: str = "0", **field):
    """Pounds and pence (two decimal places at most), at least ``minimum``, as a string or a number.

    Below £0 is refused here; a higher minimum is the model's to enforce (in its own words) and stated here.
    """
    description = field.pop("description", "Pounds and pence, as a string or a number")
    schema = {"anyOf": [{"type": "number", "minimum": float(minimum), "maximum": float(LARGEST_MONEY),
                         "multipleOf": 0.01},
                        {"type": "string", "pattern": MONEY_PATTERN}],
              "description": f"{description}, at most two decimal places", "examples": ["25000.00"]}
    return Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2, **field),
                     WithJsonSchema(schema, mode="validation")]
