"""`proscribe selftest`: recall per category of name manipulation and the false alert rate,
measured on test cases generated from the loaded list versions (see proscribe.selftest).

The report states everything needed to reproduce it: the list versions, the algorithm, the
threshold, the seed and the number of cases.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from proscribe.batch import Workers
from proscribe.cli.batch_output import progress_bar
from proscribe.cli.output import TextOrJson, open_store, plain_table, stderr, stdout, write_json
from proscribe.errors import NotFoundError
from proscribe.model import Entity, ListVersion
from proscribe.screen.cases import Case, innocent_cases, variant_cases
from proscribe.screener import Screener, newest
from proscribe.selftest import CaseOutcome, Recall, SelftestReport, screen_cases
from proscribe.settings import Settings
from proscribe.store import Store

_CHUNK = 100  # cases per task: small enough that both cores get work on a few hundred cases


def register(app: typer.Typer) -> None:
    app.command("selftest")(selftest)


def selftest(
    sources: Annotated[
        list[str] | None, typer.Option("--source", help="Only this list (repeatable).")
    ] = None,
    per_category: Annotated[int, typer.Option(min=1, help="Cases per category.")] = 100,
    innocent: Annotated[int, typer.Option(min=0, help="Innocent look-alike cases.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of the case generator.")] = 0,
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes; default: one per core.")
    ] = None,
) -> None:
    """Measure recall per kind of name variation and the false alert rate on the lists.

    The cases are made from the newest list versions (word order, typos, transliteration,
    ..., and innocent look-alikes), seeded: the same seed gives the same figures."""
    screener, entities = _load(sources or [])
    with stderr.status("generating test cases"):
        cases = variant_cases(entities, per_category=per_category, seed=seed)
        cases += innocent_cases(entities, count=innocent, seed=seed)
    outcomes = _screen(screener, cases, workers)
    report = SelftestReport(
        tuple(v.label for v in screener.versions),
        screener.algorithm.name,
        screener.threshold,
        seed,
        per_category,
        tuple(outcomes),
    )
    if output is TextOrJson.json:
        write_json(report.to_json())
        return
    _print_report(report, screener.versions)


def _load(sources: list[str]) -> tuple[Screener, list[Entity]]:
    """The Screener over the newest version of each list (or of `sources`) and their entities,
    from which the cases are made."""
    snapshots = Settings().home / "index"
    with open_store() as store, stderr.status("loading the lists"):
        versions = _versions(store, sources)
        refs = [str(version.id) for version in versions]
        screener = Screener.from_store(store, refs, snapshot_dir=snapshots)
        entities = [entity for version in versions for entity in store.entities(version)]
    return screener, entities


def _versions(store: Store, sources: list[str]) -> list[ListVersion]:
    versions = newest(store)
    if not versions:
        raise NotFoundError("no lists loaded yet: try `proscribe load PATH`")
    missing = sorted(set(sources) - {version.source for version in versions})
    if missing:
        raise NotFoundError(f"no version of {', '.join(missing)} is loaded")
    return [version for version in versions if not sources or version.source in sources]


def _screen(screener: Screener, cases: list[Case], workers: int | None) -> list[CaseOutcome]:
    outcomes: list[CaseOutcome] = []
    with Workers(screener, workers) as pool, progress_bar() as progress:
        task = progress.add_task("screening test cases", total=len(cases))
        for chunk in pool.map(screen_cases, cases, _CHUNK):
            outcomes.extend(chunk)
            progress.advance(task, len(chunk))
    return outcomes


def _print_report(report: SelftestReport, versions: tuple[ListVersion, ...]) -> None:
    lists = ", ".join(f"{v.label} ({v.record_count:,} entries)" for v in versions)
    variants = report.overall.cases
    stdout.print(
        f"Self-test of {report.algorithm} at threshold {report.threshold:.2f}, "
        f"seed {report.seed}\nLists: {lists}\nCases: {variants:,} variants (up to "
        f"{report.per_category:,} per category) and {len(report.innocents):,} innocent "
        "look-alikes",
        highlight=False,
        markup=False,
    )
    stdout.print(_table(report))


def _table(report: SelftestReport) -> Table:
    rows = [_recall_row(recall) for recall in (*report.categories, report.overall)]
    innocents, alerts = len(report.innocents), len(report.false_alerts)
    rate = report.false_alert_rate
    rows.append(("innocent: false alerts", f"{innocents:,}", f"{alerts:,}", _percent(rate)))
    return plain_table("Recall at the threshold", ("category", "cases", "found", "rate"), rows)


def _recall_row(recall: Recall) -> tuple[str, str, str, str]:
    return (recall.category, f"{recall.cases:,}", f"{recall.recalled:,}", _percent(recall.recall))


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"
