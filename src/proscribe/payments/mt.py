"""SWIFT MT103 and MT202: the parties of block 4, and the sender and receiver of blocks 1 and 2.

    {1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{108:REF}}{4:
    :20:REF
    :50K:/12345678
    JOHN DOE
    :59:/DE89370400440532013000
    JANE ROE
    :70:INVOICE 42
    -}

Field tags keep SWIFT's spelling (50K, 59A) in the path, the tag's option letter says how the
field is laid out: A and C a BIC after an optional account line; F numbered lines (1/ name,
2/ address, 3/ country and town); B a location only; the others a name then address lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from proscribe.errors import ParseError
from proscribe.model import country_code
from proscribe.payments.message import Field, FieldKind, Message
from proscribe.sources.base import decode_text

TYPES = {"103": "MT103", "202": "MT202"}
ROLES = {
    "50": "ordering_customer",
    "52": "ordering_institution",
    "53": "senders_correspondent",
    "54": "receivers_correspondent",
    "55": "third_reimbursement_institution",
    "56": "intermediary_institution",
    "57": "account_with_institution",
    "58": "beneficiary_institution",
    "59": "beneficiary_customer",
    "70": "remittance_information",
    "72": "sender_to_receiver_information",
    "77B": "regulatory_reporting",
}
TEXT_TAGS = {"70", "72", "77B"}
BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
_BLOCK_START = re.compile(r"\{([0-9A-Z]{1,3}):")
_FIELD = re.compile(r"^:(\d{2}[A-Z]?):(.*)$")


@dataclass(frozen=True, slots=True)
class _Tag:
    tag: str
    line: int  # line of the file the field starts on
    lines: tuple[str, ...]


def parse_mt(data: bytes, name: str) -> Message:
    text = decode_text(data, name)
    blocks = _blocks(text, name)
    if "2" not in blocks:
        raise ParseError(
            "no application header (block 2): message type unknown", file=name, field="block 2"
        )
    header, _ = blocks["2"]
    found = re.match(r"^[IO](\d{3})", header)
    if found is None or found.group(1) not in TYPES:
        raise ParseError(
            f"unknown message type {header[:4]!r}: only MT103 and MT202 are read",
            file=name,
            field="block 2",
        )
    if "4" not in blocks:
        raise ParseError("no text block (block 4)", file=name, field="block 4")
    body, line = blocks["4"]
    fields = [*_header_parties(blocks), *_body_fields(_tags(body, line, name), name)]
    return Message(type=TYPES[found.group(1)], fields=tuple(fields))


def _blocks(text: str, name: str) -> dict[str, tuple[str, int]]:
    """Top-level blocks by id, with the line each one's content starts on. Block 4 ends at
    '-}' on a line of its own; the others end at their matching brace (3 and 5 nest)."""
    blocks: dict[str, tuple[str, int]] = {}
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        line = text.count("\n", 0, position) + 1
        start = _BLOCK_START.match(text, position)
        if start is None:
            raise ParseError(
                f"expected a block '{{n:' at {text[position : position + 10]!r}",
                file=name,
                line=line,
            )
        block, content_start = start.group(1), start.end()
        end = _block_end(text, block, content_start)
        if end is None:
            raise ParseError(
                "block is not closed" + (" by '-}'" if block == "4" else ""),
                file=name,
                line=line,
                field=f"block {block}",
            )
        blocks[block] = (text[content_start:end], line)
        position = end + (2 if block == "4" else 1)
    return blocks


def _block_end(text: str, block: str, start: int) -> int | None:
    if block == "4":
        found = re.compile(r"\r?\n-\}").search(text, start)
        return None if found is None else found.start() + found.group(0).index("-")
    depth = 1
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _tags(body: str, first_line: int, name: str) -> list[_Tag]:
    tags: list[_Tag] = []
    current: tuple[str, int, list[str]] | None = None
    for offset, raw in enumerate(body.split("\n")):
        line, number = raw.rstrip("\r"), first_line + offset
        if offset == 0 and not line.strip():
            continue  # block 4 opens with a line break
        field = _FIELD.match(line)
        if field is not None:
            if current is not None:
                tags.append(_Tag(current[0], current[1], tuple(current[2])))
            current = (field.group(1), number, [field.group(2)])
        elif current is None:
            raise ParseError(
                f"text outside any field: {line[:40]!r}", file=name, line=number, field="block 4"
            )
        else:
            current[2].append(line)
    if current is not None:
        tags.append(_Tag(current[0], current[1], tuple(current[2])))
    return tags


def _body_fields(tags: list[_Tag], name: str) -> Iterator[Field]:
    for tag in tags:
        number = tag.tag if tag.tag in ROLES else tag.tag[:2]
        if number not in ROLES:
            continue
        role, option = ROLES[number], tag.tag[2:]
        lines = [line.strip() for line in tag.lines if line.strip()]
        if tag.tag in TEXT_TAGS or number in TEXT_TAGS:
            yield Field(role, tag.tag, FieldKind.TEXT, " ".join(lines))
        elif option in {"A", "C"}:
            yield _bic_field(tag, role, lines, name)
        elif option == "F":
            yield from _structured(tag.tag, role, lines)
        elif option != "B":
            yield from _name_and_address(tag.tag, role, lines)


def _bic_field(tag: _Tag, role: str, lines: list[str], name: str) -> Field:
    values = [line for line in lines if not line.startswith("/")]
    if not values or not BIC.match(values[0].upper()):
        raise ParseError(
            f"expected a BIC, found {(values or [''])[0]!r}",
            file=name,
            line=tag.line,
            field=tag.tag,
        )
    return Field(role, tag.tag, FieldKind.BIC, values[0].upper())


def _structured(tag: str, role: str, lines: list[str]) -> Iterator[Field]:
    """Option F: '1/' name lines, '2/' address lines, '3/CC/TOWN' country and town."""
    numbered = [(line[:2], line[2:]) for line in lines if re.match(r"^\d/", line)]
    country = next((country_code(v[:2]) for k, v in numbered if k == "3/"), None)
    name = " ".join(v for k, v in numbered if k == "1/")
    if name:
        yield Field(role, tag, FieldKind.NAME, name, country)
    address = " ".join(v.replace("/", " ") for k, v in numbered if k in {"2/", "3/"})
    if address:
        yield Field(role, tag, FieldKind.TEXT, address, country)


def _name_and_address(tag: str, role: str, lines: list[str]) -> Iterator[Field]:
    """Options K, D and none: an optional '/account' line, the name, then address lines."""
    rest = lines[1:] if lines and lines[0].startswith("/") else lines
    if rest:
        yield Field(role, tag, FieldKind.NAME, rest[0])
    if len(rest) > 1:
        yield Field(role, tag, FieldKind.TEXT, " ".join(rest[1:]))


def _header_parties(blocks: dict[str, tuple[str, int]]) -> Iterator[Field]:
    """Sender and receiver BICs from their 12-character logical terminal addresses: an input
    message (I) names its sender in block 1 and receiver in block 2; an output message (O) its
    receiver in block 1 and the sender at characters 14 to 26 of block 2."""
    basic = blocks.get("1", ("", 0))[0]
    application = blocks["2"][0]
    first = _terminal_bic(basic[3:15])
    output = application.startswith("O")
    second = _terminal_bic(application[14:26] if output else application[4:16])
    if first:
        yield Field("receiver" if output else "sender", "block 1", FieldKind.BIC, first)
    if second:
        yield Field("sender" if output else "receiver", "block 2", FieldKind.BIC, second)


def _terminal_bic(address: str) -> str | None:
    """BANKBEBBAXXX -> BANKBEBB (branch XXX dropped), BANKBEBBA123 -> BANKBEBB123."""
    if len(address) != 12:
        return None
    branch = address[9:]
    bic = address[:8] + ("" if branch == "XXX" else branch)
    return bic if BIC.match(bic) else None
