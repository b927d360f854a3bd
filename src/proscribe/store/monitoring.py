"""The monitored population (monitored_parties) and the versions it was last screened against
(monitor_versions), plus the one question rescreening asks of the lists: which entries differ
between two versions, by content hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, Text, bindparam, delete, insert, select, type_coerce, update

from proscribe.errors import NotFoundError
from proscribe.model import Entity, ListVersion
from proscribe.store.engine import SQLITE_BEGIN, database_errors
from proscribe.store.rows import entity_from_data
from proscribe.store.schema import (
    entity_contents,
    monitor_versions,
    monitored_parties,
    version_entities,
)

PAGE = 5_000  # parties read per query
FIELDS = ("name", "schema", "birth_date", "countries", "identifiers", "gender")


# Not frozen, though nothing changes a party once made (`dataclasses.replace` makes another):
# a delta rescreen reads every party, and a frozen dataclass's __init__ sets each field through
# object.__setattr__: 0.17-0.24 s a 100,000 (by position, by keyword) against 0.03-0.06 s
# (timeit, garbage collector off as in the rescreen).
@dataclass(slots=True)
class Party:
    """A monitored customer or counterparty, its fields as JSON-ready values; treated as
    immutable (never assigned to once made)."""

    id: str
    name: str
    schema: str | None = None
    birth_date: str | None = None  # as the caller wrote it, normalised by the reader
    countries: tuple[str, ...] = ()
    identifiers: tuple[tuple[str | None, str], ...] = ()  # (type or None, value)
    gender: str | None = None
    # What the last screening left for the next delta rescreen (see monitor/rescreen.py).
    near_miss: float | None = None
    floor: float | None = None
    tokens: Any = None
    candidates: tuple[str, ...] | None = None  # "source:id" of the entries last offered

    def fields(self) -> dict[str, Any]:
        """The fields the fingerprint covers, JSON-ready."""
        return {
            "name": self.name,
            "schema": self.schema,
            "birth_date": self.birth_date,
            "countries": list(self.countries),
            "identifiers": [list(pair) for pair in self.identifiers],
            "gender": self.gender,
        }

    @property
    def fingerprint(self) -> str:
        """sha256 of the canonical JSON of the fields: any change of the party changes it."""
        text = json.dumps(self.fields(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """What a party's full screening leaves for the next delta rescreen (monitor/delta.py)."""

    near_miss: float | None  # the best score under the threshold
    floor: float  # the index coverage an entry needs to be scored for this party
    tokens: Any  # the name's lookup tokens: [variants, keys, sorted keys]
    # "source:id" of the entries the index offered; None when they may not be every entry
    # covering enough (the index's name cut was reached): the next delta screens it in full.
    candidates: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Upsert:
    """What `Monitoring.put` did: ids added, changed (new fingerprint) and unchanged."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VersionDelta:
    """Entry ids that differ between two versions of one list, by content hash."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    amended: tuple[str, ...]
    before: dict[str, str]  # entry id -> content hash in the older version
    after: dict[str, str]  # entry id -> content hash in the newer version


