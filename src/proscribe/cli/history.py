"""`proscribe changes`: what changed between two versions of a list, and the timeline lines
that `proscribe show` prints for one entry."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from proscribe.cli.output import TextOrJson, open_store, plain_table, stdout, write_json
from proscribe.history import Changes, Event, changes, default_source
from proscribe.model.diff import FieldChange


def register(app: typer.Typer) -> None:
    app.command("changes")(list_changes)


def list_changes(
    source: Annotated[
        str | None, typer.Option("--source", help="The list; needed when several are loaded.")
    ] = None,
    from_ref: Annotated[
        str | None, typer.Option("--from", help="Version id, label or YYYY-MM-DD.")
    ] = None,
    to_ref: Annotated[
        str | None, typer.Option("--to", help="Version id, label or YYYY-MM-DD.")
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help="Amended entries shown as text.")] = 20,
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Entries added, removed and amended (field by field) between two versions of a list.

    Default: the two newest versions of the list. A date names the version in force that day."""
    with open_store() as store:
        found = changes(store, default_source(store, source), from_ref, to_ref)
    if output is TextOrJson.json:
        write_json(found.to_json())
        return
    stdout.print(summary_table(found))
    if found.unstated:
        stdout.print(
            f"Not compared: {', '.join(sorted(found.unstated))} (one of the two versions was"
            " published without the file that states them).",
            highlight=False,
        )
    if found.diff.amended and limit:
        stdout.print(amended_table(found, limit))


def summary_table(found: Changes) -> Table:
    title = f"Changes in {found.source}: {found.before.label} -> {found.after.label}"
    rows = [
        ("added", f"{len(found.diff.added):,}"),
        ("removed", f"{len(found.diff.removed):,}"),
        ("amended", f"{len(found.diff.amended):,}"),
    ]
    return plain_table(title, ("change", "entries"), rows)


def amended_table(found: Changes, limit: int) -> Table:
    shown = found.diff.amended[:limit]
    title = f"Amended entries (first {len(shown)} of {len(found.diff.amended):,})"
    rows = [
        (f"{found.source}:{amendment.id}", found.captions.get(amendment.id, ""), *cells(change))
        for amendment in shown
        for change in amendment.changes
    ]
    return plain_table(title, ("entry", "caption", "field", "before", "after"), rows)


def cells(change: FieldChange) -> tuple[str, str, str]:
    return (change.field, _short(change.before), _short(change.after))


def _short(value: Any, width: int = 60) -> str:
    """A field value on one line: lists data can hold whole paragraphs."""
    if value is None:
        return "-"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_table(events: list[Event]) -> Table:
    """The history of one entry: one row per event, amended fields listed in the row."""
    rows = [
        (
            event.version.published.isoformat() if event.version.published else "-",
            event.kind,
            event.version.label,
            ", ".join(change.field for change in event.changes),
        )
        for event in events
    ]
    return plain_table("Timeline", ("date", "event", "list version", "fields changed"), rows)
