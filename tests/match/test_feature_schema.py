"""Schema: a vessel is never a person; LegalEntity is a person or an organisation."""

from __future__ import annotations

import pytest

from proscribe.match.features import schema_mismatch
from proscribe.model import Schema
from tests.match.feature_pairs import CONFIG, make_pair
from tests.store.factory import make_entity

PERSON, ORG, LEGAL = Schema.PERSON, Schema.ORGANIZATION, Schema.LEGAL_ENTITY
VESSEL, AIRPLANE = Schema.VESSEL, Schema.AIRPLANE

INCOMPATIBLE = [
    (PERSON, VESSEL),
    (ORG, VESSEL),
    (PERSON, AIRPLANE),
    (ORG, AIRPLANE),
    (PERSON, ORG),
    (VESSEL, AIRPLANE),
    (LEGAL, VESSEL),  # LegalEntity is a person or an organisation, never a thing
    (LEGAL, AIRPLANE),
]
COMPATIBLE = [(PERSON, LEGAL), (ORG, LEGAL), *[(schema, schema) for schema in Schema]]


def _result(query: Schema | None, listed: Schema) -> tuple[float, str]:
    result = schema_mismatch(make_pair(make_entity(listed), schema=query), CONFIG)
    assert result.code == "schema_mismatch"
    return result.value, result.detail


@pytest.mark.parametrize(("one", "other"), INCOMPATIBLE)
def test_incompatible_either_way(one: Schema, other: Schema) -> None:
    assert _result(one, other)[0] == -1.0
    assert _result(other, one)[0] == -1.0


@pytest.mark.parametrize(("one", "other"), COMPATIBLE)
def test_compatible_either_way(one: Schema, other: Schema) -> None:
    assert _result(one, other) == (0.0, "")
    assert _result(other, one) == (0.0, "")


@pytest.mark.parametrize("listed", list(Schema))
def test_a_query_without_schema_agrees_with_everything(listed: Schema) -> None:
    assert _result(None, listed) == (0.0, "")


def test_details_name_the_query_side_first() -> None:
    assert _result(VESSEL, PERSON) == (-1.0, "a Vessel is never a Person")
    assert _result(PERSON, VESSEL) == (-1.0, "a Person is never a Vessel")
    assert _result(ORG, AIRPLANE) == (-1.0, "an Organization is never an Airplane")
    assert _result(LEGAL, VESSEL) == (-1.0, "a legal entity is never a Vessel")
