"""OFAC's legacy CSV files, read into their own records (publisher field names kept).

One publication is a set of four headerless CSV files keyed by `ent_num` (the OFAC uid):

    sdn.csv / cons_prim.csv          ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
                                     Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
    alt.csv / cons_alt.csv           ent_num, alt_num, alt_type, alt_name, alt_remarks
    add.csv / cons_add.csv           ent_num, add_num, Address, City/State/Province/Postal Code,
                                     Country, add_remarks
    sdn_comments.csv / cons_comments.csv   ent_num, Remarks continuation

Empty values are the unquoted token `-0- `; lines end in CRLF (LF in some copies); a Ctrl-Z
byte may close the file, alone on the last line. Remarks are cut at 1,000 characters and go on
in the comments file, glued on without a separator (the cut falls mid-word).

Reading is strict: a wrong column count, a non-numeric or repeated uid, an unknown alias type,
a missing name, or a row of an optional file whose uid is not in the main file raises
ParseError with file, line and field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from proscribe.errors import ParseError
from proscribe.sources.base import decode_text

SDN_COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
ADD_COLUMNS = (
    "ent_num",
    "add_num",
    "Address",
    "City/State/Province/Postal Code",
    "Country",
    "add_remarks",
)
COMMENT_COLUMNS = ("ent_num", "Remarks")

ALT_TYPES = frozenset({"aka", "fka", "nka"})
EMPTY = "-0-"
CTRL_Z = "\x1a"
# OFAC cuts Remarks at this length and continues them in the comments file.
REMARKS_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class SdnRow:
    """One row of sdn.csv (or cons_prim.csv). Empty values are None; text is as published."""

    line: int
    ent_num: str
    SDN_Name: str
    SDN_Type: str | None
    Program: str | None
    Title: str | None
    Call_Sign: str | None
    Vess_type: str | None
    Tonnage: str | None
    GRT: str | None
    Vess_flag: str | None
    Vess_owner: str | None
    Remarks: str | None


@dataclass(frozen=True, slots=True)
class AltRow:
    line: int
    ent_num: str
    alt_num: str
    alt_type: str
    alt_name: str
    alt_remarks: str | None


@dataclass(frozen=True, slots=True)
class AddRow:
    line: int
    ent_num: str
    add_num: str
    Address: str | None
    City: str | None  # OFAC: City/State/Province/Postal Code, in one field
    Country: str | None
    add_remarks: str | None


@dataclass(slots=True)
class CsvSet:
    """The records of one publication, grouped by uid; `comments` already joined per uid."""

    main: list[SdnRow]
    alts: dict[str, list[AltRow]] = field(default_factory=dict)
    addresses: dict[str, list[AddRow]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    has_comments_file: bool = False


def value(text: str) -> str | None:
    """A field as published, or None for OFAC's empty token `-0- ` (and blank fields)."""
    if text == "-0- ":  # the common case, checked first: called for every field
        return None
    stripped = text.strip()
    return None if not stripped or stripped == EMPTY else text


