"""Checks a list version must pass before it is stored.

A publisher's truncated download or a half-written file parses into a short but well-formed list;
screening against it would silently miss every entry that fell off. So an empty list is always
refused, and a list less than half the size of the version it would replace is refused unless
the caller forces it. Back-filling history (loading an older version than the newest stored) is
normal and compared with the version it would follow in time, not with the newest one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from proscribe.errors import ImplausibleListError, InputError
from proscribe.model import Entity, ListVersion
from proscribe.store.schema import (
    DATE_BASIS_LENGTH,
    ENTITY_ID_LENGTH,
    SCOPE_LENGTH,
    SOURCE_LENGTH,
)

MIN_SHARE = 0.5  # of the previous version's record count


def check_input(version: ListVersion, entities: Sequence[Entity]) -> None:
    """Refuse a version whose entities cannot be stored as it describes them."""
    if not entities:
        raise ImplausibleListError(
            f"{version.source}: the list has no entries; refusing to store an empty version",
            source=version.source,
        )
    _check_description(version, len(entities))
    _check_lengths(version)
    _check_sources(version.source, entities)
    _check_ids(version.source, entities)


def _check_description(version: ListVersion, count: int) -> None:
    if version.record_count != count:
        raise InputError(
            f"{version.source}: the version says {version.record_count:,} records but "
            f"{count:,} entities were given",
            source=version.source,
        )
    # A naive time would mean different instants on different machines.
    if version.loaded_at.utcoffset() is None:
        raise InputError(
            f"{version.source}: loaded_at {version.loaded_at.isoformat()} has no time zone; "
            "give an aware UTC time",
            source=version.source,
        )


def _check_lengths(version: ListVersion) -> None:
    # SQLite would store longer values that PostgreSQL refuses; refuse them on both.
    limits = {
        "source": SOURCE_LENGTH,
        "format": SOURCE_LENGTH,
        "scope": SCOPE_LENGTH,
        "date_basis": DATE_BASIS_LENGTH,
    }
    values = {
        "source": version.source,
        "format": version.format,
        "scope": version.scope,
        "date_basis": version.date_basis,
    }
    too_long = [f"{key} {values[key][:40]!r}" for key in limits if len(values[key]) > limits[key]]
    if too_long:
        raise InputError(f"{version.source[:40]}: too long to store: {', '.join(too_long)}")


def _check_sources(source: str, entities: Iterable[Entity]) -> None:
    for entity in entities:
        if entity.source != source:
            raise InputError(
                f"{source}: entity {entity.ref} belongs to another list",
                source=source,
                entity_id=entity.id,
            )


def _check_ids(source: str, entities: Iterable[Entity]) -> None:
    seen: set[str] = set()
    for entity in entities:
        if len(entity.id) > ENTITY_ID_LENGTH:
            raise InputError(
                f"{source}: entity id {entity.id[:40]!r}... is longer than "
                f"{ENTITY_ID_LENGTH} characters",
                source=source,
            )
        if entity.id in seen:
            raise InputError(
                f"{source}: entity id {entity.id!r} occurs more than once in one version",
                source=source,
                entity_id=entity.id,
            )
        seen.add(entity.id)


def check_plausible(new: ListVersion, previous: ListVersion | None, *, force: bool) -> None:
    """Refuse `new` if it is far smaller than `previous`, the version it would follow."""
    if force or previous is None:
        return
    if new.record_count >= previous.record_count * MIN_SHARE:
        return
    raise ImplausibleListError(
        f"{new.source}: the new list has {new.record_count:,} records, less than "
        f"{MIN_SHARE:.0%} of the {previous.record_count:,} in {previous.label}; it may be "
        "truncated. Check the files, or use --force to store it anyway.",
        source=new.source,
        records=new.record_count,
        previous=previous.record_count,
    )
