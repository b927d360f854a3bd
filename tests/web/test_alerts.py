"""The Alerts pages over the review workflow of `proscribe.monitor.alerts`: filters, who may
do what, four-eyes, a stale form refused, and the decision history."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi import FastAPI

from proscribe.model import Query, Schema
from proscribe.monitor import alerts as workflow
from proscribe.monitor.rescreen import add_parties
from proscribe.settings import Settings
from proscribe.web.app import create_app
from tests.web.conftest import sign_in

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def alert_app(tmp_path_factory: pytest.TempPathFactory, web_home: Path) -> FastAPI:
    """An app whose store monitors two customers named like SDN 23213: two open alerts."""
    home = tmp_path_factory.mktemp("web-alerts") / "home"
    shutil.copytree(web_home, home)
    app = create_app(Settings(home=home, database_url=None))
    service = app.state.service
    customers = [
        Query(name="Choe Ryong-hae", schema=Schema.PERSON, id=f"customer-{n}") for n in (1, 2)
    ]
    add_parties(service.store, service.screener, customers, audit=None)
    return app


def alert_of(app: FastAPI, party: str) -> workflow.Alert:
    found = workflow.list_alerts(app.state.service.store, party_id=party)
    assert len(found) == 1
    return found[0]


def test_the_queue_filters_by_state_list_and_score(alert_app: FastAPI) -> None:
    client, _ = sign_in(alert_app, "sam")
    everything = client.get("/alerts", headers=JSON).json()["alerts"]
    assert {a["party"]["id"] for a in everything} == {"customer-1", "customer-2"}
    assert all(
        a["entry"] == {"source": "us_ofac_sdn", "id": "23213", "caption": "CHOE, Ryong Hae"}
        for a in everything
    )
    score = everything[0]["score"]
    cases = {
        "state=open": 2,
        "state=cleared": 0,
        "list=us_ofac_sdn": 2,
        "list=un_sc": 0,
        f"score={score - 0.01:.2f}": 2,
        f"score={min(score + 0.01, 1):.2f}": 0,
    }
    for query, count in cases.items():
        assert len(client.get(f"/alerts?{query}&format=json").json()["alerts"]) == count, query
    page = client.get("/alerts?state=open").text
    assert page.count('href="/alerts/') == 2
    assert client.get("/alerts?state=nonsense").status_code == 422
    assert client.get("/alerts?score=2").status_code == 422


def test_a_screen_user_reads_alerts_but_cannot_decide(alert_app: FastAPI) -> None:
    alert = alert_of(alert_app, "customer-1")
    client, token = sign_in(alert_app, "sam")
    page = client.get(f"/alerts/{alert.id}")
    assert page.status_code == 200
    assert "Record decision" not in page.text
    data = {"action": "clear", "reason": "not him", "csrf": token, "seen": str(alert.version)}
    refused = client.post(f"/alerts/{alert.id}/decide", data=data)
    assert refused.status_code == 403
    assert alert_of(alert_app, "customer-1").version == alert.version


def test_first_reviewer_proposes_and_a_second_user_approves(alert_app: FastAPI) -> None:
    alert = alert_of(alert_app, "customer-1")
    ann, ann_token = sign_in(alert_app, "ann")
    form = ann.get(f"/alerts/{alert.id}").text
    assert 'value="clear"' in form
    assert 'value="approve"' not in form  # review role: no approval offered
    url = f"/alerts/{alert.id}/decide"
    empty = {"action": "clear", "reason": " ", "csrf": ann_token, "seen": str(alert.version)}
    refused = ann.post(url, data=empty)
    assert refused.status_code == 422
    assert "Not recorded:</strong> every decision needs a reason" in refused.text
    data = {**empty, "reason": "born 1950 in the list; our customer born 1988"}
    answer = ann.post(url, data=data)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/alerts/{alert.id}"
    pending = ann.get(f"/alerts/{alert.id}").text
    assert re.search(r"<strong>Clear</strong> proposed by <strong>ann</strong>", pending)
    over_role = {"action": "approve", "reason": "agreed", "csrf": ann_token}
    assert ann.post(url, data=over_role).status_code == 403

    bob, bob_token = sign_in(alert_app, "bob")
    offered = bob.get(f"/alerts/{alert.id}").text
    assert 'value="approve"' in offered
    stale = {"action": "approve", "reason": "agreed", "csrf": bob_token, "seen": str(alert.version)}
    conflict = bob.post(url, data=stale)
    assert conflict.status_code == 409
    current = alert_of(alert_app, "customer-1").version
    approved = bob.post(url, data={**stale, "seen": str(current)}, headers=JSON)
    assert approved.status_code == 200
    assert approved.json()["state"] == "cleared"
    history = bob.get(f"/alerts/{alert.id}", headers=JSON).json()["events"]
    assert [(e["user"], e["action"]) for e in history][-2:] == [
        ("ann", "clear"),
        ("bob", "approve"),
    ]
    page = bob.get(f"/alerts/{alert.id}").text
    assert "Record decision" not in page  # cleared: no more decisions
    assert "born 1950 in the list" in page
    assert "proposed by <strong>ann</strong>, approved by <strong>bob</strong>" in page


def test_four_eyes_the_proposer_cannot_approve_their_own(alert_app: FastAPI) -> None:
    alert = alert_of(alert_app, "customer-2")
    bob, token = sign_in(alert_app, "bob")
    url = f"/alerts/{alert.id}/decide"
    proposed = bob.post(url, data={"action": "confirm", "reason": "same DOB", "csrf": token})
    assert proposed.status_code == 303
    page = bob.get(f"/alerts/{alert.id}").text
    assert "You proposed it" in page
    assert 'value="approve"' not in page
    own = bob.post(url, data={"action": "approve", "reason": "self", "csrf": token})
    assert own.status_code == 422
    assert "four-eyes" in own.text
    assert alert_of(alert_app, "customer-2").pending == "confirm"


def test_assignment_is_shown_and_filtered(alert_app: FastAPI) -> None:
    alert = alert_of(alert_app, "customer-2")
    ann, token = sign_in(alert_app, "ann")
    data = {"assignee": "ann", "reason": "mine this week", "csrf": token}
    assert ann.post(f"/alerts/{alert.id}/assign", data=data).status_code == 303
    mine = ann.get("/alerts?assignee=ann&format=json").json()["alerts"]
    assert [a["id"] for a in mine] == [alert.id]
    nobody = {"assignee": "sam", "reason": "try", "csrf": token}  # screen role: refused
    assert ann.post(f"/alerts/{alert.id}/assign", data=nobody).status_code == 422


def test_screening_with_record_opens_an_alert_for_review_roles_only(alert_app: FastAPI) -> None:
    sam, sam_token = sign_in(alert_app, "sam")
    data = {"name": "Choe Ryong-hae", "record": "1"}
    refused = sam.post("/screen", data={**data, "csrf": sam_token})
    assert refused.status_code == 403
    assert 'id="record"' not in sam.get("/screen").text  # not offered to the screen role

    ann, token = sign_in(alert_app, "ann")
    twin = ann.post("/screen", data={**data, "csrf": token}, headers=JSON).json()
    assert len(twin["alerts"]) == 1
    opened = workflow.get(alert_app.state.service.store, twin["alerts"][0])
    assert (opened.source, opened.entity_id, opened.state) == ("us_ofac_sdn", "23213", "open")
    assert opened.party_name == "Choe Ryong-hae"
    page = ann.post("/screen", data={**data, "csrf": token}).text
    assert re.search(r'Opened for review:\s*<a href="/alerts/\d+">alert #\d+</a>', page)
    without = ann.post("/screen", data={"name": "Choe Ryong-hae", "csrf": token}, headers=JSON)
    assert "alerts" not in without.json()
