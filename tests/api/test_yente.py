"""yente-compatible `POST /match/{dataset}`: yente's request and response shapes, FtM
properties, dataset filtering, validation, keys and the audit of every screening."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

CHOE = {
    "schema": "Person",
    "properties": {
        "name": ["Choe Ryong-hae"],
        "birthDate": ["1950-01-15"],
        "nationality": ["kp"],
    },
}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def match(client: TestClient, key: str, body: dict[str, Any], path: str = "default") -> Any:
    return client.post(f"/match/{path}", json=body, headers=auth(key))


def audit_count(client: TestClient, admin_key: str) -> int:
    records: int = client.get("/v1/audit/verify", headers=auth(admin_key)).json()["records"]
    return records


def test_choe_is_found_in_yente_shape(client: TestClient, screen_key: str) -> None:
    response = match(client, screen_key, {"queries": {"q1": CHOE}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["limit"] == 5
    # yente's FeatureDocs: each feature's description and coefficient.
    assert body["matcher"]["name_match"]["coefficient"] > 0
    assert body["matcher"]["name_match"]["description"]
    answer = body["responses"]["q1"]
    assert answer["status"] == 200
    assert answer["query"]["schema"] == "Person"
    assert answer["total"]["value"] == len(answer["results"]) > 0
    best = answer["results"][0]
    assert best["id"] == "us_ofac_sdn-23213"
    assert best["schema"] == "Person"
    assert best["datasets"] == ["us_ofac_sdn"]
    assert "CHOE, Ryong Hae" in best["properties"]["name"]
    assert best["match"] is True
    assert 0 < best["score"] <= 1
    assert best["features"]
    assert all(isinstance(v, float) for v in best["features"].values())
    assert "CHOE, Ryong Hae" in best["explanation"]


def test_every_screening_is_audited(client: TestClient, screen_key: str, admin_key: str) -> None:
    before = audit_count(client, admin_key)
    other = {"schema": "Person", "properties": {"name": ["Kim Jong Un"]}}
    assert match(client, screen_key, {"queries": {"a": CHOE, "b": other}}).status_code == 200
    assert audit_count(client, admin_key) == before + 2


def test_a_source_id_restricts_and_an_unknown_dataset_is_404(
    client: TestClient, screen_key: str
) -> None:
    found = match(client, screen_key, {"queries": {"q": CHOE}}, "us_ofac_sdn").json()
    assert found["responses"]["q"]["results"][0]["id"] == "us_ofac_sdn-23213"
    missing = match(client, screen_key, {"queries": {"q": CHOE}}, "un_sc_sanctions")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "unknown_dataset"


def test_query_parameters_limit_and_threshold(client: TestClient, screen_key: str) -> None:
    response = client.post(
        "/match/sanctions?limit=1&threshold=1.0&algorithm=best",
        json={"queries": {"q": CHOE}},
        headers=auth(screen_key),
    )
    assert response.status_code == 200, response.text
    results = response.json()["responses"]["q"]["results"]
    assert len(results) == 1
    assert response.json()["limit"] == 1


def test_strings_and_name_parts_are_accepted(client: TestClient, screen_key: str) -> None:
    example = {"schema": "Person", "properties": {"firstName": "Ryong-hae", "lastName": "Choe"}}
    response = match(client, screen_key, {"queries": {"q": example}, "weights": {}})
    assert response.status_code == 200, response.text
    assert response.json()["responses"]["q"]["results"][0]["id"] == "us_ofac_sdn-23213"


def test_every_name_of_an_example_is_screened(client: TestClient, screen_key: str) -> None:
    # The listed name is the last of six: dropping names past a cap would answer "no match".
    names = ["A", "B", "C", "D", "E", "Choe Ryong Hae"]
    example = {"schema": "Person", "properties": {"name": names}}
    response = match(client, screen_key, {"queries": {"q": example}})
    assert response.status_code == 200, response.text
    assert response.json()["responses"]["q"]["results"][0]["id"] == "us_ofac_sdn-23213"
    # Past the cap the example is refused, not cut short.
    too_many = {"schema": "Person", "properties": {"name": [f"Name {n}" for n in range(21)]}}
    response = match(client, screen_key, {"queries": {"q": too_many}})
    assert response.status_code == 422
    assert "at most 20" in response.text
    # A name as long as a document is refused, as on /v1/screen (it took seconds to screen).
    long_name = {"schema": "Person", "properties": {"name": ["Choe " * 101]}}
    response = match(client, screen_key, {"queries": {"q": long_name}})
    assert response.status_code == 422
    assert "at most 500" in response.text


def test_an_imo_number_finds_a_vessel(client: TestClient, screen_key: str) -> None:
    example = {
        "schema": "Vessel",
        "properties": {"name": ["Artavil"], "imoNumber": ["IMO 9187629"]},
    }
    response = match(client, screen_key, {"queries": {"v": example}})
    assert response.status_code == 200, response.text
    best = response.json()["responses"]["v"]["results"][0]
    assert best["id"] == "us_ofac_sdn-15036"
    assert "9187629" in best["properties"]["imoNumber"]
    assert best["features"]["identifier_match"] > 0


@pytest.mark.parametrize(
    "example",
    [
        {"schema": "Person", "properties": {"birthDate": ["1950"]}},
        {"schema": "Person", "properties": {"name": ["A"], "birthDate": ["not a date"]}},
        {"schema": "Person", "properties": {"name": ["A"], "nationality": ["Atlantis"]}},
        {"schema": "Vessel", "properties": {"name": ["A"], "imoNumber": ["9123457"]}},
        {"schema": "Spaceship", "properties": {"name": ["A"]}},
        {"schema": "Person", "properties": {"name": ["A"]}, "colour": "red"},
    ],
)
def test_unreadable_examples_are_422(
    client: TestClient, screen_key: str, example: dict[str, Any]
) -> None:
    response = match(client, screen_key, {"queries": {"q": example}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:3] == ["body", "queries", "q"]


def test_an_unreadable_birth_date_is_named(client: TestClient, screen_key: str) -> None:
    example = {"schema": "Person", "properties": {"name": ["A"], "birthDate": ["1950-13-45"]}}
    response = match(client, screen_key, {"queries": {"q": example}})
    assert response.status_code == 422
    assert "properties.birthDate" in response.json()["detail"][0]["msg"]


def test_a_key_with_the_screen_role_is_required(client: TestClient) -> None:
    response = client.post("/match/default", json={"queries": {"q": CHOE}})
    assert response.status_code == 401
