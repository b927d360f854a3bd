"""Gender: a stated difference counts against; agreement and silence say nothing."""

from __future__ import annotations

import pytest

from proscribe.match.features import gender_mismatch
from proscribe.match.features.gender import normalise_gender
from tests.match.feature_pairs import CONFIG, make_pair
from tests.store.factory import make_entity


@pytest.mark.parametrize(
    ("query", "listed", "value", "detail"),
    [
        ("female", "male", -1.0, "gender female vs listed male"),
        ("M", "female", -1.0, "gender male vs listed female"),
        (" f ", "male", -1.0, "gender female vs listed male"),
        ("Male", "male", 0.0, ""),
        ("m", "male", 0.0, ""),
        (None, "male", 0.0, ""),
        ("female", None, 0.0, ""),
        (None, None, 0.0, ""),
        ("unknown", "male", 0.0, ""),  # an unreadable gender is no gender
    ],
)
def test_gender_mismatch(query: str | None, listed: str | None, value: float, detail: str) -> None:
    result = gender_mismatch(make_pair(make_entity(gender=listed), gender=query), CONFIG)
    assert (result.code, result.value, result.detail) == ("gender_mismatch", value, detail)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("M", "male"), ("MALE", "male"), ("man", "male"), ("F", "female"), ("Woman", "female")],
)
def test_normalise_gender(text: str, expected: str) -> None:
    assert normalise_gender(text) == expected
