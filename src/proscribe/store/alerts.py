"""The alerts, alert_events and allowed_pairs tables: every change one transaction with its
event and its audit record.

Two kinds of writers change alerts. Reviewers (`apply`) name the version they read: the UPDATE
is `... WHERE id = :id AND version = :seen`, and when it changes no row someone else decided
first, so ConflictError and nothing is written. Rescreening (`record`) is the system's: it
writes what the lists now say without a version check but raises the version too, so a
reviewer who read the alert before gets the conflict. Either way the change, its alert event
and a record in the hash-chained audit commit together.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from proscribe.errors import ConflictError, NotFoundError, StoreError
from proscribe.store.alert_types import OPEN_STATES, SYSTEM_USER, Alert, AlertEvent
from proscribe.store.audit import Screening, append_on
from proscribe.store.engine import SQLITE_BEGIN, database_errors
from proscribe.store.schema import alert_events, alerts, allowed_pairs

WRITE_ATTEMPTS = 5  # PostgreSQL: racing audit appends collide on the sequence number; retried
AUDIT_ALGORITHM = "alert-workflow"
MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER  # the audit record's `algorithm` for alert events


@dataclass(frozen=True, slots=True)
class Found:
    """A match on a monitored party as a screening found it (what an alert is opened from)."""

    party_id: str
    party_name: str
    party_fingerprint: str
    source: str
    entity_id: str
    caption: str
    list_version: str
    content_hash: str
    score: float
    explanation: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """One thing rescreening does to an alert: `open` a new one (alert_id None), `reopen`,
    `refresh` (same state, newer score or content) or `close` one."""

    action: str
    reason: str
    found: Found | None = None
    alert_id: int | None = None
    changes: tuple[dict[str, Any], ...] = field(default=())


class Alerts:
    """Reading and writing alerts."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- reading ---------------------------------------------------------------------------

    def list(
        self,
        *,
        state: str | None = None,
        source: str | None = None,
        min_score: float | None = None,
        assignee: str | None = None,
        party_id: str | None = None,
        limit: int | None = None,
    ) -> list[Alert]:
        query = select(alerts).order_by(alerts.c.id.desc())
        for column, value in (
            (alerts.c.state, state),
            (alerts.c.source, source),
            (alerts.c.assignee, assignee),
            (alerts.c.party_id, party_id),
        ):
            if value is not None:
                query = query.where(column == value)
        if min_score is not None:
            query = query.where(alerts.c.score >= min_score)
        if limit is not None:
            query = query.limit(limit)
        with database_errors(), self._engine.connect() as connection:
            return [_alert(row) for row in connection.execute(query).mappings()]

    def get(self, alert_id: int) -> Alert:
        with database_errors(), self._engine.connect() as connection:
            return _get(connection, alert_id)

    def events(self, alert_id: int) -> builtins.list[AlertEvent]:
        self.get(alert_id)  # NotFoundError for an unknown alert, not an empty history
        query = select(alert_events).where(alert_events.c.alert_id == alert_id)
        with database_errors(), self._engine.connect() as connection:
            rows = connection.execute(query.order_by(alert_events.c.id)).mappings()
            return [_event(row) for row in rows]

    def for_parties(self, party_ids: Sequence[str] | None = None) -> builtins.list[Alert]:
        """Every alert of these parties (of all parties when None), any state."""
        query = select(alerts)
        if party_ids is not None:
            query = query.where(alerts.c.party_id.in_(list(party_ids)))
        with database_errors(), self._engine.connect() as connection:
            return [_alert(row) for row in connection.execute(query).mappings()]

    def allowed(self) -> dict[int, tuple[str, str]]:
        """The allow-list: alert id -> the (party fingerprint, entry content hash) pair that
        was cleared on approval."""
        columns = (allowed_pairs.c.alert_id, allowed_pairs.c.party_fingerprint)
        query = select(*columns, allowed_pairs.c.content_hash)
        with database_errors(), self._engine.connect() as connection:
            return {int(i): (str(a), str(b)) for i, a, b in connection.execute(query)}

    # -- reviewers -------------------------------------------------------------------------

    def apply(
        self,
        alert_id: int,
        seen: int,
        *,
        user: str,
        action: str,
        reason: str,
        state: str,
        pending: str | None,
        proposed_by: str | None,
        assignee: str | None,
        allow: bool = False,
    ) -> Alert:
        """Write a reviewer's decision if the alert is still at version `seen`; ConflictError
        (nothing written) otherwise."""
        values = {
            "state": state,
            "pending": pending,
            "proposed_by": proposed_by,
            "assignee": assignee,
        }

        def write(connection: Connection) -> None:
            before = _get(connection, alert_id)
            now = datetime.now(UTC)
            statement = (
                update(alerts)
                .where(alerts.c.id == alert_id, alerts.c.version == seen)
                .values(**values, version=seen + 1, updated_at=now)
            )
            if connection.execute(statement).rowcount != 1:
                raise ConflictError(
                    f"alert {alert_id} was changed by someone else (now version "
                    f"{before.version}, you saw {seen}); read it again and decide again",
                    alert_id=alert_id,
                )
            detail: dict[str, Any] = {
                key: value for key, value in values.items() if value != getattr(before, key)
            }
            if allow:
                connection.execute(
                    insert(allowed_pairs),
                    {
                        "party_fingerprint": before.party_fingerprint,
                        "content_hash": before.content_hash,
                        "alert_id": alert_id,
                        "approved_by": user,
                        "approved_at": now,
                    },
                )
                detail["allow_listed"] = True
            if action in ("approve", "reject"):
                detail["proposal"] = before.pending
                detail["proposed_by"] = before.proposed_by
            _log(connection, before, user, action, reason, state, detail, now)

        self._transaction(write)
        return self.get(alert_id)

    # -- rescreening -----------------------------------------------------------------------

    def record(self, changes: Sequence[Change]) -> builtins.list[int]:
        """Write what rescreening found, all in one transaction; the ids of the alerts."""
        ids: builtins.list[int] = []

        def write(connection: Connection) -> None:
            ids.clear()
            now = datetime.now(UTC)
            for change in changes:
                ids.append(_record_one(connection, change, now))

        if changes:
            self._transaction(write)
        return ids

    def close_party(self, party_id: str, reason: str) -> int:
        """Close the undecided alerts of a party (it is no longer monitored); how many."""
        open_ids = [
            a.id
            for a in self.list(party_id=party_id)
            if a.state not in ("confirmed", "cleared", "closed")
        ]
        return len(self.record([Change("close", reason, alert_id=i) for i in open_ids]))

    def _transaction(self, write: Any) -> None:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._engine.connect() as connection:
                    connection.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
                    with connection.begin():
                        write(connection)
                return
            except IntegrityError as error:
                if attempt == WRITE_ATTEMPTS:
                    raise StoreError(f"cannot write the alert: {error.orig}") from error
            except SQLAlchemyError as error:
                raise StoreError(f"cannot write the alert: {error}") from error


