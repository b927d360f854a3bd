"""Monitoring on the real SDN change 2021-04-25 -> 2021-07-07: delta rescreening gives exactly
the alerts of a full rescreen while screening fewer parties; delisted entries close alerts;
the allow-list keeps a cleared pair cleared until either side changes."""

from __future__ import annotations

import gc
import random
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from faker import Faker
from rapidfuzz.distance import DamerauLevenshtein

import proscribe.cli.monitor as cli_monitor
import proscribe.monitor.delta as delta_module
from proscribe.errors import StoreError
from proscribe.index import build_index
from proscribe.match import ALGORITHMS
from proscribe.model import Entity, Query, Schema
from proscribe.monitor import alerts as workflow
from proscribe.monitor.delta import _loses_a_candidate, _unlisted
from proscribe.monitor.method import screening_method
from proscribe.monitor.parties import party_of, query_of
from proscribe.monitor.rescreen import (
    ANOTHER_METHOD,
    Report,
    _changed_entities,
    _deltas,
    add_parties,
    record_result,
    remove_party,
    rescreen,
)
from proscribe.screen import ScreeningResult
from proscribe.screen.screen import MIN_COVERAGE
from proscribe.screener import Screener
from proscribe.store import Store
from proscribe.store.monitoring import Party
from tests.monitor.conftest import Monitored

PASSWORD = "correct horse battery"
LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "ru_RU", "ar_AA", "tr_TR", "fa_IR")


def innocents(count: int) -> list[Query]:
    fakers = [Faker(locale) for locale in LOCALES]
    for number, faker in enumerate(fakers):
        faker.seed_instance(number)
    return [Query(fakers[n % len(fakers)].name(), Schema.PERSON, id=f"i{n}") for n in range(count)]


def listed(entities: list[Entity], prefix: str) -> list[Query]:
    """Parties named as listed entries (some with the words turned round)."""
    out = []
    for number, entity in enumerate(entities):
        name = entity.caption
        if number % 2:
            name = " ".join(reversed(name.replace(",", " ").split()))
        out.append(Query(name, entity.schema, id=f"{prefix}{entity.id}"))
    return out


def the_change(monitored: Monitored) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """Entries removed (as they were), added and amended (as they are now), from the files."""
    [before] = monitored.store.versions()
    old = {e.id: e for e in monitored.store.entities(before)}
    new = {e.id: e for e in monitored.sdn.entities}
    removed = [old[i] for i in sorted(old.keys() - new.keys())]
    added = [new[i] for i in sorted(new.keys() - old.keys())]
    amended = [new[i] for i in sorted(old.keys() & new.keys()) if old[i] != new[i]]
    return removed, added, amended


def alert_pairs(store: Store, state: str) -> set[tuple[str, str, float]]:
    return {(a.party_id, a.entity_id, a.score) for a in store.alerts.list(state=state)}


def copy_store(monitored: Monitored, path: Path) -> Store:
    monitored.store.close()
    shutil.copy(monitored.store_path, path)
    monitored.store = Store.open(f"sqlite:///{monitored.store_path}")
    return Store.open(f"sqlite:///{path}")


@contextmanager
def both_rescreens(monitored: Monitored, path: Path) -> Iterator[tuple[Report, Report, Store]]:
    """The population rescreened by a delta in the test's store and in full in a copy of it
    (`path`): both reports, and the copy (closed afterwards)."""
    full_store = copy_store(monitored, path)
    try:
        screener = monitored.screener()
        delta = rescreen(monitored.store, screener, audit=None)
        full = rescreen(full_store, screener, full=True, audit=None)
        yield delta, full, full_store
    finally:
        full_store.close()


