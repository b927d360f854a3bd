"""Monitored parties as screening queries and back.

The store keeps a party's fields as JSON-ready values (`store.monitoring.Party`); screening
takes a `Query`. The conversion is lossless both ways, so the fingerprint of a party read back
is the fingerprint it was stored with.
"""

from __future__ import annotations

from proscribe.model import DateSpec, IdentifierType, Query, QueryIdentifier, Schema
from proscribe.store.monitoring import Party


def party_of(query: Query) -> Party:
    """The party a query describes; its `id` is the caller's stable id (required)."""
    if not query.id:
        raise ValueError("a monitored party needs an id")
    return Party(
        id=query.id,
        name=query.name,
        schema=query.schema.value if query.schema else None,
        birth_date=query.birth_date.iso if query.birth_date else None,
        countries=tuple(query.countries),
        identifiers=tuple((i.type.value if i.type else None, i.value) for i in query.identifiers),
        gender=query.gender,
    )


def query_of(party: Party) -> Query:
    """The query a party is screened as."""
    return Query(
        name=party.name,
        schema=Schema(party.schema) if party.schema else None,
        birth_date=DateSpec.from_iso(party.birth_date) if party.birth_date else None,
        countries=party.countries,
        identifiers=tuple(
            QueryIdentifier(value, IdentifierType(kind) if kind else None)
            for kind, value in party.identifiers
        ),
        gender=party.gender,
        id=party.id,
    )
