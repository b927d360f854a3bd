"""OFAC's "enhanced XML" of the Sanctions List Service: bytes -> the list's own records.

The document is `<sanctionsData>`: `<publicationInfo>` (`dataAsOf`, and `<filters>` naming the
lists and programmes the export was restricted to), `<referenceValues>` (code tables: countries
with ISO codes, scripts, alias types ...), `<featureTypes>`, then `<entities>` with one
`<entity id="UID">` per party, where the id is the SDN uid.

Coded values carry a `refId` into the code tables and, in every file seen, the resolved text as
well; when the text is missing it is taken from the table, so records always hold names. The
country table's ISO codes are kept beside country names, so the mapper needs no guessing.
Unicode directional marks (OFAC wraps Arabic names in U+202B ... U+202C) are removed from every
value: they are invisible formatting, not part of any name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from proscribe.errors import ParseError
from proscribe.sources.base import clean, local_name, parse_xml
from proscribe.sources.us_ofac.parse_sdn_xml import (
    Element,
    line_of,
    xml_child,
    xml_children,
)

_DIRECTIONAL = re.compile("[\u202a-\u202e\u200e\u200f]")


@dataclass(frozen=True, slots=True)
class RefValue:
    ref_id: str
    type: str
    value: str
    code: str | None = None
    iso_code: str | None = None


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded value: the text and, for countries, the ISO code from the reference table."""

    text: str
    ref_id: str | None = None
    iso_code: str | None = None


@dataclass(frozen=True, slots=True)
class DatePeriod:
    from_date_begin: str
    to_date_end: str
    is_approximate: bool = False
    is_date_range: bool = False


@dataclass(frozen=True, slots=True)
class Translation:
    script: str
    is_primary: bool
    formatted_full_name: str
    formatted_first_name: str | None = None
    formatted_last_name: str | None = None


@dataclass(frozen=True, slots=True)
class EnhancedName:
    is_primary: bool
    is_low_quality: bool
    alias_type: str | None  # A.K.A. | F.K.A. | N.K.A.; None on the primary name
    translations: tuple[Translation, ...]


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    type: str
    document_number: str
    is_valid: bool = True
    issuing_country: Coded | None = None
    issue_date: DatePeriod | None = None
    expiration_date: DatePeriod | None = None


@dataclass(frozen=True, slots=True)
class Feature:
    type: str
    value: str | None
    value_iso_code: str | None = None  # when the value is a country of the reference table
    value_date: DatePeriod | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class EnhancedAddress:
    country: Coded | None
    parts: tuple[tuple[str, str], ...]  # (ADDRESS1 | CITY | STATE/PROVINCE ..., value)


@dataclass(frozen=True, slots=True)
class Relationship:
    type: str
    related_entity: str | None
    related_entity_id: str | None


@dataclass(frozen=True, slots=True)
class Listing:
    sanctions_list: str
    date_published: str | None


@dataclass(frozen=True, slots=True)
class EnhancedEntity:
    id: str
    line: int | None
    entity_type: str
    title: str | None = None
    remarks: str | None = None
    sanctions_lists: tuple[Listing, ...] = ()
    sanctions_programs: tuple[str, ...] = ()
    sanctions_types: tuple[str, ...] = ()
    legal_authorities: tuple[str, ...] = ()
    names: tuple[EnhancedName, ...] = ()
    identity_documents: tuple[IdentityDocument, ...] = ()
    features: tuple[Feature, ...] = ()
    addresses: tuple[EnhancedAddress, ...] = ()
    relationships: tuple[Relationship, ...] = ()


@dataclass(frozen=True, slots=True)
class EnhancedXml:
    file: str
    data_as_of: str | None
    filter_lists: tuple[str, ...]
    filter_programs: tuple[str, ...]
    reference_values: Mapping[str, RefValue]
    entities: tuple[EnhancedEntity, ...]


def text_of(node: Element | None) -> str | None:
    """Cleaned text without directional marks; None when empty."""
    if node is None or node.text is None:
        return None
    return clean(_DIRECTIONAL.sub("", node.text))


def parse_enhanced_xml(data: bytes, file: str) -> EnhancedXml:
    """Read one enhanced-XML export. Raises ParseError (UnsafeInputError for hostile XML)."""
    root = parse_xml(data, file)
    if local_name(root) != "sanctionsData":
        raise ParseError(
            f"root element is <{local_name(root)}>, not <sanctionsData>",
            file=file,
            line=line_of(root),
        )
    reader = _Reader(file, _reference_values(root))
    info = xml_child(root, "publicationInfo")
    filters = None if info is None else xml_child(info, "filters")
    entities = tuple(
        reader.entity(node)
        for group in xml_children(root, "entities")
        for node in xml_children(group, "entity")
    )
    _check_unique(entities, file)
    return EnhancedXml(
        file=file,
        data_as_of=None if info is None else text_of(xml_child(info, "dataAsOf")),
        filter_lists=reader.texts(filters, "sanctionsLists", "sanctionsList"),
        filter_programs=reader.texts(filters, "sanctionsPrograms", "sanctionsProgram"),
        reference_values=reader.refs,
        entities=entities,
    )


def _reference_values(root: Element) -> dict[str, RefValue]:
    table: dict[str, RefValue] = {}
    for group in xml_children(root, "referenceValues"):
        for node in xml_children(group, "referenceValue"):
            ref_id, value = node.get("refId"), text_of(xml_child(node, "value"))
            if ref_id is None or value is None:
                continue  # an unusable table row cannot be referred to; nothing to keep
            table[ref_id] = RefValue(
                ref_id=ref_id,
                type=text_of(xml_child(node, "type")) or "",
                value=value,
                code=text_of(xml_child(node, "code")),
                iso_code=text_of(xml_child(node, "isoCode")),
            )
    return table


def _check_unique(entities: tuple[EnhancedEntity, ...], file: str) -> None:
    seen: set[str] = set()
    for entity in entities:
        if entity.id in seen:
            raise ParseError(
                f"duplicate entity id {entity.id}", file=file, line=entity.line, field="id"
            )
        seen.add(entity.id)


class _Reader:
    """Reads the parts of an entity, resolving coded values against the reference table."""

    def __init__(self, file: str, refs: Mapping[str, RefValue]) -> None:
        self.file = file
        self.refs = refs

    def fail(self, message: str, node: Element, field: str) -> ParseError:
        return ParseError(message, file=self.file, line=line_of(node), field=field)

    def coded(self, node: Element | None) -> Coded | None:
        """The text of a coded element, taken from the reference table when left empty."""
        if node is None:
            return None
        ref_id = node.get("refId")
        ref = self.refs.get(ref_id) if ref_id is not None else None
        text = text_of(node) or (ref.value if ref is not None else None)
        if text is None:
            return None
        return Coded(text, ref_id, ref.iso_code if ref is not None else None)

    def coded_text(self, node: Element | None) -> str | None:
        coded = self.coded(node)
        return None if coded is None else coded.text

    def required(self, parent: Element, name: str) -> str:
        value = self.coded_text(xml_child(parent, name))
        if value is None:
            raise self.fail(f"<{local_name(parent)}> has no {name}", parent, name)
        return value

    def texts(self, parent: Element | None, group: str, item: str) -> tuple[str, ...]:
        if parent is None:
            return ()
        found = (
            self.coded_text(node)
            for holder in xml_children(parent, group)
            for node in xml_children(holder, item)
        )
        return tuple(text for text in found if text)

    def flag(self, parent: Element, name: str) -> bool:
        return (text_of(xml_child(parent, name)) or "").lower() == "true"

    def entity(self, node: Element) -> EnhancedEntity:
        entity_id = clean(node.get("id"))
        if entity_id is None:
            raise self.fail("<entity> has no id", node, "id")
        info = xml_child(node, "generalInfo")
        if info is None:
            raise self.fail(f"entity {entity_id} has no generalInfo", node, "generalInfo")
        return EnhancedEntity(
            id=entity_id,
            line=line_of(node),
            entity_type=self.required(info, "entityType"),
            title=text_of(xml_child(info, "title")),
            remarks=text_of(xml_child(info, "remarks")),
            sanctions_lists=tuple(
                self.listing(item) for item in self.items(node, "sanctionsLists")
            ),
            sanctions_programs=self.texts(node, "sanctionsPrograms", "sanctionsProgram"),
            sanctions_types=self.texts(node, "sanctionsTypes", "sanctionsType"),
            legal_authorities=self.texts(node, "legalAuthorities", "legalAuthority"),
            names=tuple(self.name(item) for item in self.items(node, "names")),
            identity_documents=tuple(
                self.document(item) for item in self.items(node, "identityDocuments")
            ),
            features=tuple(self.feature(item) for item in self.items(node, "features")),
            addresses=tuple(self.address(item) for item in self.items(node, "addresses")),
            relationships=tuple(
                self.relationship(item) for item in self.items(node, "relationships")
            ),
        )

    @staticmethod
    def items(node: Element, group: str) -> list[Element]:
        # Each group holds one kind of item: <names><name/>..., <features><feature/>...
        return [
            item
            for holder in xml_children(node, group)
            for item in holder
            if isinstance(item.tag, str)
        ]

    def listing(self, node: Element) -> Listing:
        name = self.coded_text(node)
        if name is None:
            raise self.fail("empty sanctionsList", node, "sanctionsList")
        return Listing(name, clean(node.get("datePublished")))

    def name(self, node: Element) -> EnhancedName:
        translations = tuple(self.translation(item) for item in self.items(node, "translations"))
        if not translations:
            raise self.fail("name without translations", node, "translations")
        return EnhancedName(
            is_primary=self.flag(node, "isPrimary"),
            is_low_quality=self.flag(node, "isLowQuality"),
            alias_type=self.coded_text(xml_child(node, "aliasType")),
            translations=translations,
        )

    def translation(self, node: Element) -> Translation:
        return Translation(
            script=self.coded_text(xml_child(node, "script")) or "Latin",
            is_primary=self.flag(node, "isPrimary"),
            formatted_full_name=self.required(node, "formattedFullName"),
            formatted_first_name=text_of(xml_child(node, "formattedFirstName")),
            formatted_last_name=text_of(xml_child(node, "formattedLastName")),
        )

    def document(self, node: Element) -> IdentityDocument:
        valid = text_of(xml_child(node, "isValid"))
        return IdentityDocument(
            type=self.required(node, "type"),
            document_number=self.required(node, "documentNumber"),
            is_valid=valid is None or valid.lower() != "false",
            issuing_country=self.coded(xml_child(node, "issuingCountry")),
            issue_date=self.period(xml_child(node, "issueDate")),
            expiration_date=self.period(xml_child(node, "expirationDate")),
        )

    def period(self, node: Element | None) -> DatePeriod | None:
        if node is None:
            return None
        begin = text_of(xml_child(node, "fromDateBegin"))
        end = text_of(xml_child(node, "toDateEnd")) or begin
        if begin is None or end is None:
            raise self.fail("date without fromDateBegin", node, local_name(node))
        return DatePeriod(
            begin, end, self.flag(node, "isApproximate"), self.flag(node, "isDateRange")
        )

    def feature(self, node: Element) -> Feature:
        value_ref = text_of(xml_child(node, "valueRefId"))
        ref = self.refs.get(value_ref) if value_ref is not None else None
        value = text_of(xml_child(node, "value")) or (ref.value if ref is not None else None)
        return Feature(
            type=self.required(node, "type"),
            value=value,
            value_iso_code=ref.iso_code if ref is not None else None,
            value_date=self.period(xml_child(node, "valueDate")),
            line=line_of(node),
        )

    def address(self, node: Element) -> EnhancedAddress:
        parts: list[tuple[str, str]] = []
        # Only the primary (Latin) translation is read: the one every address has.
        for translation in self.items(node, "translations"):
            if not self.flag(translation, "isPrimary"):
                continue
            for part in self.items(translation, "addressParts"):
                kind, value = (
                    self.coded_text(xml_child(part, "type")),
                    text_of(xml_child(part, "value")),
                )
                if kind is not None and value is not None:
                    parts.append((kind, value))
        return EnhancedAddress(self.coded(xml_child(node, "country")), tuple(parts))

    def relationship(self, node: Element) -> Relationship:
        related = xml_child(node, "relatedEntity")
        return Relationship(
            type=self.required(node, "type"),
            related_entity=text_of(related),
            related_entity_id=None if related is None else clean(related.get("entityId")),
        )
