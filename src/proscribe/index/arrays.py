"""Vector operations over name positions: the index covers a query with thousands of reached
names in a few numpy calls, not a Python loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np
import numpy.typing as npt

Positions = npt.NDArray[np.int32]
Values = npt.NDArray[np.float64]
# Names reached by one query token, and how near each is.
Hits = tuple[Positions, Values]
NO_POSITIONS: Positions = np.zeros(0, dtype=np.int32)
TIE = 1e-9  # coverages are sums of the same shares: equal up to rounding
# See dense. Sorting is a merge of sorted runs (timsort, postings come sorted), so it wins
# until the values reach about a quarter of all names at 2.25M names (1M entities: 3.6 against
# 6.3 ms at an eighth); at 225,000 names the two are within 0.2 ms either way.
DENSE_SHARE = 4
# best_per_name merges the others into the largest array when it holds this many times as
# many names as they do together (a query's common words, and its exact names).
MERGE_SHARE = 8


def find_in(
    ordered: Positions, values: Positions
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """Where each of `values` is in the sorted array `ordered`, and whether it is there at all:
    a membership test several times cheaper than np.isin on the small arrays of one query."""
    if not len(ordered):
        return np.zeros(len(values), dtype=np.intp), np.zeros(len(values), dtype=np.bool_)
    slots = ordered.searchsorted(values)
    np.minimum(slots, len(ordered) - 1, out=slots)
    return slots, ordered[slots] == values


def spans(
    low: npt.NDArray[np.integer], counts: npt.NDArray[np.integer]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Every index of the spans `low[i]` to `low[i] + counts[i]`, one after another, and the
    span (i) each comes from."""
    span = np.repeat(np.arange(len(counts)), counts)
    at: npt.NDArray[np.intp] = np.arange(len(span)) + np.repeat(
        low - np.cumsum(counts) + counts, counts
    )
    return at, span


def among(codes: npt.NDArray[np.integer], wanted: list[int], size: int) -> npt.NDArray[np.bool_]:
    """Whether each of `codes` (small non-negative integers below `size`) is one of `wanted`:
    np.isin by a table of `size` flags, several times cheaper for the few codes of a filter."""
    table = np.zeros(size, dtype=np.bool_)
    table[wanted] = True
    found: npt.NDArray[np.bool_] = table[codes]
    return found


def dense(found: int, size: int) -> bool:
    """Whether `found` positions among `size` names are better gathered in an array of every
    name (linear in `size`) than sorted: for the query of common words only, whose words
    reach a good share of all names."""
    return found * DENSE_SHARE >= size


def summed(names: list[Positions], values: list[Values], size: int) -> Hits:
    """Each name once, with the sum of its values, names in ascending order; `size`: how many
    names the index has."""
    if not names:
        return NO_POSITIONS, np.zeros(0)
    every = np.concatenate(names)
    weights = np.concatenate(values)
    # Both ways add each name's values in the order given: the same sums to the last bit.
    if dense(len(every), size):
        unique = present(every, size)
        every_sum = np.bincount(every, weights=weights, minlength=size)
        return unique, every_sum[unique].astype(np.float64)
    if not len(every):
        return NO_POSITIONS, np.zeros(0)
    # A stable sort keeps each name's values in the order given, which bincount then adds.
    order = np.argsort(every, kind="stable")
    ordered = every[order]
    starts = group_starts(ordered)
    groups = np.cumsum(starts) - 1
    sums = cast(Values, np.bincount(groups, weights=weights[order]))  # float64 with weights
    return ordered[starts].astype(np.int32, copy=False), sums


