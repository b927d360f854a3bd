"""OFSI Consolidated List CSV (the 2018 layout): bytes -> the list's own rows.

Line 1 states the publication date (`Last Updated,13/04/2018,,,...`), line 2 is the header and
every further line one row: one name (and one date of birth, one address, one regime) of one
target. The rows of a target share its `Group ID`. Rows are kept as published, keyed by the
publisher's column names; grouping them into targets is `map`'s work.

Published in Windows-1252 (curly quotes, en dash), which `decode_text` handles. The reader is
strict: a header that differs from the one below, a row of the wrong width or unbalanced quotes
raise ParseError with the file and line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from proscribe.errors import ParseError
from proscribe.model import parse_date_spec
from proscribe.sources.base import clean, decode_text

DATE_LINE = "Last Updated"
COLUMNS = (
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Title",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Details",
    "NI Number",
    "Position",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Regime",
    "Listed On",
    "Last Updated",
    "Group ID",
)
# What claim compares: the start of both lines, so a file is recognised without reading it.
CLAIM_LINE_1 = b"Last Updated,"
CLAIM_LINE_2 = b"Name 6,Name 1,Name 2,"
CLAIM_HEAD_BYTES = 2048


@dataclass(frozen=True, slots=True)
class OfsiRow:
    """One row of the list, publisher column names kept."""

    line: int
    fields: Mapping[str, str]

    def get(self, column: str) -> str | None:
        """The value with whitespace collapsed; None when empty."""
        return clean(self.fields[column])


@dataclass(frozen=True, slots=True)
class OfsiList:
    file: str
    published: date
    rows: tuple[OfsiRow, ...]


def looks_like_ofsi_csv(data: bytes) -> bool:
    """Cheap test on the first two lines; the parser checks the full header."""
    lines = data[:CLAIM_HEAD_BYTES].lstrip(b"\xef\xbb\xbf").splitlines()
    return (
        len(lines) >= 2 and lines[0].startswith(CLAIM_LINE_1) and lines[1].startswith(CLAIM_LINE_2)
    )


def read_ofsi_csv(data: bytes, file: str) -> OfsiList:
    rows = _csv_rows(decode_text(data, file), file)
    first = next(rows, None)
    if first is None or first[1][:1] != [DATE_LINE] or len(first[1]) < 2:
        raise ParseError(f"line 1 must be {DATE_LINE!r} and a date", file=file, line=1)
    published = _published(first[1][1], file)
    header = next(rows, None)
    if header is None or tuple(header[1]) != COLUMNS:
        raise ParseError(
            "header is not the OFSI Consolidated List layout",
            file=file,
            line=2 if header is None else header[0],
        )
    records = []
    for line, fields in rows:
        if len(fields) != len(COLUMNS):
            raise ParseError(
                f"expected {len(COLUMNS)} columns, found {len(fields)}", file=file, line=line
            )
        records.append(OfsiRow(line, dict(zip(COLUMNS, fields, strict=True))))
    return OfsiList(file=file, published=published, rows=tuple(records))


def _published(text: str, file: str) -> date:
    try:
        start = parse_date_spec(text).start
    except ValueError as error:
        raise ParseError(str(error), file=file, line=1, field=DATE_LINE) from error
    if start.month is None or start.day is None:
        raise ParseError(
            f"publication date {text!r} is not a full date", file=file, line=1, field=DATE_LINE
        )
    return date(start.year, start.month, start.day)


def _csv_rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the row, fields) for every row; quoted line breaks are allowed."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for fields in reader:
            if fields:  # a blank line (the file's last) is not a row
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as error:
        raise ParseError(f"malformed CSV: {error}", file=file, line=start) from error
