"""Store fixtures: every store test runs on a fresh SQLite file and again on PostgreSQL.

The PostgreSQL runs use the session's server from `postgres_url` (tests/conftest.py): the one
PROSCRIBE_TEST_DATABASE_URL names, else a throwaway cluster the tests start; they are skipped,
with the reason, when neither is available. The store's tables are dropped before each test, so
the database named must be one the tests may wipe.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from proscribe.model import Entity, ListVersion
from proscribe.store import Store
from proscribe.store.schema import entity_contents, list_versions, metadata, version_entities


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database for one test."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")  # skips when no server is available
    _wipe(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


def _wipe(url: str) -> None:
    engine = create_engine(driver_url(url))
    try:
        with engine.begin() as connection:
            metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


def driver_url(url: str) -> str:
    """`url` with the psycopg 3 driver spelled out, as the store does for `postgresql://`."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@dataclass(frozen=True)
class Snapshot:
    """Everything a store holds, to compare before and after an operation."""

    row_counts: dict[str, int]
    versions: list[ListVersion]
    entities: dict[int, list[Entity]]


def snapshot(url: str) -> Snapshot:
    engine = create_engine(driver_url(url))
    try:
        with engine.connect() as connection:
            counts = {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (list_versions, entity_contents, version_entities)
            }
    finally:
        engine.dispose()
    with Store.open(url) as store:
        versions = store.versions()
        entities = {v.id or 0: list(store.entities(v)) for v in versions}
    return Snapshot(counts, versions, entities)