def best_per_name(names: list[Positions], values: list[Values], size: int) -> Hits:
    """Each name once, with the largest of its values (none is negative)."""
    given = [(found, value) for found, value in zip(names, values, strict=True) if len(found)]
    if not given:
        return NO_POSITIONS, np.zeros(0)
    given.sort(key=lambda pair: -len(pair[0]))
    most, most_values = given[0]
    rest = given[1:]
    if len(most) >= MERGE_SHARE * sum(len(found) for found, _ in rest) and ascending(most):
        # One variant reached nearly every name (the others and the exact names add few):
        # the few are merged into it, sparing a pass over every name of the index when its
        # words are common.
        return _largest_into(most, most_values, rest, size)
    every = np.concatenate(names)
    if dense(len(every), size):
        best = np.zeros(size)
        np.maximum.at(best, every, np.concatenate(values))
        unique = present(every, size)
        return unique, best[unique]
    if not len(every):
        return NO_POSITIONS, np.zeros(0)
    # The largest value does not depend on the order the values are met in. The arrays come
    # sorted, and a stable sort (timsort) merges sorted runs several times faster than
    # quicksort sorts them (1 ms against 6 ms for three runs of 45,000).
    order = np.argsort(every, kind="stable")
    ordered = every[order]
    firsts = np.flatnonzero(group_starts(ordered))
    largest: Values = np.maximum.reduceat(np.concatenate(values)[order], firsts)
    return ordered[firsts].astype(np.int32, copy=False), largest


def _largest_into(
    names: Positions, largest: Values, more: list[tuple[Positions, Values]], size: int
) -> Hits:
    """`best_per_name` of `names` (ascending, each once) and `more`, by merging `more` in."""
    if not more:
        return names, largest
    # .at: an exact name may come twice in one array.
    return _merged_into(names, largest, more, np.maximum.at, best_per_name, size)


def ascending(positions: Positions) -> bool:
    """Whether each position is greater than the one before (so each is there once)."""
    return bool(np.all(positions[1:] > positions[:-1]))


def added_to(
    names: Positions, sums: Values, more: list[Positions], values: list[Values], size: int
) -> Hits:
    """`summed([names, *more], [sums, *values], size)` for `names` ascending and each once, each of
    `more` holding a name once: the values added where the names are, the names not there yet
    summed apart and put in their places. The same sums to the last bit (each name's values
    are added in the order given), without a pass over every name of the index when `names`
    are many and `more` few (a query of common words, and the few names its joined words add).
    """
    return _merged_into(names, sums, list(zip(more, values, strict=True)), np.add.at, summed, size)


def _merged_into(
    names: Positions,
    own: Values,
    more: list[tuple[Positions, Values]],
    combine: Callable[[Values, npt.NDArray[np.intp], Values], None],
    gather: Callable[[list[Positions], list[Values], int], Hits],
    size: int,
) -> Hits:
    """`names` (ascending, each once) with their values `own`, and `more` merged in: each
    value of a name already there is combined into its own (`combine`, a ufunc's `at`), the
    names not there yet are gathered apart (`gather`) and put in their places."""
    own = own.copy()
    new_names: list[Positions] = []
    new_values: list[Values] = []
    for found, value in more:
        places, inside = find_in(names, found)
        combine(own, places[inside], value[inside])
        outside = ~inside
        new_names.append(found[outside])
        new_values.append(value[outside])
    extra, extra_values = gather(new_names, new_values, size)
    if not len(extra):
        return names, own
    at = names.searchsorted(extra)
    return np.insert(names, at, extra), np.insert(own, at, extra_values)


def group_starts(ordered: Positions) -> npt.NDArray[np.bool_]:
    """Where each run of equal values in the sorted, non-empty `ordered` begins. np.unique
    does the same with several times the overhead on the small arrays of one query."""
    starts = np.empty(len(ordered), dtype=np.bool_)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return starts


def sorted_unique(values: Positions) -> Positions:
    """The distinct values, ascending: np.unique without its overhead (fewer than two values
    come back as given, not copied: index arrays are never modified)."""
    if len(values) < 2:
        return values
    ordered = np.sort(values, kind="stable")  # runs of sorted postings: merged, see above
    return ordered[group_starts(ordered)]


def present(every: Positions, size: int) -> Positions:
    """The distinct positions in `every`, ascending, by marking them among `size`."""
    marked = np.zeros(size, dtype=np.bool_)
    marked[every] = True
    return np.flatnonzero(marked).astype(np.int32)


def first(names: Positions, rank: Values, count: int) -> npt.NDArray[np.intp]:
    """Where the `count` best-ranked names are, best first, ties by position: as a full sort
    would order them, sorting only the names that can be among them."""
    if len(rank) > 4 * count:
        # Every name ranked at least as the count-th best, ties included, and no other.
        kth = np.partition(-rank, count - 1)[count - 1]
        within = np.flatnonzero(-rank <= kth)
        return within[np.lexsort((names[within], -rank[within]))][:count]
    return np.lexsort((names, -rank))[:count]