def test_delta_rescreen_gives_exactly_the_alerts_of_a_full_rescreen(
    monitored: Monitored, tmp_path: Path
) -> None:
    removed, added, amended = the_change(monitored)
    rng = random.Random(5)
    unchanged = rng.sample(list(monitored.store.entities(monitored.store.versions()[0])), 30)
    parties = (
        innocents(250)
        + listed(removed[:25], "r")
        + listed(added[:25], "a")
        + listed(amended, "m")
        + listed([e for e in unchanged if e.id not in {x.id for x in removed}], "u")
    )
    add_parties(monitored.store, monitored.screener(), parties, audit=None)
    monitored.load_after()
    with both_rescreens(monitored, tmp_path / "full.db") as (delta, full, full_store):
        assert alert_pairs(monitored.store, "open") == alert_pairs(full_store, "open")
        assert alert_pairs(monitored.store, "closed") == alert_pairs(full_store, "closed")
        # Not trivially equal: the change opened and closed alerts, and the delta screened
        # only part of the population.
        assert delta.opened > 0
        assert delta.closed > 0
        assert delta.screened < len(parties) == full.screened
        assert gc.isenabled()  # the collector, paused to read the population, runs again
        delisted = {
            a.party_id
            for a in monitored.store.alerts.list(state="closed")
            if monitored.store.alerts.events(a.id)[-1].reason == "delisted"
        }
        assert delisted
        assert all(party.startswith("r") for party in delisted)
        opened_on_added = {a.entity_id for a in monitored.store.alerts.list(state="open")}
        assert opened_on_added & {e.id for e in added}
        # Nothing left to do: a second delta screens nobody and changes nothing.
        again = rescreen(monitored.store, monitored.screener(), audit=None)
        assert (again.screened, again.opened, again.closed, again.refreshed) == (0, 0, 0, 0)


def test_a_cleared_pair_stays_cleared_until_the_entry_changes(monitored: Monitored) -> None:
    _, _, amended = the_change(monitored)
    persons = [e for e in amended if e.schema is Schema.PERSON]
    parties = listed(persons, "m")
    add_parties(monitored.store, monitored.screener(), parties, audit=None)
    alerts = monitored.store.alerts.list(state="open")
    assert alerts, "the amended persons match their own names"
    target = alerts[0]
    ann = monitored.store.users.create("ann", "review", PASSWORD)
    cat = monitored.store.users.create("cat", "approve", PASSWORD)
    workflow.decide(monitored.store, target.id, "clear", actor=ann, reason="other person")
    workflow.decide(monitored.store, target.id, "approve", actor=cat, reason="agreed")

    same = rescreen(monitored.store, monitored.screener(), full=True, audit=None)
    assert same.suppressed >= 1
    assert workflow.get(monitored.store, target.id).state == "cleared"

    monitored.load_after()
    changed = rescreen(monitored.store, monitored.screener(), audit=None)
    reopened = workflow.get(monitored.store, target.id)
    assert changed.reopened >= 1
    assert reopened.state == "open"
    assert reopened.changes
    assert {c["side"] for c in reopened.changes} == {"entry"}
    assert monitored.store.alerts.allowed() == {}
    last = workflow.events(monitored.store, target.id)[-1]
    assert (last.user, last.action) == ("system", "reopen")
    assert monitored.store.audit.verify().ok


def test_a_cleared_pair_reopens_when_the_party_changes(monitored: Monitored) -> None:
    choe = Query("Choe Ryong Hae", Schema.PERSON, id="c1")
    add_parties(monitored.store, monitored.screener(), [choe], audit=None)
    [alert] = monitored.store.alerts.list(state="open")
    ann = monitored.store.users.create("ann", "review", PASSWORD)
    cat = monitored.store.users.create("cat", "approve", PASSWORD)
    workflow.decide(monitored.store, alert.id, "clear", actor=ann, reason="a namesake")
    workflow.decide(monitored.store, alert.id, "approve", actor=cat, reason="agreed")
    unchanged, _ = add_parties(monitored.store, monitored.screener(), [choe], audit=None)
    assert unchanged.screened == 0
    moved = Query("Choe Ryong Hae", Schema.PERSON, countries=("kp",), id="c1")
    report, upsert = add_parties(monitored.store, monitored.screener(), [moved], audit=None)
    assert upsert.changed == ("c1",)
    assert report.reopened == 1
    reopened = workflow.get(monitored.store, alert.id)
    assert reopened.state == "open"
    assert reopened.party_fingerprint == party_of(moved).fingerprint
    assert {"side": "party", "field": "countries", "before": [], "after": ["kp"]} in list(
        reopened.changes
    )


