"""Screening files read as rows, lazily: CSV, JSON lines or Parquet, told by the extension or
by the caller (`--input-format`).

`-` is standard input, JSON lines unless the caller says CSV, so screening composes in a
pipe. Column names are read without regard to case or surrounding spaces; columns other than
`rows.COLUMNS` are ignored.
A file without an `id` or `name` column is an InputError: nothing in it can be screened.
Anything wrong within a row is that row's problem only, bytes that are not UTF-8 included: the
row gets an error naming them (its values shown with U+FFFD in their place), the rest of the
file is screened.

A CSV quote that is never closed would make the rest of the file one field of one row, and a
stray one would join the rows up to the next quote: rows lost without a word. A record may
span lines (a quoted field holding line breaks is valid CSV), but not past `MAX_RECORD_LINES`
lines, nor to the end of the file with its quote open, nor with a line break in one of the
columns read (`rows.COLUMNS`: no id or name holds one). Such a record is an error of the row
on its first line, carrying the values read on that line, and the lines after it are read as
rows again.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from proscribe.batch.rows import COLUMNS, REQUIRED_COLUMNS, Row
from proscribe.errors import InputError

INPUT_FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_PARQUET_BATCH = 4096
MAX_RECORD_LINES = 100  # physical lines one CSV record may span
_ESCAPED = re.compile("[\udc80-\udcff]")  # the bytes surrogateescape could not decode


STDIN_HINT = "; standard input is read as JSON lines unless --input-format says csv"


def input_format(path: str, given: str | None = None) -> str:
    """`csv`, `jsonl` or `parquet`: `given` when the caller says, else by the file name; `-`
    (standard input) is JSON lines unless `given` says CSV."""
    if given is not None:
        if given not in set(INPUT_FORMATS.values()):
            known = ", ".join(sorted(set(INPUT_FORMATS.values())))
            raise InputError(f"unknown input format {given!r} ({known})", field="input_format")
        if path == "-" and given == "parquet":
            # A Parquet file is read from its footer backwards: a pipe cannot be.
            raise InputError(
                "Parquet cannot be read from standard input: give the file", field="input_format"
            )
        return given
    if path == "-":
        return "jsonl"
    found = INPUT_FORMATS.get(Path(path).suffix.lower())
    if found is None:
        known = ", ".join(INPUT_FORMATS)
        raise InputError(f"{path}: unknown input format (file names ending {known}, or -)")
    return found


def read_rows(path: str, given: str | None = None) -> Iterator[Row]:
    """Every row of a screening file, in file order; `given`: its format (`input_format`)."""
    readers = {"csv": _csv_rows, "jsonl": _jsonl_rows, "parquet": _parquet_rows}
    yield from readers[input_format(path, given)](path)


def count_rows(path: str, given: str | None = None) -> int | None:
    """How many rows `read_rows` will give (for a progress bar); None for standard input."""
    kind = input_format(path, given)
    if path == "-":
        return None
    if kind == "parquet":
        return int(_parquet_file(path).metadata.num_rows)
    try:
        with _open_text(path) as stream:
            if kind == "jsonl":
                return sum(1 for line in stream if line.strip())
            return max(0, sum(1 for _, record, _ in _csv_records(stream) if record) - 1)
    except csv.Error:
        return None  # read_rows says what is wrong, at the row where it is


def _open_text(path: str) -> TextIO:
    # utf-8-sig: spreadsheet programs start their CSV with a byte order mark. Bytes that are
    # not UTF-8 come through as lone surrogates, for the row that holds them to report.
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _named(path: str) -> str:
    return "standard input" if path == "-" else path


@contextmanager
def _text(path: str) -> Iterator[TextIO]:
    """The file at `path` (or standard input for `-`) as text, read as `_open_text` reads."""
    if path != "-":
        with _open_text(path) as stream:
            yield stream
        return
    stdin = io.TextIOWrapper(
        sys.stdin.buffer, encoding="utf-8-sig", errors="surrogateescape", newline=""
    )
    try:
        yield stdin
    finally:
        stdin.detach()  # standard input itself stays open


def _undecodable(text: str) -> str | None:
    """The first byte of `text` that was not UTF-8 (read with surrogateescape), as hex."""
    found = _ESCAPED.search(text)
    return None if found is None else f"0x{ord(found.group()) - 0xDC00:02x}"


def _readable(text: str) -> str:
    """`text` with its undecodable bytes shown as U+FFFD (output must be valid UTF-8)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _key(column: str) -> str:
    return column.strip().lower()


def _require_columns(path: str, columns: list[str]) -> None:
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        read = ", ".join(columns) if any(columns) else "none"
        raise InputError(
            f"{_named(path)}: no {' or '.join(missing)} column (columns read: {read}; known:"
            f" {', '.join(COLUMNS)})"
        )


def _csv_rows(path: str) -> Iterator[Row]:
    with _text(path) as stream:
        records = _csv_records(stream)
        try:
            _, first, _ = next(records, (1, [], None))
            header = [_readable(_key(column)) for column in first]
            _require_columns(path, header)
            for line, record, problem in records:
                if problem is not None:
                    yield _broken_row(header, record, line, problem)
                elif record:
                    yield _csv_row(header, record, line)
        except _Unreadable as error:
            raise InputError(
                f"{_named(path)}:{error.line}: unreadable CSV ({error.reason})"
            ) from None


