"""Screening the monitored population: when parties are added, and again when a list changes.

A full rescreen screens every party against every list. When a new version of a list comes in
most of that work would find what it found before, so `rescreen` does only what can have
changed, and ends with exactly the alerts a full rescreen would give:

1. The entries that differ between the version the population was last screened against and
   the new one, by content hash: added, removed, amended.
2. The parties they can affect (`monitor.delta`): those that were offered a removed or
   amended entry and would now score another one near the threshold, and those that an index
   of only the new contents reaches with an entry scoring near the threshold; plus the
   parties with alerts and those whose best score was within `NEAR_MARGIN` of the threshold,
   because a list change also moves every token weight a little (weights depend on how many
   names the lists hold): a score can move, a near miss can cross the threshold.
3. Those parties are screened in full against the new versions and their alerts reconciled.
   Everyone else keeps their alerts and scores.

A delta builds on what the last screening stored (each party's candidates, coverage floor
and lookup words, its alerts), so it is sound only when that screening used the same method:
the same algorithm, configuration and threshold, and the same matching code
(`screening_method`, stored with the versions screened against). After an upgrade that
changes any of them, the first rescreen is a full one, and says why.

Every party screened in full is a screening like any other: its results go to the `audit`
callback the adapters pass (they append the audit records), chunk by chunk, before the chunk's
alerts are recorded; an error there stops the run with those alerts unrecorded and the
population still marked as screened against the old versions. The parties a delta proves
unaffected are not screened, and so not recorded one by one; the adapters record the run.

Alerts follow the results (`reconcile`): a new match opens an alert; an open alert whose entry
was removed is closed as "delisted", one that no longer matches as "no longer matches"; a
cleared pair stays cleared while the party's fingerprint and the entry's content hash are
those approved (the allow-list), and re-opens, with the change shown, when either differs.
"""

from __future__ import annotations

import gc
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from proscribe.index.build import collector_paused
from proscribe.model import Entity, ListVersion, Query
from proscribe.model.diff import entity_changes
from proscribe.monitor.delta import affected, outcome, same_in_the_index
from proscribe.monitor.method import screening_method
from proscribe.monitor.parties import party_of, query_of
from proscribe.screen import ScreeningResult
from proscribe.screener import Screener
from proscribe.store import Store
from proscribe.store.alert_types import OPEN_STATES, Alert
from proscribe.store.alerts import Change, Found
from proscribe.store.monitoring import Party, ScreeningOutcome, VersionDelta

SCREEN_LIMIT = 10  # candidates kept per party, as `proscribe screen` returns
# Parties whose best score was this close under the threshold are rescreened in full on every
# list change (see the module docstring). Token weights move by log(N'/N)/6 when a list of N
# names gets N' names: under 0.005 for a change of 3% of a list.
NEAR_MARGIN = 0.02
SCREEN_CHUNK = 2_000  # parties screened between writes
# Called with the results of each chunk of parties screened in full, before their alerts are
# recorded: the adapters append one audit record per screening there (no screening unaudited).
Audit = Callable[[Sequence[ScreeningResult]], object]
# (stage, done, total), for a progress bar: "checking" counts the parties a delta has judged,
# "screening" those screened in full.
Progress = Callable[[str, int, int], None]
# A party's screening and what it leaves for the next delta (`monitor.delta.outcome`).
Screened = tuple[ScreeningResult, ScreeningOutcome]
# Screens a chunk of the parties' queries, in order: `screen_queries` here unless the caller
# passes one that spreads the chunk over processes (the command line does).
Screen = Callable[[Screener, Sequence[Query]], list[Screened]]
ANOTHER_METHOD = (
    "the population was last screened by another algorithm or another version of the "
    "matching code (or before proscribe recorded which): every party is rescreened"
)


@dataclass
class Report:
    """What a screening of the population did."""

    versions: list[str] = field(default_factory=list)  # the versions screened against
    parties: int = 0  # monitored parties
    changed_entries: int = 0  # entries added, amended or removed since the last screening
    screened: int = 0  # parties screened in full
    opened: int = 0
    reopened: int = 0
    refreshed: int = 0
    closed: int = 0
    suppressed: int = 0  # cleared pairs left cleared by the allow-list
    seconds: float = 0.0
    full: bool = False  # every party screened against every list (asked, or forced)
    full_reason: str | None = None  # why a delta became a full rescreen

    def count(self, changes: Iterable[Change], suppressed: int) -> None:
        for change in changes:
            name = {"open": "opened", "reopen": "reopened", "refresh": "refreshed"}
            attribute = name.get(change.action, "closed")
            setattr(self, attribute, getattr(self, attribute) + 1)
        self.suppressed += suppressed

    def to_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class _Hooks:
    """What the adapters hand down to the screening of parties (see `Audit`, `Progress` and
    `Screen`; no `screen` means `screen_queries` in this process)."""

    audit: Audit | None
    progress: Progress | None
    screen: Screen | None


# -- adding ----------------------------------------------------------------------------------


def add_parties(
    store: Store,
    screener: Screener,
    queries: Sequence[Any],
    *,
    audit: Audit | None,
    progress: Progress | None = None,
    screen: Screen | None = None,
) -> tuple[Report, Any]:
    """Store parties (queries with ids; a later row of the same id wins) and screen those that
    are new or changed against `screener`. Returns the report and the store's Upsert.
    `audit`: see `Audit`; None only where nothing is to be recorded (benchmarks, tests).
    `progress`, `screen`: see `Progress` and `Screen`."""
    started = time.perf_counter()
    latest = {q.id: party_of(q) for q in queries}
    before = {p.id: p for p in store.monitoring.parties(latest)}
    upsert = store.monitoring.put(list(latest.values()))
    targets = [latest[i] for i in (*upsert.added, *upsert.changed)]
    report = Report(versions=[v.label for v in screener.versions])
    party_changes = {
        party.id: _party_changes(before[party.id], party) for party in targets if party.id in before
    }
    _screen_and_reconcile(
        store,
        screener,
        targets,
        report,
        _Hooks(audit, progress, screen),
        party_changes=party_changes,
    )
    if not store.monitoring.screened():
        store.monitoring.set_screened(screener.versions, screening_method(screener))
    report.parties = store.monitoring.count()
    report.seconds = time.perf_counter() - started
    return report, upsert


def remove_party(store: Store, party_id: str) -> int:
    """Stop monitoring a party; its undecided alerts are closed. How many were closed."""
    store.monitoring.remove(party_id)
    return store.alerts.close_party(party_id, "party no longer monitored")


# -- rescreening -----------------------------------------------------------------------------


def rescreen(
    store: Store,
    screener: Screener,
    *,
    audit: Audit | None,
    source: str | None = None,
    full: bool = False,
    progress: Progress | None = None,
    screen: Screen | None = None,
) -> Report:
    """Bring the population's alerts up to the versions of `screener` (by default the newest
    of every list): only what changed (see the module docstring), or everything when `full`.
    `source` limits the delta to one list; `audit`, `progress` and `screen` as for
    `add_parties`."""
    started = time.perf_counter()
    parties = _population(store)
    report = Report(versions=[v.label for v in screener.versions], parties=len(parties))
    if not full and another_method(store, screener):
        # The stored outcomes and alerts are another method's: no delta can be trusted.
        full = True
        report.full_reason = ANOTHER_METHOD
    deltas = _deltas(store, screener.versions, source)
    removed = {(src, entry) for src, delta in deltas for entry in delta.removed}
    report.changed_entries = sum(len(d.added) + len(d.removed) + len(d.amended) for _, d in deltas)
    report.full = full
    if full:
        targets: Sequence[Party] = parties
    else:
        changed = _changed_entities(store, deltas)
        targets = _affected(store, screener, parties, changed, progress) if deltas else []
    _screen_and_reconcile(
        store, screener, targets, report, _Hooks(audit, progress, screen), removed=removed
    )
    chosen = [v for v in screener.versions if source in (None, v.source)]
    if source is not None:  # the other lists stay at the versions they were screened against
        kept = store.monitoring.screened()
        chosen += [v for v in _versions(store, kept) if v.source != source]
    store.monitoring.set_screened(chosen, screening_method(screener))
    report.seconds = time.perf_counter() - started
    return report


def another_method(store: Store, screener: Screener) -> bool:
    """Whether the population was last screened by another method than `screener`'s: then a
    rescreen has to be a full one."""
    return store.monitoring.screened_method() != screening_method(screener)


def _population(store: Store) -> list[Party]:
    """Every monitored party, read with the cyclic garbage collector paused and then frozen
    out of its sight: a population is a million long-lived objects without cycles, and each
    full collection walked them all, during the read and again during the rescreen (2 s of a
    16 s delta rescreen). They are freed as usual when the rescreen drops them."""
    with collector_paused():
        parties = store.monitoring.parties()
        gc.freeze()
    return parties


def _deltas(
    store: Store, versions: Sequence[ListVersion], source: str | None
) -> list[tuple[str, VersionDelta]]:
    screened = store.monitoring.screened()
    out = []
    for version in versions:
        if source is not None and version.source != source:
            continue
        before_id = screened.get((version.source, version.scope))
        if before_id == version.id:
            continue
        before = store.version(str(before_id)) if before_id is not None else None
        out.append((version.source, store.monitoring.delta(before, version)))
    return out


def _versions(store: Store, screened: dict[tuple[str, str], int]) -> list[ListVersion]:
    return [store.version(str(version_id)) for version_id in screened.values()]


