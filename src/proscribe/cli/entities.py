"""Entity commands: `show` one listed entry, `export` lists as FtM or proscribe JSON lines."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from proscribe import history
from proscribe.cli.history import timeline_table
from proscribe.cli.output import (
    TextOrJson,
    open_store,
    plain_table,
    stderr,
    stdout,
    write_json,
    write_json_lines,
)
from proscribe.errors import InputError
from proscribe.history import parse_day
from proscribe.model import Entity, ListVersion, country_name, to_ftm
from proscribe.screener import newest


def register(app: typer.Typer) -> None:
    app.command("show")(show)
    app.command("export")(export)


def show(
    ref: Annotated[
        str, typer.Argument(help="SOURCE:ID, e.g. us_ofac_sdn:23213 (or SOURCE-ID, as in JSON)")
    ],
    version: Annotated[str | None, typer.Option("--version", help="Version id or label.")] = None,
    listed_on: Annotated[
        str | None, typer.Option("--listed-on", help="YYYY-MM-DD: was it listed that day?")
    ] = None,
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Show every field of one listed entry, its designation and its history."""
    source, _, entity_id = ref.partition(":")
    if not entity_id:  # the entity_id of screening's JSON: no source id holds a hyphen
        source, _, entity_id = ref.partition("-")
    if not source or not entity_id:
        raise InputError(f"expected SOURCE:ID (e.g. us_ofac_sdn:23213), got {ref!r}")
    with open_store() as store:
        if listed_on is not None:
            day = parse_day(listed_on, "--listed-on")
            _print_listed(ref, day, history.listed_on(store, source, entity_id, day), output)
            return
        chosen = store.version(version) if version else None
        entity, held_in = store.entity(source, entity_id, chosen)
        events = history.timeline(store, source, entity_id)
    if output is TextOrJson.json:
        timeline = [event.to_json() for event in events]
        write_json(
            {
                **entity.to_dict(),
                "version": held_in.label,
                "caption": entity.caption,
                "timeline": timeline,
            }
        )
        return
    stdout.print(entity_table(entity, held_in))
    stdout.print(timeline_table(events))


def _print_listed(ref: str, day: date, listed: bool, output: TextOrJson) -> None:
    if output is TextOrJson.json:
        write_json({"ref": ref, "date": day.isoformat(), "listed": listed})
    else:
        stdout.print(f"{ref} listed on {day.isoformat()}: {'yes' if listed else 'no'}")


def entity_table(entity: Entity, version: ListVersion) -> Table:
    """Every field of an entity as a two-column table, names grouped by kind."""
    rows: list[tuple[str, str]] = [("list version", version.label)]
    for name in entity.names:
        script = f" [{name.script}]" if name.script else ""
        rows.append((name.kind.value.replace("_", " "), name.full + script))
    rows += [("birth date", spec.iso) for spec in entity.birth_dates]
    rows += [("death date", spec.iso) for spec in entity.death_dates]
    rows += [("birth place", place) for place in entity.birth_places]
    if entity.gender:
        rows.append(("gender", entity.gender))
    rows += [
        (c.role.value.replace("_", " "), f"{country_name(c.code)} ({c.code})")
        for c in entity.countries
    ]
    rows += [
        (
            i.type.value.replace("_", " "),
            i.value
            + (f" ({i.country})" if i.country else "")
            + (f" — {i.label}" if i.label else ""),
        )
        for i in entity.identifiers
    ]
    rows += [("address", a.full) for a in entity.addresses]
    rows += [(f"link: {link.relation}", link.target) for link in entity.links]
    designation = entity.designation
    rows.append(("programs", ", ".join(designation.programs) or "-"))
    if designation.listed_on:
        rows.append(("listed on", designation.listed_on.iso))
    if designation.authority:
        rows.append(("authority", designation.authority))
    for key, values in sorted(entity.extra.items()):
        rows += [(key, value) for value in values]
    if designation.remarks:
        rows.append(("remarks", designation.remarks))
    title = f"{entity.caption}  ({entity.ref}, {entity.schema.value})"
    return plain_table(title, ("field", "value"), rows)


class ExportFormat(StrEnum):
    ftm = "ftm"
    json = "json"


def export(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write; - for stdout.")
    ] = Path("-"),
    export_format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.ftm,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these lists.")] = None,
    version: Annotated[
        str | None, typer.Option("--version", help="One version id or label.")
    ] = None,
) -> None:
    """Write entities as JSON lines: FollowTheMoney (`ftm`) or proscribe's own (`json`).

    Default: the newest version of every list in the store."""
    with open_store() as store:
        chosen = [store.version(version)] if version else newest(store)
        versions = [v for v in chosen if version or not source or v.source in source]
        to_json = to_ftm if export_format is ExportFormat.ftm else Entity.to_dict
        stream = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8")
        try:
            count = sum(write_json_lines(map(to_json, store.entities(v)), stream) for v in versions)
        finally:
            if stream is not sys.stdout:
                stream.close()
    stderr.print(f"exported {count:,} entities from {len(versions)} list version(s)")
