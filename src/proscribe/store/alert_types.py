"""The values of the review workflow as the store keeps them: an alert and one event of it.

Defined at the store layer so that the store can return them; `proscribe.monitor.alerts` is
where the rest of the code (CLI, API, web) imports them from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# States, in the order a review moves through them. `closed` is the system's: the entry was
# delisted, or the pair no longer matches.
STATES = ("open", "escalated", "confirmed", "cleared", "closed")
OPEN_STATES = ("open", "escalated")  # still to be decided
FINAL_STATES = ("confirmed", "cleared", "closed")
SYSTEM_USER = "system"  # the actor of what rescreening does (open, re-open, close)


@dataclass(frozen=True, slots=True)
class Alert:
    """A match on a monitored party recorded for review.

    `version` is the optimistic lock: every change raises it by one, and a decision names the
    version it was taken on, so a decision on a stale view fails with ConflictError instead
    of overwriting someone else's. `pending` is a confirm or clear proposed by one reviewer
    and waiting for a second one (four-eyes); `proposed_by` names the first.
    """

    id: int
    party_id: str
    party_name: str
    party_fingerprint: str
    source: str
    entity_id: str
    caption: str
    list_version: str  # the label of the list version the match was found in
    content_hash: str  # the entry's content hash in that version
    score: float
    explanation: str
    reasons: tuple[str, ...]  # reason codes (the features that fired)
    state: str
    pending: str | None
    proposed_by: str | None
    assignee: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    # What changed when the alert was re-opened: [{"side": "entry"|"party", "field", "before",
    # "after"}]; empty otherwise.
    changes: tuple[dict[str, Any], ...] = field(default=())

    @property
    def entry(self) -> str:
        """`source:id` of the listed entry."""
        return f"{self.source}:{self.entity_id}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "party": {
                "id": self.party_id,
                "name": self.party_name,
                "fingerprint": self.party_fingerprint,
            },
            "entry": {"source": self.source, "id": self.entity_id, "caption": self.caption},
            "list_version": self.list_version,
            "content_hash": self.content_hash,
            "score": self.score,
            "explanation": self.explanation,
            "reasons": list(self.reasons),
            "state": self.state,
            "pending": self.pending,
            "proposed_by": self.proposed_by,
            "assignee": self.assignee,
            "version": self.version,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "changes": list(self.changes),
        }


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """One action on an alert: who, when, what, why, and the audit record that holds it."""

    id: int
    alert_id: int
    time: datetime
    user: str
    action: str  # opened, reopened, rescreened, escalate, confirm, clear, approve, reject,
    # assign, closed
    reason: str
    state_before: str | None
    state_after: str
    detail: dict[str, Any]
    audit_seq: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "alert_id": self.alert_id,
            "time": self.time.isoformat(),
            "user": self.user,
            "action": self.action,
            "reason": self.reason,
            "state_before": self.state_before,
            "state_after": self.state_after,
            "detail": self.detail,
            "audit_seq": self.audit_seq,
        }
