"""The UK Sanctions List summary spreadsheet (`.ods`): bytes -> the list's own rows.

An OpenDocument spreadsheet is a zip; its `content.xml` holds the sheet as `<table:table-row>`
of `<table:table-cell>`, each cell's text in `<text:p>` paragraphs. Runs of equal cells and rows
are written once with `table:number-columns-repeated` / `table:number-rows-repeated`: the FCDO
file ends every row with one empty cell repeated 16,376 times and the sheet with one empty row
repeated 1,043,268 times. Expanding those would allocate billions of cells, so empty runs are
never expanded: trailing empty cells are dropped, empty rows skipped.

Defences, since a zip is an easy bomb: a file that is not a zip with a `content.xml` is a
ParseError; a `content.xml` that inflates beyond MAX_CONTENT_BYTES is refused with
UnsafeInputError before or while it is inflated (the declared size can lie, so the read itself
is bounded); the XML goes through the shared safe parser.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import unescape

from lxml import etree

from proscribe.errors import ParseError, UnsafeInputError
from proscribe.sources.base import clean, parse_xml

CONTENT = "content.xml"
MAX_CONTENT_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 1024  # far wider than any list sheet; a wider row is not one of ours
COLUMNS = (
    "Unique ID",
    "OFSI Group ID",
    "Name",
    "Regime Name",
    "Type",
    "Designation source",
    "Date Designated",
    "Sanctions Imposed",
)
CLAIM_HEAD_BYTES = 64 * 1024
# What claim reads with regular expressions rather than an XML parser: the first row only.
_FIRST_ROW = re.compile(r"<table:table-row\b.*?</table:table-row>", re.DOTALL)
_PARAGRAPH_TEXT = re.compile(r"<text:p\b[^>/]*>([^<]*)</text:p>")

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = f"{{{_TABLE}}}table"
ROW = f"{{{_TABLE}}}table-row"
CELL = f"{{{_TABLE}}}table-cell"
COVERED_CELL = f"{{{_TABLE}}}covered-table-cell"
COLUMNS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
PARAGRAPH = f"{{{_TEXT}}}p"
SPACES = f"{{{_TEXT}}}s"
TAB = f"{{{_TEXT}}}tab"
LINE_BREAK = f"{{{_TEXT}}}line-break"


@dataclass(frozen=True, slots=True)
class FcdoRow:
    """One row of the sheet, publisher column names kept; `line` is the sheet's row number."""

    line: int
    fields: Mapping[str, str]

    def get(self, column: str) -> str | None:
        return clean(self.fields.get(column))


def looks_like_fcdo_ods(data: bytes) -> bool:
    """A zip whose content.xml starts with the summary sheet's header row; reads 64 KiB at
    most. The header is compared exactly, so a fuller FCDO layout is declined, not misread."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(CONTENT) as content:
            head = content.read(CLAIM_HEAD_BYTES).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        return False
    first_row = _FIRST_ROW.search(head)
    if first_row is None:
        return False
    texts = (unescape(text).strip() for text in _PARAGRAPH_TEXT.findall(first_row.group(0)))
    return tuple(text for text in texts if text) == COLUMNS


def read_fcdo_ods(data: bytes, file: str) -> list[FcdoRow]:
    root = parse_xml(_content_xml(data, file), f"{file}/{CONTENT}")
    rows = _sheet_rows(root, file)
    header = next(rows, None)
    if header is None or tuple(header[1]) != COLUMNS:
        raise ParseError(
            "first row is not the UK Sanctions List summary header",
            file=file,
            line=1 if header is None else header[0],
        )
    records = []
    for line, cells in rows:
        if len(cells) > len(COLUMNS):
            raise ParseError(
                f"expected {len(COLUMNS)} columns, found {len(cells)}", file=file, line=line
            )
        records.append(FcdoRow(line, dict(zip(COLUMNS, cells, strict=False))))
    return records


def _content_xml(data: bytes, file: str) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(CONTENT)
            if info.file_size > MAX_CONTENT_BYTES:
                raise _too_big(file)
            with archive.open(info) as content:
                xml = content.read(MAX_CONTENT_BYTES + 1)
    except zipfile.BadZipFile as error:
        raise ParseError(f"not an OpenDocument spreadsheet: {error}", file=file) from error
    except KeyError as error:
        raise ParseError(f"the spreadsheet has no {CONTENT}", file=file) from error
    except (OSError, EOFError, ValueError) as error:  # truncated or corrupt deflate stream
        raise ParseError(f"unreadable {CONTENT}: {error}", file=file) from error
    if len(xml) > MAX_CONTENT_BYTES:
        raise _too_big(file)
    return xml


def _too_big(file: str) -> UnsafeInputError:
    return UnsafeInputError(
        f"{CONTENT} inflates beyond the {MAX_CONTENT_BYTES:,} bytes allowed", file=file
    )


def _sheet_rows(root: etree._Element, file: str) -> Iterator[tuple[int, list[str]]]:
    """(sheet row number, cell texts) for every non-empty row of the first table."""
    table = next(root.iter(TABLE), None)
    if table is None:
        raise ParseError("the spreadsheet has no table", file=file)
    line = 0
    for row in table.iter(ROW):
        repeated = _repeat(row, ROWS_REPEATED, file, line + 1)
        cells = _row_cells(row, file, line + 1)
        line += 1
        if not cells:
            line += repeated - 1
            continue
        if repeated > 1:  # equal data rows would be one entry listed twice
            raise ParseError(f"row repeated {repeated} times", file=file, line=line)
        yield line, cells


def _row_cells(row: etree._Element, file: str, line: int) -> list[str]:
    """The texts of a row's cells up to the last non-empty one; empty runs stay unexpanded."""
    cells: list[str] = []
    pending_empty = 0
    for cell in row:
        if cell.tag not in (CELL, COVERED_CELL):
            continue
        repeated = _repeat(cell, COLUMNS_REPEATED, file, line)
        text = _cell_text(cell)
        if not text:
            pending_empty += repeated
            continue
        width = len(cells) + pending_empty + repeated
        if width > MAX_COLUMNS:
            raise UnsafeInputError(f"row of {width:,} columns", file=file, line=line)
        cells += [""] * pending_empty + [text] * repeated
        pending_empty = 0
    return cells


def _repeat(element: etree._Element, attribute: str, file: str, line: int) -> int:
    value = element.get(attribute, "1")
    if not value.isdigit() or int(value) < 1:
        raise ParseError(f"bad repeat count {value!r}", file=file, line=line)
    return int(value)


def _cell_text(cell: etree._Element) -> str:
    paragraphs = [_inline_text(paragraph) for paragraph in cell.iter(PARAGRAPH)]
    return "\n".join(paragraphs).strip()


def _inline_text(element: etree._Element) -> str:
    """Text of a paragraph with `<text:s text:c="n"/>`, tabs and line breaks spelled out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == SPACES:
            count = child.get(f"{{{_TEXT}}}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 64))
        elif child.tag == TAB:
            parts.append("\t")
        elif child.tag == LINE_BREAK:
            parts.append("\n")
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
