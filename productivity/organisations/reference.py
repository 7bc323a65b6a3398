"""Read the reference files in data/reference into organisation records (no database access here)."""

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from productivity.organisations.models import OrganisationKind

LA_FILE = Path("reference/local_authorities/uk_local_authorities.csv")
LA_CORRECTIONS = Path("reference/local_authorities/corrections.csv")
POLICE_FILE = Path("reference/boundaries/Police_Force_Areas_December_2023_EW_BSC.topo.json")
FIRE_FILE = Path("reference/boundaries/Fire_and_Rescue_Authorities_December_2023_EW_BSC.topo.json")
BODIES_FILE = Path("reference/public_bodies/other_public_bodies.csv")


@dataclass
class OrganisationRecord:
    slug: str
    name: str
    kind: str
    gss_code: str | None = None
    registry_code: str = ""
    official_name: str = ""
    former_gss_codes: str = ""
    alt_names: str = ""
    replaced_by: str = ""  # the register code of the authority that replaced it
    authority_type: str = ""
    authority_type_name: str = ""
    region: str = ""
    parent_registry_code: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    extra: dict = field(default_factory=dict)

    def values(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "gss_code": self.gss_code,
            "registry_code": self.registry_code,
            "official_name": self.official_name,
            "former_gss_codes": self.former_gss_codes,
            "alt_names": self.alt_names,
            "authority_type": self.authority_type,
            "authority_type_name": self.authority_type_name,
            "region": self.region,
            "start_date": self.start_date,
            "end_date": self.end_date,
        }


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def local_authorities(data_dir: Path | None = None) -> Iterator[OrganisationRecord]:
    """Every English local authority in the mySociety register, current and past, with our corrections."""
    base = data_dir or settings.DATA_DIR
    corrections = _corrections(base / LA_CORRECTIONS)
    with (base / LA_FILE).open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["nation"] != "England":
                continue
            row.update(corrections.get(row["gss-code"], {}))
            la_type = row["local-authority-type"]
            kind = OrganisationKind.COMBINED_AUTHORITY if la_type in {"COMB", "SRA"} else OrganisationKind.COUNCIL
            yield OrganisationRecord(
                slug=row["gss-code"],
                name=row["nice-name"],
                kind=kind,
                gss_code=row["gss-code"],
                registry_code=row["local-authority-code"],
                official_name=row["official-name"],
                former_gss_codes=row["former-gss-codes"],
                alt_names=row["alt-names"],
                # A council split in two has no one successor: only a single code is taken.
                replaced_by=row["replaced-by"] if "," not in row["replaced-by"] else "",
                authority_type=la_type,
                authority_type_name=row["local-authority-type-name"],
                region=row["region"],
                parent_registry_code=row["county-la"],
                start_date=_date(row["start-date"]),
                end_date=_date(row["end-date"]),
            )


def _corrections(path: Path) -> dict[str, dict[str, str]]:
    """Corrections to the register, by GSS code: {code: {column: value}} (each row says why)."""
    result: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            result.setdefault(row["gss-code"], {})[row["column"]] = row["value"]
    return result


def _areas(path: Path, kind: str, suffix: str) -> Iterator[OrganisationRecord]:
    with path.open(encoding="utf-8") as handle:
        topology = json.load(handle)
    for layer in topology["objects"].values():
        for geometry in layer["geometries"]:
            props = geometry["properties"]
            if not props["AREACD"].startswith("E"):
                continue
            yield OrganisationRecord(slug=props["AREACD"], name=f"{props['AREANM']} {suffix}", kind=kind,
                                     gss_code=props["AREACD"], official_name=props["AREANM"])


def police_and_fire(data_dir: Path | None = None) -> Iterator[OrganisationRecord]:
    """English police force areas and fire and rescue authorities (ONS, December 2023)."""
    base = data_dir or settings.DATA_DIR
    yield from _areas(base / POLICE_FILE, OrganisationKind.POLICE, "Police")
    yield from _areas(base / FIRE_FILE, OrganisationKind.FIRE, "Fire and Rescue")


def other_bodies(data_dir: Path | None = None) -> Iterator[OrganisationRecord]:
    """Central government, NHS bodies and the programme team, from the project's own list."""
    path = (data_dir or settings.DATA_DIR) / BODIES_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield OrganisationRecord(slug=row["slug"], name=row["name"], kind=row["kind"],
                                     official_name=row["official_name"])


def all_records(data_dir: Path | None = None) -> list[OrganisationRecord]:
    return [*local_authorities(data_dir), *police_and_fire(data_dir), *other_bodies(data_dir)]
