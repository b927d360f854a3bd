"""The review routes: alerts listed, read and decided, and parties added to monitoring.

Listing, reading and deciding need a key of role `review`; approving or rejecting a proposal
needs `approve`. The acting user of a decision is the key's name, so four-eyes holds between
keys of different names. A decision on a stale version of the alert is a 409.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from proscribe.api.auth import ApiError, caller, require
from proscribe.api.models import ScreenRequest
from proscribe.api.records import monitoring_audit, rescreen_record
from proscribe.history import known_source
from proscribe.monitor import alerts as workflow
from proscribe.monitor.rescreen import add_parties, record_result
from proscribe.screen import ScreeningResult
from proscribe.screener import Screener
from proscribe.store import Store
from proscribe.store.keys import ApiKey

MAX_PARTIES = 10_000  # per request; larger populations go through `proscribe monitor add`

# The statuses of api/routes.py's ERRORS (that module imports this one), and the conflict.
router = APIRouter(
    tags=["alerts"],
    responses={
        400: {"description": "The body cannot be parsed at all (bytes that are not text)."},
        401: {"description": "No API key, or an unknown or revoked one."},
        403: {"description": "The key's role is too low for this route or decision."},
        404: {"description": "No such alert."},
        409: {"description": "The alert changed since the version given: read it again."},
        429: {"description": "Over the key's rate limit; `Retry-After` says when to retry."},
        503: {"description": "The store cannot be reached."},
    },
)
Review = Annotated[ApiKey, Depends(require("review"))]
AlertId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The alert's id.")]


class DecisionRequest(BaseModel):
    """One decision on an alert, as `proscribe alerts decide` takes it."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["escalate", "confirm", "clear", "approve", "reject", "assign"]
    reason: str = Field(min_length=1, max_length=2000, description="Why; required.")
    assignee: str | None = Field(default=None, max_length=200, description="For assign.")
    version: int | None = Field(
        default=None, ge=1, description="The alert version decided on; 409 if it changed."
    )


class PartiesRequest(BaseModel):
    """Parties to monitor: each needs its stable `id`."""

    model_config = ConfigDict(extra="forbid")

    parties: list[ScreenRequest] = Field(min_length=1, max_length=MAX_PARTIES)


def _store(request: Request) -> Store:
    store: Store = request.app.state.service.store
    return store


@router.get("/v1/alerts")
def list_alerts(
    _key: Review,
    request: Request,
    state: Annotated[str | None, Query(description="open, escalated, confirmed ...")] = None,
    source: Annotated[str | None, Query(description="Only this list.")] = None,
    min_score: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    assignee: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Alerts, newest first."""
    store = _store(request)
    found = workflow.list_alerts(
        store,
        state=state,
        source=known_source(store, source),
        min_score=min_score,
        assignee=assignee,
        limit=limit,
    )
    return {"alerts": [alert.to_json() for alert in found]}


@router.get("/v1/alerts/{alert_id}")
def get_alert(alert_id: AlertId, _key: Review, request: Request) -> dict[str, Any]:
    """One alert with every event of its history."""
    store = _store(request)
    alert = workflow.get(store, alert_id)
    return {**alert.to_json(), "events": [e.to_json() for e in workflow.events(store, alert_id)]}


@router.post("/v1/alerts/{alert_id}/decisions")
def decide(alert_id: int, body: DecisionRequest, key: Review, request: Request) -> dict[str, Any]:
    """Apply a decision; the alert as it now is. 409 when `version` is stale."""
    needed = workflow.NEEDS[body.action]
    if not key.allows(needed):
        raise ApiError(403, "forbidden", f"{body.action} needs the {needed} role")
    alert = workflow.decide(
        _store(request),
        alert_id,
        body.action,
        actor=key,
        reason=body.reason,
        assignee=body.assignee,
        seen=body.version,
    )
    return alert.to_json()


@router.post("/v1/monitor/parties", tags=["monitoring"])
def monitor_parties(body: PartiesRequest, key: Review, request: Request) -> dict[str, Any]:
    """Add parties to the monitored population (or update changed ones) and screen them."""
    queries = []
    for number, party in enumerate(body.parties):
        if not party.id:
            raise ApiError(422, "input_error", f"parties[{number}]: every party needs an id")
        queries.append(party.to_query())
    service = request.app.state.service
    screener: Screener = service.screener
    store, who = _store(request), caller(key)
    audit = monitoring_audit(store, who, service.settings)
    report, upsert = add_parties(store, screener, queries, audit=audit)
    store.audit.append([rescreen_record(report, screener, who)])
    return {
        "added": list(upsert.added),
        "changed": list(upsert.changed),
        "unchanged": len(upsert.unchanged),
        **report.to_json(),
    }


def record_alerts(
    store: Store, screener: Screener, key: ApiKey, result: ScreeningResult
) -> list[int]:
    """For `record: true`: the ids of the alerts opened for the matches (review role)."""
    if not key.allows("review"):
        raise ApiError(403, "forbidden", "record: true needs the review role")
    return record_result(store, screener, result)
