"""The review routes: parties monitored and alerts opened through the API, decisions with
roles and four-eyes between keys, 409 on a stale version, `record: true` on /v1/screen."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from proscribe.api.app import create_app
from proscribe.settings import Settings
from tests.api.conftest import new_key


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory, pristine_home: Path) -> Settings:
    home = tmp_path_factory.mktemp("api-alerts") / "home"
    shutil.copytree(pristine_home, home)
    return Settings(home=home, database_url=None)


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def keys(settings: Settings) -> dict[str, str]:
    return {role: new_key(settings, role) for role in ("screen", "review", "approve")}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def decide(api: TestClient, key: str, alert_id: int, **body: Any) -> Any:
    return api.post(f"/v1/alerts/{alert_id}/decisions", json=body, headers=auth(key))


def test_parties_added_through_the_api_open_alerts_that_are_reviewed(
    api: TestClient, keys: dict[str, str]
) -> None:
    parties = [
        {"id": "p1", "name": "Choe Ryong Hae", "schema": "Person", "countries": ["KP"]},
        {"id": "p2", "name": "Maria Schmidt", "schema": "Person"},
    ]
    audit = api.app.state.service.store.audit  # type: ignore[attr-defined]
    before = audit.head()[0]
    added = api.post("/v1/monitor/parties", json={"parties": parties}, headers=auth(keys["review"]))
    assert added.status_code == 200, added.text
    assert added.json()["added"] == ["p1", "p2"]
    # Each party screened is a screening in the audit, then the run over the population.
    records = [r for r in audit.records() if r["seq"] > before and r["caller"] != "system"]
    assert [r["query"].get("id") for r in records[:2]] == ["p1", "p2"]
    assert records[2]["query"] == {
        "kind": "rescreen", "full": False, "full_reason": None, "parties": 2, "screened": 2,
        "changed_entries": 0,
    }  # fmt: skip
    assert records[2]["results"]["opened"] == added.json()["opened"]
    assert {r["caller"] for r in records} == {records[0]["caller"]}
    assert records[0]["caller"].startswith("key:")
    listed = api.get("/v1/alerts", params={"state": "open"}, headers=auth(keys["review"]))
    [alert] = [a for a in listed.json()["alerts"] if a["party"]["id"] == "p1"]
    assert alert["entry"] == {"source": "us_ofac_sdn", "id": "23213", "caption": "CHOE, Ryong Hae"}

    proposed = decide(api, keys["review"], alert["id"], action="confirm", reason="same person",
                      version=alert["version"])  # fmt: skip
    assert proposed.status_code == 200, proposed.text
    assert proposed.json()["pending"] == "confirm"
    stale = decide(api, keys["approve"], alert["id"], action="approve", reason="ok",
                   version=alert["version"])  # fmt: skip
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"
    too_low = decide(api, keys["review"], alert["id"], action="approve", reason="ok")
    assert too_low.status_code == 403
    approved = decide(api, keys["approve"], alert["id"], action="approve", reason="agreed",
                      version=proposed.json()["version"])  # fmt: skip
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "confirmed"
    shown = api.get(f"/v1/alerts/{alert['id']}", headers=auth(keys["review"])).json()
    assert [(e["user"], e["action"]) for e in shown["events"]] == [
        ("system", "opened"),
        ("test review", "confirm"),
        ("test approve", "approve"),
    ]


def test_the_review_routes_need_the_review_role(api: TestClient, keys: dict[str, str]) -> None:
    assert api.get("/v1/alerts", headers=auth(keys["screen"])).status_code == 403
    assert api.get("/v1/alerts").status_code == 401
    assert api.get("/v1/alerts/99999", headers=auth(keys["review"])).status_code == 404


def test_a_list_filter_on_a_list_not_loaded_is_422(api: TestClient, keys: dict[str, str]) -> None:
    # A mistyped list would list no alerts, which reads as none to review.
    refused = api.get("/v1/alerts", params={"source": "us_ofac"}, headers=auth(keys["review"]))
    assert refused.status_code == 422
    assert "no list 'us_ofac' is loaded" in refused.json()["error"]["message"]


def test_a_decision_without_a_reason_is_422(api: TestClient, keys: dict[str, str]) -> None:
    response = decide(api, keys["review"], 1, action="escalate", reason="")
    assert response.status_code == 422


def test_record_true_opens_alerts_for_the_query(api: TestClient, keys: dict[str, str]) -> None:
    body = {"name": "Choe Ryong-hae", "record": True}
    audit = api.app.state.service.store.audit  # type: ignore[attr-defined]
    before = audit.head()
    refused = api.post("/v1/screen", json=body, headers=auth(keys["screen"]))
    assert refused.status_code == 403
    assert audit.head() == before  # refused before screening: nothing was screened
    response = api.post("/v1/screen", json=body, headers=auth(keys["review"]))
    assert response.status_code == 200, response.text
    [alert_id] = response.json()["alerts"]
    alert = api.get(f"/v1/alerts/{alert_id}", headers=auth(keys["review"])).json()
    assert alert["party"]["id"].startswith("screening-")
    assert alert["entry"]["id"] == "23213"
    plain = api.post("/v1/screen", json={"name": "Choe Ryong-hae"}, headers=auth(keys["screen"]))
    assert "alerts" not in plain.json()
