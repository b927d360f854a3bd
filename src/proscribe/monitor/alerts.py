"""The review workflow of alerts: list, read, decide, assign (the public Python interface).

    from proscribe.monitor.alerts import decide, get, list_alerts
    alert = get(store, 12)
    decide(store, 12, "clear", actor=reviewer, reason="other person: born 1990", seen=alert.version)
    decide(store, 12, "approve", actor=approver, reason="agreed")

States: open -> escalated -> confirmed | cleared, and closed (by the system, when the entry is
delisted or the pair stops matching). Decisions, and the role they need:

    escalate   review    open -> escalated
    confirm    review    proposes "true match"; takes effect when approved
    clear      review    proposes "false positive"; takes effect when approved
    approve    approve   the pending proposal takes effect; by a user other than its proposer
    reject     approve   the pending proposal is dropped; by a user other than its proposer
    assign     review    the alert is given to `assignee` (a user of role review or higher)

Every decision needs a non-empty reason and is one transaction: the alert's new state, an
alert event and a record in the hash-chained audit, all or nothing. An approved clear puts
the pair (party fingerprint, entry content hash) on the allow-list: later rescreening leaves
it cleared until either side changes, and then re-opens it with the change shown.

An actor is anything with a `name` and a `role`: a `store.users.User` (CLI, web) or an
`ApiKey` (API, named by the key's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from proscribe.errors import ConflictError, InputError
from proscribe.store import Store
from proscribe.store.alert_types import (
    FINAL_STATES,
    OPEN_STATES,
    STATES,
    SYSTEM_USER,
    Alert,
    AlertEvent,
)
from proscribe.store.keys import ROLES

__all__ = [
    "ACTIONS",
    "OPEN_STATES",
    "STATES",
    "SYSTEM_USER",
    "Actor",
    "Alert",
    "AlertEvent",
    "Decision",
    "actor",
    "assign",
    "decide",
    "events",
    "get",
    "list_alerts",
]

ACTIONS = ("escalate", "confirm", "clear", "approve", "reject", "assign")
# The role each action needs (see store.keys.ROLES: screen < review < approve < admin).
NEEDS = {
    "escalate": "review",
    "confirm": "review",
    "clear": "review",
    "approve": "approve",
    "reject": "approve",
    "assign": "review",
}
PROPOSALS = {"confirm": "confirmed", "clear": "cleared"}


class Actor(Protocol):
    """Who decides: a user or an API key."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Decision:
    """What a decision changes on an alert, before it is written."""

    action: str
    state: str
    pending: str | None
    proposed_by: str | None
    assignee: str | None
    allow: bool = False  # put the pair on the allow-list (an approved clear)


def actor(store: Store, name: str) -> Actor:
    """The enabled user called `name` (NotFoundError, or InputError when disabled)."""
    user = store.users.get(name)
    if user.disabled_at is not None:
        raise InputError(f"user {name!r} is disabled", field="user")
    return user


def list_alerts(
    store: Store,
    *,
    state: str | None = None,
    source: str | None = None,
    min_score: float | None = None,
    assignee: str | None = None,
    party_id: str | None = None,
    limit: int | None = None,
) -> list[Alert]:
    """Alerts, newest first, filtered by state, list, lowest score, assignee and party."""
    if state is not None and state not in STATES:
        raise InputError(f"unknown state {state!r} (one of {', '.join(STATES)})", field="state")
    return store.alerts.list(
        state=state,
        source=source,
        min_score=min_score,
        assignee=assignee,
        party_id=party_id,
        limit=limit,
    )


def get(store: Store, alert_id: int) -> Alert:
    """One alert; NotFoundError when there is none with this id."""
    return store.alerts.get(alert_id)


def events(store: Store, alert_id: int) -> list[AlertEvent]:
    """The history of one alert, oldest first: openings, decisions, assignments, closing."""
    return store.alerts.events(alert_id)


