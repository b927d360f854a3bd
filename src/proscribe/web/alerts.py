"""The Alerts pages: the queue (`GET /alerts`, filtered by state, list and lowest score), one
alert with its decision history (`GET /alerts/{id}`), and its forms: a decision
(`POST /alerts/{id}/decide`) and an assignment (`POST /alerts/{id}/assign`).

The rules are `proscribe.monitor.alerts`'s: this module only offers the actions they allow the
signed-in user (a proposer is not offered the approval of their own proposal: four-eyes),
and passes the alert version the form was shown at, so a decision taken on a stale page
fails with 409 instead of overwriting another reviewer's.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from proscribe.errors import InputError
from proscribe.monitor import alerts as workflow
from proscribe.store.users import User
from proscribe.web.pages import (
    PageError,
    Reviewer,
    Screener,
    Viewer,
    mark_page,
    redirect,
    render,
    require_csrf,
    wants_json,
    web_of,
)

router = APIRouter(include_in_schema=False, dependencies=[Depends(mark_page)])
DECISIONS = ("escalate", "confirm", "clear", "approve", "reject")
LABELS = {
    "escalate": "Escalate",
    "confirm": "Propose: true match (confirm)",
    "clear": "Propose: false positive (clear)",
    "approve": "Approve the proposal",
    "reject": "Reject the proposal",
}
QUEUE = 500  # alerts listed at most


@router.get("/alerts")
def queue(
    request: Request,
    _viewer: Screener,
    state: str = "",
    source: Annotated[str, Query(alias="list")] = "",
    min_score: Annotated[str, Query(alias="score")] = "",
    assignee: str = "",
) -> Response:
    """Alerts newest first, filtered by state, list, lowest score and assignee."""
    store = web_of(request).service.store
    lowest = _score(min_score)
    found = workflow.list_alerts(
        store,
        state=state or None,
        source=source or None,
        min_score=lowest,
        assignee=assignee or None,
        limit=QUEUE,
    )
    data = {"alerts": [alert.to_json() for alert in found], "limit": QUEUE}
    context = {
        "title": "Alerts",
        "nav": "alerts",
        "alerts": found,
        "states": workflow.STATES,
        "sources": sorted({v.source for v in store.versions()}),
        "filters": {"state": state, "list": source, "score": min_score, "assignee": assignee},
    }
    return render(request, "alerts.html", context, data)


@router.get("/alerts/{alert_id}")
def alert_page(request: Request, alert_id: int, viewer: Screener) -> Response:
    """One alert: the match, the four-eyes state, the forms the user may use, the history."""
    return _show(request, alert_id, viewer)


@router.post("/alerts/{alert_id}/decide")
def decide(
    request: Request,
    alert_id: int,
    viewer: Reviewer,
    action: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    seen: Annotated[int | None, Form()] = None,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(request, viewer.session, csrf)
    needs = workflow.NEEDS.get(action)
    if needs is not None and not viewer.user.allows(needs):
        user = viewer.user
        message = f"The decision {action} needs the {needs} role; {user.name} has {user.role}."
        raise PageError(403, "forbidden", message)
    store = web_of(request).service.store
    try:
        alert = workflow.decide(
            store, alert_id, action, actor=viewer.user, reason=reason, seen=seen
        )
    except InputError as error:
        return _show(request, alert_id, viewer, error, reason)
    return _after(request, alert.to_json())


@router.post("/alerts/{alert_id}/assign")
def assign(
    request: Request,
    alert_id: int,
    viewer: Reviewer,
    assignee: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    seen: Annotated[int | None, Form()] = None,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(request, viewer.session, csrf)
    store = web_of(request).service.store
    try:
        alert = workflow.assign(
            store, alert_id, assignee.strip(), actor=viewer.user, reason=reason, seen=seen
        )
    except InputError as error:
        return _show(request, alert_id, viewer, error)
    return _after(request, alert.to_json())


def _show(
    request: Request,
    alert_id: int,
    viewer: Viewer,
    error: InputError | None = None,
    reason: str = "",
) -> Response:
    """The alert's page; after a refused decision with the reason why (422) above the forms
    and the reason the user typed kept."""
    store = web_of(request).service.store
    alert = workflow.get(store, alert_id)
    history = workflow.events(store, alert_id)
    data = {**alert.to_json(), "events": [event.to_json() for event in history]}
    actions = [a for a in DECISIONS if _allowed(alert, a, viewer.user)]
    context = {
        "title": f"Alert {alert.id}",
        "nav": "alerts",
        "alert": alert,
        "events": history,
        "actions": [(action, LABELS[action]) for action in actions],
        "can_assign": viewer.user.allows("review") and alert.state in workflow.OPEN_STATES,
        "reviewers": _reviewers(store.users.list()),
        "viewer_proposed": alert.proposed_by == viewer.user.name and alert.pending,
        "approved_by": next((e.user for e in reversed(history) if e.action == "approve"), None),
        "error": error.message if error else "",
        "reason": reason,
    }
    if error is not None:
        problem = {"code": error.code, "message": error.message, "field": error.detail.get("field")}
        return render(request, "alert.html", context, {"error": problem}, 422)
    return render(request, "alert.html", context, data)


def _after(request: Request, data: dict[str, Any]) -> Response:
    """The JSON twin answers the alert as it now is; a browser goes back to its page."""
    if wants_json(request):
        return render(request, "alert.html", {}, data)
    return redirect(f"/alerts/{data['id']}")


def _allowed(alert: workflow.Alert, action: str, user: User) -> bool:
    if not user.allows(workflow.NEEDS[action]):
        return False
    try:
        workflow.plan(alert, action, user.name)
    except InputError:
        return False
    return True


def _reviewers(users: list[User]) -> list[str]:
    return [u.name for u in users if u.disabled_at is None and u.allows("review")]


def _score(text: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError as error:
        raise InputError(f"score: expected a number from 0 to 1, got {text!r}") from error
    if not 0 <= value <= 1:
        raise InputError(f"score: expected a number from 0 to 1, got {text!r}")
    return value
