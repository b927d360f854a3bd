"""List commands: `load` files, `update` from publishers, `lists` what the store holds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from proscribe.cli.monitor import rescreen_after_load
from proscribe.cli.output import (
    TextOrJson,
    open_store,
    plain_table,
    stderr,
    stdout,
    write_json,
)
from proscribe.model import ListVersion
from proscribe.sources.registry import Publication, read_path
from proscribe.store import SaveResult, Store


def register(app: typer.Typer) -> None:
    app.command("load")(load)
    app.command("lists")(show_lists)
    app.command("update")(update)


def load(
    paths: Annotated[list[Path], typer.Argument(exists=True, help="List files or folders.")],
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of", formats=["%Y-%m-%d"], help="Publication date for files that state none."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Store a list even if far smaller than the last.")
    ] = False,
) -> None:
    """Load official list files (files or folders; the format is detected) into the store."""
    with open_store() as store:
        publications = [pub for path in paths for pub in _read_with_status(path)]
        results = save_all(store, publications, as_of.date() if as_of else None, force)
        stdout.print(summary_table(results))
        rescreen_after_load(store, results)
    for pub in publications:
        for note in pub.parsed.notes:
            stderr.print(f"note: {pub.parsed.source}: {note}", markup=False, highlight=False)
        if pub.skipped:
            stderr.print(
                f"note: {pub.parsed.source}: also read from {', '.join(pub.skipped)} "
                f"in {pub.where}; kept the {pub.parsed.format} form",
                markup=False,
                highlight=False,
            )


def _read_with_status(path: Path) -> list[Publication]:
    with stderr.status(f"reading {path}"):
        return read_path(path)


def save_all(
    store: Store, publications: list[Publication], as_of: date | None, force: bool
) -> list[tuple[Publication, SaveResult]]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    results = []
    with Progress(*columns, console=stderr, transient=True) as progress:
        for pub in publications:
            task = progress.add_task(f"storing {pub.parsed.source}", total=len(pub.parsed.entities))
            version = version_of(pub, as_of)
            result = store.save_version(
                version,
                pub.parsed.entities,
                force=force,
                progress=lambda n, task=task: progress.update(task, completed=n),  # type: ignore[misc]
            )
            progress.remove_task(task)
            results.append((pub, result))
    return results


def version_of(pub: Publication, as_of: date | None) -> ListVersion:
    """The list version a publication becomes; its date from the file, --as-of, or the path."""
    parsed = pub.parsed
    published, basis = parsed.published, "file"
    if published is None:
        published, basis = (as_of, "as-of") if as_of else (pub.path_date, "path")
    counts: dict[str, int] = {}
    for entity in parsed.entities:
        counts[entity.schema.value] = counts.get(entity.schema.value, 0) + 1
    return ListVersion(
        source=parsed.source,
        format=parsed.format,
        sha256=pub.sha256,
        record_count=len(parsed.entities),
        loaded_at=datetime.now(UTC),
        published=published,
        date_basis=basis if published else "",
        scope=parsed.scope,
        counts=counts,
        files=parsed.files,
    )


def summary_table(results: list[tuple[Publication, SaveResult]]) -> Table:
    columns = ("list", "published", "dated by", "records", "new", "reused", "status")
    rows = [
        (
            _list_name(result.version),
            _date_text(result.version),
            result.version.date_basis or "-",
            f"{result.version.record_count:,}",
            f"{result.stored_entities:,}",
            f"{result.reused_entities:,}",
            "loaded" if result.created else "already stored",
        )
        for _, result in results
    ]
    return plain_table("Loaded", columns, rows)


def _list_name(version: ListVersion) -> str:
    return version.source + (f" [{version.scope}]" if version.scope else "")


def show_lists(
    source: Annotated[str | None, typer.Option("--source", help="Only this list.")] = None,
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Show the list versions in the store: counts, dates and age."""
    with open_store() as store:
        versions = store.versions(source)
    today = datetime.now(UTC).date()
    if output is TextOrJson.json:
        write_json([_version_json(v, today) for v in versions])
        return
    columns = (
        "id",
        "list",
        "published",
        "dated by",
        "records",
        "by schema",
        "age (days)",
        "format",
        "sha256",
    )
    rows = [
        (
            str(v.id),
            _list_name(v),
            _date_text(v),
            v.date_basis or "-",
            f"{v.record_count:,}",
            ", ".join(f"{k} {n:,}" for k, n in sorted(v.counts.items())),
            str((today - v.published).days) if v.published else "?",
            v.format,
            v.sha256[:12],
        )
        for v in versions
    ]
    table = plain_table("List versions", columns, rows)
    stdout.print(table if versions else "No lists loaded yet: try `proscribe load PATH`.")


def _version_json(version: ListVersion, today: date) -> dict[str, object]:
    return {
        "id": version.id,
        "source": version.source,
        "scope": version.scope,
        "label": version.label,
        "format": version.format,
        "published": version.published.isoformat() if version.published else None,
        "date_basis": version.date_basis,
        "record_count": version.record_count,
        "counts": dict(version.counts),
        "loaded_at": version.loaded_at.isoformat(),
        "age_days": (today - version.published).days if version.published else None,
        "sha256": version.sha256,
        "files": list(version.files),
    }


def _date_text(version: ListVersion) -> str:
    return version.published.isoformat() if version.published else "unknown"


def update(
    sources: Annotated[list[str] | None, typer.Argument(help="List ids; default: all.")] = None,
) -> None:
    """Download lists from their publishers (conditional requests) and load what changed."""
    from proscribe.cli.update import run_update  # keeps httpx off the import path of `load`

    run_update(sources or [])
