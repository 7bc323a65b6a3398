"""Jinja2 environment: GOV.UK Frontend macros plus the platform's filters and globals."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup

from productivity.audit.display import readable_changes
from productivity.core import formatting
from productivity.core.forms import error_list


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    loader = options.pop("loader", None)
    loaders = [loader] if loader else []
    govuk = PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")})
    options["loader"] = ChoiceLoader([*loaders, govuk])
    options.pop("autoescape", None)
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.do"]
    env = Environment(autoescape=True, **options)
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "form_errors": error_list,
            "choice_items": _choice_items,
            "demo_rows": _demo_rows,
            "link": link,
            "audit_changes": readable_changes,
            "identity": identity,
        }
    )
    env.filters.update(
        {
            "money": formatting.money,
            "money_short": formatting.money_short,
            "govuk_date": formatting.govuk_date,
            "financial_year": formatting.financial_year_label,
            "number": formatting.number,
            "counted": formatting.counted,
            "percent": formatting.percent,
        }
    )
    return env


def identity() -> dict[str, str]:
    """Whose platform this is: its name, and the operator's name, licence and copyright lines."""
    return {
        "platform": "Productivity Platform",
        "operator": settings.OPERATOR_NAME,
        "licence": settings.CONTENT_LICENCE,
        "copyright": settings.COPYRIGHT,
    }


def _choice_items(bound_field, style: str) -> list[dict]:
    """GOV.UK select/radio items for a bound field, with the current value selected."""
    current = bound_field.value()
    current_values = {str(v) for v in current} if isinstance(current, list | tuple) else {str(current)}
    items = []
    for value, label in bound_field.field.choices:
        value = "" if value is None else str(getattr(value, "value", value))
        chosen = value in current_values
        if style == "select":
            items.append({"value": value, "text": label, "selected": chosen})
        elif value != "":
            items.append({"value": value, "text": label, "checked": chosen, "disabled": bound_field.field.disabled})
    return items


def _demo_rows(accounts) -> list[list[dict]]:
    return [[{"text": a.email}, {"text": a.password}, {"text": a.description}] for a in accounts]


def link(href: str, text, extra: str = "") -> Markup:
    """A GOV.UK link with its text escaped; ``extra`` is trusted markup to follow it (a tag, say)."""
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text) + Markup(extra)
