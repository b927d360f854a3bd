"""Screening a chunk of rows, the unit of work of a batch, and writing each result as text.

Results are written in the worker that screened them: the parent then only copies text to
the output, and the entities of the matches never cross between processes.

Output formats, one record per input row, in input order:

- jsonl: the result contract, `ScreeningResult.to_json()` (`{"id", "matches": [...]}`, best
  first); a row that could not be read is `{"id", "error": "line N: field F: ...",
  "matches": []}`.
- csv: one row per (input id, match) with `CSV_COLUMNS`; an input row without any candidate
  (or with an error, in the last column) gets one row with the match columns empty.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from proscribe.batch.rows import Row, RowError, parse_row
from proscribe.screen import ScreeningResult
from proscribe.screener import Screener
from proscribe.store.audit import Screening

CSV_COLUMNS = (
    "id",
    "entity_id",
    "caption",
    "schema",
    "score",
    "match",
    "source",
    "source_id",
    "programs",
    "explanation",
    "error",
)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@dataclass(frozen=True, slots=True)
class ScreenJob:
    """What every worker needs: built once in the parent, inherited by the forked workers."""

    screener: Screener
    output: OutputFormat = OutputFormat.jsonl
    limit: int = 10
    threshold: float | None = None
    # Makes the audit record of a result, in the worker (it is inherited like the Screener,
    # never pickled); the records come back with the outcomes and the parent writes them.
    audit: Callable[[ScreeningResult], Screening] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input row screened: its output text (lines ending in a newline) and counts."""

    text: str
    hit: bool  # at least one match at the threshold
    error: bool
    record: Screening | None = None  # to append to the audit; None for a row not screened


def screen_rows(job: ScreenJob, rows: list[Row]) -> list[Outcome]:
    """Screen each row; a row that cannot be read becomes an error in its place."""
    outcomes = []
    for row in rows:
        query = parse_row(row)
        if isinstance(query, RowError):
            outcomes.append(Outcome(_write(job.output, query.to_json()), False, True))
            continue
        result = job.screener.screen(query, limit=job.limit, threshold=job.threshold)
        record = job.audit(result) if job.audit else None
        text = _write(job.output, result.to_json())
        outcomes.append(Outcome(text, bool(result.hits), False, record))
    return outcomes


def _write(output: OutputFormat, record: dict[str, Any]) -> str:
    if output is OutputFormat.csv:
        return csv_text(record)
    return json.dumps(record, ensure_ascii=False) + "\n"


def csv_header() -> str:
    return _csv_lines([list(CSV_COLUMNS)])


def csv_text(record: dict[str, Any]) -> str:
    """The CSV rows of one result (or error) record."""
    error = record.get("error") or ""
    rows = [_csv_match(record["id"], match) for match in record["matches"]]
    return _csv_lines(rows or [[record["id"] or "", *[""] * (len(CSV_COLUMNS) - 2), error]])


def _csv_match(row_id: str | None, match: dict[str, Any]) -> list[str]:
    references = match["references"]
    return [
        row_id or "",
        match["entity_id"],
        match["caption"],
        match["schema"],
        f"{match['score']:.4f}",
        "true" if match["match"] else "false",
        ";".join(reference["source"] for reference in references),
        ";".join(reference["id"] for reference in references),
        ";".join(match["programs"]),
        match["explanation"],
        "",
    ]


def _csv_lines(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
