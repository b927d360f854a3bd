"""Connecting to the database and bringing its schema up to date.

SQLite is the default and gets three settings on every connection: WAL (readers never block the
one writer, and a killed writer leaves only uncommitted frames that the next open ignores),
foreign keys on, and a busy timeout so a second process waits instead of failing. PostgreSQL
needs none of this. Both run the same SQL: nothing here or in the queries is dialect-specific
beyond these connection settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from proscribe.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
# SQLite connections kept open in the pool. The service's sync routes run in up to 40 worker
# threads (anyio's default), each with a connection; with SQLAlchemy's default of 5 the rest
# were opened and closed again on every request (each open runs the three PRAGMAs below).
# An idle SQLite connection costs a file handle and a small cache.
SQLITE_POOL_SIZE = 40

# Execution option naming how a transaction begins on SQLite: "IMMEDIATE" takes the write lock
# at BEGIN, so two loaders queue on the busy timeout instead of one failing half-way.
SQLITE_BEGIN = "proscribe_sqlite_begin"


def connect(url: str) -> Engine:
    """An engine for `url`, its schema created or upgraded to the newest revision."""
    engine = _engine(_normalise(url))
    try:
        with engine.begin() as connection:
            _migrate(connection)
    except (SQLAlchemyError, CommandError) as error:
        engine.dispose()
        where = _safe(url)
        raise StoreError(f"cannot open the store at {where}: {error}", url=where) from error
    return engine


def _normalise(url: str) -> URL:
    """Parse the URL; plain `postgresql://` means the psycopg 3 driver we depend on."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"not a database URL: {url!r}") from error
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


def _engine(url: URL) -> Engine:
    try:
        if url.get_backend_name() != "sqlite":
            return create_engine(url, pool_pre_ping=True)
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, pool_size=SQLITE_POOL_SIZE
        )
    except (SQLAlchemyError, ImportError) as error:
        raise StoreError(f"cannot use the database URL {url!r}: {error}") from error
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module (which would otherwise start them
    # implicitly and only before DML) so that BEGIN is ours: see _sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")  # answers "memory" for in-memory databases
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _migrate(connection: Connection) -> None:
    """Run Alembic's `upgrade head` on this connection, inside its transaction."""
    config = Config()
    # configparser interpolates "%", which may occur in an install path.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


@contextmanager
def database_errors() -> Iterator[None]:
    """Database failures as StoreError, the original kept as the cause."""
    try:
        yield
    except SQLAlchemyError as error:
        # The driver's own message; SQLAlchemy's adds the statement and its parameters.
        reason = getattr(error, "orig", None) or error
        raise StoreError(f"the database refused: {reason}") from error
