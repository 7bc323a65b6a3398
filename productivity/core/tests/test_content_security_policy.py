"""Every response carries a Content-Security-Policy that lets in only the site's own origin; the one inline
script of GOV.UK Frontend's page template runs under that response's nonce."""

import re

import pytest
from django.test import Client, override_settings

from productivity.core import csp

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/programme/projects/", 200), ("/no-such-page/", 404), ("/api/programme/workstreams", 200),
    ("/api/no-such-thing", 404), ("/api/docs", 200), ("/api/openapi.json", 200), ("/static/css/platform.css", 200),
    ("/programme/projects/%00/", 404),
])
def test_every_kind_of_response_allows_only_the_sites_own_origin(path, status):
    response = Client().get(path)
    assert response.status_code == status
    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert [s for s in policy["script-src"] if not s.startswith("'nonce-")] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_inline_script_carries_the_nonce_of_its_own_response():
    first, second = Client().get("/"), Client().get("/")
    nonces = [NONCE.search(r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces, strict=True):
        scripts = re.findall(r"<script([^>]*)>", response.content.decode())
        inline = [attrs for attrs in scripts if "src=" not in attrs]
        assert inline == [f' nonce="{nonce}"']


@override_settings(CSP_EXTRA_SOURCES={"img-src": ["https://{s}.tiles.example.org/{z}/{x}/{y}.png"]})
def test_a_configured_extra_source_is_added_to_its_directive_as_an_origin():
    policy = policy_of(Client().get("/"))
    assert policy["img-src"] == ["'self'", "data:", "https://*.tiles.example.org"]
    assert policy["script-src"][0] == "'self'" and len(policy["script-src"]) == 2


def test_sources_are_reduced_to_their_origins_and_keywords_kept():
    assert csp.source("https://tiles.example.org:8443/a/{z}.png") == "https://tiles.example.org:8443"
    assert csp.source("'self'") == "'self'"
    assert csp.source("data:") == "data:"
    combined = csp.policy({"img-src": ["'self'"]}, {"img-src": ["https://a.example/x", "https://a.example/y"]})
    assert combined == {"img-src": ["'self'", "https://a.example"]}

