"""Users of the review workflow and the web UI: a name, a role and a salted scrypt hash of a
password.

Roles are the API's, ordered `screen < review < approve < admin`: a user (or key) may do what
its role and every lower role may do. `review` takes the first decision on an alert, `approve`
the second (four-eyes); `admin` manages keys and users. A disabled user is kept, with the time,
so that decisions and audit records naming them still say who it was.

Passwords are hashed with scrypt from the standard library (n=2**14, r=8, p=1, 16-byte salt):
slow enough to make a stolen table expensive to guess, fast enough (~50 ms) for a sign-in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, RowMapping, select, update
from sqlalchemy.exc import IntegrityError

from proscribe.errors import InputError, NotFoundError
from proscribe.store.keys import ROLES
from proscribe.store.schema import NAME_LENGTH, users

MIN_PASSWORD = 10  # characters; long passphrases beat composition rules
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    created_at: datetime
    disabled_at: datetime | None

    def allows(self, role: str) -> bool:
        """Whether this user may do what `role` may do."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str, salt: bytes | None = None) -> str:
    """`scrypt$<salt hex>$<hash hex>` for `password`, with a new random salt unless given."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    """Whether `password` hashes to `stored` (compared in constant time)."""
    scheme, _, rest = stored.partition("$")
    salt_hex, _, _ = rest.partition("$")
    if scheme != "scrypt" or not salt_hex:
        return False
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


class Users:
    """The users table."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, name: str, role: str, password: str) -> User:
        name = name.strip()
        if not name or len(name) > NAME_LENGTH:
            raise InputError(f"a user name needs 1 to {NAME_LENGTH} characters", field="name")
        if role not in ROLES:
            raise InputError(f"unknown role {role!r} (one of {', '.join(ROLES)})", field="role")
        if len(password) < MIN_PASSWORD:
            raise InputError(
                f"a password needs at least {MIN_PASSWORD} characters", field="password"
            )
        values = {
            "name": name,
            "role": role,
            "password_hash": hash_password(password),
            "created_at": datetime.now(UTC),
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(users.insert(), values)
        except IntegrityError as error:
            raise InputError(f"a user named {name!r} exists already", field="name") from error
        return self.get(name)

    def authenticate(self, name: str, password: str) -> User | None:
        """The enabled user with this name and password, or None.

        An unknown name costs the same hash as a wrong password, so timing does not tell
        which names exist.
        """
        with self._engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.name == name)).mappings().first()
        stored = str(row["password_hash"]) if row is not None else hash_password("")
        if not password_matches(password, stored) or row is None:
            return None
        user = _user(row)
        return user if user.disabled_at is None else None

    def get(self, name: str) -> User:
        with self._engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.name == name)).mappings().first()
        if row is None:
            raise NotFoundError(f"no user named {name!r}", user=name)
        return _user(row)

    def disable(self, name: str) -> User:
        statement = (
            update(users)
            .where(users.c.name == name, users.c.disabled_at.is_(None))
            .values(disabled_at=datetime.now(UTC))
        )
        with self._engine.begin() as connection:
            connection.execute(statement)
        return self.get(name)

    def list(self) -> list[User]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(users).order_by(users.c.id)).mappings()
            return [_user(row) for row in rows]


def _user(row: RowMapping) -> User:
    return User(
        id=int(row["id"]),
        name=str(row["name"]),
        role=str(row["role"]),
        created_at=row["created_at"],
        disabled_at=row["disabled_at"],
    )
