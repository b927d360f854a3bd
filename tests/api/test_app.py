"""The service in process: screening, validation, keys and roles, lists, readiness, audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from proscribe.api.app import create_app
from proscribe.errors import StoreError
from proscribe.settings import Settings
from proscribe.store import Store
from proscribe.store.audit import AuditLog
from tests.api.conftest import new_key

CHOE = {"name": "Choe Ryong-hae", "birth_date": "1950-01-15", "countries": ["North Korea"]}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def screen(client: TestClient, key: str, body: dict[str, Any]) -> Any:
    return client.post("/v1/screen", json=body, headers=auth(key))


def test_screening_finds_choe_with_an_explanation(client: TestClient, screen_key: str) -> None:
    response = screen(client, screen_key, CHOE)
    assert response.status_code == 200, response.text
    best = response.json()["matches"][0]
    assert best["references"] == [{"source": "us_ofac_sdn", "id": "23213"}]
    assert best["match"] is True
    assert "CHOE, Ryong Hae" in best["explanation"]
    assert response.json()["versions"] == ["us_ofac_sdn@2019-01-04"]


def test_the_x_api_key_header_works_too(client: TestClient, screen_key: str) -> None:
    response = client.post("/v1/screen", json=CHOE, headers={"X-API-Key": screen_key})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer psk_wrong"}, 401), ({"X-API-Key": "nope"}, 401)],
)
def test_no_valid_key_is_401_json(client: TestClient, headers: dict[str, str], status: int) -> None:
    response = client.post("/v1/screen", json=CHOE, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_role_too_low_is_403(client: TestClient, screen_key: str, admin_key: str) -> None:
    denied = client.get("/v1/audit/verify", headers=auth(screen_key))
    assert denied.status_code == 403
    assert denied.json()["error"]["code"] == "forbidden"
    allowed = client.get("/v1/audit/verify", headers=auth(admin_key))
    assert allowed.status_code == 200
    assert allowed.json()["ok"] is True


def test_a_revoked_key_stops_working(client: TestClient, sdn_settings: Settings) -> None:
    with Store.open(sdn_settings.store_url) as store:
        key, secret = store.keys.create("screen", "to revoke")
        assert screen(client, secret, CHOE).status_code == 200
        store.keys.revoke(key.id)
    assert screen(client, secret, CHOE).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "birth_date": "the fifties"}, "birth_date"),
        ({"name": "x", "countries": ["Atlantis"]}, "countries"),
        ({"name": "x", "schema": "Spaceship"}, "schema"),
        ({"name": "x", "gender": "robot"}, "gender"),
        ({"name": "x", "limit": 0}, "limit"),
        ({"name": "x", "birthdate": "1950"}, "birthdate"),  # unknown field
        ({"name": "   "}, "name"),
        ({}, "name"),
    ],
)
def test_bad_fields_are_422_naming_the_field(
    client: TestClient, screen_key: str, body: dict[str, Any], field: str
) -> None:
    response = screen(client, screen_key, body)
    assert response.status_code == 422
    assert any(error["loc"][-1] == field for error in response.json()["detail"])


def test_a_batch_screens_in_order(client: TestClient, screen_key: str) -> None:
    queries = [{"id": "a", "name": "Choe Ryong-hae"}, {"id": "b", "name": "Jane Q. Public"}]
    response = client.post("/v1/screen/batch", json={"queries": queries}, headers=auth(screen_key))
    assert response.status_code == 200
    results = response.json()["results"]
    assert [result["id"] for result in results] == ["a", "b"]
    assert results[0]["matches"][0]["references"][0]["id"] == "23213"


def test_more_than_1000_queries_are_422(client: TestClient, screen_key: str) -> None:
    queries = [{"name": "x"}] * 1001
    response = client.post("/v1/screen/batch", json={"queries": queries}, headers=auth(screen_key))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "queries"]


def test_an_entity_has_every_field_and_its_history(client: TestClient, screen_key: str) -> None:
    response = client.get("/v1/entities/us_ofac_sdn/23213", headers=auth(screen_key))
    assert response.status_code == 200
    entity = response.json()
    assert entity["caption"] == "CHOE, Ryong Hae"
    assert entity["designation"]["programs"] == ["DPRK2"]
    assert [held["version"] for held in entity["history"]] == ["us_ofac_sdn@2019-01-04"]


def test_an_unknown_entity_is_404_json(client: TestClient, screen_key: str) -> None:
    response = client.get("/v1/entities/us_ofac_sdn/99999999", headers=auth(screen_key))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_lists_are_stale_against_the_maximum_age(client: TestClient, screen_key: str) -> None:
    body = client.get("/v1/lists", headers=auth(screen_key)).json()
    assert body["max_age_days"] == 7
    (version,) = body["lists"]
    assert version["label"] == "us_ofac_sdn@2019-01-04"
    assert version["age_days"] > 365
    assert version["stale"] is True
    assert version["counts"]["Person"] > 1000


def test_algorithms_come_from_the_code(client: TestClient, screen_key: str) -> None:
    body = client.get("/v1/algorithms", headers=auth(screen_key)).json()
    (algorithm,) = [a for a in body["algorithms"] if a["name"] == body["default"]]
    codes = {feature["code"] for feature in algorithm["features"]}
    assert "name_match" in codes
    assert len(algorithm["config_hash"]) == 64
    # The name rules are what tells v3 from v1: both are shown, from the code.
    rules = {a["name"]: a["name_rules"] for a in body["algorithms"]}
    assert rules["proscribe-v3"] != rules["proscribe-v1"]
    assert rules["proscribe-v3"]["list_initials"] is False
    calibrated = {a["name"]: a["calibrated"] for a in body["algorithms"]}
    assert calibrated == {
        "proscribe-v1": False,
        "proscribe-v2": True,
        "proscribe-v3": False,
        "proscribe-v4": False,
        "proscribe-v5": False,
        "proscribe-v6": False,
    }


def test_health_is_open_and_readiness_fails_on_stale_lists(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["stale"] == ["us_ofac_sdn@2019-01-04"]


def test_readiness_passes_when_the_maximum_age_allows(sdn_settings: Settings) -> None:
    lenient = sdn_settings.model_copy(update={"max_list_age_days": 100_000})
    assert TestClient(create_app(lenient)).get("/readyz").status_code == 200


def test_an_empty_store_is_not_ready_and_does_not_screen(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, database_url=None)
    key = new_key(settings, "screen")
    client = TestClient(create_app(settings))
    assert client.get("/readyz").status_code == 503
    assert client.get("/readyz").json()["reason"] == "no list is loaded"
    assert screen(client, key, CHOE).status_code == 503


def test_openapi_is_published(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/screen", "/v1/screen/batch", "/v1/lists", "/readyz"} <= set(paths)


def test_every_screening_is_audited_with_its_caller(
    client: TestClient, sdn_settings: Settings, screen_key: str
) -> None:
    with Store.open(sdn_settings.store_url) as store:
        key = store.keys.authenticate(screen_key)
        before, _ = store.audit.head()
        screen(client, screen_key, CHOE)
        seq, _ = store.audit.head()
        (record,) = [r for r in store.audit.records() if r["seq"] == seq]
    assert seq == before + 1
    assert key is not None
    assert record["caller"] == f"key:{key.id}"
    assert record["query"]["name"] == "Choe Ryong-hae"
    assert record["results"][0]["entity_id"] == "23213"
    assert "name_match" in record["results"][0]["reasons"]


def test_only_the_query_hash_is_kept_when_so_configured(sdn_settings: Settings) -> None:
    hashed = sdn_settings.model_copy(update={"audit_queries": "hash"})
    key = new_key(sdn_settings, "screen")
    assert screen(TestClient(create_app(hashed)), key, CHOE).status_code == 200
    with Store.open(sdn_settings.store_url) as store:
        newest = list(store.audit.records())[-1]
    assert set(newest["query"]) == {"sha256"}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/screen", CHOE),  # screened on the event loop, the audit awaited
        ("/v1/screen", {**CHOE, "as_of": "2026-01-01"}),  # screened in a worker thread
        ("/v1/screen/batch", {"queries": [CHOE]}),
    ],
)
def test_no_audit_record_means_no_screening(
    client: TestClient,
    screen_key: str,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    body: dict[str, Any],
) -> None:
    # Failed where the service's group committers write (on the event loop for /v1/screen,
    # in the writer thread for the batch): every path waits for its commit and fails with it.
    def refuse(_self: AuditLog, _screenings: object) -> list[int]:
        raise StoreError("the database refused: disk full")

    monkeypatch.setattr(AuditLog, "_append_once", refuse)
    response = client.post(path, json=body, headers=auth(screen_key))
    assert response.status_code == 503
    assert response.json()["error"]["message"] == "the database refused: disk full"
    assert "matches" not in response.text
