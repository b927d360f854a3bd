"""Reading the store: version order and lookup, entities of a version, one entry's history."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from proscribe.errors import InputError, NotFoundError
from proscribe.model import Entity, ListVersion
from proscribe.store import Store
from proscribe.store.store import PAGE
from tests.store.factory import make_entity, make_version, realistic_entities


def _save(store: Store, entities: list[Entity], **props: Any) -> ListVersion:
    return store.save_version(make_version(entities, **props), entities).version


@pytest.fixture
def sdn(store: Store) -> dict[str, ListVersion]:
    """Three SDN versions (one undated), an SDGT extract and a UN version."""
    return {
        "2024-01-02": _save(store, realistic_entities(30, revision=2), published=date(2024, 1, 2)),
        "2023-06-01": _save(store, realistic_entities(30, revision=1), published=date(2023, 6, 1)),
        "undated": _save(store, realistic_entities(30, revision=3), published=None),
        "sdgt": _save(
            store, realistic_entities(5), published=date(2024, 1, 2), scope="program=SDGT"
        ),
        "un": _save(store, [make_entity(source="un_sc", id="KPi.033")], published=date(2022, 5, 1)),
    }


def test_versions_are_ordered_by_source_scope_date_undated_last(
    store: Store, sdn: dict[str, ListVersion]
) -> None:
    expected = [sdn["2023-06-01"], sdn["2024-01-02"], sdn["undated"], sdn["sdgt"], sdn["un"]]
    assert store.versions() == sorted(expected, key=lambda v: v.source)
    assert store.versions("us_ofac_sdn") == expected[:4]
    assert store.versions("nothing") == []


def test_latest_is_per_scope(store: Store, sdn: dict[str, ListVersion]) -> None:
    assert store.latest("us_ofac_sdn") == sdn["undated"]
    assert store.latest("us_ofac_sdn", "program=SDGT") == sdn["sdgt"]
    assert store.latest("un_sc") == sdn["un"]
    assert store.latest("eu_fsf") is None


def test_latest_breaks_date_ties_by_id(store: Store) -> None:
    first = _save(store, realistic_entities(10), published=date(2024, 1, 1))
    second = _save(store, realistic_entities(10, revision=1), published=date(2024, 1, 1))
    assert (first.id or 0) < (second.id or 0)
    assert store.latest("us_ofac_sdn") == second


def test_version_by_id_and_label(store: Store, sdn: dict[str, ListVersion]) -> None:
    dated, undated = sdn["2024-01-02"], sdn["undated"]
    assert store.version(str(dated.id)) == dated
    assert store.version("us_ofac_sdn@2024-01-02") == dated
    assert store.version(" us_ofac_sdn@2023-06-01 ") == sdn["2023-06-01"]
    assert store.version("us_ofac_sdn[program=SDGT]@2024-01-02") == sdn["sdgt"]
    assert store.version(f"us_ofac_sdn@#{undated.id}") == undated
    assert store.version("un_sc@2022-05-01") == sdn["un"]


@pytest.mark.usefixtures("sdn")
def test_unknown_versions_are_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no list version with id 999"):
        store.version("999")
    with pytest.raises(NotFoundError, match=r"newest of us_ofac_sdn are: .*us_ofac_sdn@2024-01-02"):
        store.version("us_ofac_sdn@2019-01-04")
    with pytest.raises(NotFoundError, match="no versions of 'eu_fsf' are stored"):
        store.version("eu_fsf@2024-01-01")
    with pytest.raises(NotFoundError):
        store.version("nonsense")
    with pytest.raises(NotFoundError):
        store.version("9" * 30)


def test_a_label_naming_two_versions_is_ambiguous(store: Store) -> None:
    _save(store, realistic_entities(10), published=date(2024, 1, 1))
    _save(store, realistic_entities(10, revision=1), published=date(2024, 1, 1))
    with pytest.raises(InputError, match="names 2 versions"):
        store.version("us_ofac_sdn@2024-01-01")


def test_entities_are_read_page_by_page_in_id_order(store: Store) -> None:
    entities = realistic_entities(PAGE * 2 + 3)
    version = _save(store, entities)
    read = list(store.entities(version))
    assert [e.id for e in read] == sorted(e.id for e in entities)
    assert sorted(read, key=lambda e: e.id) == sorted(entities, key=lambda e: e.id)


def test_entities_of_a_version_not_stored_here(store: Store, sdn: dict[str, ListVersion]) -> None:
    never_saved = make_version(realistic_entities(3))
    with pytest.raises(NotFoundError, match="not stored here"):
        store.entities(never_saved)
    with pytest.raises(NotFoundError):
        store.entities(dataclasses.replace(sdn["un"], sha256="0" * 64))


def test_entity_defaults_to_the_newest_version_holding_it(
    store: Store, sdn: dict[str, ListVersion]
) -> None:
    entity, version = store.entity("us_ofac_sdn", "10000")
    assert version == sdn["undated"]  # undated versions count as the newest
    assert entity == realistic_entities(1, revision=3)[0]


def test_entity_default_looks_past_versions_without_it_and_across_scopes(store: Store) -> None:
    january = _save(store, realistic_entities(30), published=date(2024, 1, 1))
    february = _save(store, realistic_entities(20, revision=1), published=date(2024, 2, 1))
    extract = _save(
        store, realistic_entities(5, revision=2), published=date(2024, 3, 1), scope="program=SDGT"
    )
    assert store.entity("us_ofac_sdn", "10025")[1] == january  # dropped in February
    assert store.entity("us_ofac_sdn", "10010")[1] == february
    assert store.entity("us_ofac_sdn", "10000") == (realistic_entities(1, revision=2)[0], extract)


def test_entity_in_a_given_version(store: Store, sdn: dict[str, ListVersion]) -> None:
    entity, version = store.entity("us_ofac_sdn", "10000", sdn["2023-06-01"])
    assert version == sdn["2023-06-01"]
    assert entity == realistic_entities(1, revision=1)[0]
    assert entity != store.entity("us_ofac_sdn", "10000")[0]


def test_entity_lookup_errors_say_what_is_missing(
    store: Store, sdn: dict[str, ListVersion]
) -> None:
    with pytest.raises(NotFoundError, match="us_ofac_sdn:99 is in no stored version"):
        store.entity("us_ofac_sdn", "99")
    with pytest.raises(NotFoundError, match="no versions of 'eu_fsf' are stored"):
        store.entity("eu_fsf", "1")
    with pytest.raises(NotFoundError, match=r"us_ofac_sdn:10010 is not in us_ofac_sdn\[program"):
        store.entity("us_ofac_sdn", "10010", sdn["sdgt"])
    with pytest.raises(NotFoundError, match="is a version of un_sc, not us_ofac_sdn"):
        store.entity("us_ofac_sdn", "10000", sdn["un"])


def test_entity_versions_give_the_history_of_one_entry(
    store: Store, sdn: dict[str, ListVersion]
) -> None:
    history = store.entity_versions("us_ofac_sdn", "10000")
    assert [version for version, _ in history] == [
        sdn["2023-06-01"],
        sdn["2024-01-02"],
        sdn["undated"],
        sdn["sdgt"],
    ]
    hashes = [content_hash for _, content_hash in history]
    assert hashes[0] == realistic_entities(1, revision=1)[0].content_hash
    assert hashes[3] == realistic_entities(1)[0].content_hash
    assert len(set(hashes)) == 4  # entry 10000 changes in every revision
    unchanged = store.entity_versions("us_ofac_sdn", "10001")
    assert len({content_hash for _, content_hash in unchanged}) == 1
    assert store.entity_versions("us_ofac_sdn", "99") == []
    assert store.entity_versions("un_sc", "10000") == []
