"""API keys: a name, a role, and the sha256 of a secret that is shown once and never stored.

Roles are ordered, `screen < review < approve < admin`: a key may do what its role and every
lower role may do. A revoked key is kept (with the time it was revoked) so that audit records
naming it still say whose it was.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, RowMapping, select, update

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

    def authenticate(self, secret: str) -> ApiKey | None:
        """The live key with this secret, or None (unknown or revoked)."""
        query = select(api_keys).where(
            api_keys.c.hash == secret_hash(secret), api_keys.c.revoked_at.is_(None)
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return _key(row) if row is not None else None

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


def _key(row: RowMapping) -> ApiKey:
    return ApiKey(
        id=int(row["id"]),
        name=str(row["name"]),
        role=str(row["role"]),
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )
