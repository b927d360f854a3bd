"""OFAC's classic XML (`sdn.xml`, `consolidated.xml`): bytes -> the list's own records.

The document is `<sdnList>` with one `<publshInformation>` (sic: OFAC's spelling) holding
`Publish_Date` (MM/DD/YYYY) and `Record_Count`, then one `<sdnEntry>` per listed party keyed by
its `uid`. OFAC moved the schema to a new namespace in 2024 (`http://tempuri.org/sdnList.xsd`
before, the Sanctions List Service's `.../exports/XML` after) without changing the element
names, so everything here matches on local names and ignores namespaces.

Records keep OFAC's field names in snake case (`lastName` -> `last_name`); turning them into
entities is `map_xml`'s job. The reader is strict: an entry without a uid or a last name, a
duplicate uid or an unreadable publication date raises ParseError with file, line and field.
The small element helpers at the top are shared with the enhanced-XML reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree

from proscribe.errors import ParseError
from proscribe.sources.base import clean, local_name, parse_xml

Element = etree._Element


def xml_children(element: Element, name: str) -> list[Element]:
    """The child elements called `name`, whatever their namespace."""
    return [child for child in element if local_name(child) == name]


def xml_child(element: Element, name: str) -> Element | None:
    for child in element:
        if local_name(child) == name:
            return child
    return None


def xml_text(element: Element, name: str) -> str | None:
    """The cleaned text of the first child called `name`; None when absent or empty."""
    child = xml_child(element, name)
    return None if child is None else clean(child.text)


def xml_texts(element: Element, path: tuple[str, ...]) -> tuple[str, ...]:
    """The cleaned texts at a path of local names, e.g. ("programList", "program")."""
    level = [element]
    for name in path:
        level = [child for parent in level for child in xml_children(parent, name)]
    return tuple(text for text in (clean(node.text) for node in level) if text)


def line_of(element: Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


@dataclass(frozen=True, slots=True)
class SdnId:
    id_type: str
    id_number: str
    id_country: str | None = None
    issue_date: str | None = None
    expiration_date: str | None = None


@dataclass(frozen=True, slots=True)
class SdnAka:
    type: str  # a.k.a. | f.k.a. | n.k.a.
    category: str  # strong | weak
    last_name: str
    first_name: str | None = None


@dataclass(frozen=True, slots=True)
class SdnAddress:
    address1: str | None = None
    address2: str | None = None
    address3: str | None = None
    city: str | None = None
    state_or_province: str | None = None
    postal_code: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class SdnVesselInfo:
    call_sign: str | None = None
    vessel_type: str | None = None
    vessel_flag: str | None = None
    vessel_owner: str | None = None
    tonnage: str | None = None
    gross_registered_tonnage: str | None = None


@dataclass(frozen=True, slots=True)
class SdnEntry:
    uid: str
    line: int | None
    sdn_type: str
    last_name: str
    first_name: str | None = None
    title: str | None = None
    remarks: str | None = None
    programs: tuple[str, ...] = ()
    ids: tuple[SdnId, ...] = ()
    akas: tuple[SdnAka, ...] = ()
    addresses: tuple[SdnAddress, ...] = ()
    nationalities: tuple[str, ...] = ()
    citizenships: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()
    places_of_birth: tuple[str, ...] = ()
    vessel_info: SdnVesselInfo | None = None


@dataclass(frozen=True, slots=True)
class SdnXml:
    file: str
    publish_date: date | None
    record_count: int | None
    entries: tuple[SdnEntry, ...]


def parse_sdn_xml(data: bytes, file: str) -> SdnXml:
    """Read one classic OFAC XML file. Raises ParseError (UnsafeInputError for hostile XML)."""
    root = parse_xml(data, file)
    if local_name(root) != "sdnList":
        raise ParseError(
            f"root element is <{local_name(root)}>, not <sdnList>", file=file, line=line_of(root)
        )
    info = xml_child(root, "publshInformation")
    entries = tuple(_entry(node, file) for node in xml_children(root, "sdnEntry"))
    _check_unique(entries, file)
    return SdnXml(
        file=file,
        publish_date=None if info is None else _publish_date(info, file),
        record_count=None if info is None else _record_count(info, file),
        entries=entries,
    )


def _publish_date(info: Element, file: str) -> date | None:
    text = xml_text(info, "Publish_Date")
    if text is None:
        return None
    try:
        # Always month first: 04/06/2018 is 6 April 2018 (OFAC is American).
        return datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError as error:
        raise ParseError(
            f"unreadable date {text!r}", file=file, line=line_of(info), field="Publish_Date"
        ) from error


def _record_count(info: Element, file: str) -> int | None:
    text = xml_text(info, "Record_Count")
    if text is None:
        return None
    if not text.isdigit():
        raise ParseError(
            f"not a count: {text!r}", file=file, line=line_of(info), field="Record_Count"
        )
    return int(text)


def _required(node: Element, name: str, file: str) -> str:
    value = xml_text(node, name)
    if value is None:
        raise ParseError(
            f"<{local_name(node)}> has no {name}", file=file, line=line_of(node), field=name
        )
    return value


def _entry(node: Element, file: str) -> SdnEntry:
    uid = _required(node, "uid", file)
    vessel = xml_child(node, "vesselInfo")
    return SdnEntry(
        uid=uid,
        line=line_of(node),
        sdn_type=_required(node, "sdnType", file),
        last_name=_required(node, "lastName", file),
        first_name=xml_text(node, "firstName"),
        title=xml_text(node, "title"),
        remarks=xml_text(node, "remarks"),
        programs=xml_texts(node, ("programList", "program")),
        ids=tuple(_id(item, file) for item in _items(node, "idList", "id")),
        akas=tuple(_aka(item, file) for item in _items(node, "akaList", "aka")),
        addresses=tuple(_address(item) for item in _items(node, "addressList", "address")),
        nationalities=xml_texts(node, ("nationalityList", "nationality", "country")),
        citizenships=xml_texts(node, ("citizenshipList", "citizenship", "country")),
        dates_of_birth=xml_texts(node, ("dateOfBirthList", "dateOfBirthItem", "dateOfBirth")),
        places_of_birth=xml_texts(node, ("placeOfBirthList", "placeOfBirthItem", "placeOfBirth")),
        vessel_info=None if vessel is None else _vessel(vessel),
    )


def _items(node: Element, list_name: str, item_name: str) -> list[Element]:
    return [
        item for group in xml_children(node, list_name) for item in xml_children(group, item_name)
    ]


def _id(item: Element, file: str) -> SdnId:
    return SdnId(
        id_type=_required(item, "idType", file),
        id_number=_required(item, "idNumber", file),
        id_country=xml_text(item, "idCountry"),
        issue_date=xml_text(item, "issueDate"),
        expiration_date=xml_text(item, "expirationDate"),
    )


def _aka(item: Element, file: str) -> SdnAka:
    return SdnAka(
        type=_required(item, "type", file),
        category=_required(item, "category", file),
        last_name=_required(item, "lastName", file),
        first_name=xml_text(item, "firstName"),
    )


def _address(item: Element) -> SdnAddress:
    return SdnAddress(
        address1=xml_text(item, "address1"),
        address2=xml_text(item, "address2"),
        address3=xml_text(item, "address3"),
        city=xml_text(item, "city"),
        state_or_province=xml_text(item, "stateOrProvince"),
        postal_code=xml_text(item, "postalCode"),
        country=xml_text(item, "country"),
    )


def _vessel(item: Element) -> SdnVesselInfo:
    return SdnVesselInfo(
        call_sign=xml_text(item, "callSign"),
        vessel_type=xml_text(item, "vesselType"),
        vessel_flag=xml_text(item, "vesselFlag"),
        vessel_owner=xml_text(item, "vesselOwner"),
        tonnage=xml_text(item, "tonnage"),
        gross_registered_tonnage=xml_text(item, "grossRegisteredTonnage"),
    )


def _check_unique(entries: tuple[SdnEntry, ...], file: str) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.uid in seen:
            raise ParseError(f"duplicate uid {entry.uid}", file=file, line=entry.line, field="uid")
        seen.add(entry.uid)
