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
keys): names whose keys hash alike and whose entities come from more than one source.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from proscribe.index.arrays import NO_POSITIONS, TIE, Positions, Values, find_in


@dataclass(frozen=True, slots=True, eq=False)
class Twins:
    """The names that have a twin: `names` sorted, `groups[i]` the group of `names[i]` (a
    name with several variants may be in several groups, once each); a group's names are
    `members[start[g]:start[g + 1]]`."""

    names: Positions
    groups: Positions
    start: Positions
    members: Positions

    def __len__(self) -> int:
        return len(self.names)

    def __eq__(self, other: object) -> bool:
        # By content, array by array (indexes built by fragments are compared with one built
        # in one process).
        if not isinstance(other, Twins):
            return NotImplemented
        mine = (self.names, self.groups, self.start, self.members)
        theirs = (other.names, other.groups, other.start, other.members)
        return all(np.array_equal(a, b) for a, b in zip(mine, theirs, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def of(self, positions: Positions) -> list[Positions]:
        """The twins of each of the names at `positions` (itself left out; none for most)."""
        out: list[Positions] = []
        for position in positions.tolist():
            low = int(self.names.searchsorted(position, side="left"))
            high = int(self.names.searchsorted(position, side="right"))
            found = [
                self.members[self.start[g] : self.start[g + 1]]
                for g in self.groups[low:high].tolist()
            ]
            every = np.unique(np.concatenate(found)) if found else NO_POSITIONS
            out.append(every[every != position])
        return out


NO_TWINS = Twins(NO_POSITIONS, NO_POSITIONS, np.zeros(1, dtype=np.int32), NO_POSITIONS)


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
    counts = np.bincount(groups)
    start = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
    order = np.argsort(members, kind="stable")
    return Twins(members[order], groups[order].astype(np.int32), start, members)


def with_twins(
    ranked: list[tuple[int, float]],
    hits: dict[int, list[int]],
    twins: Twins,
    reached: tuple[Positions, Values],
    entity_first: Positions,
    name_entity: Positions,
    entity_source: npt.NDArray[np.int16],
    most: int,
) -> tuple[list[tuple[int, float]], set[int]]:
    """`ranked` (entity, coverage), best first, with the twins of their names that cover the
    query as much (among the names `reached`, with their coverage) and are not offered yet,
    each right after the entity it twins, `most` of them at most; and the twins added. `hits`
    gets their names."""
    if not len(twins) or not ranked or most <= 0:
        return ranked, set()
    names, coverage = reached
    # Every name of the ranked entities at once: most queries' have no twin at all.
    entities = np.array([entity for entity, _ in ranked], dtype=np.int32)
    firsts = entity_first[entities]
    counts = entity_first[entities + 1] - firsts
    owned = np.repeat(np.arange(len(entities)), counts)  # the slot in `ranked` of each name
    within = np.arange(len(owned)) - np.repeat(np.cumsum(counts) - counts, counts)
    own = (np.repeat(firsts, counts) + within).astype(np.int32)
    twinned = find_in(twins.names, own)[1]
    if not twinned.any():
        return ranked, set()
    offered = set(entities.tolist())
    added: dict[int, list[tuple[int, float]]] = {}
    twinned_entities: set[int] = set()
    for slot, others in zip(owned[twinned].tolist(), twins.of(own[twinned]), strict=True):
        entity, value = ranked[slot]
        places, inside = find_in(names, others)
        equal = inside & (np.abs(coverage[places] - value) <= TIE)
        for name in others[equal].tolist():
            twin = int(name_entity[name])
            # A group holds every name with these words: those of the entry's own list are
            # other people.
            if twin in offered or entity_source[twin] == entity_source[entity]:
                continue
            offered.add(twin)
            hits[twin] = [name, *(n for n in hits.get(twin, ()) if n != name)]
            added.setdefault(entity, []).append((twin, value))
            twinned_entities.add(twin)
            if len(twinned_entities) >= most:
                return _placed(ranked, added), twinned_entities
    return _placed(ranked, added), twinned_entities


def _placed(
    ranked: list[tuple[int, float]], added: dict[int, list[tuple[int, float]]]
) -> list[tuple[int, float]]:
    out: list[tuple[int, float]] = []
    for entity, value in ranked:
        out.append((entity, value))
        out += added.get(entity, [])
    return out