class Monitoring:
    """The monitored_parties and monitor_versions tables."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- parties ---------------------------------------------------------------------------

    def put(self, parties: Sequence[Party]) -> Upsert:
        """Add parties, or update those whose fields changed; one transaction."""
        now = datetime.now(UTC)
        added: list[str] = []
        changed: list[str] = []
        unchanged: list[str] = []
        with database_errors(), self._engine.connect() as connection:
            connection.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
            with connection.begin():
                known = _fingerprints(connection, [p.id for p in parties])
                new_rows = []
                for party in parties:
                    values = {**party.fields(), "fingerprint": party.fingerprint}
                    if party.id not in known:
                        new_rows.append({**values, "id": party.id, "added_at": now})
                        added.append(party.id)
                        known[party.id] = party.fingerprint
                    elif known[party.id] != party.fingerprint:
                        connection.execute(
                            update(monitored_parties)
                            .where(monitored_parties.c.id == party.id)
                            .values(
                                **values,
                                updated_at=now,
                                near_miss=None,
                                floor=None,
                                tokens=None,
                                candidates=None,
                            )
                        )
                        changed.append(party.id)
                        known[party.id] = party.fingerprint
                    else:
                        unchanged.append(party.id)
                for start in range(0, len(new_rows), PAGE):
                    rows = [{**r, "updated_at": now} for r in new_rows[start : start + PAGE]]
                    connection.execute(insert(monitored_parties), rows)
        return Upsert(tuple(added), tuple(changed), tuple(unchanged))

    def parties(self, ids: Iterable[str] | None = None) -> list[Party]:
        """The monitored parties (those with these ids when given), by id."""
        wanted = None if ids is None else sorted(set(ids))
        out: list[Party] = []
        with database_errors(), self._engine.connect() as connection:
            columns = select(*_PARTY_COLUMNS)
            if wanted is None:
                # Fetched at once: row by row, the fetching cost a third of reading 100,000.
                query = columns.order_by(monitored_parties.c.id)
                out = [_party(row) for row in connection.execute(query).all()]
            else:
                for start in range(0, len(wanted), PAGE):
                    chunk = wanted[start : start + PAGE]
                    query = columns.where(monitored_parties.c.id.in_(chunk))
                    out.extend(_party(row) for row in connection.execute(query))
        return sorted(out, key=lambda p: p.id)

    def party(self, party_id: str) -> Party:
        found = self.parties([party_id])
        if not found:
            raise NotFoundError(f"no monitored party with id {party_id!r}", party_id=party_id)
        return found[0]

    def count(self) -> int:
        with database_errors(), self._engine.connect() as connection:
            return len(connection.execute(select(monitored_parties.c.id)).all())

    def remove(self, party_id: str) -> None:
        self.party(party_id)
        statement = delete(monitored_parties).where(monitored_parties.c.id == party_id)
        with database_errors(), self._engine.begin() as connection:
            connection.execute(statement)

    def set_screening(self, outcomes: dict[str, ScreeningOutcome]) -> None:
        """Record per party what its screening leaves for the next delta rescreen."""
        if not outcomes:
            return
        statement = (
            update(monitored_parties)
            .where(monitored_parties.c.id == bindparam("party"))
            .values(
                near_miss=bindparam("near"),
                floor=bindparam("low"),
                tokens=bindparam("keys"),
                candidates=bindparam("offered"),
            )
        )
        rows = [
            {
                "party": party_id,
                "near": outcome.near_miss,
                "low": outcome.floor,
                "keys": outcome.tokens,
                "offered": None if outcome.candidates is None else list(outcome.candidates),
            }
            for party_id, outcome in outcomes.items()
        ]
        with database_errors(), self._engine.begin() as connection:
            connection.execute(statement, rows)

    # -- versions screened -----------------------------------------------------------------

    def screened(self) -> dict[tuple[str, str], int]:
        """(source, scope) -> id of the version the population was last screened against."""
        query = select(
            monitor_versions.c.source, monitor_versions.c.scope, monitor_versions.c.version_id
        )
        with database_errors(), self._engine.connect() as connection:
            return {(str(s), str(c)): int(v) for s, c, v in connection.execute(query)}

    def set_screened(self, versions: Sequence[ListVersion], method: str | None = None) -> None:
        """The population is now screened against these versions (one per list and scope),
        by `method` (what else the screening depended on, see `screened_method`); lists not
        named are forgotten (no longer screened)."""
        now = datetime.now(UTC)
        rows = [
            {
                "source": v.source,
                "scope": v.scope,
                "version_id": v.id,
                "screened_at": now,
                "method": method,
            }
            for v in versions
        ]
        with database_errors(), self._engine.begin() as connection:
            connection.execute(delete(monitor_versions))
            if rows:
                connection.execute(insert(monitor_versions), rows)

    def screened_method(self) -> str | None:
        """The method the population was last screened by; None when unknown (never
        screened, screened before methods were recorded, or by more than one)."""
        query = select(monitor_versions.c.method).distinct()
        with database_errors(), self._engine.connect() as connection:
            methods = [m for (m,) in connection.execute(query)]
        return methods[0] if len(methods) == 1 else None

    # -- what changed ----------------------------------------------------------------------

    def delta(self, before: ListVersion | None, after: ListVersion) -> VersionDelta:
        """Entries added, removed and amended from `before` (None: nothing) to `after`."""
        old = self._hashes(before.id or 0) if before is not None else {}
        new = self._hashes(after.id or 0)
        return VersionDelta(
            added=tuple(sorted(new.keys() - old.keys())),
            removed=tuple(sorted(old.keys() - new.keys())),
            amended=tuple(sorted(i for i in old.keys() & new.keys() if old[i] != new[i])),
            before=old,
            after=new,
        )

    def contents(self, hashes: Iterable[str]) -> dict[str, Entity]:
        """Entities by content hash."""
        wanted = sorted(set(hashes))
        out: dict[str, Entity] = {}
        with database_errors(), self._engine.connect() as connection:
            for start in range(0, len(wanted), PAGE):
                chunk = wanted[start : start + PAGE]
                query = select(entity_contents.c.content_hash, entity_contents.c.data).where(
                    entity_contents.c.content_hash.in_(chunk)
                )
                out.update((str(h), entity_from_data(d)) for h, d in connection.execute(query))
        return out

    def _hashes(self, version_id: int) -> dict[str, str]:
        query = select(version_entities.c.entity_id, version_entities.c.content_hash).where(
            version_entities.c.version_id == version_id
        )
        with database_errors(), self._engine.connect() as connection:
            return {str(i): str(h) for i, h in connection.execute(query)}


def _fingerprints(connection: Any, ids: Sequence[str]) -> dict[str, str]:
    wanted = sorted(set(ids))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), PAGE):
        chunk = wanted[start : start + PAGE]
        query = select(monitored_parties.c.id, monitored_parties.c.fingerprint).where(
            monitored_parties.c.id.in_(chunk)
        )
        out.update((str(i), str(f)) for i, f in connection.execute(query))
    return out


# What a Party holds, in its field order: a delta rescreen reads every party, so the row is
# read as a plain tuple, without the timestamps and fingerprint it does not need. Its JSON
# columns are read as text and decoded by orjson (reading 100,000 parties: 0.83-1.0 s against
# 1.3-1.4 s with the json module): they hold lists of strings (and nulls) only, so nothing
# that orjson reads otherwise (integers past 64 bits, NaN) can be in them. PostgreSQL's
# driver hands them over decoded already.
_JSON_COLUMNS = frozenset({"countries", "identifiers", "tokens", "candidates"})
_PARTY_COLUMNS = tuple(
    type_coerce(monitored_parties.c[name], Text).label(name)
    if name in _JSON_COLUMNS
    else monitored_parties.c[name]
    for name in (
        "id",
        "name",
        "schema",
        "birth_date",
        "countries",
        "identifiers",
        "gender",
        "near_miss",
        "floor",
        "tokens",
        "candidates",
    )
)


_ENCODED = (str, bytes)  # a tuple: `str | bytes` would make a union at every call


def _json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, _ENCODED) else value


# Most parties state no identifier, and many no country: their empty lists are not parsed
# (a delta rescreen reads the whole population).
_EMPTY = ("[]", b"[]")


def _party(row: Sequence[Any]) -> Party:
    (ident, name, schema, born, countries, identifiers, gender, near, floor, tokens, offered) = row
    offered = _json(offered)  # JSON null (or no value) before a first screening
    # By position, in the field order: keywords cost twice as much a party.
    return Party(
        str(ident),
        str(name),
        schema,
        born,
        () if countries in _EMPTY else tuple(_json(countries)),
        () if identifiers in _EMPTY else tuple((t, str(v)) for t, v in _json(identifiers)),
        gender,
        near,
        floor,
        _json(tokens),
        tuple(offered) if offered is not None else None,
    )
