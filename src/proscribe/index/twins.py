"""Twins: names of entries on different lists that hold the same words (UN QDi.243 'Abubakar
Abdillah' and SDN 10851 'ABDILLAH, Abubakar', one man designated by two authorities).

A twin covers a query exactly as much as the name it twins, so the cut of `Index.candidates`
between equals, by position, could offer one list's entry and not the other's: the reviewer
saw SDN 10851 and never heard of UN QDi.243, which scores a match as well
(`bench/index_recall.py`: 'Abdifatah Abuba kar Abdi', seed 0, and 'OMAR AESBAWI IBRAHIM
HASAN AL-TIKRITI' -> UN IQi.036, the twin of SDN 7878, seed 1). The entries offered bring their
twins along. Only across lists: within one list, entries sharing a name are different people
(and a million synthetic entries share Faker names by the dozen); two lists designating one
person is the case the reviewer must see whole.

Twins are found from the index's exact-name lookup (`HashLookup` of each name's sorted variant
keys): names whose keys hash alike and whose entities come from more than one source. Each
name's twins on the other lists are worked out once, when the index is built, so that a
query pays only for the few names it reaches that have any (a sixth of a screening's time
went on the twins when they were worked out per query: `docs/benchmarks.md`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from proscribe.index.arrays import NO_POSITIONS, TIE, Positions, Values, find_in, spans


@dataclass(frozen=True, slots=True, eq=False)
class Twins:
    """The names that have a twin, `names` sorted; the twins of `names[i]` (names on other
    lists holding the same words, by position) are `others[start[i]:start[i + 1]]`."""

    names: Positions
    start: Positions
    others: Positions

    def __len__(self) -> int:
        return len(self.names)

    def __eq__(self, other: object) -> bool:
        # By content, array by array (indexes built by fragments are compared with one built
        # in one process).
        if not isinstance(other, Twins):
            return NotImplemented
        mine = (self.names, self.start, self.others)
        theirs = (other.names, other.start, other.others)
        return all(np.array_equal(a, b) for a, b in zip(mine, theirs, strict=True))

    __hash__ = None  # type: ignore[assignment]


NO_TWINS = Twins(NO_POSITIONS, np.zeros(1, dtype=np.int32), NO_POSITIONS)
# A group of more names than this holds a common name of many people, not one person on
# several lists: with the latest file of every list loaded (SDN, OFAC's consolidated list, UN,
# the UK's two, the EU's excerpt, BIS, the CSL excerpt; 25,191 entries) the largest group has
# 17 names. The bound keeps the pairs of a group (its size squared) from growing with a list
# of a million look-alike names.
GROUP_AT_MOST = 64


def find_twins(
    hashes: npt.NDArray[np.uint64],
    names: Positions,
    name_entity: Positions,
    entity_source: npt.NDArray[np.int16],
) -> Twins:
    """The twins among the names whose sorted variant keys hash to `hashes` (sorted, as the
    exact-name lookup keeps them; `names[i]` the name of `hashes[i]`)."""
    if not len(hashes):
        return NO_TWINS
    opens = np.ones(len(hashes), dtype=np.bool_)
    opens[1:] = hashes[1:] != hashes[:-1]
    starts = np.flatnonzero(opens)
    run_of = np.cumsum(opens) - 1
    sources = entity_source[name_entity[names]]
    # A run of equal keys is a group of twins when its names come from two sources or more.
    mixed = np.minimum.reduceat(sources, starts) != np.maximum.reduceat(sources, starts)
    kept = mixed[run_of]
    if not kept.any():
        return NO_TWINS
    # A name whose variants share their sorted keys is in its run once per variant: once here.
    pairs = np.unique((run_of[kept].astype(np.int64) << 32) | names[kept].astype(np.int64))
    members = (pairs & 0xFFFFFFFF).astype(np.int32)
    _, groups = np.unique(pairs >> 32, return_inverse=True)  # runs numbered 0.. in order
    sizes = np.bincount(groups)
    first = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    small = sizes <= GROUP_AT_MOST
    left_place, right_place = _within_groups(first[small], sizes[small])
    left, right = members[left_place], members[right_place]
    # Twins on other lists only: a name's own list's names are other people.
    other = entity_source[name_entity[left]] != entity_source[name_entity[right]]
    # A name in two groups (two variants) has the twins of both, once each.
    twin_pairs = np.unique((left[other].astype(np.int64) << 32) | right[other].astype(np.int64))
    owners = (twin_pairs >> 32).astype(np.int32)
    with_twin = np.unique(owners)
    start = np.searchsorted(owners, np.append(with_twin, np.iinfo(np.int32).max))
    others = (twin_pairs & 0xFFFFFFFF).astype(np.int32)
    return Twins(with_twin, start.astype(np.int32), others)


def _within_groups(
    first: npt.NDArray[np.int64], sizes: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every ordered pair of places within each group (the group `first[g]` to
    `first[g] + sizes[g]`), each place paired with the others."""
    step, group = spans(np.zeros(len(sizes), dtype=np.int64), sizes * sizes)
    left = first[group] + step // sizes[group]
    right = first[group] + step % sizes[group]
    apart = left != right
    return left[apart], right[apart]


def with_twins(
    ranked: list[tuple[int, float]],
    hits: dict[int, list[int]],
    twins: Twins,
    reached: tuple[Positions, Values],
    entity_first: Positions,
    name_entity: Positions,
    most: int,
) -> tuple[list[tuple[int, float]], set[int]]:
    """`ranked` (entity, coverage), best first, with the twins of their names that cover the
    query as much (among the names `reached`, with their coverage) and are not offered yet,
    each right after the entity it twins, `most` of them at most; and the twins added. `hits`
    gets their names."""
    if not len(twins) or not ranked or most <= 0:
        return ranked, set()
    names, coverage = reached
    # An entity's names lie side by side (`entity_first`), and so do those that have twins in
    # `twins.names`: two binary searches find each ranked entity's (none in two queries of
    # five).
    entities = np.array([entity for entity, _ in ranked], dtype=np.int32)
    low = twins.names.searchsorted(entity_first[entities])
    counts = twins.names.searchsorted(entity_first[entities + 1]) - low
    if not counts.any():
        return ranked, set()
    rows, slots = spans(low, counts)  # the names of `twins.names`, and their entity's slot
    first = twins.start[rows]
    at, twin_of = spans(first, twins.start[rows + 1] - first)
    others = twins.others[at]
    owner = slots[twin_of]  # the slot of the entity whose name each twins
    values = np.array([value for _, value in ranked])[owner]
    at, inside = find_in(names, others)
    equal = inside & (np.abs(coverage[at] - values) <= TIE)
    offered = set(entities.tolist())
    added: dict[int, list[tuple[int, float]]] = {}
    twinned_entities: set[int] = set()
    brought = others[equal]
    for slot, name, twin in zip(
        owner[equal].tolist(), brought.tolist(), name_entity[brought].tolist(), strict=True
    ):
        if twin in offered:
            continue
        offered.add(twin)
        hits[twin] = [name, *(n for n in hits.get(twin, ()) if n != name)]
        added.setdefault(ranked[slot][0], []).append((twin, ranked[slot][1]))
        twinned_entities.add(twin)
        if len(twinned_entities) >= most:
            break
    return _placed(ranked, added), twinned_entities


def _placed(
    ranked: list[tuple[int, float]], added: dict[int, list[tuple[int, float]]]
) -> list[tuple[int, float]]:
    out: list[tuple[int, float]] = []
    for entity, value in ranked:
        out.append((entity, value))
        out += added.get(entity, [])
    return out
