"""Sequences by name position read from the packed entities (see `packed.Entities`), so that
`Index.names`, `Index.forms` and `Index.entity_names` read as the lists they were."""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import numpy.typing as npt

from proscribe.index.arrays import Positions
from proscribe.index.packed import ByPosition, Entities
from proscribe.model import Name
from proscribe.text.forms import NameForm

T = TypeVar("T")
Slots = npt.NDArray[np.uint16]  # a name's place among its entity's names


class _PerName(ByPosition[T]):
    """Something of each list name, read through the name's entity and its place there."""

    def __init__(self, entities: Entities, name_entity: Positions, slots: Slots) -> None:
        self._entities, self._name_entity, self._slots = entities, name_entity, slots

    def __len__(self) -> int:
        return len(self._name_entity)


class Names(_PerName[Name]):
    """Names by position, read from their entities."""

    def _at(self, position: int) -> Name:
        entity = self._entities[int(self._name_entity[position])]
        return entity.names[int(self._slots[position])]


class Forms(_PerName[NameForm]):
    """Name forms by position, read with their entities."""

    def _at(self, position: int) -> NameForm:
        forms = self._entities.forms(int(self._name_entity[position]))
        return forms[int(self._slots[position])]


class EntityNames(ByPosition[tuple[int, ...]]):
    """Entity position -> its name positions, from the first name position of each entity."""

    def __init__(self, first: Positions) -> None:
        self._first = first

    def __len__(self) -> int:
        return max(len(self._first) - 1, 0)

    def _at(self, entity: int) -> tuple[int, ...]:
        return tuple(range(int(self._first[entity]), int(self._first[entity + 1])))
