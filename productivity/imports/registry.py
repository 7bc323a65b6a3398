"""The importers each domain offers: the import pages, the job list, the command line and the API list them.

A domain registers its importers when its app is ready::

    registry.register(SpendImporter, hint="One row per payment...", results=lambda run: "/procurement/spend/")
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from productivity.imports.base import Importer


@dataclass(frozen=True)
class Registered:
    importer: type[Importer]
    hint: str  # one sentence shown beside the choice: what one row is, how rows are matched
    domain: str  # the app that offers it, for grouping on the pages
    results: Callable[[Any], str | None]  # where a finished run's records are seen (a URL), if anywhere
    changed_link: Callable[[str], str | None]  # a link for one record the run touched, if it has a page

    @property
    def kind(self) -> str:
        return self.importer.kind

    @property
    def title(self) -> str:
        return self.importer.title

    @property
    def accounted(self) -> bool:
        return self.importer.accounted


_REGISTRY: dict[str, Registered] = {}


def _nowhere(_: Any) -> None:
    return None


def register(importer: type[Importer], *, hint: str, domain: str, results: Callable[[Any], str | None] = _nowhere,
             changed_link: Callable[[str], str | None] = _nowhere) -> type[Importer]:
    """Offer ``importer`` under its ``kind``; registering the same class again is harmless."""
    existing = _REGISTRY.get(importer.kind)
    if existing is not None and existing.importer is not importer:
        raise ValueError(f"Two importers are registered as {importer.kind!r}")
    _REGISTRY[importer.kind] = Registered(importer, hint, domain, results, changed_link)
    return importer


def get(kind: str) -> Registered:
    """The registered importer of ``kind``; KeyError for a kind nobody offers."""
    return _REGISTRY[kind]


def kinds() -> list[str]:
    return sorted(_REGISTRY)


def everything() -> list[Registered]:
    return sorted(_REGISTRY.values(), key=lambda entry: (entry.domain, entry.title))