def _changed_entities(
    store: Store, deltas: Sequence[tuple[str, VersionDelta]]
) -> tuple[list[Entity], set[str], list[Entity]]:
    """The new contents (added entries, amended ones as they are now), the refs of the
    entries gone from the index (removed, or amended in what the index holds of them:
    `same_in_the_index`), and the gone entries' contents as they were. An amendment of
    anything else leaves every party's candidates as they were; the entry's new content, in
    the changed index, is scored where it may alert."""
    hashes: set[str] = set()
    earlier: set[str] = set()
    gone: set[str] = set()
    for source, delta in deltas:
        hashes.update(delta.after[i] for i in (*delta.added, *delta.amended))
        earlier.update(delta.before[i] for i in (*delta.amended, *delta.removed))
        gone.update(f"{source}:{i}" for i in delta.removed)
    contents = store.monitoring.contents(hashes | earlier)
    was: list[Entity] = []
    for source, delta in deltas:
        was += [contents[delta.before[entry]] for entry in delta.removed]
        for entry in delta.amended:
            before = contents.get(delta.before[entry])
            if before is None or not same_in_the_index(before, contents[delta.after[entry]]):
                gone.add(f"{source}:{entry}")
                if before is not None:
                    was.append(before)
    return [contents[h] for h in sorted(hashes)], gone, was


def _affected(
    store: Store,
    screener: Screener,
    parties: Sequence[Party],
    changed: tuple[Sequence[Entity], set[str], Sequence[Entity]],
    progress: Progress | None,
) -> list[Party]:
    """The parties whose alerts can differ after the change: see `monitor.delta`, plus the
    parties with alerts and near misses (every weight moves a little with a list)."""
    with_alerts = {a.party_id for a in store.alerts.for_parties() if a.state != "closed"}
    near = screener.threshold - NEAR_MARGIN
    # Judging a change makes millions of short-lived objects without cycles (lookups, bounds,
    # prepared renderings): the collector's passes over them cost up to 0.2 s of a 7 s delta
    # rescreen (0.07 and 0.2 s in two runs), for a few hundred objects freed in the whole
    # rescreen. It runs again once they are gone.
    with collector_paused():
        new, gone, was = changed
        reach = affected(screener, new, gone, parties, progress, was=was)
    targets = [
        p
        for p in parties
        if p.id in reach.ids or p.id in with_alerts or (p.near_miss or 0.0) >= near
    ]
    # Parties whose candidates changed without a change to their alerts keep their alerts;
    # what the next delta needs of them is brought up to date.
    screened = {p.id for p in targets}
    store.monitoring.set_screening({i: o for i, o in reach.outcomes.items() if i not in screened})
    return targets


# -- screening and reconciling ---------------------------------------------------------------


def _screen_and_reconcile(
    store: Store,
    screener: Screener,
    parties: Sequence[Party],
    report: Report,
    hooks: _Hooks,
    *,
    removed: set[tuple[str, str]] | None = None,
    party_changes: dict[str, list[dict[str, Any]]] | None = None,
) -> None:
    progress = hooks.progress
    labels = {v.source: v.label for v in screener.versions}
    allowed = store.alerts.allowed()
    if progress is not None:
        progress("screening", 0, len(parties))
    for start in range(0, len(parties), SCREEN_CHUNK):
        # A chunk's results are many objects alive at once, and the collector's passes during
        # the chunk walked them again and again (a sixth of a full rescreen) to find a few
        # hundred objects in cycles in a whole rescreen: those wait for the collector, which
        # runs again between chunks, once the chunk's objects are gone.
        with collector_paused():
            _screen_chunk(
                store,
                screener,
                parties[start : start + SCREEN_CHUNK],
                report,
                labels,
                allowed,
                removed or set(),
                party_changes or {},
                hooks,
            )
        if progress is not None:
            progress("screening", min(start + SCREEN_CHUNK, len(parties)), len(parties))


def _screen_chunk(
    store: Store,
    screener: Screener,
    chunk: Sequence[Party],
    report: Report,
    labels: dict[str, str],
    allowed: dict[int, tuple[str, str]],
    removed: set[tuple[str, str]],
    party_changes: dict[str, list[dict[str, Any]]],
    hooks: _Hooks,
) -> None:
    queries = [query_of(p) for p in chunk]
    screened = (hooks.screen or screen_queries)(screener, queries)
    results = [result for result, _ in screened]
    if hooks.audit is not None:
        hooks.audit(results)  # raises when the records cannot be written: nothing below happens
    existing: dict[str, list[Alert]] = {}
    for alert in store.alerts.for_parties([p.id for p in chunk]):
        existing.setdefault(alert.party_id, []).append(alert)
    changes: list[Change] = []
    suppressed = 0
    for party, result in zip(chunk, results, strict=True):
        found, skipped = reconcile(
            store,
            party,
            result,
            existing.get(party.id, []),
            labels,
            allowed,
            removed,
            party_changes.get(party.id, []),
        )
        changes += found
        suppressed += skipped
    store.alerts.record(changes)
    store.monitoring.set_screening(
        {party.id: kept for party, (_, kept) in zip(chunk, screened, strict=True)}
    )
    report.screened += len(chunk)
    report.count(changes, suppressed)


