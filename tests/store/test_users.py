"""Users: salted scrypt passwords, unique names, ordered roles, disabling keeps the row."""

from __future__ import annotations

import pytest

from proscribe.errors import InputError, NotFoundError
from proscribe.store import Store
from proscribe.store.users import hash_password, password_matches

PASSWORD = "correct horse battery"


def test_a_user_signs_in_with_their_password_only(store: Store) -> None:
    created = store.users.create("alice", "review", PASSWORD)
    assert created.name == "alice"
    assert created.role == "review"
    assert store.users.authenticate("alice", PASSWORD) == created
    assert store.users.authenticate("alice", PASSWORD + "!") is None
    assert store.users.authenticate("mallory", PASSWORD) is None


def test_the_password_is_stored_salted_and_hashed(store: Store) -> None:
    store.users.create("alice", "review", PASSWORD)
    store.users.create("bob", "review", PASSWORD)
    with store._engine.connect() as connection:
        hashes = [row[0] for row in connection.exec_driver_sql("SELECT password_hash FROM users")]
    assert len(set(hashes)) == 2  # same password, different salts
    assert all(PASSWORD not in stored for stored in hashes)
    assert all(password_matches(PASSWORD, stored) for stored in hashes)


def test_a_disabled_user_cannot_sign_in_and_stays_listed(store: Store) -> None:
    store.users.create("alice", "approve", PASSWORD)
    disabled = store.users.disable("alice")
    assert disabled.disabled_at is not None
    assert store.users.authenticate("alice", PASSWORD) is None
    assert [user.name for user in store.users.list()] == ["alice"]


def test_roles_are_ordered() -> None:
    from proscribe.store.users import User

    approver = User(1, "a", "approve", None, None)  # type: ignore[arg-type]
    assert approver.allows("review")
    assert approver.allows("approve")
    assert not approver.allows("admin")


@pytest.mark.parametrize(
    ("name", "role", "password", "field"),
    [
        ("", "review", PASSWORD, "name"),
        ("carol", "boss", PASSWORD, "role"),
        ("carol", "review", "short", "password"),
    ],
)
def test_bad_users_are_refused_with_the_field(
    store: Store, name: str, role: str, password: str, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        store.users.create(name, role, password)
    assert caught.value.detail["field"] == field


def test_names_are_unique_and_unknown_names_are_not_found(store: Store) -> None:
    store.users.create("alice", "review", PASSWORD)
    with pytest.raises(InputError, match="exists already"):
        store.users.create("alice", "admin", PASSWORD)
    with pytest.raises(NotFoundError):
        store.users.get("nobody")


def test_a_hash_of_another_scheme_never_matches() -> None:
    assert not password_matches(PASSWORD, "plain$" + PASSWORD)
    assert password_matches(PASSWORD, hash_password(PASSWORD))
