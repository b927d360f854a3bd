"""Saving list versions: lossless, deduplicated, idempotent, all or nothing, and guarded."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest

from proscribe.errors import ImplausibleListError, InputError
from proscribe.model import (
    Address,
    Country,
    CountryRole,
    DateSpec,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    PartialDate,
    Schema,
)
from proscribe.store import Store
from proscribe.store.writer import CHUNK
from tests.store.conftest import snapshot
from tests.store.factory import LOADED_AT, make_entity, make_version, realistic_entities


def test_round_trip_is_lossless(store: Store) -> None:
    entities = [*realistic_entities(300), _every_field()]
    stored = store.save_version(make_version(entities), entities).version
    assert sorted(store.entities(stored), key=lambda e: e.id) == sorted(
        entities, key=lambda e: e.id
    )


def _every_field() -> Entity:
    return make_entity(
        Schema.PERSON,
        source="us_ofac_sdn",
        id="KPi.033",
        names=(
            Name("KIM, Jong Un", first="Jong Un", last="KIM"),
            Name("김정은", NameKind.ORIGINAL_SCRIPT, script="Hangul", lang="ko"),
            Name("Kim Chong-un", NameKind.WEAK_ALIAS),
        ),
        designation=Designation(
            "us_ofac_sdn",
            ("DPRK3", "DPRK4"),
            PartialDate(2016, 7),
            "OFAC",
            'remarks with "quotes", ünïcode and \\ backslash',
        ),
        birth_dates=(
            DateSpec(PartialDate(1982, 1, 8)),
            DateSpec(PartialDate(1983), circa=True),
            DateSpec(PartialDate(1984), PartialDate(1985)),
        ),
        death_dates=(DateSpec(PartialDate(2090, 12)),),
        birth_places=("Pyongyang",),
        gender="male",
        countries=(Country("kp", CountryRole.NATIONALITY), Country("kp", CountryRole.RESIDENCE)),
        identifiers=(Identifier(IdentifierType.PASSPORT, "PD 123", "kp", "Diplomatic passport"),),
        addresses=(Address("Central District, Pyongyang", city="Pyongyang", country="kp"),),
        links=(Link("Korean Workers' Party", "member_of", "23213"),),
        extra={"title": ("Chairman",), "position": ("Supreme Leader", "Marshal")},
    )


def test_result_and_stored_version(store: Store) -> None:
    entities = realistic_entities(50)
    version = make_version(entities, scope="program=SDGT", counts={"Person": 50})
    result = store.save_version(version, entities)
    assert result.created
    assert (result.stored_entities, result.reused_entities) == (50, 0)
    assert result.version.id is not None
    assert result.version == dataclasses.replace(version, id=result.version.id)
    assert store.versions() == [result.version]
    assert store.versions()[0].loaded_at == LOADED_AT
    assert store.versions()[0].loaded_at.utcoffset() is not None


def test_unchanged_entries_are_stored_once(store: Store, store_url: str) -> None:
    first = realistic_entities(500)
    second = realistic_entities(500, revision=1)  # every tenth entry changed
    store.save_version(make_version(first, published=date(2024, 1, 1)), first)
    result = store.save_version(make_version(second, published=date(2024, 1, 2)), second)
    assert (result.stored_entities, result.reused_entities) == (50, 450)
    assert snapshot(store_url).row_counts == {
        "list_versions": 2,
        "entity_contents": 550,
        "version_entities": 1000,
    }


def test_saving_the_same_version_twice_changes_nothing(store: Store, store_url: str) -> None:
    entities = realistic_entities(1_200)
    version = make_version(entities)
    first = store.save_version(version, entities)
    before = snapshot(store_url)
    again = store.save_version(
        dataclasses.replace(version, loaded_at=datetime.now().astimezone()), entities
    )
    assert (again.created, again.stored_entities, again.reused_entities) == (False, 0, 0)
    assert again.version == first.version
    assert snapshot(store_url) == before


def test_progress_reports_each_chunk(store: Store) -> None:
    entities = realistic_entities(2 * CHUNK + 5)
    calls: list[int] = []
    store.save_version(make_version(entities), entities, progress=calls.append)
    assert calls == [CHUNK, 2 * CHUNK, 2 * CHUNK + 5]


def test_an_error_mid_save_leaves_the_store_as_before(store: Store, store_url: str) -> None:
    old = realistic_entities(1_000)
    store.save_version(make_version(old, published=date(2024, 1, 1)), old)
    before = snapshot(store_url)
    new = realistic_entities(2_500, revision=1)

    def fail_after_first_chunk(written: int) -> None:
        raise RuntimeError(f"stopped after {written}")

    with pytest.raises(RuntimeError, match="stopped after 1000"):
        store.save_version(
            make_version(new, published=date(2024, 1, 2)), new, progress=fail_after_first_chunk
        )
    assert snapshot(store_url) == before
    # and the store still works: the same version can then be saved in full
    assert store.save_version(make_version(new, published=date(2024, 1, 2)), new).created


def test_duplicate_ids_are_refused_and_nothing_stored(store: Store, store_url: str) -> None:
    entities = [*realistic_entities(20), make_entity(source="us_ofac_sdn", id="10003")]
    with pytest.raises(InputError, match="'10003' occurs more than once"):
        store.save_version(make_version(entities), entities)
    assert snapshot(store_url).row_counts == dict.fromkeys(
        ("list_versions", "entity_contents", "version_entities"), 0
    )


def test_entities_of_another_list_are_refused(store: Store) -> None:
    entities = [make_entity(source="un_sc", id="1"), make_entity(source="eu_fsf", id="2")]
    with pytest.raises(InputError, match="eu_fsf:2 belongs to another list"):
        store.save_version(make_version(entities), entities)


def test_record_count_must_describe_the_entities(store: Store) -> None:
    entities = realistic_entities(10)
    with pytest.raises(InputError, match="says 11 records but 10 entities"):
        store.save_version(make_version(entities, record_count=11), entities)


@pytest.mark.parametrize(
    ("entity_id", "version_props", "message"),
    [
        ("x" * 256, {}, "longer than 255 characters"),
        ("1", {"scope": "s" * 501}, "too long to store: scope"),
        ("1", {"format": "f" * 101}, "too long to store: format"),
    ],
)
def test_values_too_long_for_a_column_are_refused_on_every_backend(
    store: Store, entity_id: str, version_props: dict[str, Any], message: str
) -> None:
    entities = [make_entity(id=entity_id)]
    with pytest.raises(InputError, match=message):
        store.save_version(make_version(entities, **version_props), entities)
    assert store.versions() == []


def test_naive_loaded_at_is_refused(store: Store) -> None:
    entities = realistic_entities(10)
    with pytest.raises(InputError, match="no time zone"):
        store.save_version(make_version(entities, loaded_at=datetime(2024, 1, 1)), entities)


def test_loaded_at_is_kept_as_utc(store: Store) -> None:
    entities = realistic_entities(10)
    local = datetime.fromisoformat("2024-03-01T14:30:15.123456+02:00")
    stored = store.save_version(make_version(entities, loaded_at=local), entities).version
    assert store.versions()[0].loaded_at == local == stored.loaded_at
    assert store.versions()[0].loaded_at.utcoffset() is not None
    assert stored.loaded_at.isoformat() == "2024-03-01T12:30:15.123456+00:00"


# -- the plausibility guard -----------------------------------------------------------------


def test_an_empty_list_is_always_refused(store: Store) -> None:
    version = make_version([], source="us_ofac_sdn")
    with pytest.raises(ImplausibleListError, match="no entries"):
        store.save_version(version, [])
    with pytest.raises(ImplausibleListError):
        store.save_version(version, [], force=True)
    assert store.versions() == []


def test_a_much_smaller_list_is_refused_unless_forced(store: Store) -> None:
    store.save_version(make_version(realistic_entities(100)), realistic_entities(100))
    small = realistic_entities(49, revision=1)
    version = make_version(small, published=date(2024, 2, 1))
    with pytest.raises(ImplausibleListError) as refused:
        store.save_version(version, small)
    message = str(refused.value)
    assert "49 records" in message
    assert "the 100 in us_ofac_sdn@2024-01-01" in message
    assert "--force" in message
    assert len(store.versions()) == 1
    assert store.save_version(version, small, force=True).created


def test_half_the_size_is_still_plausible(store: Store) -> None:
    store.save_version(make_version(realistic_entities(100)), realistic_entities(100))
    half = realistic_entities(50, revision=1)
    assert store.save_version(make_version(half, published=date(2024, 2, 1)), half).created


def test_the_guard_compares_with_the_version_it_follows_in_time(store: Store) -> None:
    small, large = realistic_entities(10), realistic_entities(1_000, revision=1)
    store.save_version(make_version(small, published=date(2020, 1, 1)), small)
    store.save_version(make_version(large, published=date(2024, 1, 1)), large, force=False)
    # back-filling history: an older, smaller version between the two is fine
    older = realistic_entities(12, revision=2)
    assert store.save_version(make_version(older, published=date(2021, 1, 1)), older).created
    # but a new version after the large one is compared with it
    newer = realistic_entities(12, revision=3)
    with pytest.raises(ImplausibleListError, match="1,000"):
        store.save_version(make_version(newer, published=date(2024, 6, 1)), newer)


def test_an_undated_version_is_compared_with_the_newest(store: Store) -> None:
    large = realistic_entities(100)
    store.save_version(make_version(large, published=date(2024, 1, 1)), large)
    small = realistic_entities(10, revision=1)
    with pytest.raises(ImplausibleListError):
        store.save_version(make_version(small, published=None), small)


def test_the_guard_is_per_list_and_scope(store: Store) -> None:
    large = realistic_entities(100)
    store.save_version(make_version(large), large)
    extract = realistic_entities(10, revision=1)
    assert store.save_version(make_version(extract, scope="program=SDGT"), extract).created
    other = [make_entity(source="un_sc", id="QDi.1")]
    assert store.save_version(make_version(other), other).created
