"""`proscribe keys ...` (API keys of the service), `proscribe users ...` (reviewers and web
sign-in) and `proscribe audit ...` (the screening audit: verify its hash chain, export it as JSON
lines)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from proscribe.cli.output import open_store, plain_table, stdout, write_json_lines
from proscribe.errors import InputError, StoreError
from proscribe.store.keys import ROLES, ApiKey
from proscribe.store.users import User

keys_app = typer.Typer(help="API keys of the HTTP service.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit of every screening.", no_args_is_help=True)
users_app = typer.Typer(
    help="Users who review alerts and sign in to the web UI.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
    app.add_typer(audit_app, name="audit")
    app.add_typer(users_app, name="users")


@keys_app.command("create")
def create_key(
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")],
    name: Annotated[str, typer.Option(help="Who or what uses the key.")] = "",
) -> None:
    """Create a key and print its secret, once: only its hash is stored."""
    with open_store() as store:
        key, secret = store.keys.create(role, name)
    stdout.print(f"Created key {key.id} ({key.name}, role {key.role}). Its secret, shown once:")
    sys.stdout.write(secret + "\n")


@keys_app.command("revoke")
def revoke_key(key_id: Annotated[int, typer.Argument(help="The key's id.")]) -> None:
    """Revoke a key: it stops working at once and stays listed."""
    with open_store() as store:
        key = store.keys.revoke(key_id)
    stdout.print(f"Revoked key {key.id} ({key.name}).")


@keys_app.command("list")
def list_keys() -> None:
    """The keys: id, name, role, when created and revoked (never their secrets)."""
    with open_store() as store:
        keys = store.keys.list()
    columns = ("id", "name", "role", "created", "revoked")
    stdout.print(plain_table("API keys", columns, [_key_row(key) for key in keys]))


def _key_row(key: ApiKey) -> tuple[str, ...]:
    revoked = key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else ""
    created = key.created_at.isoformat(timespec="seconds")
    return (str(key.id), key.name, key.role, created, revoked)


@audit_app.command("verify")
def verify(
    kept: Annotated[
        str | None,
        typer.Option(
            "--head",
            help="SEQ:HASH, a head printed by an earlier verify and kept elsewhere: proves"
            " that the chain was neither cut short nor rewritten since.",
        ),
    ] = None,
) -> None:
    """Check the hash chain; name the first record edited, inserted or after a deletion."""
    anchor = _head_option(kept) if kept else None
    with open_store() as store:
        result = store.audit.verify(anchor)
        seq, head = store.audit.head()
    if result.bad_seq is not None:
        raise StoreError(f"audit record {result.bad_seq} fails: {result.reason}", seq=seq)
    stdout.print(f"The audit holds: {result.records} records, head {seq} hash {head}.")
    stdout.print(f"Keep it outside the store; later: proscribe audit verify --head {seq}:{head}")


def _head_option(text: str) -> tuple[int, str]:
    seq, _, digest = text.strip().partition(":")
    if not seq.isdigit() or int(seq) < 1 or len(digest) != 64:
        raise InputError(f"--head: {text!r} is not SEQ:HASH (a record number and 64 hex digits)")
    return int(seq), digest.lower()


@audit_app.command("export")
def export(
    start: Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"])] = None,
    end: Annotated[datetime | None, typer.Option("--to", formats=["%Y-%m-%d"])] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
) -> None:
    """Write the records of days FROM..TO (inclusive, UTC) as JSON lines."""
    if start and end and start > end:
        raise InputError(f"--from {start:%Y-%m-%d} is after --to {end:%Y-%m-%d}")
    with open_store() as store:
        records = store.audit.records(start.date() if start else None, end.date() if end else None)
        if output is None:
            write_json_lines(records)
            return
        with output.open("w", encoding="utf-8") as stream:
            count = write_json_lines(records, stream)
    stdout.print(f"Wrote {count} audit records to {output}.")


@users_app.command("add")
def add_user(
    name: Annotated[str, typer.Argument(help="The user's sign-in name.")],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a user; the password is asked for (or read from stdin) and stored only hashed."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with open_store() as store:
        user = store.users.create(name, role, password)
    stdout.print(f"Added user {user.name} (role {user.role}).")


@users_app.command("disable")
def disable_user(name: Annotated[str, typer.Argument(help="The user's sign-in name.")]) -> None:
    """Disable a user: they can no longer sign in, and stay listed."""
    with open_store() as store:
        user = store.users.disable(name)
    stdout.print(f"Disabled user {user.name}.")


@users_app.command("list")
def list_users() -> None:
    """The users: name, role, when created and disabled (never their passwords)."""
    with open_store() as store:
        users = store.users.list()
    columns = ("name", "role", "created", "disabled")
    stdout.print(plain_table("Users", columns, [_user_row(user) for user in users]))


def _user_row(user: User) -> tuple[str, ...]:
    disabled = user.disabled_at.isoformat(timespec="seconds") if user.disabled_at else ""
    return (user.name, user.role, user.created_at.isoformat(timespec="seconds"), disabled)
