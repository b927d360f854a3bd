"""UK Sanctions List summary rows -> entities, one per row.

Decisions, from the 2025-08-11 spreadsheet (5,302 rows):

* The id is the `Unique ID` (`AFG0001`, `RUS2368`): the UK list's own stable id, unique per
  row. `Individual` is a Person, `Entity` an Organization, `Ship` a Vessel.
* The summary gives the primary name only, as written (`LAZARENKO Aleksey Valerievich`: surname
  first, in capitals, for most people); no first/last split is guessed. Two rows have an empty
  Name; they are kept without a name (the count is the list's) and reported in the notes.
* `OFSI Group ID` (empty for many new designations) is kept as an identifier labelled as such:
  it is the id the same target has in the older OFSI Consolidated List (`gb_hmt_ofsi`), so it
  links the two UK lists.
* `Regime Name` is the program, `Date Designated` (dd-mm-yyyy) `listed_on`; `Designation
  source` (UK, UN, `UK|UN`) and `Sanctions Imposed` (comma-separated measures) go to `extra`
  as `designationSource` and `provisions`.
"""

from __future__ import annotations

import re

from proscribe.errors import ParseError
from proscribe.model import (
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Name,
    NameKind,
    PartialDate,
    Schema,
    parse_date_spec,
    unique,
)
from proscribe.sources.gb_fcdo.parse_ods import FcdoRow

SOURCE = "gb_fcdo"
AUTHORITY = "Foreign, Commonwealth and Development Office"
SCHEMAS = {"Individual": Schema.PERSON, "Entity": Schema.ORGANIZATION, "Ship": Schema.VESSEL}
GROUP_ID_LABEL = "OFSI Group ID"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def map_rows(rows: list[FcdoRow], file: str) -> list[Entity]:
    entities: list[Entity] = []
    seen: set[str] = set()
    for row in rows:
        entity = map_row(row, file)
        if entity.id in seen:
            raise ParseError(
                f"duplicate Unique ID {entity.id}", file=file, line=row.line, field="Unique ID"
            )
        seen.add(entity.id)
        entities.append(entity)
    return entities


def map_row(row: FcdoRow, file: str) -> Entity:
    unique_id = _required(row, "Unique ID", file)
    kind = _required(row, "Type", file)
    if kind not in SCHEMAS:
        raise ParseError(f"unknown Type {kind!r}", file=file, line=row.line, field="Type")
    name = row.get("Name")
    group_id = row.get("OFSI Group ID")
    return Entity(
        source=SOURCE,
        id=unique_id,
        schema=SCHEMAS[kind],
        names=(Name(name, NameKind.PRIMARY),) if name else (),
        designation=Designation(
            source=SOURCE,
            programs=(_required(row, "Regime Name", file),),
            listed_on=_listed_on(row, file),
            authority=AUTHORITY,
        ),
        identifiers=(
            (Identifier(IdentifierType.OTHER, group_id, "gb", GROUP_ID_LABEL),) if group_id else ()
        ),
        extra=_extra(row),
    )


def nameless(entities: list[Entity]) -> list[str]:
    return [entity.id for entity in entities if not entity.names]


def _required(row: FcdoRow, column: str, file: str) -> str:
    value = row.get(column)
    if value is None:
        raise ParseError(f"{column} is empty", file=file, line=row.line, field=column)
    return value


def _listed_on(row: FcdoRow, file: str) -> PartialDate | None:
    text = row.get("Date Designated")
    if text is None:
        return None
    found = _DAY_MONTH_YEAR.fullmatch(text)
    try:
        if found is None:
            raise ValueError(f"not a dd-mm-yyyy date: {text!r}")
        day, month, year = found.groups()
        return parse_date_spec(f"{year}-{month}-{day}").start
    except ValueError as error:
        raise ParseError(str(error), file=file, line=row.line, field="Date Designated") from error


def _extra(row: FcdoRow) -> dict[str, tuple[str, ...]]:
    sources = (row.get("Designation source") or "").split("|")
    measures = (row.get("Sanctions Imposed") or "").split(", ")
    extra = {
        "designationSource": unique(value.strip() for value in sources if value.strip()),
        "provisions": unique(value.strip() for value in measures if value.strip()),
    }
    return {key: values for key, values in extra.items() if values}
