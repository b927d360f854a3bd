"""The routes: each parses its input, calls one piece of the library and returns JSON.

Screening needs a key of role `screen`; verifying the audit needs `admin`. The health probes
and the OpenAPI document are open, as load balancers and client generators call them keyless.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from proscribe.api.auth import Admin, ApiError, Screen, caller
from proscribe.api.models import BatchRequest, ScreenRequest
from proscribe.api.records import audit_screenings
from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM
from proscribe.model import ListVersion
from proscribe.screener import Screener
from proscribe.settings import Settings
from proscribe.store import Store

# Documented on every route so that clients (and schemathesis) know the error statuses; the
# bodies are `{"error": {"code", "message"}}` (400: FastAPI's `{"detail"}`).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not JSON."},
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key's role is too low for this route."},
    404: {"description": "No such entity or list."},
    413: {"description": "The body is larger than the service accepts."},
    429: {"description": "Over the key's rate limit; `Retry-After` says when to retry."},
    503: {"description": "No list is loaded, or the store cannot be reached."},
}
router = APIRouter(responses=ERRORS)


@dataclass(frozen=True, slots=True)
class Service:
    """What the routes share: built once at startup, kept in `app.state.service`."""

    settings: Settings
    store: Store
    screener: Screener


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


@router.post("/v1/screen", tags=["screening"])
def screen_one(body: ScreenRequest, key: Screen, request: Request) -> dict[str, Any]:
    """Screen one query; the result is audited before it is returned."""
    service = _loaded(request)
    result = service.screener.screen(body.to_query(), limit=body.limit, threshold=body.threshold)
    audit_screenings(service.store, caller(key), [result], service.settings)
    return result.to_json()


@router.post("/v1/screen/batch", tags=["screening"])
def screen_batch(body: BatchRequest, key: Screen, request: Request) -> dict[str, Any]:
    """Screen up to 1,000 queries; one audit record each, written together."""
    service = _loaded(request)
    results = [
        service.screener.screen(q.to_query(), limit=q.limit, threshold=q.threshold)
        for q in body.queries
    ]
    audit_screenings(service.store, caller(key), results, service.settings)
    return {"results": [result.to_json() for result in results]}


@router.get("/v1/entities/{source}/{entity_id}", tags=["lists"])
def entity(source: str, entity_id: str, _key: Screen, request: Request) -> dict[str, Any]:
    """Every field of one listed entry from the newest version holding it, and the versions
    that held it (equal content hashes: unchanged)."""
    store = _service(request).store
    found, version = store.entity(source, entity_id)
    history = [
        {"version": held.label, "content_hash": content_hash}
        for held, content_hash in store.entity_versions(source, entity_id)
    ]
    data = found.to_dict()
    data.update(caption=found.caption, version=version.label, history=history)
    return data


@router.get("/v1/lists", tags=["lists"])
def lists(_key: Screen, request: Request) -> dict[str, Any]:
    """Every stored list version with counts, age and a stale flag; `screening` names the
    versions this server screens against (fixed at its start)."""
    service = _service(request)
    max_age = service.settings.max_list_age_days
    return {
        "max_age_days": max_age,
        "screening": [version.label for version in service.screener.versions],
        "lists": [_version_json(version, max_age) for version in service.store.versions()],
    }


@router.get("/v1/algorithms", tags=["screening"])
def algorithms(_key: Screen) -> dict[str, Any]:
    """The features, weights and explanations of every algorithm, read from the code."""
    return {
        "default": DEFAULT_ALGORITHM,
        "algorithms": [
            {
                "name": algorithm.name,
                "threshold": algorithm.threshold,
                "bias": algorithm.bias,
                "config_hash": algorithm.config_hash,
                "description": algorithm.description,
                "features": algorithm.table(),
            }
            for algorithm in ALGORITHMS.values()
        ],
    }


@router.get("/v1/audit/verify", tags=["audit"])
def verify_audit(_key: Admin, request: Request) -> dict[str, Any]:
    """Check the hash chain of the audit records (admin keys only)."""
    verification = _service(request).store.audit.verify()
    return {
        "ok": verification.ok,
        "records": verification.records,
        "bad_seq": verification.bad_seq,
        "reason": verification.reason,
    }


@router.get("/healthz", tags=["health"])
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", tags=["health"], response_model=None)
def readyz(request: Request) -> JSONResponse:
    """Ready only when lists are loaded and none is older than the maximum age: a server that
    would screen against nothing, or against stale lists, is kept out of rotation."""
    service = _service(request)
    versions = service.screener.versions
    max_age = service.settings.max_list_age_days
    stale = [v.label for v in versions if is_stale(v, max_age)]
    if not versions:
        return JSONResponse({"ready": False, "reason": "no list is loaded"}, status_code=503)
    if stale:
        reason = f"older than {max_age} days: {', '.join(stale)}"
        return JSONResponse({"ready": False, "reason": reason, "stale": stale}, status_code=503)
    return JSONResponse({"ready": True, "versions": [v.label for v in versions]})


def _loaded(request: Request) -> Service:
    """Refuse to screen against no lists at all: an empty answer would read as 'no match'."""
    service = _service(request)
    if not service.screener.versions:
        raise ApiError(503, "no_lists", "no list is loaded: run `proscribe load` and restart")
    return service


def age_days(version: ListVersion) -> int | None:
    if version.published is None:
        return None
    return (datetime.now(UTC).date() - version.published).days


def is_stale(version: ListVersion, max_age_days: int) -> bool:
    """Older than the maximum age; a version of unknown date counts as stale (fail closed)."""
    age = age_days(version)
    return age is None or age > max_age_days


def _version_json(version: ListVersion, max_age_days: int) -> dict[str, Any]:
    return {
        "id": version.id,
        "label": version.label,
        "source": version.source,
        "scope": version.scope,
        "published": version.published.isoformat() if version.published else None,
        "record_count": version.record_count,
        "counts": dict(version.counts),
        "age_days": age_days(version),
        "stale": is_stale(version, max_age_days),
        "sha256": version.sha256,
    }
