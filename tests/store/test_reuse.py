"""An SDN-sized update stores only what changed (the timing itself is bench/load.py's job)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from proscribe.store import Store
from tests.store.factory import make_version, realistic_entities

SDN_SIZE = 9_000


def test_an_sdn_sized_update_reuses_unchanged_entries(tmp_path: Path) -> None:
    first = realistic_entities(SDN_SIZE)
    update = realistic_entities(SDN_SIZE, revision=1)
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        store.save_version(make_version(first, published=date(2024, 1, 1)), first)
        result = store.save_version(make_version(update, published=date(2024, 1, 2)), update)
    assert (result.stored_entities, result.reused_entities) == (900, 8_100)
