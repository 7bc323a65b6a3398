"""The Content-Security-Policy: this site's own origin, plus any source an operator configures."""

import base64
import hashlib
import secrets
from urllib.parse import urlsplit


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def source(value: str) -> str:
    """A CSP source for ``value``: keywords and schemes as given, a URL (or URL template) as its origin."""
    if value.startswith("'") or value.endswith(":") or "//" not in value:
        return value
    parts = urlsplit(value.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else f"//{parts.netloc}"


def policy(base: dict[str, list[str]], extra: dict[str, list[str]]) -> dict[str, list[str]]:
    """The directives of ``base`` with the sources of ``extra`` added, each once, in order."""
    combined = {directive: list(sources) for directive, sources in base.items()}
    for directive, sources in extra.items():
        current = combined.setdefault(directive, [])
        for added in map(source, sources):
            if added and added not in current:
                current.append(added)
    return combined


def configured_extra(configured) -> dict[str, list[str]]:
    """The sources an operator added: ``CSP_EXTRA_SOURCES``, and the map tile server's origin in ``img-src``
    when ``MAP_TILES_URL`` is set (and only then: without it the maps draw the shipped boundaries alone)."""
    extra = {directive: list(sources) for directive, sources in getattr(configured, "CSP_EXTRA_SOURCES", {}).items()}
    tiles = getattr(configured, "MAP_TILES_URL", "")
    if tiles:
        extra.setdefault("img-src", []).append(tiles)
    return extra


def header(directives: dict[str, list[str]], extra: dict[str, list[str]]) -> str:
    """The header's value: the directives, with this response's own extra sources (nonce, style hashes)."""
    return "; ".join(
        " ".join([directive, *sources, *extra.get(directive, [])]) for directive, sources in directives.items()
    )


def allow_inline_style(response, css: str):
    """Let this response's one inline <style> element, whose text is ``css``, through the policy."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    response.csp_styles = [*getattr(response, "csp_styles", []), f"'sha256-{digest}'"]
    return response
