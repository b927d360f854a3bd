"""The Store: list versions and their entities in one SQL database.

A stored version is never changed: later loads add versions beside it, so anything computed
from a version (a screening, a diff) can be recomputed from the same rows years later. Reads are
short independent queries; the one write, `save_version`, is a single transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, Row, Select, select
from sqlalchemy.exc import IntegrityError

from proscribe.errors import InputError, NotFoundError, StoreError
from proscribe.model import Entity, ListVersion
from proscribe.store.alerts import Alerts
from proscribe.store.audit import AuditLog
from proscribe.store.engine import SQLITE_BEGIN, connect, database_errors
from proscribe.store.group_commit import GroupCommitter, LoopCommitter
from proscribe.store.guard import check_input, check_plausible
from proscribe.store.keys import ApiKeys
from proscribe.store.monitoring import Monitoring
from proscribe.store.rows import entity_from_data, version_from_row, version_order, version_values
from proscribe.store.schema import entity_contents, list_versions, version_entities
from proscribe.store.users import Users
from proscribe.store.writer import write_entities

PAGE = 1_000  # entities read per query when iterating a version
# Two writers on PostgreSQL can race to insert the same new content or version; the loser's
# transaction fails on the unique key and is simply run again (SQLite serialises writers).
SAVE_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What `save_version` did: the stored version, and whether this call stored it."""

    version: ListVersion
    created: bool
    stored_entities: int  # new entity_contents rows written
    reused_entities: int  # contents already stored by earlier versions


