"""proscribe-v2: v1's table with calibrated scores. Same flags, same ranking, honest scores."""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import pytest

from proscribe.match import ALGORITHMS
from proscribe.model import Query
from proscribe.screener import Screener
from tests.engine import story_screener

V1 = ALGORITHMS["proscribe-v1"]
V2 = ALGORITHMS["proscribe-v2"]


@cache
def calibrated() -> Screener:
    return Screener(story_screener().index, (), V2)  # same candidates, other scores


@cache
def uncalibrated() -> Screener:
    return Screener(story_screener().index, (), V1)  # v1 by name: it is not the default


def test_the_calibration_rises_strictly_and_keeps_the_ends() -> None:
    knots = V2.calibration
    assert knots[0] == (0.0, 0.0)
    assert knots[-1] == (1.0, 1.0)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(knots))
    samples = [i / 200 for i in range(201)]
    values = [V2.calibrate(x) for x in samples]
    assert values == sorted(values)
    assert len(set(values)) == len(values)  # no two scores tied by the map


def test_the_threshold_is_where_v1_threshold_lands() -> None:
    assert V2.calibrate(V1.threshold) == pytest.approx(V2.threshold)
    assert V1.calibrate(0.37) == 0.37  # an uncalibrated table reports the logistic score


def test_the_configuration_hash_tells_the_tables_apart() -> None:
    assert V1.config_hash != V2.config_hash
    assert [row["code"] for row in V1.table()] == [row["code"] for row in V2.table()]


@pytest.mark.parametrize(
    "name", ["Choe Ryong-hae", "CH'OE Ryong Hae", "Jong Kyong Thaek", "Pak Kwang Ho", "Kim Jong"]
)
def test_v2_flags_and_ranks_what_v1_does(name: str) -> None:
    # Every candidate scored is returned (no cut among scores that round alike near 0).
    one = uncalibrated().screen(Query(name), threshold=0.0, limit=100)
    two = calibrated().screen(Query(name), threshold=0.0, limit=100)
    # The same candidates; within the tail near 0 two scores may round alike after the map,
    # so order is compared where scores differ by more than the rounding.
    raw = {m.entity.id: m for m in one.matches}
    assert raw.keys() == {m.entity.id for m in two.matches}
    for match in two.matches:
        assert match.score == pytest.approx(V2.calibrate(raw[match.entity.id].score), abs=1e-3)
        assert (match.score >= V2.threshold) == (raw[match.entity.id].score >= V1.threshold)
    for first, second in pairwise(two.matches):
        if first.score - second.score > 1e-3:
            assert raw[first.entity.id].score > raw[second.entity.id].score
