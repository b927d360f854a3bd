"""Request bodies of the HTTP service, validated field by field.

Unknown fields are refused (`extra="forbid"`): a misspelt `birth_date` silently ignored would
screen a different query than the caller meant. Every value is checked here, so a bad date,
country or schema is a 422 naming its field, and `to_query` cannot fail.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from proscribe.model import (
    MAX_NAME_LENGTH,
    Query,
    Schema,
    country_code,
    parse_birth_date,
    parse_query_identifier,
)

MAX_BATCH = 1_000
Text = Annotated[str, Field(max_length=500)]


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD text: pydantic alone would also read a number of seconds as a date."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return date.fromisoformat(value)  # its ValueError (month 13) is a 422 on the field


# A day for as-of screening: the list versions in force on it (see proscribe.history).
Day = Annotated[date, BeforeValidator(_iso_day)]
AsOf = Annotated[
    Day | None,
    Field(description="YYYY-MM-DD: screen against the list versions in force that day."),
]


class ScreenRequest(BaseModel):
    """One query: the fields of `proscribe screen`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: Text | None = Field(default=None, description="Your reference, echoed in the result.")
    name: str = Field(
        min_length=1, max_length=MAX_NAME_LENGTH, description="The name, in any script."
    )
    # `schema` would shadow a BaseModel attribute; the alias keeps the JSON field name.
    schema_: str | None = Field(default=None, alias="schema", description="Person, Vessel ...")
    birth_date: Text | None = Field(default=None, description="e.g. 1950-01-15 or 1950")
    countries: list[Text] = Field(default=[], max_length=20, description="Names or codes.")
    id_numbers: list[Text] = Field(
        default=[], max_length=20, description="VALUE or TYPE:VALUE (passport, imo, ...)."
    )
    gender: str | None = Field(default=None, description="male or female")
    limit: int = Field(default=10, ge=1, le=100)
    # Strict: a JSON `true` is not the number 1 (schemathesis found it accepted).
    threshold: float | None = Field(default=None, ge=0.0, le=1.0, strict=True)
    as_of: AsOf = None
    record: bool = Field(
        default=False,
        strict=True,
        description="Open an alert for each match, the query standing as a party "
        "(POST /v1/screen only; needs the review role).",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a name is required")
        return value

    @field_validator("schema_")
    @classmethod
    def _schema(cls, value: str | None) -> str | None:
        if value is None:
            return None
        for schema in Schema:
            if schema.value.lower() == value.strip().lower():
                return schema.value
        raise ValueError(f"unknown schema (one of {', '.join(s.value for s in Schema)})")

    @field_validator("birth_date")
    @classmethod
    def _birth_date(cls, value: str | None) -> str | None:
        if value:
            parse_birth_date(value)  # its ValueError becomes a 422 on this field
        return value or None

    @field_validator("countries")
    @classmethod
    def _countries(cls, values: list[str]) -> list[str]:
        codes = []
        for value in values:
            code = country_code(value)
            if code is None:
                raise ValueError(f"unknown country {value!r}")
            codes.append(code)
        return codes

    @field_validator("id_numbers")
    @classmethod
    def _id_numbers(cls, values: list[str]) -> list[str]:
        for value in values:
            if value.strip():
                parse_query_identifier(value)  # a bad IMO check digit is a 422 here
        return values

    @field_validator("gender")
    @classmethod
    def _gender(cls, value: str | None) -> str | None:
        if value is None:
            return None
        found = {"m": "male", "male": "male", "f": "female", "female": "female"}
        if value.lower() not in found:
            raise ValueError("expected male or female")
        return found[value.lower()]

    def to_query(self) -> Query:
        return Query(
            name=self.name,
            schema=Schema(self.schema_) if self.schema_ else None,
            birth_date=parse_birth_date(self.birth_date) if self.birth_date else None,
            countries=tuple(self.countries),
            identifiers=tuple(
                parse_query_identifier(value) for value in self.id_numbers if value.strip()
            ),
            gender=self.gender,
            id=self.id,
        )


class BatchRequest(BaseModel):
    """Up to 1,000 queries, screened in order against the same list versions."""

    model_config = ConfigDict(extra="forbid")

    queries: list[ScreenRequest] = Field(min_length=1, max_length=MAX_BATCH)
    as_of: AsOf = None  # for the queries that give none of their own
