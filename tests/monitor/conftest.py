"""A store with SDN 2021-04-25 loaded, built once per session and copied for each test, and
SDN 2021-07-07 read once, for the tests to load after adding their parties."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from proscribe.cli.lists import version_of
from proscribe.model import Entity, ListVersion
from proscribe.screener import Screener
from proscribe.sources.registry import read_path
from proscribe.store import Store

BEFORE, AFTER = "2021-04-25", "2021-07-07"


@dataclass(frozen=True)
class Sdn:
    """The file of a store holding SDN BEFORE, and the version AFTER ready to save."""

    base: Path
    after: ListVersion
    entities: list[Entity]
    snapshots: Path  # index snapshots shared by the tests: each version pair is built once


@pytest.fixture(scope="session")
def sdn(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Sdn:
    folder = tmp_path_factory.mktemp("monitor-sdn")
    base = folder / "base.db"
    with Store.open(f"sqlite:///{base}") as store:
        for publication in read_path(data_dir / "us_ofac_sdn" / BEFORE):
            store.save_version(version_of(publication, None), publication.parsed.entities)
    [publication] = read_path(data_dir / "us_ofac_sdn" / AFTER)
    return Sdn(base, version_of(publication, None), publication.parsed.entities, folder / "index")


class Monitored:
    """One test's store (a copy of the base) with the helpers the tests need."""

    def __init__(self, sdn: Sdn, path: Path) -> None:
        shutil.copy(sdn.base, path)
        self.sdn = sdn
        self.store_path = path
        self._screeners: dict[tuple[int | None, ...], Screener] = {}
        self.store = Store.open(f"sqlite:///{path}")

    def screener(self) -> Screener:
        """The screener of the newest versions, kept while they stay the newest."""
        key = tuple(v.id for v in self.store.versions())
        if key not in self._screeners:
            self._screeners[key] = Screener.from_store(self.store, snapshot_dir=self.sdn.snapshots)
        return self._screeners[key]

    def load_after(self) -> None:
        self.store.save_version(self.sdn.after, self.sdn.entities)


@pytest.fixture
def monitored(sdn: Sdn, tmp_path: Path) -> Iterator[Monitored]:
    opened = Monitored(sdn, tmp_path / "store.db")
    yield opened
    opened.store.close()
