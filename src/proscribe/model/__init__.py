"""The domain model: entities as lists state them, and the values they are made of.

Pure: no files, network, database, environment or clock. Sources map their records into these
types; the store persists them; match, index and screen read them.
"""

from proscribe.model.countries import Country, CountryRole, country_code, country_name
from proscribe.model.dates import DateSpec, PartialDate, parse_birth_date, parse_date_spec
from proscribe.model.entity import (
    Address,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    Schema,
    unique,
)
from proscribe.model.ftm import from_ftm, to_ftm
from proscribe.model.identifiers import bic_head, imo_is_valid, parse_query_identifier
from proscribe.model.query import MAX_NAME_LENGTH, Query, QueryIdentifier
from proscribe.model.version import ListVersion

__all__ = [
    "MAX_NAME_LENGTH",
    "Address",
    "Country",
    "CountryRole",
    "DateSpec",
    "Designation",
    "Entity",
    "Identifier",
    "IdentifierType",
    "Link",
    "ListVersion",
    "Name",
    "NameKind",
    "PartialDate",
    "Query",
    "QueryIdentifier",
    "Schema",
    "bic_head",
    "country_code",
    "country_name",
    "from_ftm",
    "imo_is_valid",
    "parse_birth_date",
    "parse_date_spec",
    "parse_query_identifier",
    "to_ftm",
    "unique",
]