def screen_queries(screener: Screener, queries: Sequence[Query]) -> list[Screened]:
    """Screen parties' queries as monitoring does (`SCREEN_LIMIT` candidates each), each with
    its outcome. A module-level function: a pool of processes can run it on chunks of them,
    and the outcomes (half the work left after screening) are made there too."""
    results = screener.screen_many(queries, limit=SCREEN_LIMIT)
    return [
        (result, outcome(screener, query, result))
        for query, result in zip(queries, results, strict=True)
    ]


def reconcile(
    store: Store,
    party: Party,
    result: ScreeningResult,
    alerts: Sequence[Alert],
    labels: dict[str, str],
    allowed: dict[int, tuple[str, str]],
    removed: set[tuple[str, str]],
    party_changes: Sequence[dict[str, Any]] = (),
) -> tuple[list[Change], int]:
    """The alert changes that make a party's alerts say what `result` says; and how many
    matches the allow-list suppressed."""
    by_entry = {(a.source, a.entity_id): a for a in alerts}
    changes: list[Change] = []
    suppressed = 0
    matched: set[tuple[str, str]] = set()
    for match in result.matches:
        if not match.match:
            continue
        entity = match.entity
        key = (entity.source, entity.id)
        matched.add(key)
        found = _found(party, match, labels.get(entity.source, entity.source))
        alert = by_entry.get(key)
        if alert is None:
            changes.append(Change("open", f"matched at score {found.score}", found))
        elif alert.state == "cleared":
            if allowed.get(alert.id) == (party.fingerprint, found.content_hash):
                suppressed += 1
                continue
            shown = _entry_changes(store, alert, found) + list(party_changes)
            why = "cleared pair changed: " + ", ".join(sorted({c["side"] for c in shown}))
            changes.append(Change("reopen", why, found, alert.id, tuple(shown)))
        elif alert.state == "closed":
            shown = _entry_changes(store, alert, found)
            changes.append(Change("reopen", "matches again", found, alert.id, tuple(shown)))
        elif _differs(alert, found):
            changes.append(Change("refresh", "rescreened", found, alert.id))
    for key, alert in by_entry.items():
        if key not in matched and alert.state in OPEN_STATES:
            why = "delisted" if key in removed else "no longer matches"
            changes.append(Change("close", why, alert_id=alert.id))
    return changes, suppressed


def _found(party: Party, match: Any, label: str) -> Found:
    entity: Entity = match.entity
    reasons = sorted(f.code for f in match.comparison.features if f.value)
    return Found(
        party_id=party.id,
        party_name=party.name,
        party_fingerprint=party.fingerprint,
        source=entity.source,
        entity_id=entity.id,
        caption=entity.caption,
        list_version=label,
        content_hash=entity.content_hash,
        score=match.score,
        explanation=match.comparison.explanation,
        reasons=tuple(reasons),
    )


def _differs(alert: Alert, found: Found) -> bool:
    return (alert.score, alert.content_hash, alert.party_fingerprint) != (
        found.score,
        found.content_hash,
        found.party_fingerprint,
    )


def _entry_changes(store: Store, alert: Alert, found: Found) -> list[dict[str, Any]]:
    if alert.content_hash == found.content_hash:
        return []
    contents = store.monitoring.contents([alert.content_hash, found.content_hash])
    old, new = contents.get(alert.content_hash), contents.get(found.content_hash)
    if old is None or new is None:
        return [{"side": "entry", "field": "content", "before": None, "after": None}]
    return [{"side": "entry", **change.to_json()} for change in entity_changes(old, new)]


def _party_changes(before: Party, after: Party) -> list[dict[str, Any]]:
    old, new = before.fields(), after.fields()
    return [
        {"side": "party", "field": name, "before": old[name], "after": new[name]}
        for name in old
        if old[name] != new[name]
    ]


def record_result(store: Store, screener: Screener, result: ScreeningResult) -> list[int]:
    """Open alerts for the matches of one screening (the API's `record: true`), the query
    standing as a party with a generated id (`screening-<12 hex>`); their ids. The party is
    not added to the monitored population: it is not rescreened."""
    query = result.query
    party = party_of(replace(query, id=f"screening-{secrets.token_hex(6)}"))
    labels = {v.source: v.label for v in screener.versions}
    changes, _ = reconcile(store, party, result, [], labels, {}, set())
    return store.alerts.record(changes)
