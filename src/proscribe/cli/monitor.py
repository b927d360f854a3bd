"""`proscribe monitor ...` (the monitored population and its rescreening) and `proscribe alerts
...` (the review of what monitoring found)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import TaskID

from proscribe.api.records import cli_caller, monitoring_audit, rescreen_record
from proscribe.batch import RowError, Workers, parse_row, read_rows
from proscribe.batch.pool import default_workers
from proscribe.cli.batch_output import progress_bar
from proscribe.cli.output import TextOrJson, open_store, plain_table, stderr, stdout, write_json
from proscribe.errors import InputError
from proscribe.history import known_source
from proscribe.model import Query
from proscribe.monitor import alerts as workflow
from proscribe.monitor.rescreen import (
    Progress,
    Report,
    Screen,
    Screened,
    add_parties,
    another_method,
    remove_party,
    rescreen,
    screen_queries,
)
from proscribe.screener import Screener
from proscribe.settings import Settings
from proscribe.store import SaveResult, Store

monitor_app = typer.Typer(
    help="The monitored population: parties rescreened whenever a list changes.",
    no_args_is_help=True,
)
alerts_app = typer.Typer(help="Alerts on monitored parties and their review.", no_args_is_help=True)
ERRORS_SHOWN = 5
# Parties from which a run screens on every core: forking the workers and their first touches
# of the shared index cost a fraction of a second, which a few hundred screenings do not repay.
SPREAD_FROM = 2_000
STAGES = {"checking": "checking parties against the change", "screening": "screening parties"}


def register(app: typer.Typer) -> None:
    app.add_typer(monitor_app, name="monitor")
    app.add_typer(alerts_app, name="alerts")


def _screener(store: Store) -> Screener:
    return Screener.from_store(store, snapshot_dir=Settings().home / "index")


@contextmanager
def _progress() -> Iterator[Progress]:
    """A progress bar on stderr with a line per stage of a run, as the run reports them."""
    with progress_bar() as bar:
        tasks: dict[str, TaskID] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


@contextmanager
def _spread(screener: Screener, parties: int) -> Iterator[Screen | None]:
    """A `Screen` that spreads each chunk of parties over forked processes, as `screen-file`
    does, when a run screens at least SPREAD_FROM of them on more than one core; else None
    (screened in this process). The pool is forked before any progress bar starts its
    thread."""
    workers = default_workers()
    if parties < SPREAD_FROM or workers < 2:
        yield None
        return
    with Workers(screener, workers) as pool:

        def screen(_: Screener, queries: Sequence[Query]) -> list[Screened]:
            size = math.ceil(len(queries) / (2 * pool.workers))  # two chunks per worker
            return [r for part in pool.map(screen_queries, list(queries), size) for r in part]

        yield screen


def _rescreen(store: Store, screener: Screener, *, full: bool = False, **options: Any) -> Report:
    """`rescreen` from the command line: each party screened in full is audited, and the
    run itself (see `rescreen_record`). A full one screens on every core."""
    caller = cli_caller()
    # A delta screens a few hundred parties in full, unless it has to be a full one.
    every = full or another_method(store, screener)
    spread = _spread(screener, store.monitoring.count() if every else 0)
    with spread as screen, _progress() as progress:
        report = rescreen(
            store,
            screener,
            audit=monitoring_audit(store, caller, Settings()),
            progress=progress,
            screen=screen,
            full=full,
            **options,
        )
    store.audit.append([rescreen_record(report, screener, caller)])
    return report


# -- monitor ---------------------------------------------------------------------------------


@monitor_app.command("add")
def add(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, JSONL, Parquet.")],
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Add parties (or update those whose fields changed) and screen them: columns id, name,
    schema, birth_date, country, id_number, gender, as `screen-file` reads them."""
    queries = _read_parties(path)
    caller = cli_caller()
    with open_store() as store:
        screener = _screener(store)
        audit = monitoring_audit(store, caller, Settings())
        with _spread(screener, len(queries)) as screen, _progress() as progress:
            report, upsert = add_parties(
                store, screener, queries, audit=audit, progress=progress, screen=screen
            )
        store.audit.append([rescreen_record(report, screener, caller)])
    summary = {
        "added": len(upsert.added),
        "changed": len(upsert.changed),
        "unchanged": len(upsert.unchanged),
        **report.to_json(),
    }
    if output is TextOrJson.json:
        write_json(summary)
        return
    stdout.print(
        f"{len(upsert.added):,} added, {len(upsert.changed):,} changed, "
        f"{len(upsert.unchanged):,} unchanged; {report.parties:,} monitored. {_outcome(report)}"
    )


def _read_parties(path: Path) -> list[Query]:
    queries: list[Query] = []
    errors: list[RowError] = []
    for row in read_rows(str(path)):
        parsed = parse_row(row)
        (errors if isinstance(parsed, RowError) else queries).append(parsed)  # type: ignore[arg-type]
    if errors:
        shown = "; ".join(error.message for error in errors[:ERRORS_SHOWN])
        raise InputError(f"{path}: {len(errors)} bad row(s), nothing added: {shown}")
    return queries


