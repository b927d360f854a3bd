"""What every list source provides, and the safe readers they share.

A source subpackage (one per publisher list) exposes one or more `ListFormat`s. A format claims
the files of a publication it can read (`claim`) and turns their bytes into a `ParsedList`
(`parse`): the list's own records are read by `parse_<format>.py`, mapped to entities by
`map.py`. Parsers raise `ParseError` naming the file, line and field of the first bad value;
nothing half-read ever leaves a parser.

The readers here are the only way sources read text and XML, so every source gets the same
defences: encodings as published (UTF-8 or Windows-1252, BOM, trailing Ctrl-Z), and XML with
no DTD, no entities, no network, and bounded sizes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

from lxml import etree

from proscribe.errors import ParseError, UnsafeInputError
from proscribe.model import Entity

# Larger than any official list file by a wide margin (the full EU XML is ~25 MB, full OFAC
# advanced XML ~100 MB); anything bigger is refused before parsing.
MAX_FILE_BYTES = 512 * 1024 * 1024

Files = Mapping[str, bytes]  # file name (relative to the loaded folder) -> content


@dataclass(frozen=True, slots=True)
class ParsedList:
    """One publication of one list, read and mapped."""

    source: str  # the list id: us_ofac_sdn, un_sc, ...
    format: str  # the format read: ofac_csv, ofac_xml, un_xml, ...
    entities: list[Entity]
    files: tuple[str, ...]  # the file names this publication was read from
    published: date | None = None  # the date the file states, when it states one
    scope: str = ""  # "" for the whole list; a filter such as "program=YEMEN" for an extract
    stated_count: int | None = None  # the record count the file itself declares, if any
    notes: tuple[str, ...] = field(default=())  # things the parser wants the user to know


class ListFormat(Protocol):
    """A file format of one list. Implementations are plain module-level objects."""

    @property
    def source(self) -> str: ...

    @property
    def name(self) -> str: ...

    def claim(self, files: Files) -> tuple[str, ...]:
        """The names of the files of `files` this format reads; empty if none."""
        ...

    def parse(self, files: Files) -> ParsedList:
        """Read the claimed files. Raises ParseError on any malformed input."""
        ...


@runtime_checkable
class PartialSets(Protocol):
    """A format published as a set of files of which some may be left out (OFAC's CSV set
    without its alias or address file): says which fields a version then cannot state."""

    def unstated(self, files: Sequence[str]) -> frozenset[str]:
        """The fields (as `model.diff.fields_of` names them) that a version read from
        `files` cannot state."""
        ...


def decode_text(data: bytes, file: str) -> str:
    """Bytes of a published text file as str: BOM and trailing Ctrl-Z removed; UTF-8 when it
    decodes, otherwise Windows-1252 (OFAC and OFSI publish in it)."""
    check_size(data, file)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.rstrip(b"\x1a")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ParseError(
                f"undecodable byte 0x{data[error.start]:02x}", file=file, line=line
            ) from error


def check_size(data: bytes, file: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeInputError(
            f"file of {len(data):,} bytes is larger than the {MAX_FILE_BYTES:,} allowed",
            file=file,
        )


_DTD_DANGER = re.compile(rb"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.IGNORECASE)


def parse_xml(data: bytes, file: str) -> etree._Element:
    """Parse XML safely: no DTD, no entity declarations, no network, bounded text nodes.

    A document that declares entities is refused outright rather than parsed with them
    ignored: no official list uses them, so their presence means the file is not what it says.
    """
    check_size(data, file)
    head = data[:65536]
    if _DTD_DANGER.search(head) or b"<!ENTITY" in data:
        raise UnsafeInputError("XML declares a DTD or entities, which lists never do", file=file)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno if isinstance(error.lineno, int) else None
        raise ParseError(f"malformed XML: {error.msg}", file=file, line=line) from error
    if root is None:
        raise ParseError("empty XML document", file=file)
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace: publishers change namespaces between releases."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def clean(value: str | None) -> str | None:
    """Whitespace collapsed; None for empty values and OFAC's `-0-` placeholder."""
    if value is None:
        return None
    text = " ".join(value.replace("\u00a0", " ").split())
    if not text or text == "-0-":
        return None
    return text


@dataclass(frozen=True, slots=True)
class Download:
    """One file of a list as its publisher serves it: saved under `name`, fetched from `url`.

    An `optional` file may be missing from a publication (the publisher answers 404): OFAC's
    remarks overflow files come and go, and their absence must not block an update.
    """

    name: str
    url: str
    optional: bool = False


def read_table(
    data: bytes, file: str, columns: tuple[str, ...], *, delimiter: str = ",", layout: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a delimited file with a header line that must be exactly `columns`:
    (first line of the row, {column: value}). Quoted line breaks are allowed and blank lines
    skipped; a bad header or a row of the wrong width is a ParseError with its line."""
    rows = _delimited_rows(decode_text(data, file), file, delimiter)
    header = next(rows, None)
    if header is None or tuple(header[1]) != columns:
        raise ParseError(f"header is not the {layout} layout", file=file, line=1)
    for line, fields in rows:
        if len(fields) != len(columns):
            raise ParseError(
                f"expected {len(columns)} columns, found {len(fields)}", file=file, line=line
            )
        yield line, dict(zip(columns, fields, strict=True))


def _delimited_rows(text: str, file: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for fields in reader:
            if fields:
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as error:
        raise ParseError(f"malformed row: {error}", file=file, line=start) from error