def _record_one(connection: Connection, change: Change, now: datetime) -> int:
    if change.action == "open":
        return _open(connection, change, now)
    if change.alert_id is None:
        raise StoreError(f"a {change.action} needs the alert's id")
    before = _get(connection, change.alert_id)
    # Read again inside the transaction: a reviewer may have decided since rescreening read
    # the alert, and a decided alert is neither closed nor re-opened from a stale view.
    if (change.action == "close" and before.state not in OPEN_STATES) or (
        change.action == "reopen" and before.state in OPEN_STATES
    ):
        return before.id
    values: dict[str, Any] = {"version": before.version + 1, "updated_at": now}
    detail: dict[str, Any] = {}
    if change.found is not None:
        values.update(_found_values(change.found))
        detail = {"score": change.found.score, "list_version": change.found.list_version}
    state = before.state
    if change.action == "reopen":
        state = "open"
        values.update(state=state, pending=None, proposed_by=None, changes=list(change.changes))
        detail["changes"] = list(change.changes)
        # The pair is no longer the one cleared: it leaves the allow-list.
        connection.execute(delete(allowed_pairs).where(allowed_pairs.c.alert_id == before.id))
    elif change.action == "close":
        state = "closed"
        values.update(state=state, pending=None, proposed_by=None)
    connection.execute(update(alerts).where(alerts.c.id == before.id).values(**values))
    _log(connection, before, SYSTEM_USER, change.action, change.reason, state, detail, now)
    return before.id