@monitor_app.command("list")
def list_parties(
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """The monitored parties, with their number of undecided alerts."""
    with open_store() as store:
        parties = store.monitoring.parties()
        counts: dict[str, int] = {}
        for alert in store.alerts.for_parties():
            if alert.state in workflow.OPEN_STATES:
                counts[alert.party_id] = counts.get(alert.party_id, 0) + 1
    if output is TextOrJson.json:
        write_json(
            [{"id": p.id, **p.fields(), "open_alerts": counts.get(p.id, 0)} for p in parties]
        )
        return
    rows = [
        (p.id, p.name, p.schema or "", p.birth_date or "", ";".join(p.countries),
         str(counts.get(p.id, 0)))
        for p in parties
    ]  # fmt: skip
    columns = ("id", "name", "schema", "birth date", "countries", "open alerts")
    stdout.print(plain_table(f"{len(parties):,} monitored parties", columns, rows))


@monitor_app.command("remove")
def remove(party_id: Annotated[str, typer.Argument(help="The party's id.")]) -> None:
    """Stop monitoring a party; its undecided alerts are closed (kept, with their history)."""
    with open_store() as store:
        closed = remove_party(store, party_id)
    stdout.print(f"Removed {party_id}; {closed} undecided alert(s) closed.")


@monitor_app.command("rescreen")
def rescreen_command(
    source: Annotated[str | None, typer.Option("--source", help="Only this list.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Every party against every list.")] = False,
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Rescreen the population against the newest list versions: only what changed since it
    was last screened, or everything with --full."""
    with open_store() as store:
        report = _rescreen(store, _screener(store), source=known_source(store, source), full=full)
    if output is TextOrJson.json:
        write_json(report.to_json())
        return
    stdout.print(_outcome(report))


def rescreen_after_load(store: Store, results: list[tuple[Any, SaveResult]]) -> None:
    """After `load` or `update` stored new versions: rescreen the population, if any."""
    if not any(result.created for _, result in results) or not store.monitoring.count():
        return
    report = _rescreen(store, _screener(store))
    stderr.print(f"monitoring: {_outcome(report)}", markup=False, highlight=False)


def _outcome(report: Report) -> str:
    why = f" In full: {report.full_reason}." if report.full_reason else ""
    return (
        f"Screened {report.screened:,} of {report.parties:,} parties "
        f"({report.changed_entries:,} changed entries) in {report.seconds:.1f} s: "
        f"{report.opened} alert(s) opened, {report.reopened} re-opened, {report.closed} closed, "
        f"{report.suppressed} left cleared by the allow-list.{why}"
    )


# -- alerts ----------------------------------------------------------------------------------


@alerts_app.command("list")
def list_alerts(
    state: Annotated[str | None, typer.Option("--state", help="open, escalated ...")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this list.")] = None,
    min_score: Annotated[float | None, typer.Option("--min-score", min=0.0, max=1.0)] = None,
    assignee: Annotated[str | None, typer.Option("--assignee")] = None,
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Alerts, newest first."""
    with open_store() as store:
        found = workflow.list_alerts(
            store,
            state=state,
            source=known_source(store, source),
            min_score=min_score,
            assignee=assignee,
        )
    if output is TextOrJson.json:
        write_json([alert.to_json() for alert in found])
        return
    rows = [
        (str(a.id), a.state + (f" ({a.pending} pending)" if a.pending else ""), f"{a.score:.3f}",
         f"{a.party_id} {a.party_name}", f"{a.entry} {a.caption}", a.assignee or "")
        for a in found
    ]  # fmt: skip
    columns = ("id", "state", "score", "party", "entry", "assignee")
    stdout.print(plain_table(f"{len(found):,} alert(s)", columns, rows))


@alerts_app.command("show")
def show(
    alert_id: Annotated[int, typer.Argument(help="The alert's id.")],
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """One alert: the match, its explanation, what changed, and every event."""
    with open_store() as store:
        alert = workflow.get(store, alert_id)
        history = workflow.events(store, alert_id)
    if output is TextOrJson.json:
        write_json({**alert.to_json(), "events": [event.to_json() for event in history]})
        return
    lines = [
        f"Alert {alert.id}: {alert.state}"
        + (f", {alert.pending} proposed by {alert.proposed_by}" if alert.pending else ""),
        f"party   {alert.party_id} {alert.party_name}",
        f"entry   {alert.entry} {alert.caption} ({alert.list_version})",
        f"score   {alert.score:.4f}  {', '.join(alert.reasons)}",
        f"why     {alert.explanation}",
        f"assigned to {alert.assignee or 'nobody'}; version {alert.version}",
    ]
    lines += [
        f"changed {c['side']} {c['field']}: {c['before']!r} -> {c['after']!r}"
        for c in alert.changes
    ]
    stdout.print("\n".join(lines), markup=False, highlight=False)
    rows = [
        (e.time.isoformat(timespec="seconds"), e.user, e.action,
         f"{e.state_before or '-'} -> {e.state_after}", e.reason, str(e.audit_seq))
        for e in history
    ]  # fmt: skip
    columns = ("time", "user", "action", "state", "reason", "audit")
    stdout.print(plain_table("History", columns, rows))


@alerts_app.command("decide")
def decide(
    alert_id: Annotated[int, typer.Argument(help="The alert's id.")],
    action: Annotated[str, typer.Option("--action", help=", ".join(workflow.ACTIONS))],
    user: Annotated[str, typer.Option("--user", help="Who decides (see `proscribe users`).")],
    reason: Annotated[str, typer.Option("--reason", help="Why; required.")],
    assignee: Annotated[str | None, typer.Option("--assignee", help="For assign.")] = None,
    seen: Annotated[
        int | None, typer.Option("--seen", help="The alert version decided on (conflict check).")
    ] = None,
) -> None:
    """Escalate, propose confirm or clear, approve or reject a proposal (a second user with
    the approve role), or assign the alert."""
    with open_store() as store:
        actor = workflow.actor(store, user)
        alert = workflow.decide(
            store, alert_id, action, actor=actor, reason=reason, assignee=assignee, seen=seen
        )
    pending = f", {alert.pending} pending approval" if alert.pending else ""
    stdout.print(f"Alert {alert.id}: {alert.state}{pending} (version {alert.version}).")