def rows(data: bytes, file: str, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) of every row, checked for width. Blank lines and a final Ctrl-Z skipped."""
    text = decode_text(data, file)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    ended_at: int | None = None
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or fields == [""]:
                continue
            if fields == [CTRL_Z]:  # end-of-file marker on a line of its own
                ended_at = line
                continue
            if ended_at is not None:
                raise ParseError(
                    f"data after the end-of-file byte of line {ended_at}", file=file, line=line
                )
            _check_width(fields, columns, file, line)
            yield line, fields
    except csv.Error as error:
        raise ParseError(f"malformed CSV: {error}", file=file, line=reader.line_num) from error


def _check_width(fields: list[str], columns: tuple[str, ...], file: str, line: int) -> None:
    if len(fields) == len(columns):
        return
    if len(fields) < len(columns):
        missing = columns[len(fields)]
        raise ParseError(
            f"{len(fields)} columns instead of {len(columns)}: {missing} missing",
            file=file,
            line=line,
            field=missing,
        )
    raise ParseError(
        f"{len(fields)} columns instead of {len(columns)}",
        file=file,
        line=line,
        field=f"column {len(columns) + 1}",
    )


def _uid(text: str, file: str, line: int, name: str = "ent_num") -> str:
    uid = text.strip()
    if not uid.isdigit():
        raise ParseError(f"{name} {text!r} is not a number", file=file, line=line, field=name)
    return str(int(uid))


def _required(text: str, file: str, line: int, name: str) -> str:
    found = value(text)
    if found is None:
        raise ParseError(f"{name} is empty", file=file, line=line, field=name)
    return found


def read_main(data: bytes, file: str) -> list[SdnRow]:
    """sdn.csv or cons_prim.csv; uids must be unique."""
    out: list[SdnRow] = []
    seen: dict[str, int] = {}
    for line, fields in rows(data, file, SDN_COLUMNS):
        uid = _uid(fields[0], file, line)
        if uid in seen:
            raise ParseError(
                f"ent_num {uid} repeats the row of line {seen[uid]}",
                file=file,
                line=line,
                field="ent_num",
            )
        seen[uid] = line
        name = _required(fields[1], file, line, "SDN_Name")
        out.append(SdnRow(line, uid, name, *(value(text) for text in fields[2:])))
    return out


def read_alts(data: bytes, file: str, uids: set[str]) -> dict[str, list[AltRow]]:
    out: dict[str, list[AltRow]] = {}
    for line, fields in rows(data, file, ALT_COLUMNS):
        uid = _known_uid(fields[0], file, line, uids)
        alt_type = (value(fields[2]) or "").strip().lower()
        if alt_type not in ALT_TYPES:
            raise ParseError(
                f"alt_type {fields[2]!r} is not aka, fka or nka",
                file=file,
                line=line,
                field="alt_type",
            )
        row = AltRow(
            line,
            uid,
            _uid(fields[1], file, line, "alt_num"),
            alt_type,
            _required(fields[3], file, line, "alt_name"),
            value(fields[4]),
        )
        out.setdefault(uid, []).append(row)
    return out


def read_addresses(data: bytes, file: str, uids: set[str]) -> dict[str, list[AddRow]]:
    out: dict[str, list[AddRow]] = {}
    for line, fields in rows(data, file, ADD_COLUMNS):
        uid = _known_uid(fields[0], file, line, uids)
        row = AddRow(
            line, uid, _uid(fields[1], file, line, "add_num"), *(value(text) for text in fields[2:])
        )
        out.setdefault(uid, []).append(row)
    return out


def read_comments(data: bytes, file: str, uids: set[str]) -> dict[str, str]:
    """Remarks continuations per uid, as published (not stripped: they are glued on)."""
    out: dict[str, str] = {}
    for line, fields in rows(data, file, COMMENT_COLUMNS):
        uid = _known_uid(fields[0], file, line, uids)
        text = value(fields[1])
        if text is not None:
            out[uid] = out.get(uid, "") + text
    return out


def _known_uid(text: str, file: str, line: int, uids: set[str]) -> str:
    uid = _uid(text, file, line)
    if uid not in uids:
        raise ParseError(
            f"ent_num {uid} is not in the main file", file=file, line=line, field="ent_num"
        )
    return uid


def read_set(
    main: tuple[str, bytes],
    alt: tuple[str, bytes] | None = None,
    add: tuple[str, bytes] | None = None,
    comments: tuple[str, bytes] | None = None,
) -> CsvSet:
    """Read a publication: the main file and whichever optional files are given."""
    records = CsvSet(read_main(main[1], main[0]))
    uids = {row.ent_num for row in records.main}
    if alt is not None:
        records.alts = read_alts(alt[1], alt[0], uids)
    if add is not None:
        records.addresses = read_addresses(add[1], add[0], uids)
    if comments is not None:
        records.comments = read_comments(comments[1], comments[0], uids)
        records.has_comments_file = True
    return records


def sniff_main(data: bytes) -> bool:
    """Whether bytes start like sdn.csv / cons_prim.csv: 12 columns and a numeric ent_num."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    first_line = head.split(b"\n", 1)[0].rstrip(b"\r").decode("cp1252", errors="replace")
    try:
        fields = next(csv.reader([first_line]), [])
    except csv.Error:
        return False
    return len(fields) == len(SDN_COLUMNS) and fields[0].strip().isdigit()
