"""Rows of a screening file read as queries, each field checked.

    id, name, schema, birth_date, country [, id_number, gender]

- id: the caller's reference, echoed in the result; required, as it is how the caller joins
  the results back to their records.
- name: required, at most 500 characters.
- schema: Person, Organization, Vessel, Airplane or LegalEntity, in any case; empty: any.
- birth_date: anything `parse_date_spec` reads (1950-01-15, 15 Jan 1950, 1950, 1961-1963), not
  after today nor before 1800 (`parse_birth_date`).
- country: ISO codes or country names, several separated by `;` or `,`. A value that is one
  country name as a whole ("Korea, North") is read before it is split at commas.
- id_number: a passport, national id, IMO ... number, several separated by `;`; written
  `TYPE:VALUE` (passport:M1234567) to say which kind, as `proscribe screen --id` takes it.
- gender: male / female (m / f), in any case.

Readers give a row as a mapping of column name to value: text from CSV, any JSON value from
JSON lines, typed values from Parquet. A row that is wrong in any field becomes a RowError,
`line N: field F: message`, screened as nothing: the batch goes on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from proscribe.model import (
    MAX_NAME_LENGTH,
    DateSpec,
    PartialDate,
    Query,
    QueryIdentifier,
    Schema,
    country_code,
    parse_birth_date,
    parse_query_identifier,
)

COLUMNS = ("id", "name", "schema", "birth_date", "country", "id_number", "gender")
REQUIRED_COLUMNS = ("id", "name")
_SCHEMAS = {schema.value.lower(): schema for schema in Schema}
_GENDERS = {"male": "male", "m": "male", "female": "female", "f": "female"}


@dataclass(frozen=True, slots=True)
class Row:
    """One row as a reader found it; `problem` when it could not be split into fields."""

    line: int  # the file line it starts on (Parquet: the row number), counting from 1
    values: Mapping[str, Any]
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that could not be screened, in the place of its result."""

    id: str | None
    message: str  # "line N: field F: message"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.message, "matches": []}


class FieldError(ValueError):
    """A field's value is wrong; `field` names the column."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_row(row: Row) -> Query | RowError:
    """The query a row asks for, or the reason it cannot be screened."""
    row_id = _row_id(row.values)
    if row.problem is not None:
        return RowError(row_id, f"line {row.line}: {row.problem}")
    try:
        return _query(row.values, row_id)
    except FieldError as error:
        return RowError(row_id, f"line {row.line}: field {error.field}: {error}")


def _row_id(values: Mapping[str, Any]) -> str | None:
    try:
        return _text(values, "id") or None
    except FieldError:
        return None


def _query(values: Mapping[str, Any], row_id: str | None) -> Query:
    if row_id is None:
        raise FieldError("id", "empty: every row needs the caller's id")
    return Query(
        name=_name(values),
        schema=_schema(values),
        birth_date=_birth_date(values),
        countries=_countries(values),
        identifiers=tuple(_identifier(value) for value in _parts(values, "id_number", ";")),
        gender=_gender(values),
        id=row_id,
    )


def _text(values: Mapping[str, Any], field: str) -> str:
    """A field as stripped text: JSON numbers and Parquet dates are accepted as text."""
    value = values.get(field)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise FieldError(field, f"expected text, found {type(value).__name__}")


def _parts(values: Mapping[str, Any], field: str, separators: str) -> list[str]:
    """A field of several values: a JSON list, or text split at any of `separators`."""
    value = values.get(field)
    if isinstance(value, list):
        return [part for item in value for part in _parts({field: item}, field, separators)]
    text = _text(values, field)
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return [part.strip() for part in text.split(separators[0]) if part.strip()]


def _name(values: Mapping[str, Any]) -> str:
    name = " ".join(_text(values, "name").split())
    if not name:
        raise FieldError("name", "empty")
    if len(name) > MAX_NAME_LENGTH:
        raise FieldError("name", f"{len(name)} characters, at most {MAX_NAME_LENGTH} read")
    return name


def _schema(values: Mapping[str, Any]) -> Schema | None:
    text = _text(values, "schema")
    if not text:
        return None
    schema = _SCHEMAS.get(text.lower())
    if schema is None:
        known = ", ".join(s.value for s in Schema)
        raise FieldError("schema", f"unknown schema {text!r} (known: {known})")
    return schema


def _birth_date(values: Mapping[str, Any]) -> DateSpec | None:
    value = values.get("birth_date")
    if isinstance(value, date):  # Parquet date column: no text round trip
        return DateSpec(PartialDate(value.year, value.month, value.day))
    text = _text(values, "birth_date")
    if not text:
        return None
    try:
        return parse_birth_date(text)
    except ValueError as error:
        raise FieldError("birth_date", str(error)) from None


def _countries(values: Mapping[str, Any]) -> tuple[str, ...]:
    codes: list[str] = []
    for part in _parts(values, "country", ";"):
        whole = country_code(part)
        pieces = [whole] if whole else [_country(p) for p in part.split(",") if p.strip()]
        codes.extend(pieces)
    return tuple(dict.fromkeys(codes))  # each once, in the order given


def _country(text: str) -> str:
    code = country_code(text.strip())
    if code is None:
        raise FieldError("country", f"unknown country {text.strip()!r}")
    return code


def _identifier(text: str) -> QueryIdentifier:
    """`VALUE`, `TYPE:VALUE` (passport:M1234567) or `IMO 9106297`; IMO check digits checked."""
    try:
        return parse_query_identifier(text)
    except ValueError as error:
        raise FieldError("id_number", str(error)) from error


def _gender(values: Mapping[str, Any]) -> str | None:
    text = _text(values, "gender")
    if not text:
        return None
    gender = _GENDERS.get(text.lower())
    if gender is None:
        raise FieldError("gender", f"unknown gender {text!r} (male or female)")
    return gender
