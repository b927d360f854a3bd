"""Sequences by name position read from the packed entities (see `packed.Entities`), so that
`Index.names`, `Index.forms` and `Index.entity_names` read as the lists they were."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

from proscribe.index.arrays import Positions
from proscribe.index.packed import Entities
from proscribe.model import Name
from proscribe.text.forms import NameForm

Slots = npt.NDArray[np.uint16]  # a name's place among its entity's names


class Names(Sequence[Name]):
    """Names by position, read from their entities."""

    def __init__(self, entities: Entities, name_entity: Positions, slots: Slots) -> None:
        self._entities, self._name_entity, self._slots = entities, name_entity, slots

    def __len__(self) -> int:
        return len(self._name_entity)

    @overload
    def __getitem__(self, position: int) -> Name: ...

    @overload
    def __getitem__(self, position: slice) -> list[Name]: ...

    def __getitem__(self, position: int | slice) -> Name | list[Name]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        entity = self._entities[int(self._name_entity[position])]
        return entity.names[int(self._slots[position])]


class Forms(Sequence[NameForm]):
    """Name forms by position, read with their entities."""

    def __init__(self, entities: Entities, name_entity: Positions, slots: Slots) -> None:
        self._entities, self._name_entity, self._slots = entities, name_entity, slots

    def __len__(self) -> int:
        return len(self._name_entity)

    @overload
    def __getitem__(self, position: int) -> NameForm: ...

    @overload
    def __getitem__(self, position: slice) -> list[NameForm]: ...

    def __getitem__(self, position: int | slice) -> NameForm | list[NameForm]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        forms = self._entities.forms(int(self._name_entity[position]))
        return forms[int(self._slots[position])]


class EntityNames(Sequence[tuple[int, ...]]):
    """Entity position -> its name positions, from the first name position of each entity."""

    def __init__(self, first: Positions) -> None:
        self._first = first

    def __len__(self) -> int:
        return max(len(self._first) - 1, 0)

    @overload
    def __getitem__(self, entity: int) -> tuple[int, ...]: ...

    @overload
    def __getitem__(self, entity: slice) -> list[tuple[int, ...]]: ...

    def __getitem__(self, entity: int | slice) -> tuple[int, ...] | list[tuple[int, ...]]:
        if isinstance(entity, slice):
            return [self[i] for i in range(*entity.indices(len(self)))]
        if not -len(self) <= entity < len(self):
            raise IndexError(entity)
        entity %= len(self)
        return tuple(range(int(self._first[entity]), int(self._first[entity + 1])))
