"""The Denied Persons List as BIS publishes it (`dpl.txt`): bytes -> the list's own rows.

Tab-separated, every field double-quoted (a quote inside a value is doubled: `"IHSAN MEDHAT
""SAMMY"" ELASHI"`), a header line of the twelve column names below, one row per denied party
*and address*. ASCII, LF; one published file has no final newline. Rows are kept as published,
keyed by the publisher's column names.

Strict: a different header, a row of the wrong width, or unbalanced quotes raise ParseError
with the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from proscribe.sources.base import clean, read_table

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
    rows = read_table(data, file, COLUMNS, delimiter="\t", layout="Denied Persons List")
    return [DplRow(line, fields) for line, fields in rows]
