"""The Consolidated Screening List CSV (trade.gov): bytes -> the list's own rows.

A header of the 28 column names below, then one row per entry of one of the combined lists
(`source` names which: "Specially Designated Nationals (SDN) - Treasury Department", "Entity
List (EL) - Bureau of Industry and Security" ...). Multi-valued cells are joined with `; `.
UTF-8, LF. Rows are kept as published, keyed by the publisher's column names.

Strict: a different header, a row of the wrong width or unbalanced quotes raise ParseError
with the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from proscribe.sources.base import clean, read_table

COLUMNS = (
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)
CLAIM_PREFIX = b"source,entity_number,type,programs,name,"
MULTI_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class CslRow:
    """One row of the list, publisher column names kept."""

    line: int
    fields: Mapping[str, str]

    def get(self, column: str) -> str | None:
        """The value with whitespace collapsed; None when empty."""
        return clean(self.fields[column])

    def values(self, column: str) -> list[str]:
        """The items of a `; `-joined cell, each cleaned, empty ones dropped."""
        items = (clean(item) for item in self.fields[column].split(MULTI_SEPARATOR))
        return [item for item in items if item]


def looks_like_csl(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf").startswith(CLAIM_PREFIX)


def read_csl(data: bytes, file: str) -> list[CslRow]:
    rows = read_table(data, file, COLUMNS, delimiter=",", layout="Consolidated Screening List")
    return [CslRow(line, fields) for line, fields in rows]
