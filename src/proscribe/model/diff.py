"""What changed between two versions of a list: a pure diff of their entities.

History is computed, not stored: the store keeps every version, and a change report is this
function applied to two of them. Entries are paired by the publisher's id. An unchanged entry
(equal values) is skipped without a field comparison; for the others, each field of
`Entity.to_dict()` is compared on its own, names per kind ("names.alias") and the designation
and `extra` per key ("programs", "extra.title"), so a report says which part changed. Before and
after values are the JSON-ready values of `to_dict()`; a field absent on one side is `None`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from proscribe.model.entity import Entity, NameKind

# Fields of to_dict() that identify an entry rather than describe it: never reported.
_IDENTITY = frozenset({"source", "id"})


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an entry as it was before and after; None where the field was empty."""

    field: str
    before: Any
    after: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Amendment:
    """An entry present in both versions with different content."""

    id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class ListDiff:
    """Ids added and removed (sorted) and the entries amended (by id)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    amended: tuple[Amendment, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.amended)


def diff(
    previous: Mapping[str, Entity],
    current: Mapping[str, Entity],
    unstated: frozenset[str] = frozenset(),
) -> ListDiff:
    """The changes from `previous` to `current`, both keyed by entry id; the fields named in
    `unstated` (see `fields_of`) are not compared."""
    amended = []
    for entity_id in sorted(previous.keys() & current.keys()):
        before, after = previous[entity_id], current[entity_id]
        # Most entries are unchanged; dataclass equality settles those without serialising
        # (an order of magnitude cheaper than comparing to_json() of both sides).
        if before == after:
            continue
        changes = entity_changes(before, after, unstated)
        if changes:
            amended.append(Amendment(entity_id, changes))
    return ListDiff(
        added=tuple(sorted(current.keys() - previous.keys())),
        removed=tuple(sorted(previous.keys() - current.keys())),
        amended=tuple(amended),
    )


def entity_changes(
    before: Entity, after: Entity, unstated: frozenset[str] = frozenset()
) -> tuple[FieldChange, ...]:
    """The fields that differ between two states of one entry, in a stable order. A list
    whose items only moved is no change: OFAC renumbers an alias now and then (AL HOUTHI's
    five aliases, SDN 17927, came back in another order in 2021), and the order of aliases,
    addresses or programs says nothing."""
    old, new = fields_of(before, unstated), fields_of(after, unstated)
    return tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in sorted(old.keys() | new.keys(), key=_field_order)
        if _unordered(old.get(name)) != _unordered(new.get(name))
    )


def _unordered(value: Any) -> Any:
    """A field's value with a list's items in a canonical order (by their JSON)."""
    if isinstance(value, list):
        return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in value)
    return value


def fields_of(entity: Entity, unstated: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The comparable fields of an entity: to_dict() split by name kind, designation key and
    extra key. Empty fields are left out, as to_dict() leaves them out. `unstated`: fields a
    version could not state (one published without a file of its set) and so left out too;
    `countries.<role>` leaves out the countries of that role only."""
    data = entity.to_dict()
    roles = {name.partition(".")[2] for name in unstated if name.startswith("countries.")}
    if roles and "countries" in data:
        data["countries"] = [pair for pair in data["countries"] if pair[1] not in roles]
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in _IDENTITY or (key == "countries" and not value):
            continue
        if key == "names":
            out.update(_names_by_kind(value))
        elif key == "designation":
            out.update({k: v for k, v in value.items() if k != "source"})
        elif key == "extra":
            out.update({f"extra.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return {name: value for name, value in out.items() if name not in unstated}


def _names_by_kind(names: list[dict[str, Any]]) -> dict[str, Any]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        # to_dict() leaves out the default kind, primary.
        kind = name.get("kind", NameKind.PRIMARY.value)
        grouped.setdefault(f"names.{kind}", []).append(name)
    return grouped


# Names first, then the designation, then the rest alphabetically: the order a reviewer reads.
_LEADING = ["names.primary", "names.alias", "names.weak_alias", "names.former"]
_LEADING += ["names.original_script", "schema", "programs", "listed_on", "authority"]


def _field_order(name: str) -> tuple[int, str]:
    return (_LEADING.index(name), "") if name in _LEADING else (len(_LEADING), name)
