"""Pairs for feature tests: a query and an entity, without name forms.

The non-name features never read forms, so pairs carry none; a feature that started to rely
on them would fail these tests.
"""

from __future__ import annotations

from typing import Any

from proscribe.match.types import MatchConfig, Pair
from proscribe.model import Entity, Query, Schema
from tests.store.factory import make_entity

CONFIG = MatchConfig()


def make_pair(entity: Entity | None = None, **query: Any) -> Pair:
    """A pair of `Query(name="Test", **query)` and `entity` (a bare person by default)."""
    return Pair(
        query=Query(name=query.pop("name", "Test"), **query),
        query_forms=(),
        entity=entity if entity is not None else make_entity(Schema.PERSON),
        entity_forms=(),
    )