class Store:
    """List versions and entities in SQLite (default) or PostgreSQL, by SQLAlchemy URL."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._committer: GroupCommitter | None = None
        self._loop_committer: LoopCommitter | None = None

    @classmethod
    def open(cls, url: str) -> Store:
        """Open the database at `url`, creating or upgrading its schema."""
        return cls(connect(url))

    def close(self) -> None:
        if self._committer is not None:
            self._committer.close()
            self._committer = None
            self._loop_committer = None
        self._engine.dispose()

    def group_commit(self) -> None:
        """From now on, concurrent audit appends share transactions (see group_commit.py):
        those from many threads are committed together by one writer thread, those awaited
        on an event loop together every few turns of the loop. For a service screening
        concurrent requests."""
        if self._committer is None:
            append = AuditLog(self._engine).append_now
            self._committer = GroupCommitter(append)
            self._loop_committer = LoopCommitter(append)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def keys(self) -> ApiKeys:
        """The API keys of the HTTP service."""
        return ApiKeys(self._engine)

    @property
    def users(self) -> Users:
        """People who review alerts and sign in to the web UI."""
        return Users(self._engine)

    @property
    def monitoring(self) -> Monitoring:
        """The monitored population and the list versions it was last screened against."""
        return Monitoring(self._engine)

    @property
    def alerts(self) -> Alerts:
        """Matches on monitored parties recorded for review, their events, the allow-list."""
        return Alerts(self._engine)

    @property
    def audit(self) -> AuditLog:
        """The hash-chained record of every screening."""
        return AuditLog(self._engine, self._committer, self._loop_committer)

    # -- writing ---------------------------------------------------------------------------

    def save_version(
        self,
        version: ListVersion,
        entities: Sequence[Entity],
        *,
        force: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> SaveResult:
        """Store a list version and its entities, all or nothing.

        A version already stored (same source, scope and sha256) is returned untouched with
        `created=False`. Raises ImplausibleListError for an empty list, or for one under half
        the size of the version it follows unless `force`; InputError for duplicate ids.
        `progress(n)` is called with the number of entities written after each chunk.
        """
        check_input(version, entities)
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                with database_errors():
                    return self._save_once(version, entities, force, progress)
            except StoreError as error:
                if attempt == SAVE_ATTEMPTS or not isinstance(error.__cause__, IntegrityError):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _save_once(
        self,
        version: ListVersion,
        entities: Sequence[Entity],
        force: bool,
        progress: Callable[[int], None] | None,
    ) -> SaveResult:
        with self._engine.connect() as connection:
            connection.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
            with connection.begin():
                existing = _one_version(connection, _same_publication(version))
                if existing is not None:
                    return SaveResult(existing, created=False, stored_entities=0, reused_entities=0)
                check_plausible(version, _predecessor(connection, version), force=force)
                inserted = connection.execute(list_versions.insert(), version_values(version))
                version_id = _new_id(inserted.inserted_primary_key)
                counts = write_entities(connection, version_id, version.source, entities, progress)
                # Read back rather than patch the input: the result equals what versions() gives.
                stored = _one_version(connection, _by_id(version_id))
        if stored is None:
            raise StoreError(f"list version {version_id} vanished while being saved")
        return SaveResult(
            stored, created=True, stored_entities=counts.stored, reused_entities=counts.reused
        )

    # -- versions --------------------------------------------------------------------------

    def versions(self, source: str | None = None) -> list[ListVersion]:
        """Stored versions, by source, scope, publication date (undated last) and id."""
        query = select(list_versions)
        if source is not None:
            query = query.where(list_versions.c.source == source)
        return sorted(self._versions(query), key=version_order)

    def latest(self, source: str, scope: str = "") -> ListVersion | None:
        """The newest version of a list (by publication date, then id), if any."""
        query = select(list_versions).where(
            list_versions.c.source == source, list_versions.c.scope == scope
        )
        return max(self._versions(query), key=version_order, default=None)

    def version(self, ref: str) -> ListVersion:
        """A version by id (`"12"`) or label (`"us_ofac_sdn@2019-01-04"`)."""
        ref = ref.strip()
        if re.fullmatch(r"[0-9]{1,18}", ref):  # an id; longer digit strings cannot be one
            found = self._versions(_by_id(int(ref)))
            if not found:
                raise NotFoundError(f"no list version with id {ref}", ref=ref)
            return found[0]
        return self._version_by_label(ref)

    def _version_by_label(self, label: str) -> ListVersion:
        source = re.split(r"[@\[]", label, maxsplit=1)[0]
        candidates = self.versions(source)
        matches = [version for version in candidates if version.label == label]
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(str(version.id) for version in matches)
            raise InputError(
                f"{label} names {len(matches)} versions (ids {ids}); give an id", ref=label
            )
        if not candidates:
            raise NotFoundError(
                f"no list version {label!r}: no versions of {source!r} are stored", ref=label
            )
        known = ", ".join(version.label for version in candidates[-5:])
        raise NotFoundError(
            f"no list version {label!r}; the newest of {source} are: {known}", ref=label
        )

    def _versions(self, query: Select[Any]) -> list[ListVersion]:
        with database_errors(), self._engine.connect() as connection:
            return [version_from_row(row) for row in connection.execute(query).mappings()]

    # -- entities --------------------------------------------------------------------------

    def entities(self, version: ListVersion) -> Iterator[Entity]:
        """The entities of a stored version, read lazily a page at a time, ordered by id as the
        database orders text (byte order on SQLite, the collation on PostgreSQL)."""
        stored = self._stored(version)
        return self._iter_entities(stored.id or 0)

    def _iter_entities(self, version_id: int) -> Iterator[Entity]:
        # Keyset pages rather than one open cursor: no connection is held while the caller
        # works, and a stored version never changes, so the pages are consistent.
        after: str | None = None
        while True:
            query = _contents_of(version_id).order_by(version_entities.c.entity_id).limit(PAGE)
            if after is not None:
                query = query.where(version_entities.c.entity_id > after)
            with database_errors(), self._engine.connect() as connection:
                page = connection.execute(query).all()
            for entity_id, data in page:
                yield entity_from_data(data)
                after = entity_id
            if len(page) < PAGE:
                return

    def entity(
        self, source: str, entity_id: str, version: ListVersion | None = None
    ) -> tuple[Entity, ListVersion]:
        """One entry and the version it was read from: the given version, or by default the
        newest version of `source` (any scope) that holds it."""
        if version is None:
            return self._newest_entity(source, entity_id)
        stored = self._stored(version)
        if stored.source != source:
            raise NotFoundError(
                f"{stored.label} is a version of {stored.source}, not {source}",
                source=source,
                entity_id=entity_id,
            )
        query = _contents_of(stored.id or 0).where(version_entities.c.entity_id == entity_id)
        with database_errors(), self._engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise NotFoundError(
                f"{source}:{entity_id} is not in {stored.label}", source=source, entity_id=entity_id
            )
        return entity_from_data(row.data), stored

    def _newest_entity(self, source: str, entity_id: str) -> tuple[Entity, ListVersion]:
        holders = self.entity_versions(source, entity_id)
        if not holders:
            if not self.versions(source):
                raise NotFoundError(
                    f"no versions of {source!r} are stored", source=source, entity_id=entity_id
                )
            raise NotFoundError(
                f"{source}:{entity_id} is in no stored version of {source}",
                source=source,
                entity_id=entity_id,
            )
        version, content_hash = max(holders, key=lambda pair: _recency(pair[0]))
        query = select(entity_contents.c.data).where(entity_contents.c.content_hash == content_hash)
        with database_errors(), self._engine.connect() as connection:
            data = connection.execute(query).scalar_one()
        return entity_from_data(data), version

    def entity_versions(self, source: str, entity_id: str) -> list[tuple[ListVersion, str]]:
        """(version, content hash) for every stored version holding the entry, in version
        order; empty when none does. Equal hashes mean unchanged content."""
        query = (
            select(list_versions, version_entities.c.content_hash.label("held_hash"))
            .join(version_entities, version_entities.c.version_id == list_versions.c.id)
            .where(list_versions.c.source == source, version_entities.c.entity_id == entity_id)
        )
        with database_errors(), self._engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        pairs = [(version_from_row(row), str(row["held_hash"])) for row in rows]
        return sorted(pairs, key=lambda pair: version_order(pair[0]))

    def _stored(self, version: ListVersion) -> ListVersion:
        """The stored row of `version`; NotFoundError if it was never saved here."""
        if version.id is not None:
            found = self._versions(_by_id(version.id))
            if found and found[0].sha256 == version.sha256:
                return found[0]
        raise NotFoundError(f"{version.label} is not stored here", source=version.source)


def _recency(version: ListVersion) -> tuple[bool, date, int]:
    return version_order(version)[2:]


def _new_id(key: Row[Any] | None) -> int:
    if key is None or key[0] is None:
        raise StoreError("the database did not return the id of the new list version")
    return int(key[0])


def _by_id(version_id: int) -> Select[Any]:
    return select(list_versions).where(list_versions.c.id == version_id)


def _same_publication(version: ListVersion) -> Select[Any]:
    return select(list_versions).where(
        list_versions.c.source == version.source,
        list_versions.c.scope == version.scope,
        list_versions.c.sha256 == version.sha256,
    )


def _one_version(connection: Connection, query: Select[Any]) -> ListVersion | None:
    row = connection.execute(query).mappings().first()
    return version_from_row(row) if row is not None else None


def _predecessor(connection: Connection, version: ListVersion) -> ListVersion | None:
    """The stored version `version` would follow: the newest of its list and scope published
    on or before it, or simply the newest when it has no date."""
    query = select(list_versions).where(
        list_versions.c.source == version.source, list_versions.c.scope == version.scope
    )
    if version.published is not None:
        query = query.where(list_versions.c.published <= version.published)
    rows = connection.execute(query).mappings()
    return max((version_from_row(row) for row in rows), key=version_order, default=None)


def _contents_of(version_id: int) -> Select[Any]:
    return (
        select(version_entities.c.entity_id, entity_contents.c.data)
        .join(entity_contents, entity_contents.c.content_hash == version_entities.c.content_hash)
        .where(version_entities.c.version_id == version_id)
    )
