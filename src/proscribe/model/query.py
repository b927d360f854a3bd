"""What a caller screens: a name and whatever else they know about the party."""

from __future__ import annotations

from dataclasses import dataclass

from proscribe.model.dates import DateSpec
from proscribe.model.entity import IdentifierType, Schema

# Longer is no name but a pasted document: refused, not screened, wherever a query comes in
# (screen-file rows, /v1/screen, yente's /match).
MAX_NAME_LENGTH = 500


@dataclass(frozen=True, slots=True)
class QueryIdentifier:
    """An identifier the caller knows; `type` is None when they did not say what it is."""

    value: str
    type: IdentifierType | None = None


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    schema: Schema | None = None  # None: any; LegalEntity: person or organisation
    birth_date: DateSpec | None = None
    countries: tuple[str, ...] = ()  # ISO codes: nationality, citizenship or residence
    identifiers: tuple[QueryIdentifier, ...] = ()
    gender: str | None = None  # "male" | "female"
    id: str | None = None  # the caller's own reference, echoed in results
