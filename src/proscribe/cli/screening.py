"""`proscribe screen`: one name against the loaded lists, as a table or JSON."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from proscribe.api.records import audit_screenings, cli_caller
from proscribe.cli.options import AsOfOption
from proscribe.cli.output import TextOrJson, open_store, plain_table, stdout, write_json
from proscribe.errors import InputError, NotFoundError
from proscribe.history import parse_day, versions_in_force
from proscribe.model import (
    DateSpec,
    Query,
    QueryIdentifier,
    Schema,
    country_code,
    parse_birth_date,
    parse_query_identifier,
)
from proscribe.screen import ScreeningResult
from proscribe.screener import Screener
from proscribe.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_name)


def screen_name(
    name: Annotated[str, typer.Argument(help="The name to screen, in any script.")],
    schema: Annotated[str | None, typer.Option(help="Person, Organization, Vessel ...")] = None,
    birth_date: Annotated[str | None, typer.Option(help="e.g. 1950-01-15 or 1950")] = None,
    country: Annotated[list[str] | None, typer.Option(help="Country name or code.")] = None,
    id_number: Annotated[
        list[str] | None, typer.Option("--id", help="Identifier; TYPE:VALUE to say its type.")
    ] = None,
    gender: Annotated[str | None, typer.Option(help="male or female")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0)] = None,
    version: Annotated[
        list[str] | None, typer.Option(help="List versions (default newest).")
    ] = None,
    as_of: AsOfOption = None,
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Screen one name against the loaded lists; every candidate comes with its explanation."""
    query = build_query(name, schema, birth_date, country or [], id_number or [], gender)
    if as_of is not None and version:
        raise InputError("give --version or --as-of, not both")
    with open_store() as store:
        if as_of is not None:  # an empty --as-of is a mistake, not "the newest lists"
            in_force = versions_in_force(store, parse_day(as_of, "--as-of"))
            version = [str(v.id) for v in in_force]
        screener = Screener.from_store(store, version, snapshot_dir=Settings().home / "index")
        if not screener.versions:  # "0 matches" against no list would read as a clean result
            raise NotFoundError("no lists loaded yet: try `proscribe load PATH`")
        result = screener.screen(query, limit=limit, threshold=threshold)
        # No unaudited screening: if the record cannot be written, nothing is shown.
        audit_screenings(store, cli_caller(), [result], Settings())
    if output is TextOrJson.json:
        write_json(result.to_json())
    else:
        stdout.print(result_table(result))


def build_query(
    name: str,
    schema: str | None,
    birth_date: str | None,
    countries: list[str],
    identifiers: list[str],
    gender: str | None,
    query_id: str | None = None,
) -> Query:
    """A Query from user-typed values; a bad value is an InputError naming the field."""
    if not name.strip():
        raise InputError("field name: a name is required")
    return Query(
        name=name,
        schema=_schema(schema),
        birth_date=_date(birth_date),
        countries=tuple(_country(c) for c in countries if c.strip()),
        identifiers=tuple(_identifier(i) for i in identifiers if i.strip()),
        gender=_gender(gender),
        id=query_id,
    )


def _schema(value: str | None) -> Schema | None:
    if not value:
        return None
    for schema in Schema:
        if schema.value.lower() == value.strip().lower():
            return schema
    raise InputError(
        f"field schema: unknown schema {value!r} (one of {', '.join(s.value for s in Schema)})"
    )


def _date(value: str | None) -> DateSpec | None:
    if not value:
        return None
    try:
        return parse_birth_date(value)
    except ValueError as error:
        raise InputError(f"field birth_date: {error}") from error


def _country(value: str) -> str:
    code = country_code(value)
    if code is None:
        raise InputError(f"field country: unknown country {value!r}")
    return code


def _identifier(value: str) -> QueryIdentifier:
    try:
        return parse_query_identifier(value)
    except ValueError as error:
        raise InputError(f"field id: {error}") from error


def _gender(value: str | None) -> str | None:
    if not value:
        return None
    found = {"m": "male", "male": "male", "f": "female", "female": "female"}.get(value.lower())
    if found is None:
        raise InputError(f"field gender: expected male or female, got {value!r}")
    return found


def result_table(result: ScreeningResult) -> Table:
    title = (
        f"Screening {result.query.name!r} with {result.algorithm.name}, "
        f"threshold {result.threshold}: {len(result.hits)} match(es)"
    )
    rows = [
        (
            f"{m.score:.3f}",
            "MATCH" if m.match else "",
            m.entity.caption,
            f"{m.entity.source}:{m.entity.id}",
            ", ".join(m.entity.designation.programs),
            m.comparison.explanation,
        )
        for m in result.matches
    ]
    return plain_table(title, ("score", "", "listed as", "entry", "programs", "why"), rows)