def decide(
    store: Store,
    alert_id: int,
    action: str,
    *,
    actor: Actor,
    reason: str,
    assignee: str | None = None,
    seen: int | None = None,
) -> Alert:
    """Apply one decision and return the alert as it now is.

    `seen` is the alert version the decision was taken on (from `get` or a listing); when
    another decision was written since, ConflictError and nothing is written. Without it the
    version read here is used, so two racing callers still cannot both win. InputError for an
    unknown action, an empty reason, a decision the state does not allow or four-eyes broken;
    PermissionError-like InputError(field="user") when the actor's role is too low.
    """
    reason = reason.strip()
    if action not in ACTIONS:
        raise InputError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})", field="action")
    if not reason:
        raise InputError("every decision needs a reason", field="reason")
    _check_role(actor, NEEDS[action])
    current = store.alerts.get(alert_id)
    if seen is None:
        seen = current.version
    elif seen != current.version:
        # Stale before anything else: the caller decided on an alert that has moved on, and
        # must read it again (the decision made since may be why the state now refuses it).
        raise ConflictError(
            f"alert {alert_id} was changed by someone else (now version {current.version},"
            f" you saw {seen}); read it again and decide again",
            alert_id=alert_id,
        )
    if assignee is not None and action == "assign":
        _check_assignee(store, assignee)
    change = plan(current, action, actor.name, assignee)
    return store.alerts.apply(
        alert_id,
        seen,
        user=actor.name,
        action=action,
        reason=reason,
        state=change.state,
        pending=change.pending,
        proposed_by=change.proposed_by,
        assignee=change.assignee,
        allow=change.allow,
    )


def assign(
    store: Store,
    alert_id: int,
    assignee: str,
    *,
    actor: Actor,
    reason: str,
    seen: int | None = None,
) -> Alert:
    """Give the alert to `assignee`, a user of role review or higher; see `decide`."""
    return decide(
        store, alert_id, "assign", actor=actor, reason=reason, assignee=assignee, seen=seen
    )


def plan(alert: Alert, action: str, user: str, assignee: str | None = None) -> Decision:
    """The change `action` by `user` makes to `alert`; InputError when it is not allowed.
    Pure: the store writes it only if the alert is still at the version it was read at."""
    keep = Decision(action, alert.state, alert.pending, alert.proposed_by, alert.assignee)
    if action == "assign":
        if alert.state == "closed":
            raise InputError(f"alert {alert.id} is closed", field="action")
        if not assignee:
            raise InputError("assign needs the user to assign to", field="assignee")
        return Decision(action, alert.state, alert.pending, alert.proposed_by, assignee)
    if alert.state in FINAL_STATES:
        raise InputError(f"alert {alert.id} is {alert.state}: it takes no more decisions")
    if action == "escalate":
        if alert.state != "open":
            raise InputError(f"alert {alert.id} is {alert.state}; only an open alert escalates")
        return Decision(action, "escalated", alert.pending, alert.proposed_by, alert.assignee)
    if action in PROPOSALS:
        if alert.pending is not None:
            raise InputError(
                f"alert {alert.id} already has a {alert.pending} by {alert.proposed_by} waiting"
                " for approval; approve or reject it first"
            )
        return Decision(action, alert.state, action, user, alert.assignee)
    # approve or reject: the second pair of eyes
    if alert.pending is None:
        raise InputError(f"alert {alert.id} has no confirm or clear waiting for approval")
    if alert.proposed_by == user:
        raise InputError(
            f"four-eyes: {user} proposed this {alert.pending}; another user must {action} it",
            field="user",
        )
    if action == "reject":
        return Decision(action, alert.state, None, None, keep.assignee)
    state = PROPOSALS[alert.pending]
    return Decision(action, state, None, alert.proposed_by, keep.assignee, state == "cleared")


def _check_role(actor: Actor, role: str) -> None:
    if actor.role not in ROLES or ROLES.index(actor.role) < ROLES.index(role):
        raise InputError(
            f"{actor.name} has the {actor.role} role; this needs {role} or higher", field="user"
        )


def _check_assignee(store: Store, name: str) -> None:
    user = actor(store, name)
    if ROLES.index(user.role) < ROLES.index("review"):
        raise InputError(f"{name} has the {user.role} role; alerts go to review or higher")
