"""Finding the organisation a file names, by any code or name it goes by, for every importer.

Files name councils by ONS GSS code (current or former), by register code, by our identifier, or
by name (the register's current, official and other names). One lookup reads the register once and
answers every row from memory, so a file of a million rows costs one query. A council merged or
abolished since 2009 is found by its old codes, and ``current`` gives the authority that replaced it.
"""

import re

from productivity.organisations.models import Organisation

CODE_ACCEPTS = ("an ONS GSS code such as E10000014, or the organisation's identifier shown on its page "
                "under Councils")
AMBIGUOUS = object()


def name_key(name: str) -> str:
    """'Trafford Metropolitan Borough Council' and 'trafford m.b.c.' compare on their letters and digits."""
    return re.sub(r"[^0-9a-z]", "", name.casefold().replace("&", "and"))


class OrganisationLookup:
    def __init__(self, organisations=None):
        self._by_code: dict[str, object] = {}
        self._by_name: dict[str, object] = {}
        self._by_pk: dict[int, Organisation] = {}
        for organisation in organisations if organisations is not None else Organisation.objects.all():
            self._by_pk[organisation.pk] = organisation
            for code in _codes(organisation):
                _add(self._by_code, code.upper(), organisation)
            for name in _names(organisation):
                _add(self._by_name, name_key(name), organisation)

    def find_code(self, value: object) -> Organisation | None:
        """The one organisation this code names, or None (unknown, or used by more than one)."""
        found = self._by_code.get(str(value or "").strip().upper())
        return None if found is None or found is AMBIGUOUS else found

    def find_name(self, value: object) -> Organisation | None:
        found = self._by_name.get(name_key(str(value or "")))
        return None if found is None or found is AMBIGUOUS else found

    def by_code(self, value: object) -> Organisation | None:
        """For importers' cells: None when blank; ValueError (saying what is accepted) when nobody has the code."""
        code = str(value or "").strip()
        if not code:
            return None
        found = self.find_code(code)
        if found is None:
            raise ValueError(f"No organisation has the code '{code}': use {CODE_ACCEPTS}")
        return found

    def by_code_or_name(self, value: object) -> Organisation | None:
        raw = str(value or "").strip()
        if not raw:
            return None
        found = self.find_code(raw) or self.find_name(raw)
        if found is None:
            raise ValueError(f"No organisation has the code or name '{raw}': use {CODE_ACCEPTS}, or its name")
        return found

    def current(self, organisation: Organisation) -> Organisation:
        """The authority that now does the work of ``organisation`` (itself if it still exists)."""
        seen = {organisation.pk}
        while organisation.successor_id and organisation.successor_id not in seen:
            organisation = self._by_pk.get(organisation.successor_id) or organisation.successor
            seen.add(organisation.pk)
        return organisation


def _add(index: dict, key: str, organisation: Organisation) -> None:
    if not key:
        return
    existing = index.get(key)
    if existing is None:
        index[key] = organisation
    elif existing is not organisation and existing is not AMBIGUOUS and existing.pk != organisation.pk:
        index[key] = AMBIGUOUS


def _codes(organisation: Organisation) -> list[str]:
    former = [code.strip() for code in organisation.former_gss_codes.split(",")]
    return [organisation.slug, organisation.gss_code or "", organisation.registry_code, *former]


def _names(organisation: Organisation) -> list[str]:
    alternatives = [name.strip() for name in organisation.alt_names.split(",")]
    return [organisation.name, organisation.official_name, *alternatives]
