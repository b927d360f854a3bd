"""`GET /metrics`: Prometheus text with requests by route template and status, a latency
histogram and the age of each screened list; open without a key; no secrets in it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families


def samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def requests_of(client: TestClient, route: str, status: str) -> float:
    labels = frozenset({("method", "GET"), ("route", route), ("status", status)})
    return samples(client).get(("proscribe_http_requests_total", labels), 0.0)


def test_requests_are_counted_by_route_template(client: TestClient, screen_key: str) -> None:
    route = "/v1/entities/{source}/{entity_id}"
    before = requests_of(client, route, "200")
    headers = {"Authorization": f"Bearer {screen_key}"}
    assert client.get("/v1/entities/us_ofac_sdn/23213", headers=headers).status_code == 200
    assert client.get("/v1/entities/us_ofac_sdn/23213").status_code == 401
    assert requests_of(client, route, "200") == before + 1
    assert requests_of(client, route, "401") >= 1


def test_latency_histogram_and_unmatched_paths(client: TestClient) -> None:
    client.get("/healthz")
    client.get("/no/such/path/12345")
    found = samples(client)
    count = found[
        ("proscribe_http_request_duration_seconds_count", frozenset({("route", "/healthz")}))
    ]
    assert count >= 1
    routes = {dict(labels).get("route") for _, labels in found}
    assert "unmatched" in routes
    assert not any(route and "12345" in route for route in routes)


def test_list_age_in_days_per_source(client: TestClient) -> None:
    age = samples(client)[("proscribe_list_age_days", frozenset({("source", "us_ofac_sdn")}))]
    assert age > 365 * 5  # the SDN of 2019-01-04


def test_no_key_appears_in_metrics(client: TestClient, screen_key: str) -> None:
    client.get("/v1/lists", headers={"Authorization": f"Bearer {screen_key}"})
    text = client.get("/metrics").text
    assert screen_key not in text
    assert not re.search(r"psk_\w+", text)
