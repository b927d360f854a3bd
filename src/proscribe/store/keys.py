"""API keys: a name, a role, and the sha256 of a secret that is shown once and never stored.

Roles are ordered, `screen < review < approve < admin`: a key may do what its role and every
lower role may do. A revoked key is kept (with the time it was revoked) so that audit records
naming it still say whose it was.

`authenticate` runs on every API request and is never cached, so that a revoked key fails from
the very next request in every process. It is the hot path of the service, so its query is
compiled once per dialect and run on the driver's own connection from the pool: ~40 us on
SQLite instead of ~190 us through SQLAlchemy's statement building and result machinery. The
values are converted by the columns' own types, as SQLAlchemy would.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Dialect, Engine, bindparam, select, update

from proscribe.errors import InputError, NotFoundError
from proscribe.store.schema import api_keys

ROLES = ("screen", "review", "approve", "admin")  # lowest first
SECRET_PREFIX = "psk_"  # recognisable in a leaked file or a secret scanner


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: int
    name: str
    role: str
    created_at: datetime
    revoked_at: datetime | None

    def allows(self, role: str) -> bool:
        """Whether this key may do what `role` may do."""
        return ROLES.index(self.role) >= ROLES.index(role)


def secret_hash(secret: str) -> str:
    # A plain sha256 suffices: the secrets are 256 random bits, not guessable passwords.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeys:
    """The api_keys table."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, role: str, name: str = "") -> tuple[ApiKey, str]:
        """A new key and its secret; the secret is not kept and cannot be shown again."""
        if role not in ROLES:
            raise InputError(f"unknown role {role!r} (one of {', '.join(ROLES)})", field="role")
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        values = {
            "name": name or f"{role} key",
            "role": role,
            "hash": secret_hash(secret),
            "created_at": datetime.now(UTC),
        }
        with self._engine.begin() as connection:
            inserted = connection.execute(api_keys.insert(), values)
        key_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
        return self._by_id(key_id), secret

    @property
    def local(self) -> bool:
        """Whether a lookup reads a local file (SQLite) rather than crossing a network."""
        return self._engine.dialect.name == "sqlite"

    def authenticate(self, secret: str) -> ApiKey | None:
        """The live key with this secret, or None (unknown or revoked)."""
        lookup = _lookup(self._engine.dialect)
        connection = self._engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(lookup.sql, lookup.parameters(secret_hash(secret)))
                row = cursor.fetchone()
            finally:
                cursor.close()
        finally:
            connection.close()  # back to the pool, which ends any transaction the driver began
        return _key(lookup.decoded(row)) if row is not None else None

    def revoke(self, key_id: int) -> ApiKey:
        statement = (
            update(api_keys)
            .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        with self._engine.begin() as connection:
            connection.execute(statement)
        return self._by_id(key_id)

    def list(self) -> list[ApiKey]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(api_keys).order_by(api_keys.c.id)).mappings()
            return [_key(row) for row in rows]

    def _by_id(self, key_id: int) -> ApiKey:
        with self._engine.connect() as connection:
            query = select(api_keys).where(api_keys.c.id == key_id)
            row = connection.execute(query).mappings().first()
        if row is None:
            raise NotFoundError(f"no API key with id {key_id}", key_id=key_id)
        return _key(row)


LIVE_KEY = select(api_keys).where(
    api_keys.c.hash == bindparam("hash"), api_keys.c.revoked_at.is_(None)
)


@dataclass(frozen=True, slots=True)
class _Lookup:
    """LIVE_KEY compiled for one dialect: its SQL, how it takes its parameter, and how each
    column of its rows is converted (None: as the driver gives it)."""

    sql: str
    positional: bool
    columns: Sequence[str]
    converters: Sequence[Callable[[Any], Any] | None]

    def parameters(self, hashed: str) -> tuple[str] | dict[str, str]:
        return (hashed,) if self.positional else {"hash": hashed}

    def decoded(self, row: Sequence[Any]) -> Mapping[str, Any]:
        return {
            name: convert(value) if convert is not None else value
            for name, convert, value in zip(self.columns, self.converters, row, strict=True)
        }


@lru_cache(maxsize=8)
def _lookup(dialect: Dialect) -> _Lookup:
    compiled = LIVE_KEY.compile(dialect=dialect)
    columns = list(LIVE_KEY.selected_columns)
    return _Lookup(
        sql=str(compiled),
        positional=bool(compiled.positional),
        columns=[column.name for column in columns],
        converters=[
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        ],
    )


def _key(row: Mapping[Any, Any]) -> ApiKey:
    return ApiKey(
        id=int(row["id"]),
        name=str(row["name"]),
        role=str(row["role"]),
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )
