"""The schema: migrations that match the code, connection settings, opening errors, packaging."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert
from sqlalchemy.exc import IntegrityError

from proscribe.errors import StoreError
from proscribe.store import Store
from proscribe.store.engine import BUSY_TIMEOUT_MS, MIGRATIONS, connect
from proscribe.store.schema import metadata, version_entities
from tests.store.conftest import driver_url
from tests.store.factory import make_version, realistic_entities

SRC = Path(__file__).resolve().parents[2] / "src"


def test_the_migrations_build_the_schema_the_code_describes(store_url: str) -> None:
    Store.open(store_url).close()
    engine = create_engine(driver_url(store_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert context.get_current_revision() == "0005"
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_opening_again_keeps_what_is_stored(store_url: str) -> None:
    entities = realistic_entities(20)
    with Store.open(store_url) as store:
        saved = store.save_version(make_version(entities), entities).version
    with Store.open(store_url) as store:
        assert store.versions() == [saved]
        assert list(store.entities(saved)) == entities


def test_foreign_keys_are_enforced(store_url: str) -> None:
    engine = connect(store_url)
    try:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                insert(version_entities),
                {"version_id": 1, "entity_id": "1", "content_hash": "0" * 64},
            )
    finally:
        engine.dispose()


def test_sqlite_connections_use_wal_and_wait_when_busy(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        with engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    finally:
        engine.dispose()


def test_an_in_memory_store_works() -> None:
    entities = realistic_entities(5)
    with Store.open("sqlite://") as store:
        saved = store.save_version(make_version(entities), entities).version
        assert list(store.entities(saved)) == entities


def test_a_database_from_a_newer_proscribe_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    Store.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(StoreError, match="9999"):
        Store.open(f"sqlite:///{path}")


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "nosuchdialect://x/y",
        "sqlite:////nonexistent-folder/sub/store.db",
        "postgresql+psycopg://nobody:secret@127.0.0.1:1/none",
    ],
)
def test_an_unusable_url_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError) as refused:
        Store.open(url)
    assert "secret" not in str(refused.value)


def test_the_migrations_ship_inside_the_package() -> None:
    # setuptools installs the .py files of the packages it finds (folders with __init__.py)
    # and, of other files, only those matching the package-data patterns (*.mako).
    assert (MIGRATIONS / "__init__.py").is_file()
    assert (MIGRATIONS / "versions" / "__init__.py").is_file()
    assert (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "script.py.mako").is_file()
    assert (MIGRATIONS / "versions" / "0001_initial.py").is_file()


def test_the_store_depends_on_model_and_errors_only() -> None:
    allowed = ("proscribe.model", "proscribe.errors", "proscribe.store")
    for path in (SRC / "proscribe" / "store").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith("proscribe"):
                    assert name.startswith(allowed), f"{path.name} imports {name}"