def _open(connection: Connection, change: Change, now: datetime) -> int:
    if change.found is None:
        raise StoreError("opening an alert needs the match it is opened for")
    values = {
        **_found_values(change.found),
        "party_id": change.found.party_id,
        "source": change.found.source,
        "entity_id": change.found.entity_id,
        "state": "open",
        "pending": None,
        "proposed_by": None,
        "assignee": None,
        "changes": list(change.changes),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    inserted = connection.execute(insert(alerts), values)
    alert = _get(connection, int(inserted.inserted_primary_key[0]))  # type: ignore[index]
    detail = {"score": alert.score, "list_version": alert.list_version}
    _log(connection, None, SYSTEM_USER, "opened", change.reason, "open", detail, now, alert)
    return alert.id


def _found_values(found: Found) -> dict[str, Any]:
    return {
        "party_name": found.party_name,
        "party_fingerprint": found.party_fingerprint,
        "caption": found.caption,
        "list_version": found.list_version,
        "content_hash": found.content_hash,
        "score": found.score,
        "explanation": found.explanation,
        "reasons": list(found.reasons),
    }


def _log(
    connection: Connection,
    before: Alert | None,
    user: str,
    action: str,
    reason: str,
    state: str,
    detail: dict[str, Any],
    now: datetime,
    alert: Alert | None = None,
) -> None:
    """The alert event and its audit record, in the caller's transaction."""
    subject = alert or before
    if subject is None:
        raise StoreError("an alert event needs its alert")
    body = {
        "alert": subject.id,
        "action": action,
        "reason": reason,
        "state_before": before.state if before else None,
        "state_after": state,
        "detail": detail,
        "party": subject.party_id,
        "party_fingerprint": subject.party_fingerprint,
        "entry": subject.entry,
        "content_hash": subject.content_hash,
    }
    record = Screening(
        caller=user,
        query={"alert": subject.id, "party": subject.party_id, "entry": subject.entry},
        versions=[subject.list_version],
        algorithm=AUDIT_ALGORITHM,
        config_hash="",
        results=body,
    )
    [seq] = append_on(connection, [record])
    connection.execute(
        insert(alert_events),
        {
            "alert_id": subject.id,
            "time": now,
            "user": user,
            "action": action,
            "reason": reason,
            "state_before": body["state_before"],
            "state_after": state,
            "detail": detail,
            "audit_seq": seq,
        },
    )


def _get(connection: Connection, alert_id: int) -> Alert:
    if not 0 < alert_id <= MAX_ID:  # no such id, and beyond what every backend's INTEGER holds
        raise NotFoundError(f"no alert with id {alert_id}", alert_id=alert_id)
    row = connection.execute(select(alerts).where(alerts.c.id == alert_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no alert with id {alert_id}", alert_id=alert_id)
    return _alert(row)


def _alert(row: RowMapping) -> Alert:
    return Alert(
        id=int(row["id"]),
        party_id=str(row["party_id"]),
        party_name=str(row["party_name"]),
        party_fingerprint=str(row["party_fingerprint"]),
        source=str(row["source"]),
        entity_id=str(row["entity_id"]),
        caption=str(row["caption"]),
        list_version=str(row["list_version"]),
        content_hash=str(row["content_hash"]),
        score=float(row["score"]),
        explanation=str(row["explanation"]),
        reasons=tuple(row["reasons"]),
        state=str(row["state"]),
        pending=row["pending"],
        proposed_by=row["proposed_by"],
        assignee=row["assignee"],
        version=int(row["version"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        changes=tuple(row["changes"]),
    )


def _event(row: RowMapping) -> AlertEvent:
    return AlertEvent(
        id=int(row["id"]),
        alert_id=int(row["alert_id"]),
        time=row["time"],
        user=str(row["user"]),
        action=str(row["action"]),
        reason=str(row["reason"]),
        state_before=row["state_before"],
        state_after=str(row["state_after"]),
        detail=dict(row["detail"]),
        audit_seq=int(row["audit_seq"]),
    )
