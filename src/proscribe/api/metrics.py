"""Prometheus metrics: `GET /metrics` in the text exposition format.

- `proscribe_http_requests_total{method, route, status}`: requests answered, by the route's
  template (`/v1/entities/{source}/{entity_id}`, never the filled-in path, so neither entity
  ids nor junk URLs grow the number of series; unmatched paths count as `unmatched`);
- `proscribe_http_request_duration_seconds{route}`: a latency histogram, the same routes;
- `proscribe_list_age_days{source}`: days since the publication of the list versions this
  server screens against, read at each scrape; +Inf when the date is unknown (fail closed, like
  /readyz: an alert on age fires rather than stays silent).

/metrics needs no key, like the health probes: scrapers are configured without secrets, and it
exposes nothing /readyz does not (list ages) besides request counts by route template; no key,
query, name or entity id appears in it. Each app has its own registry, so several apps in one
process (the tests) do not collide.
"""

from __future__ import annotations

import time

from fastapi import APIRouter, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from proscribe.api.routes import age_days

router = APIRouter()

# Screening takes milliseconds; the buckets resolve the p99 target (20 ms) and its misses.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)


class Meters:
    """The metrics of one app, in their own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "proscribe_http_requests",
            "HTTP requests answered, by route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "proscribe_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template.",
            ["route"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.list_age = Gauge(
            "proscribe_list_age_days",
            "Days since the screened list version of each source was published.",
            ["source"],
            registry=self.registry,
        )


class Metrics:
    """ASGI middleware timing every HTTP request; keeps its Meters in `app.state.meters`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.meters = Meters()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope["app"].state.meters = self.meters
        status = 500  # what the client gets if the app fails before answering

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        start = time.perf_counter()
        try:
            await self.app(scope, receive, watched)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.meters.requests.labels(scope["method"], route, str(status)).inc()
            self.meters.latency.labels(route).observe(time.perf_counter() - start)


@router.get("/metrics", tags=["health"], response_class=Response)
def metrics(request: Request) -> Response:
    """Prometheus metrics: requests, latency, list ages (no key needed)."""
    meters: Meters = request.app.state.meters
    ages: dict[str, float] = {}
    for version in request.app.state.service.screener.versions:
        age = age_days(version)
        days = float("inf") if age is None else float(age)
        ages[version.source] = max(days, ages.get(version.source, days))
    for source, days in ages.items():
        meters.list_age.labels(source).set(days)
    return Response(generate_latest(meters.registry), media_type=CONTENT_TYPE_LATEST)
