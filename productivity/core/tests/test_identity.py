"""The platform looks like itself, not like GOV.UK: its own name and operator in the header, the operator's
licence and copyright in the footer, and no crown, GOV.UK logotype, royal arms, Crown copyright or GDS
Transport typeface in any page or in the stylesheet it links."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

# What GOV.UK reserves to itself, as it would appear in a page or a stylesheet.
GOVUK_ONLY = re.compile(
    r"GOV\.UK(?! Frontend)|govuk-logo|govuk-header__logotype|govuk-footer__crown|govuk-footer__copyright-logo"
    r"|govuk-crest|[Cc]rown|[Rr]oyal [Aa]rms|GDS Transport",
)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def page(path: str = "/") -> str:
    response = Client().get(path)
    assert response.status_code in (200, 404), path
    return response.content.decode()


def header(html: str) -> str:
    return html[html.index("<header"):html.index("</header>")]


def footer(html: str) -> str:
    return html[html.index("<footer"):html.index("</footer>")]


def test_header_names_the_platform_and_its_operator():
    top = header(page())
    assert "Local Government Association" in top
    assert "Productivity Platform" in top
    assert "govuk-generic-header" in top


def test_footer_carries_the_operators_licence_and_copyright():
    bottom = footer(page())
    assert "All content is available under the Open Government Licence v3.0, except where otherwise stated" in bottom
    assert "© Local Government Association" in bottom


@override_settings(OPERATOR_NAME="Example Council", COPYRIGHT="© Example Council 2026", CONTENT_LICENCE="")
def test_another_operator_is_named_instead_and_a_blank_licence_line_is_left_out():
    html = page()
    assert "Example Council" in header(html)
    assert "Local Government Association" not in header(html)
    assert "© Example Council 2026" in footer(html)
    assert "Open Government Licence" not in footer(html)


@pytest.mark.parametrize("path", ["/", "/about/", "/programme/projects/", "/accounts/login/", "/no-such-page/"])
def test_no_page_wears_what_gov_uk_reserves_to_itself(path):
    html = page(path)
    # Ignore the page's own words about the programme: only its furniture is GOV.UK's to reserve.
    furniture = header(html) + footer(html) + html[:html.index("<body")]
    assert GOVUK_ONLY.findall(furniture) == []
    assert "<svg" not in header(html) + footer(html), "no crown or logotype drawn in the header or footer"


def test_the_linked_stylesheet_is_the_compiled_one_and_asks_for_no_gov_uk_font_or_arms():
    sheets = STYLESHEET.findall(page())
    assert sheets == ["/static/css/platform.css"]
    path = finders.find("css/platform.css")
    assert path, "build/static/css/platform.css is missing: run `make css`"
    css = Client().get(sheets[0])
    text = b"".join(css.streaming_content).decode()
    assert css.status_code == 200
    assert "govuk-generic-header" in text and "govuk-service-navigation" in text
    assert "GDS Transport" not in text
    assert "@font-face" not in text
    assert "govuk-crest" not in text
    assert re.findall(r"url\(", text) == [], "the stylesheet requests no fonts or images"
    assert "system-ui" in text


def test_gov_uk_fonts_and_arms_are_not_served_at_the_old_assets_address():
    for path in ("/assets/fonts/light-94a07e06a1-v2.woff2", "/assets/images/govuk-crest.svg"):
        assert Client().get(path).status_code == 404