def test_removing_a_party_closes_its_undecided_alerts(monitored: Monitored) -> None:
    add_parties(
        monitored.store, monitored.screener(), [Query("Choe Ryong Hae", id="c1")], audit=None
    )
    assert remove_party(monitored.store, "c1") == 1
    [alert] = monitored.store.alerts.list()
    assert alert.state == "closed"
    assert monitored.store.monitoring.parties() == []


def test_a_recorded_screening_opens_alerts_for_a_generated_party(monitored: Monitored) -> None:
    screener = monitored.screener()
    result = screener.screen(Query("Choe Ryong Hae"))
    ids = record_result(monitored.store, screener, result)
    assert len(ids) == sum(1 for m in result.matches if m.match) >= 1
    alert = workflow.get(monitored.store, ids[0])
    assert alert.party_id.startswith("screening-")
    assert monitored.store.monitoring.parties() == []


def test_a_party_reads_back_as_the_query_it_was_stored_from() -> None:
    query = Query("Choe Ryong Hae", Schema.PERSON, countries=("kp",), id="c1")
    party = party_of(query)
    assert query_of(party) == query
    assert party_of(query_of(party)).fingerprint == party.fingerprint


def test_a_delta_after_the_screening_method_changed_is_a_full_rescreen(
    monitored: Monitored,
) -> None:
    removed, _, _ = the_change(monitored)
    parties = innocents(40) + listed(removed[:5], "r")
    add_parties(monitored.store, monitored.screener(), parties, audit=None)
    # As an older proscribe, or another algorithm, left the population.
    monitored.store.monitoring.set_screened(monitored.store.versions(), "another method")
    monitored.load_after()
    screener = monitored.screener()
    report = rescreen(monitored.store, screener, audit=None)
    assert report.full_reason == ANOTHER_METHOD
    assert report.screened == len(parties)
    delisted = [a for a in monitored.store.alerts.list(state="closed") if a.party_id[0] == "r"]
    assert delisted  # closed as delisted even in full: the change is still known
    assert all(monitored.store.alerts.events(a.id)[-1].reason == "delisted" for a in delisted)
    assert monitored.store.monitoring.screened_method() == screening_method(screener)
    again = rescreen(monitored.store, screener, audit=None)
    assert (again.full_reason, again.screened) == (None, 0)


def test_the_screening_method_follows_the_algorithm(monitored: Monitored) -> None:
    screener = monitored.screener()
    other = Screener(screener.index, screener.versions, ALGORITHMS["proscribe-v1"])
    assert screening_method(screener) == screening_method(monitored.screener())
    assert screening_method(other) != screening_method(screener)


def test_entries_amended_outside_what_the_index_holds_are_not_gone(monitored: Monitored) -> None:
    removed, added, amended = the_change(monitored)
    [before] = monitored.store.versions()
    old = {e.id: e for e in monitored.store.entities(before)}
    monitored.store.monitoring.set_screened([before], screening_method(monitored.screener()))
    monitored.load_after()
    screener = monitored.screener()
    new_contents, gone, _ = _changed_entities(
        monitored.store, _deltas(monitored.store, screener.versions, None)
    )

    def held(entity: Entity) -> tuple[object, ...]:
        return (entity.schema, entity.names, entity.identifiers)

    renamed = {e.id for e in amended if held(e) != held(old[e.id])}
    # Both kinds are in this change: programs or addresses only, and names or identifiers.
    assert renamed
    assert renamed != {e.id for e in amended}
    assert gone == {f"us_ofac_sdn:{i}" for i in {e.id for e in removed} | renamed}
    # Every new content is still looked up, the amended ones as they are now.
    assert {e.id for e in new_contents} == {e.id for e in added + amended}


