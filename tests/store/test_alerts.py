"""Alerts in the store, on SQLite and PostgreSQL: every change with its event and audit record,
the optimistic lock, and two reviewers racing on one alert (one wins, one gets a conflict)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from proscribe.errors import ConflictError, InputError, NotFoundError
from proscribe.monitor import alerts as workflow
from proscribe.store import Store
from proscribe.store.alerts import AUDIT_ALGORITHM, Change, Found
from proscribe.store.users import User

PASSWORD = "correct horse battery"


def found(party: str = "c1", entry: str = "23213", score: float = 0.9) -> Found:
    return Found(
        party_id=party,
        party_name="Choe Ryong Hae",
        party_fingerprint="f" * 64,
        source="us_ofac_sdn",
        entity_id=entry,
        caption="CHOE, Ryong Hae",
        list_version="us_ofac_sdn@2021-07-07",
        content_hash="c" * 64,
        score=score,
        explanation="Matched name CHOE, Ryong Hae.",
        reasons=("name_match",),
    )


def open_alert(store: Store, **props: Any) -> int:
    [alert_id] = store.alerts.record([Change("open", "matched", found(**props))])
    return alert_id


def users(store: Store) -> tuple[User, User, User]:
    return (
        store.users.create("ann", "review", PASSWORD),
        store.users.create("ben", "review", PASSWORD),
        store.users.create("cat", "approve", PASSWORD),
    )


def test_an_opened_alert_has_its_event_in_the_audit_chain(store: Store) -> None:
    alert_id = open_alert(store)
    alert = store.alerts.get(alert_id)
    assert (alert.state, alert.version, alert.score, alert.reasons) == (
        "open",
        1,
        0.9,
        ("name_match",),
    )
    [event] = store.alerts.events(alert_id)
    assert (event.user, event.action, event.state_after) == ("system", "opened", "open")
    [record] = list(store.audit.records())
    assert record["seq"] == event.audit_seq
    assert record["algorithm"] == AUDIT_ALGORITHM
    assert record["results"]["alert"] == alert_id
    assert record["results"]["action"] == "opened"
    assert store.audit.verify().ok


def test_four_eyes_a_clear_takes_effect_only_when_another_user_approves(store: Store) -> None:
    ann, ben, cat = users(store)
    alert_id = open_alert(store)
    proposed = workflow.decide(store, alert_id, "clear", actor=ann, reason="born 1990")
    assert (proposed.state, proposed.pending, proposed.proposed_by) == ("open", "clear", "ann")
    with pytest.raises(InputError, match="approve or higher"):
        workflow.decide(store, alert_id, "approve", actor=ben, reason="ok")
    approved = workflow.decide(store, alert_id, "approve", actor=cat, reason="agreed")
    assert (approved.state, approved.pending) == ("cleared", None)
    assert store.alerts.allowed() == {alert_id: ("f" * 64, "c" * 64)}
    history = store.alerts.events(alert_id)
    assert [(e.user, e.action) for e in history] == [
        ("system", "opened"),
        ("ann", "clear"),
        ("cat", "approve"),
    ]
    assert history[-1].detail["proposed_by"] == "ann"
    assert store.audit.verify().ok
    assert len(list(store.audit.records())) == 3


def test_the_proposer_cannot_approve_their_own_proposal(store: Store) -> None:
    cat = store.users.create("cat", "approve", PASSWORD)
    alert_id = open_alert(store)
    workflow.decide(store, alert_id, "confirm", actor=cat, reason="same passport")
    with pytest.raises(InputError, match="four-eyes"):
        workflow.decide(store, alert_id, "approve", actor=cat, reason="me again")
    assert store.alerts.get(alert_id).pending == "confirm"


def test_a_decision_needs_a_reason_and_a_state_that_allows_it(store: Store) -> None:
    ann, _, cat = users(store)
    alert_id = open_alert(store)
    with pytest.raises(InputError, match="reason"):
        workflow.decide(store, alert_id, "escalate", actor=ann, reason="  ")
    with pytest.raises(InputError, match="no confirm or clear waiting"):
        workflow.decide(store, alert_id, "approve", actor=cat, reason="nothing to approve")
    workflow.decide(store, alert_id, "escalate", actor=ann, reason="needs a look")
    with pytest.raises(InputError, match="only an open alert escalates"):
        workflow.decide(store, alert_id, "escalate", actor=ann, reason="again")
    with pytest.raises(NotFoundError):
        workflow.decide(store, 999, "escalate", actor=ann, reason="no such alert")
    assert [e.action for e in store.alerts.events(alert_id)] == ["opened", "escalate"]


def test_a_stale_version_is_a_conflict_and_writes_nothing(store: Store) -> None:
    ann, ben, _ = users(store)
    alert_id = open_alert(store)
    workflow.decide(store, alert_id, "assign", actor=ann, reason="mine", assignee="ann", seen=1)
    head = store.audit.head()
    with pytest.raises(ConflictError, match="changed by someone else") as raised:
        workflow.decide(store, alert_id, "escalate", actor=ben, reason="look", seen=1)
    assert raised.value.code == "conflict"
    assert store.audit.head() == head
    assert store.alerts.get(alert_id).state == "open"
    assert len(store.alerts.events(alert_id)) == 2


def test_a_stale_version_is_a_conflict_even_when_the_state_would_refuse(store: Store) -> None:
    # Ann's confirm now waits for approval, which refuses another clear; Ben decided on the
    # alert as it was before, so what he must hear is that it changed, not that it refuses.
    ann, ben, _ = users(store)
    alert_id = open_alert(store)
    workflow.decide(store, alert_id, "confirm", actor=ann, reason="same man", seen=1)
    with pytest.raises(ConflictError, match="now version 2, you saw 1"):
        workflow.decide(store, alert_id, "clear", actor=ben, reason="not him", seen=1)
    with pytest.raises(InputError):  # read again, the state's own refusal
        workflow.decide(store, alert_id, "clear", actor=ben, reason="not him", seen=2)


def test_two_reviewers_deciding_at_once_one_wins_one_conflicts(store_url: str) -> None:
    with Store.open(store_url) as store:
        ann, ben, _ = users(store)
        alert_ids = [open_alert(store, party=f"c{n}") for n in range(4)]
    outcomes: dict[tuple[int, str], str] = {}
    barrier = threading.Barrier(2)
    # One store (engine, connection pool) per reviewer, opened here: opening runs the
    # migrations, whose runner keeps global state and is not for two threads at once.
    stores = [Store.open(store_url), Store.open(store_url)]

    def reviewer(own: Store, actor: User, action: str, alert_id: int) -> None:
        seen = own.alerts.get(alert_id).version
        barrier.wait(timeout=30)
        try:
            workflow.decide(own, alert_id, action, actor=actor, reason=action, seen=seen)
            outcomes[(alert_id, actor.name)] = "won"
        except ConflictError:
            outcomes[(alert_id, actor.name)] = "conflict"

    for alert_id in alert_ids:
        threads = [
            threading.Thread(target=reviewer, args=(stores[0], ann, "clear", alert_id)),
            threading.Thread(target=reviewer, args=(stores[1], ben, "escalate", alert_id)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes[(alert_id, n)] for n in ("ann", "ben")) == ["conflict", "won"]
    for opened in stores:
        opened.close()
    with Store.open(store_url) as store:
        for alert_id in alert_ids:
            alert = store.alerts.get(alert_id)
            events = store.alerts.events(alert_id)
            assert alert.version == 2
            assert len(events) == 2  # opened + the winner's decision, nothing half-written
            winner = events[-1]
            assert outcomes[(alert_id, winner.user)] == "won"
            assert (alert.pending is not None) == (winner.action == "clear")
        assert store.audit.verify().ok
        assert len(list(store.audit.records())) == 2 * len(alert_ids)


def test_decisions_on_different_alerts_at_once_all_land_in_one_chain(store_url: str) -> None:
    with Store.open(store_url) as store:
        ann, ben, _ = users(store)
        first, second = open_alert(store, party="a"), open_alert(store, party="b")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    stores = [Store.open(store_url), Store.open(store_url)]

    def reviewer(own: Store, actor: User, alert_id: int) -> None:
        barrier.wait(timeout=30)
        try:
            workflow.decide(own, alert_id, "escalate", actor=actor, reason="look")
        except BaseException as error:  # reported below, with the thread's own error
            errors.append(error)

    threads = [
        threading.Thread(target=reviewer, args=(stores[0], ann, first)),
        threading.Thread(target=reviewer, args=(stores[1], ben, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for opened in stores:
        opened.close()
    assert errors == []
    with Store.open(store_url) as store:
        assert {store.alerts.get(i).state for i in (first, second)} == {"escalated"}
        assert store.audit.verify().ok
        assert len(list(store.audit.records())) == 4


def test_rescreening_closes_and_reopens_with_the_change_shown(store: Store) -> None:
    alert_id = open_alert(store)
    store.alerts.record([Change("close", "delisted", alert_id=alert_id)])
    closed = store.alerts.get(alert_id)
    assert (closed.state, closed.version) == ("closed", 2)
    change = {"side": "entry", "field": "names.alias", "before": None, "after": ["X"]}
    store.alerts.record([Change("reopen", "matches again", found(), alert_id, (change,))])
    reopened = store.alerts.get(alert_id)
    assert (reopened.state, reopened.version, reopened.changes) == ("open", 3, (change,))
    assert [e.reason for e in store.alerts.events(alert_id)] == [
        "matched",
        "delisted",
        "matches again",
    ]
    assert store.audit.verify().ok


def test_alerts_are_listed_by_state_source_score_and_assignee(store: Store) -> None:
    ann, _, _ = users(store)
    low, high = open_alert(store, party="a", score=0.55), open_alert(store, party="b", score=0.95)
    workflow.assign(store, high, "ann", actor=ann, reason="mine")
    assert [a.id for a in workflow.list_alerts(store)] == [high, low]
    assert [a.id for a in workflow.list_alerts(store, min_score=0.9)] == [high]
    assert [a.id for a in workflow.list_alerts(store, assignee="ann")] == [high]
    assert workflow.list_alerts(store, source="un_sc") == []
    with pytest.raises(InputError, match="unknown state"):
        workflow.list_alerts(store, state="pending")
