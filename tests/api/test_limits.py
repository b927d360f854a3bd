"""The per-key rate limit (token bucket, 429 with Retry-After) and the body size limit (422),
both answered as JSON errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from proscribe.api.app import create_app
from proscribe.api.auth import ApiError
from proscribe.api.limits import RateLimiter
from proscribe.settings import Settings
from tests.api.conftest import new_key

CHOE = {"name": "Choe Ryong-hae"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_bursts_then_refills() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=2, clock=clock)
    limiter.take("a")
    limiter.take("a")
    with pytest.raises(ApiError) as refused:
        limiter.take("a")
    assert refused.value.status == 429
    assert refused.value.headers == {"Retry-After": "30"}
    limiter.take("b")  # each key has its own bucket
    clock.now += 30
    limiter.take("a")
    with pytest.raises(ApiError):
        limiter.take("a")


def test_zero_means_no_limit() -> None:
    limiter = RateLimiter(per_minute=0, clock=Clock())
    for _ in range(100):
        limiter.take("a")


@pytest.fixture(scope="module")
def tight(sdn_settings: Settings) -> Iterator[TestClient]:
    settings = sdn_settings.model_copy(update={"rate_limit_per_minute": 2, "max_body_bytes": 1000})
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_over_the_limit_is_429_json(tight: TestClient, sdn_settings: Settings) -> None:
    headers = {"Authorization": f"Bearer {new_key(sdn_settings, 'screen')}"}
    statuses = [tight.post("/v1/screen", json=CHOE, headers=headers).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = tight.post("/v1/screen", json=CHOE, headers=headers)
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1
    other = {"Authorization": f"Bearer {new_key(sdn_settings, 'screen')}"}
    assert tight.post("/v1/screen", json=CHOE, headers=other).status_code == 200


def test_a_declared_large_body_is_422_on_the_body(tight: TestClient) -> None:
    response = tight.post("/v1/screen", json={"name": "x" * 2000})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "body_too_large"
    (error,) = response.json()["detail"]
    assert (error["loc"], error["type"]) == (["body"], "body_too_large")


def test_a_chunked_large_body_is_422(tight: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "'
        for _ in range(10):
            yield b"x" * 200
        yield b'"}'

    response = tight.post(
        "/v1/screen", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "body_too_large"


def test_a_small_body_passes(tight: TestClient) -> None:
    assert tight.get("/healthz").status_code == 200
    response = tight.post("/v1/screen", json=CHOE)
    assert response.status_code == 401  # reached authentication: not refused for its size
