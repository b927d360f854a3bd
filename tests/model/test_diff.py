"""The pure list diff: added, removed and amended entries, field by field."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from proscribe.model import Country, CountryRole, Designation, Entity, Name, NameKind
from proscribe.model.diff import FieldChange, diff, entity_changes
from tests.model.strategies import entities
from tests.store.factory import make_entity


def by_id(*items: Entity) -> dict[str, Entity]:
    return {entity.id: entity for entity in items}


@given(st.lists(entities, max_size=5))
def test_diff_of_a_list_with_itself_is_empty(items: list[Entity]) -> None:
    listed = {entity.id: entity for entity in items}
    assert diff(listed, listed).empty
    assert diff(listed, dict(listed)).amended == ()


@given(entities, entities)
def test_changes_turn_before_into_after(before: Entity, after: Entity) -> None:
    # Every field that differs is reported, and only those.
    after = dataclasses.replace(after, source=before.source, id=before.id)
    found = entity_changes(before, after)
    assert (found == ()) == (unordered(before) == unordered(after))
    assert all(change.before != change.after for change in found)


def unordered(entity: Entity) -> Entity:
    """The entity with the items of each of its lists in one order."""
    return dataclasses.replace(
        entity,
        names=tuple(sorted(entity.names, key=repr)),
        identifiers=tuple(sorted(entity.identifiers, key=repr)),
        addresses=tuple(sorted(entity.addresses, key=repr)),
        links=tuple(sorted(entity.links, key=repr)),
        countries=tuple(sorted(entity.countries, key=repr)),
        birth_dates=tuple(sorted(entity.birth_dates, key=repr)),
        death_dates=tuple(sorted(entity.death_dates, key=repr)),
        birth_places=tuple(sorted(entity.birth_places)),
        designation=dataclasses.replace(
            entity.designation, programs=tuple(sorted(entity.designation.programs))
        ),
        extra={key: tuple(sorted(values)) for key, values in entity.extra.items()},
    )


def test_items_of_a_list_that_only_moved_are_no_change() -> None:
    aliases = (Name("A", NameKind.ALIAS), Name("B", NameKind.ALIAS))
    before = make_entity(id="17927", names=(Name("AL HOUTHI"), *aliases))
    after = dataclasses.replace(before, names=(Name("AL HOUTHI"), *reversed(aliases)))
    assert entity_changes(before, after) == ()
    assert diff(by_id(before), by_id(after)).amended == ()


def test_added_and_removed_by_id() -> None:
    a, b, c = make_entity(id="1"), make_entity(id="2"), make_entity(id="3")
    result = diff(by_id(a, b), by_id(b, c))
    assert (result.added, result.removed, result.amended) == (("3",), ("1",), ())


def test_names_are_compared_per_kind() -> None:
    before = make_entity(id="7", names=(Name("KIM Jong"), Name("KIM J.", NameKind.ALIAS)))
    after = make_entity(id="7", names=(Name("KIM Jong"), Name("KIM Chong", NameKind.ALIAS)))
    (amendment,) = diff(by_id(before), by_id(after)).amended
    assert amendment.changes == (
        FieldChange(
            "names.alias",
            [{"full": "KIM J.", "kind": "alias"}],
            [{"full": "KIM Chong", "kind": "alias"}],
        ),
    )


def test_designation_and_extra_fields_by_key() -> None:
    before = make_entity(id="9", designation=Designation("test", ("DPRK",)))
    after = make_entity(
        id="9",
        designation=Designation("test", ("DPRK", "DPRK2"), remarks="new remark"),
        extra={"position": ("Minister",)},
        birth_dates=(),
    )
    changes = {c.field: c for c in entity_changes(before, after)}
    assert set(changes) == {"programs", "remarks", "extra.position"}
    assert changes["programs"] == FieldChange("programs", ["DPRK"], ["DPRK", "DPRK2"])
    assert changes["remarks"].before is None
    assert changes["extra.position"].after == ["Minister"]


def test_fields_a_version_could_not_state_are_not_compared() -> None:
    # The later version was published without its alias and address files.
    before = make_entity(
        id="23213",
        names=(Name("CHOE, Ryong Hae"), Name("CH'OE, Ryong-hae", NameKind.ALIAS)),
        countries=(Country("kp", CountryRole.NATIONALITY), Country("kp", CountryRole.ADDRESS)),
    )
    after = dataclasses.replace(before, names=before.names[:1], countries=before.countries[:1])
    unstated = frozenset({"names.alias", "names.former", "addresses", "countries.address"})
    assert [c.field for c in entity_changes(before, after)] == ["names.alias", "countries"]
    assert entity_changes(before, after, unstated) == ()
    # A change in what it does state still shows: a nationality that went.
    gone = dataclasses.replace(after, countries=())
    assert [c.field for c in entity_changes(before, gone, unstated)] == ["countries"]
