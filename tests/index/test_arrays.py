"""The index's vector operations give what plain Python would, to the last bit: the fast paths
(sorting instead of np.unique, a table instead of np.isin) must never move a coverage."""

from __future__ import annotations

import random

import numpy as np
import pytest

from proscribe.index.arrays import (
    added_to,
    among,
    best_per_name,
    find_in,
    sorted_unique,
    spans,
    summed,
)

SIZE = 5_000  # names in the imagined index: few reached names take the sorting path


def hits(rng: random.Random, count: int, reached: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """`count` sorted name arrays of up to `reached` names each, with values like a cover's."""
    names = [
        np.array(sorted(rng.sample(range(SIZE), rng.randint(0, reached))), dtype=np.int32)
        for _ in range(count)
    ]
    values = [np.array([rng.choice((1.0, 0.8, 1.5)) * rng.random() for _ in n]) for n in names]
    return names, values


def python_sums(names: list[np.ndarray], values: list[np.ndarray]) -> dict[int, float]:
    sums: dict[int, float] = {}
    for found, weights in zip(names, values, strict=True):
        for name, weight in zip(found.tolist(), weights.tolist(), strict=True):
            sums[name] = sums.get(name, 0.0) + weight  # in the order given
    return sums


def assert_largest_per_name(names: list[np.ndarray], values: list[np.ndarray]) -> None:
    """best_per_name gives each name once, with its largest value, as plain Python does."""
    found, best = best_per_name(names, values, SIZE)
    expected: dict[int, float] = {}
    for positions, weights in zip(names, values, strict=True):
        for name, weight in zip(positions.tolist(), weights.tolist(), strict=True):
            expected[name] = max(expected.get(name, 0.0), weight)
    assert found.dtype == np.int32
    assert found.tolist() == sorted(expected)
    assert best.tolist() == [expected[name] for name in sorted(expected)]


@pytest.mark.parametrize("reached", [0, 3, 40, 400, 2_000])  # 2,000 x 3: the dense path
def test_summed_adds_each_names_values_in_the_order_given(reached: int) -> None:
    rng = random.Random(reached)
    for _ in range(50):
        names, values = hits(rng, rng.randint(1, 4), reached)
        found, sums = summed(names, values, SIZE)
        expected = python_sums(names, values)
        assert found.dtype == np.int32
        assert sums.dtype == np.float64
        assert found.tolist() == sorted(expected)
        assert sums.tolist() == [expected[name] for name in sorted(expected)]  # exact floats


@pytest.mark.parametrize("reached", [0, 3, 40, 400, 2_000])
def test_best_per_name_keeps_each_names_largest_value(reached: int) -> None:
    rng = random.Random(reached)
    for _ in range(50):
        names, values = hits(rng, rng.randint(1, 4), reached)
        names.append(names[0][::-1].copy())  # exact-name hits come in any order
        values.append(np.full(len(names[0]), 1.5))
        assert_largest_per_name(names, values)


@pytest.mark.parametrize("reached", [0, 3, 40, 400, 2_000])
def test_added_to_sums_as_summed_does(reached: int) -> None:
    rng = random.Random(reached)
    for _ in range(50):
        first, first_values = hits(rng, rng.randint(1, 3), reached)
        names, sums = summed(first, first_values, SIZE)
        more, values = hits(rng, rng.randint(1, 3), max(1, reached // 10))
        found, added = added_to(names, sums, more, values, SIZE)
        expected_names, expected_sums = summed([names, *more], [sums, *values], SIZE)
        assert found.dtype == np.int32
        assert found.tolist() == expected_names.tolist()
        assert added.tolist() == expected_sums.tolist()  # exact floats
        assert sums.tolist() == summed(first, first_values, SIZE)[1].tolist()  # not modified


@pytest.mark.parametrize("reached", [3, 400, 2_000])
def test_best_per_name_of_one_array_is_that_array(reached: int) -> None:
    rng = random.Random(reached)
    names, values = hits(rng, 1, reached)
    empty = np.zeros(0, dtype=np.int32)
    nothing = np.zeros(0)
    found, best = best_per_name([empty, names[0], empty], [nothing, values[0], nothing], SIZE)
    assert found.tolist() == names[0].tolist()
    assert best.tolist() == values[0].tolist()
    # A name twice in the one array (an exact name under two spellings) is still one name.
    twice = np.repeat(names[0], 2)
    found, best = best_per_name([twice], [np.repeat(values[0], 2)], SIZE)
    assert found.tolist() == sorted(set(names[0].tolist()))


@pytest.mark.parametrize("reached", [400, 2_000])
def test_best_per_name_merges_few_names_into_many(reached: int) -> None:
    rng = random.Random(reached)
    for _ in range(30):
        names, values = hits(rng, 1, reached)
        few, few_values = hits(rng, rng.randint(1, 3), max(1, len(names[0]) // 40))
        exact = np.array(rng.sample(names[0].tolist() or [0], 2) * 2, dtype=np.int32)  # twice
        names += [*few, exact]
        values += [*few_values, np.full(len(exact), 1.5)]
        assert_largest_per_name(names, values)


def test_no_names_reached() -> None:
    assert [len(a) for a in summed([], [], SIZE)] == [0, 0]
    assert [len(a) for a in best_per_name([], [], SIZE)] == [0, 0]
    empty = np.zeros(0, dtype=np.int32)
    assert [len(a) for a in summed([empty], [np.zeros(0)], SIZE)] == [0, 0]


def test_sorted_unique_is_np_unique() -> None:
    rng = np.random.default_rng(0)
    for length in (0, 1, 2, 7, 300):
        values = rng.integers(0, 50, length).astype(np.int32)
        assert np.array_equal(sorted_unique(values), np.unique(values))


def test_among_is_np_isin() -> None:
    codes = np.array([0, 3, 1, 4, 4, 2], dtype=np.int8)
    for wanted in ([], [4], [0, 2], [0, 1, 2, 3, 4]):
        assert among(codes, wanted, 5).tolist() == np.isin(codes, wanted).tolist()


def test_find_in() -> None:
    ordered = np.array([2, 5, 9], dtype=np.int32)
    places, inside = find_in(ordered, np.array([9, 1, 5, 10], dtype=np.int32))
    assert inside.tolist() == [True, False, True, False]
    assert places[inside].tolist() == [2, 1]
    assert find_in(ordered[:0], ordered)[1].tolist() == [False, False, False]


def test_spans_are_the_ranges_one_after_another() -> None:
    low = np.array([10, 0, 7, 3], dtype=np.int32)
    counts = np.array([2, 0, 3, 1], dtype=np.int32)
    at, span = spans(low, counts)
    pairs = enumerate(zip(low.tolist(), counts.tolist(), strict=True))
    expected = [(i, a) for i, (lo, n) in pairs for a in range(lo, lo + n)]
    assert list(zip(span.tolist(), at.tolist(), strict=True)) == expected
    assert len(spans(low[:0], counts[:0])[0]) == 0
