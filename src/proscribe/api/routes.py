"""The routes: each parses its input, calls one piece of the library and returns JSON.

Screening needs a key of role `screen`; verifying the audit needs `admin`. The health probes
and the OpenAPI document are open, as load balancers and client generators call them keyless.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from proscribe import history
from proscribe.api.alerts import record_alerts
from proscribe.api.auth import Admin, ApiError, Screen, caller
from proscribe.api.models import BatchRequest, Day, ScreenRequest
from proscribe.api.records import audit_screenings, audit_screenings_async
from proscribe.errors import NotFoundError
from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM
from proscribe.model import ListVersion
from proscribe.screener import Screener
from proscribe.settings import Settings
from proscribe.store import Store
from proscribe.store.keys import ApiKey

# Documented on every route so that clients (and schemathesis) know the error statuses; the
# bodies are `{"error": {"code", "message"}}` (400: FastAPI's `{"detail"}`). A body that is
# invalid JSON, fails validation or is larger than the service accepts is a 422 with FastAPI's
# field-level `{"detail"}` (documented by FastAPI on each route that takes a body).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body cannot be parsed at all (bytes that are not text)."},
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key's role is too low for this route."},
    404: {"description": "No such entity or list."},
    429: {"description": "Over the key's rate limit; `Retry-After` says when to retry."},
    503: {"description": "No list is loaded, or the store cannot be reached."},
}
router = APIRouter(responses=ERRORS)


AS_OF_SCREENERS = 4  # screeners of past list versions kept (an index is ~100-300 MB each)


class Screeners:
    """Screeners of other sets of list versions (as-of screening), built on first use from
    the index snapshot (or the store) and kept, the `size` most recently used at most."""

    def __init__(self, service: Service, size: int = AS_OF_SCREENERS) -> None:
        self.service = service
        self.size = size
        self._kept: OrderedDict[tuple[int, ...], Screener] = OrderedDict()
        self._lock = threading.Lock()  # guards _kept; routes run in threads
        self._building = threading.Lock()  # one index built at a time, never twice

    def get(self, versions: Sequence[ListVersion]) -> Screener:
        key = tuple(sorted(version.id or 0 for version in versions))
        found = self._take(key)
        if found is not None:
            return found
        with self._building:
            found = self._take(key)  # built by the request that held the lock before
            if found is None:
                settings = self.service.settings
                found = Screener.from_store(
                    self.service.store,
                    [str(version.id) for version in versions],
                    snapshot_dir=settings.home / "index",
                )
                with self._lock:
                    self._kept[key] = found
                    while len(self._kept) > self.size:
                        self._kept.popitem(last=False)
        return found

    def _take(self, key: tuple[int, ...]) -> Screener | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found


@dataclass(frozen=True, slots=True)
class Service:
    """What the routes share: built once at startup, kept in `app.state.service`."""

    settings: Settings
    store: Store
    screener: Screener
    past: Screeners = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "past", Screeners(self))

    def screener_on(
        self, day: date | None, where: tuple[str | int, ...] = ("body", "as_of")
    ) -> Screener:
        """The screener of the list versions in force on `day` (None: the newest, which the
        service screens by default). No version published by then is a 422 on the field
        at `where`: the request asks for lists the store cannot show."""
        if day is None:
            return self.screener
        try:
            versions = history.versions_in_force(self.store, day)
        except NotFoundError as error:
            raise RequestValidationError(
                [{"type": "value_error", "loc": where, "msg": error.message, "input": str(day)}]
            ) from error
        if {v.id for v in versions} == {v.id for v in self.screener.versions}:
            return self.screener
        return self.past.get(versions)


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


@router.post("/v1/screen", tags=["screening"])
async def screen_one(body: ScreenRequest, key: Screen, request: Request) -> dict[str, Any]:
    """Screen one query (with `as_of`, against the list versions in force that day); the
    result is audited before it is returned."""
    if body.record and not key.allows("review"):  # refused before anything is screened
        raise ApiError(403, "forbidden", "record: true needs the review role")
    service = _loaded(request)
    if body.as_of is not None or body.record:
        # These read and write the store (and as-of may build an index): a worker thread.
        return await run_in_threadpool(_screen_one_in_thread, service, body, key)
    # The common case screens on the event loop: it is CPU-bound work under the GIL either
    # way, and doing it here spares the hop to a thread and back, and the threads fighting
    # the loop for the GIL. The loop serves other requests while the audit record waits for
    # its group commit; the answer goes out only once the record is committed.
    result = service.screener.screen(body.to_query(), limit=body.limit, threshold=body.threshold)
    await audit_screenings_async(service.store, caller(key), [result], service.settings)
    return result.to_json()


def _screen_one_in_thread(service: Service, body: ScreenRequest, key: ApiKey) -> dict[str, Any]:
    screener = service.screener_on(body.as_of)
    result = screener.screen(body.to_query(), limit=body.limit, threshold=body.threshold)
    audit_screenings(service.store, caller(key), [result], service.settings)
    if body.record:  # alerts for review: see api/alerts.py
        return {**result.to_json(), "alerts": record_alerts(service.store, screener, key, result)}
    return result.to_json()


@router.post("/v1/screen/batch", tags=["screening"])
def screen_batch(body: BatchRequest, key: Screen, request: Request) -> dict[str, Any]:
    """Screen up to 1,000 queries; one audit record each, written together. A query's own
    `as_of` wins over the batch's."""
    service = _loaded(request)
    results = []
    for number, q in enumerate(body.queries):
        where = ("body", "queries", number, "as_of") if q.as_of else ("body", "as_of")
        screener = service.screener_on(q.as_of or body.as_of, where)
        results.append(screener.screen(q.to_query(), limit=q.limit, threshold=q.threshold))
    audit_screenings(service.store, caller(key), results, service.settings)
    return {"results": [result.to_json() for result in results]}


@router.get("/v1/entities/{source}/{entity_id}", tags=["lists"])
def entity(
    source: str,
    entity_id: str,
    _key: Screen,
    request: Request,
    listed_on: Annotated[
        Day | None, Query(description="YYYY-MM-DD: was the entry listed that day?")
    ] = None,
) -> dict[str, Any]:
    """Every field of one listed entry from the newest version holding it, the versions that
    held it (equal content hashes: unchanged) and its timeline (listed, amended with each
    field before and after, delisted, re-listed), as `proscribe show --format json` gives
    it. With `listed_on`, also whether the list in force that day held the entry (`listed`
    null with a `reason` when no version of the list published by then is stored)."""
    store = _service(request).store
    found, version = store.entity(source, entity_id)
    holders = [
        {"version": held.label, "content_hash": content_hash}
        for held, content_hash in store.entity_versions(source, entity_id)
    ]
    data = found.to_dict()
    data.update(
        caption=found.caption,
        version=version.label,
        history=holders,
        timeline=[event.to_json() for event in history.timeline(store, source, entity_id)],
    )
    if listed_on is not None:
        answer: dict[str, Any] = {"date": listed_on.isoformat()}
        try:
            answer["listed"] = history.listed_on(store, source, entity_id, listed_on)
        except NotFoundError as error:
            answer.update(listed=None, reason=error.message)
        data["listed_on"] = answer
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
    """The features, weights and explanations of every algorithm, its name rules and whether
    its scores are calibrated, read from the code."""
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
                # How it grades typos and initials when it pairs names (match.names).
                "name_rules": algorithm.names.settings(),
                "calibrated": bool(algorithm.calibration),
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


def loaded(request: Request) -> Service:
    """The service of a screening route in another router: 503 when no list is loaded."""
    return _loaded(request)


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
