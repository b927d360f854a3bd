"""The monitored population in the store, on SQLite and PostgreSQL: parties added, changed
and unchanged by fingerprint; what a screening leaves for the next delta; version deltas by
content hash."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from proscribe.errors import NotFoundError
from proscribe.store import Store
from proscribe.store.monitoring import Party, ScreeningOutcome
from tests.store.factory import make_version, realistic_entities


def test_parties_are_added_updated_by_fingerprint_and_removed(store: Store) -> None:
    choe = Party("c1", "Choe Ryong Hae", "Person", "1950", ("kp",), (("passport", "P1"),))
    other = Party("c2", "Maria Schmidt")
    first = store.monitoring.put([choe, other])
    assert (first.added, first.changed, first.unchanged) == (("c1", "c2"), (), ())
    moved = replace(choe, countries=("kp", "cn"))
    assert moved.fingerprint != choe.fingerprint
    second = store.monitoring.put([moved, other])
    assert (second.added, second.changed, second.unchanged) == ((), ("c1",), ("c2",))
    stored = store.monitoring.party("c1")
    assert stored.fields() == moved.fields()
    assert stored.fingerprint == moved.fingerprint
    store.monitoring.remove("c2")
    assert [p.id for p in store.monitoring.parties()] == ["c1"]
    with pytest.raises(NotFoundError):
        store.monitoring.remove("c2")


def test_a_screening_outcome_is_kept_until_the_party_changes(store: Store) -> None:
    party = Party("c1", "Choe Ryong Hae")
    store.monitoring.put([party])
    tokens = [[["choe", "ryong", "hae"]], [["choe", "ryong", "hae"]], [["choe", "hae", "ryong"]]]
    outcome = ScreeningOutcome(0.41, 0.3, tokens, ("us_ofac_sdn:23213",))
    store.monitoring.set_screening({"c1": outcome})
    stored = store.monitoring.party("c1")
    assert (stored.near_miss, stored.floor, stored.tokens, stored.candidates) == (
        0.41,
        0.3,
        tokens,
        ("us_ofac_sdn:23213",),
    )
    # An offer the delta cannot go by (the index's name cut was reached) is kept as none.
    store.monitoring.set_screening({"c1": replace(outcome, candidates=None)})
    assert store.monitoring.party("c1").candidates is None
    assert store.monitoring.party("c1").floor == 0.3
    store.monitoring.put([replace(party, name="Choe Ryong-hae")])
    changed = store.monitoring.party("c1")
    assert (changed.near_miss, changed.floor, changed.tokens, changed.candidates) == (
        None,
        None,
        None,
        None,
    )


def test_the_delta_of_two_versions_is_by_content_hash(store: Store) -> None:
    before = realistic_entities(200)
    after = realistic_entities(190, revision=1)  # ten gone, every tenth amended
    old = store.save_version(make_version(before, published=date(2024, 1, 1)), before).version
    new = store.save_version(make_version(after, published=date(2024, 1, 2)), after).version
    delta = store.monitoring.delta(old, new)
    assert len(delta.removed) == 10
    assert delta.added == ()
    assert set(delta.amended) == {e.id for e in after} - {e.id for e in after if e in before}
    everything = store.monitoring.delta(None, new)
    assert len(everything.added) == 190
    contents = store.monitoring.contents(delta.after[i] for i in delta.amended)
    assert {e.id for e in contents.values()} == set(delta.amended)


def test_the_versions_screened_are_replaced_as_a_whole(store: Store) -> None:
    entities = realistic_entities(20)
    version = store.save_version(make_version(entities), entities).version
    assert store.monitoring.screened() == {}
    store.monitoring.set_screened([version])
    assert store.monitoring.screened() == {(version.source, version.scope): version.id}
    store.monitoring.set_screened([])
    assert store.monitoring.screened() == {}
