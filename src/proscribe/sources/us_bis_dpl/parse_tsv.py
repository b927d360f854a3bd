"""The Denied Persons List as BIS publishes it (`dpl.txt`): bytes -> the list's own rows.

Tab-separated, every field double-quoted (a quote inside a value is doubled: `"IHSAN MEDHAT
""SAMMY"" ELASHI"`), a header line of the twelve column names below, one row per denied party
*and address*. ASCII, LF; one published file has no final newline. Rows are kept as published,
keyed by the publisher's column names.

Strict: a different header, a row of the wrong width, or unbalanced quotes raise ParseError
with the file and line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from proscribe.errors import ParseError
from proscribe.sources.base import clean, decode_text

COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
CLAIM_PREFIX = b'"Name"\t"Street_Address"\t"City"\t'


@dataclass(frozen=True, slots=True)
class DplRow:
    """One row of the list, publisher column names kept."""

    line: int
    fields: Mapping[str, str]

    def get(self, column: str) -> str | None:
        """The value with whitespace collapsed (names may start with a space); None if empty."""
        return clean(self.fields[column])


def looks_like_dpl(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf").startswith(CLAIM_PREFIX)


def read_dpl(data: bytes, file: str) -> list[DplRow]:
    rows = _tsv_rows(decode_text(data, file), file)
    header = next(rows, None)
    if header is None or tuple(header[1]) != COLUMNS:
        raise ParseError("header is not the Denied Persons List layout", file=file, line=1)
    records = []
    for line, fields in rows:
        if len(fields) != len(COLUMNS):
            raise ParseError(
                f"expected {len(COLUMNS)} columns, found {len(fields)}", file=file, line=line
            )
        records.append(DplRow(line, dict(zip(COLUMNS, fields, strict=True))))
    return records


def _tsv_rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the row, fields); a blank line (the last one) is not a row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    start = 1
    try:
        for fields in reader:
            if fields:
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as error:
        raise ParseError(f"malformed row: {error}", file=file, line=start) from error