def test_a_party_that_lost_its_best_candidate_is_judged_again(
    monitored: Monitored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parties sharing one word with a removed entry, their best candidate: the gap screen()
    allows behind the best moves with it, and entries behind the old best that were left
    unscored may compete now. A party offered ten gets the index lookup again (an eleventh
    moves up); one offered fewer was offered every entry covering enough, so the name
    ceilings of those left decide without the lookup (its floor no longer tells how much the
    old best covered: an entry far behind is scored when spelled alike). The delta gives a
    full rescreen's alerts."""
    removed, _, _ = the_change(monitored)
    fakers = [Faker(locale) for locale in LOCALES]
    for number, faker in enumerate(fakers):
        faker.seed_instance(number)
    words = [w for e in removed for w in e.caption.replace(",", " ").split() if len(w) > 4]
    parties = [
        Query(f"{fakers[n % len(fakers)].first_name()} {word}", Schema.PERSON, id=f"w{n}")
        for n, word in enumerate(words)
    ] + listed(removed[:10], "r")
    add_parties(monitored.store, monitored.screener(), parties, audit=None)
    monitored.load_after()
    gone = {f"us_ofac_sdn:{e.id}" for e in removed}
    stored = monitored.store.monitoring.parties()
    best_gone = [p for p in stored if p.candidates and p.candidates[0] in gone]
    few = [p for p in best_gone if len(p.candidates or ()) < 10]
    assert few  # the case is met in this change
    assert all(p.floor == MIN_COVERAGE for p in few)
    assert all(_loses_a_candidate(p, gone) for p in best_gone)
    looked_up: list[str] = []
    lookup = delta_module._moved_up

    def recorded(screener: Screener, party: Party, *rest: Any) -> Any:
        looked_up.append(party.id)
        return lookup(screener, party, *rest)

    monkeypatch.setattr(delta_module, "_moved_up", recorded)
    with both_rescreens(monitored, tmp_path / "full.db") as (_, _, full_store):
        assert alert_pairs(monitored.store, "open") == alert_pairs(full_store, "open")
        assert alert_pairs(monitored.store, "closed") == alert_pairs(full_store, "closed")
        ten = {p.id for p in best_gone if len(p.candidates or ()) >= 10}
        assert ten <= set(looked_up)
        assert {p.id for p in few} - set(looked_up)  # decided by their ceilings


def test_a_word_no_list_holds_any_more_pairs_again_and_the_delta_sees_it(
    monitored: Monitored, tmp_path: Path
) -> None:
    """Under proscribe-v6 two listed words two edits apart do not pair. A word held only by
    entries the change removed is listed no more, so a party holding it may now pair it
    with a word of an entry that did not change, and alert: no new content reaches that
    party, so the delta screens it in full for the word alone. Parties made from unchanged
    entries with one word swapped for such a word, two edits from it ('ELCAR' / EDGAR)."""
    removed, _, _ = the_change(monitored)
    after = build_index(monitored.sdn.entities)
    unlisted = sorted(w for w in _unlisted(after, removed) if w.isalpha() and len(w) >= 4)
    old = {e.id: e for e in monitored.store.entities(monitored.store.versions()[0])}
    unchanged = [
        e for e in monitored.sdn.entities if old.get(e.id) == e and e.schema is Schema.PERSON
    ]
    parties = []
    for entity in unchanged:
        words = entity.caption.replace(",", " ").split()
        for at, word in enumerate(words):
            for other in unlisted:
                near = other[0] == word[0].lower() and abs(len(other) - len(word)) <= 2
                if near and DamerauLevenshtein.distance(other, word.lower()) == 2:
                    name = " ".join([*words[:at], other.upper(), *words[at + 1 :]])
                    parties.append(Query(name, Schema.PERSON, id=f"p{len(parties)}"))
    parties = parties[:: max(1, len(parties) // 60)]  # some sixty, from across the list
    add_parties(monitored.store, monitored.screener(), parties, audit=None)
    monitored.load_after()
    with both_rescreens(monitored, tmp_path / "full.db") as (delta, _, full_store):
        assert alert_pairs(monitored.store, "open") == alert_pairs(full_store, "open")
        assert delta.opened > 0  # words that pair again: alerts on entries that did not change
        opened = {a.entity_id for a in monitored.store.alerts.list(state="open")}
        assert opened & {e.id for e in unchanged}


def test_every_party_screened_in_full_is_audited_before_its_alerts(
    monitored: Monitored,
) -> None:
    _, added, _ = the_change(monitored)
    # Named as an entry the next version adds: screening against it opens an alert.
    newcomer = listed([e for e in added if e.schema is Schema.PERSON][:1], "a")
    parties = [Query("Choe Ryong Hae", Schema.PERSON, id="c1"), *newcomer, *innocents(30)]
    audited: list[str | None] = []
    progress: list[tuple[str, int, int]] = []

    def audit(results: Sequence[ScreeningResult]) -> None:
        audited.extend(result.query.id for result in results)

    add_parties(
        monitored.store, monitored.screener(), parties, audit=audit, progress=_log(progress)
    )
    assert sorted(audited, key=str) == sorted(p.id for p in parties)
    assert progress[0] == ("screening", 0, len(parties))
    assert progress[-1] == ("screening", len(parties), len(parties))

    # The next list version: an audit that cannot be written stops the delta before the
    # chunk's alerts are recorded, and the population stays screened against the old version.
    monitored.load_after()
    alerts_before = alert_pairs(monitored.store, "open")
    screened_before = monitored.store.monitoring.screened()

    def refused(results: Sequence[ScreeningResult]) -> None:  # noqa: ARG001
        raise StoreError("the audit refused the records")

    with pytest.raises(StoreError):
        rescreen(monitored.store, monitored.screener(), audit=refused, full=True)
    assert alert_pairs(monitored.store, "open") == alerts_before
    assert monitored.store.monitoring.screened() == screened_before

    progress.clear()
    audited.clear()
    report = rescreen(monitored.store, monitored.screener(), audit=audit, progress=_log(progress))
    assert not report.full
    assert len(audited) == report.screened < len(parties)
    assert report.opened >= 1  # the newcomer's alert, which the refused run left unrecorded
    assert alert_pairs(monitored.store, "open") - alerts_before
    checking = [(done, total) for stage, done, total in progress if stage == "checking"]
    assert checking[-1] == (len(parties), len(parties))
    assert [done for done, _ in checking] == sorted(done for done, _ in checking)


def _log(calls: list[tuple[str, int, int]]) -> Callable[[str, int, int], None]:
    def progress(stage: str, done: int, total: int) -> None:
        calls.append((stage, done, total))

    return progress


def test_screening_spread_over_processes_finds_what_one_process_finds(
    monitored: Monitored, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, amended = the_change(monitored)
    parties = innocents(60) + listed(amended, "m")
    screener = monitored.screener()
    monkeypatch.setattr(cli_monitor, "default_workers", lambda: 2)  # whatever the machine
    with cli_monitor._spread(screener, cli_monitor.SPREAD_FROM) as spread:
        assert spread is not None
        report, _ = add_parties(monitored.store, screener, parties, audit=None, screen=spread)
    assert report.screened == len(parties)
    assert report.opened >= len(amended) // 2  # the amended entries' own names match
    # The same parties screened again in this process change nothing.
    again = rescreen(monitored.store, screener, audit=None, full=True)
    assert (again.opened, again.refreshed, again.closed) == (0, 0, 0)
    with cli_monitor._spread(screener, cli_monitor.SPREAD_FROM - 1) as spread:
        assert spread is None  # too few to be worth forking