class _Unreadable(csv.Error):
    """A record the CSV reader refuses whatever its quotes (a field over the reader's size
    limit): the file cannot be read on from it."""

    def __init__(self, line: int, reason: csv.Error) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


def _csv_records(stream: TextIO) -> Iterator[tuple[int, list[str], str | None]]:
    """Each CSV record with the line it starts on, the header first, and a problem when its
    quotes run wrong (see the module docstring): then the values are those its first line
    holds alone."""
    lines = _Lines(stream)
    read: set[int] | None = None  # the positions of the columns read, once the header is
    while (first := lines.next()) is not None:
        start, text = first
        taken = [text]
        try:
            record = _closed_record(text)
            while record is None and len(taken) < MAX_RECORD_LINES:
                more = lines.next()
                if more is None:
                    break
                taken.append(more[1])
                record = _closed_record("".join(taken))
        except csv.Error as error:
            raise _Unreadable(start, error) from None
        if record is not None and read is None:  # the header
            read = {i for i, column in enumerate(record) if _key(column) in COLUMNS}
            yield start, record, None
            continue
        if record is not None and not (len(taken) > 1 and _breaks_a_value(record, read or set())):
            yield start, record, None
            continue
        lines.put_back(start + 1, taken[1:])
        end = start + len(taken) - 1
        problem = (
            f"a quote opened on this line runs to line {end}"
            if record is not None
            else "a quote opened on this line is not closed"
        )
        yield start, _first_line_values(text), problem + "; the lines after it are read as rows"


class _Lines:
    """The physical lines of a stream with their numbers (from 1), lines put back first."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._back: list[tuple[int, str]] = []
        self._number = 0

    def next(self) -> tuple[int, str] | None:
        if self._back:
            return self._back.pop()
        text = self._stream.readline()
        if not text:
            return None
        self._number += 1
        return self._number, text

    def put_back(self, first: int, texts: list[str]) -> None:
        """Lines `texts`, numbered from `first`, to be read again in their order."""
        self._back.extend(reversed(list(enumerate(texts, start=first))))


def _closed_record(text: str) -> list[str] | None:
    """The record `text` holds, or None while a quoted field is still open at its end."""
    try:
        return next(csv.reader([text], strict=True), [])
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return None
    # Strict parsing refuses a quote within a field ('12" PIPE'); the default reader, used
    # for every closed record before, accepts it.
    return next(csv.reader([text]), [])


def _breaks_a_value(record: list[str], read: set[int]) -> bool:
    """Whether a value of a column read (`rows.COLUMNS`) holds a line break: no id, name or
    country does, so the record ran past a stray quote. Other columns may (an address)."""
    return any("\n" in record[i] or "\r" in record[i] for i in read if i < len(record))


def _first_line_values(text: str) -> list[str]:
    """The values a line holds read alone: those before a stray quote are whole (the id)."""
    return next(csv.reader([text.rstrip("\r\n")]), [])


def _broken_row(header: list[str], record: list[str], line: int, problem: str) -> Row:
    values = {key: _readable(value) for key, value in zip(header, record, strict=False)}
    return Row(line, values, problem)


def _csv_row(header: list[str], record: list[str], line: int) -> Row:
    values = dict(zip(header, record, strict=False))  # short rows: the rest are empty
    for column, value in values.items():
        byte = _undecodable(value)
        if byte is not None:
            shown = {key: _readable(text) for key, text in values.items()}
            return Row(line, shown, f"field {_readable(column)}: byte {byte} is not UTF-8 text")
    if len(record) > len(header):
        problem = f"{len(record)} values for {len(header)} columns"
        return Row(line, values, problem)
    return Row(line, values)


def _jsonl_rows(path: str) -> Iterator[Row]:
    with _text(path) as stream:
        # A first line of standard input that is not JSON is most likely a CSV piped in: its
        # error says how to read one.
        yield from _json_lines(stream, STDIN_HINT if path == "-" else "")


def _json_lines(stream: TextIO, first_hint: str = "") -> Iterator[Row]:
    """Each JSON line as a row; `first_hint` ends the error of a first line that is not JSON."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield _json_row(line, number, first_hint if number == 1 else "")


def _json_row(line: str, number: int, hint: str = "") -> Row:
    byte = _undecodable(line)
    if byte is not None:  # its id, when the rest of the line reads, for the error to name
        found = _json_row(_readable(line), number)
        return Row(number, found.values, f"byte {byte} is not UTF-8 text")
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return Row(number, {}, f"not JSON ({error.msg} at column {error.colno}){hint}")
    if not isinstance(value, dict):
        return Row(number, {}, f"a JSON {type(value).__name__}, not an object")
    return Row(number, {_key(key): item for key, item in value.items()})


def _parquet_file(path: str) -> Any:
    try:
        # Imported here: pyarrow is large and only Parquet input needs it.
        parquet: Any = importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise InputError("reading Parquet needs pyarrow: pip install pyarrow") from None
    try:
        return parquet.ParquetFile(path)
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: not a readable Parquet file ({error})") from None


def _parquet_rows(path: str) -> Iterator[Row]:
    table = _parquet_file(path)
    names = {_key(name): name for name in table.schema_arrow.names}
    _require_columns(path, list(names))
    wanted = [names[column] for column in COLUMNS if column in names]  # skip the rest unread
    number = 0
    for batch in table.iter_batches(batch_size=_PARQUET_BATCH, columns=wanted):
        for values in batch.to_pylist():
            number += 1
            yield Row(number, {_key(key): value for key, value in values.items()})
