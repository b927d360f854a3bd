"""OFAC's XML records -> entities, for the classic XML and the enhanced XML alike.

Both formats describe a party with the same vocabulary of labelled facts: the classic XML puts
them in `<idList>` (`idType` + `idNumber`), the enhanced XML splits them into identity documents
and features, but the labels are the same ("Passport", "SWIFT/BIC", "Website", "Secondary
sanctions risk:", "Digital Currency Address - XBT" ...). `Facts.add_labelled` sorts each label
into a typed slot: an identifier of a known type, a country with its role, gender, or an `extra`
value under a FollowTheMoney property name. The tables below cover every document and feature
type in OFAC's reference tables of 2024. A label we do not know becomes an identifier of type
OTHER (it keeps its label) unless it reads like an annotation ("...:" or "... -"), which goes to
`notes`: nothing OFAC states is dropped.

Names: OFAC writes individuals "SURNAME, Given Names" and we keep that as the full name, with the
parts in first/last; entities, vessels and aircraft have only a last name, which is the name.
Weak (low-quality) aliases are WEAK_ALIAS whatever their alias type; f.k.a. is FORMER; the
enhanced XML's translations in non-Latin scripts are ORIGINAL_SCRIPT with the script as OFAC
names it ("Arabic", "Cyrillic", "Chinese Traditional").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from proscribe.errors import ParseError
from proscribe.model import (
    Address,
    Country,
    CountryRole,
    DateSpec,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    PartialDate,
    Schema,
    country_code,
    parse_date_spec,
    unique,
)
from proscribe.sources.us_ofac.parse_enhanced_xml import (
    DatePeriod,
    EnhancedAddress,
    EnhancedEntity,
    EnhancedName,
    EnhancedXml,
    Feature,
    IdentityDocument,
)
from proscribe.sources.us_ofac.parse_sdn_xml import SdnAddress, SdnEntry, SdnXml

SDN_SOURCE = "us_ofac_sdn"
CONS_SOURCE = "us_ofac_cons"

_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRPLANE,
}


def _labels(text: str) -> list[str]:
    """A table of labels written as `a | b | c`: OFAC's code lists are long and flat."""
    return [label.strip() for label in text.split("|") if label.strip()]


# Document and feature types (lower case) with an identifier type of their own.
_IDENTIFIER_TYPES: dict[str, IdentifierType] = {
    **dict.fromkeys(
        _labels(
            "cedula no. | national id no. | d.n.i. | identification number | personal id card"
            " | ssn | n.i.e. | credencial electoral | kenyan id no. | c.u.r.p. | c.i.n."
            " | immigration no. | public security and immigration no. | electoral registry no."
            " | national foreign id number | cnp (personal numerical code) | i.f.e."
            " | turkish identification number | stateless person id card | refugee id card"
            " | numero de identidad | tazkira national id card | citizen's card number"
            " | uae identification | birth certificate number | residency number | c.u.i.p."
            " | romanian permanent resident | cartilla de servicio militar nacional"
            " | military registration number | driver's license no. | bosnian personal id no."
            " | moroccan personal id no."
        ),
        IdentifierType.NATIONAL_ID,
    ),
    **dict.fromkeys(
        _labels(
            "tax id no. | r.f.c. | rfc | nit # | us fein | ruc # | c.i.f. | n.i.f. | rif #"
            " | c.u.i.t. | c.u.i. | v.a.t. number | italian fiscal code | fiscal code | rtn"
            " | paraguayan tax identification number | rsin | romanian tax registration"
            " | numero unico de identificacao tributaria (nuit)"
        ),
        IdentifierType.TAX_ID,
    ),
    **dict.fromkeys(
        _labels(
            "registration id | registration number | business registration document #"
            " | business registration number | commercial registry number | company number"
            " | uk company number | public registration number | government gazette number"
            " | legal entity number | le number | registered charity no. | trade license no."
            " | c.r. no. | romanian c.r. | certificate of incorporation number"
            " | matricula mercantil no | folio mercantil no. | istanbul chamber of comm. no."
            " | chamber of commerce number | dubai chamber of commerce membership no."
            " | registration certificate number (dubai) | unified social credit code (uscc)"
            " | united social credit code certificate (usccc) | enterprise number"
            " | organization code | business number | branch unit number"
            " | chinese commercial code | central registration system number"
            " | economic register number (cbls) | msb registration number | license"
            " | tourism license no. | afghan money service provider license number"
            " | russian state individual business registration number pattern (ogrnip)"
            " | d-u-n-s number | file number | permit number | sre permit no."
            " | aircraft tail number | previous aircraft tail number"
        ),
        IdentifierType.REGISTRATION,
    ),
    "travel document number": IdentifierType.PASSPORT,
    "vessel registration identification": IdentifierType.IMO,
    "mmsi": IdentifierType.MMSI,
    "vessel call sign": IdentifierType.CALL_SIGN,
    "other vessel call sign": IdentifierType.CALL_SIGN,
    "swift/bic": IdentifierType.SWIFT_BIC,
    "aircraft manufacturer's serial number (msn)": IdentifierType.AIRCRAFT_SERIAL,
    "aircraft serial identification": IdentifierType.AIRCRAFT_SERIAL,
}
# Labelled facts with no identifier type: FollowTheMoney property names.
_EXTRA_KEYS = {
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "secondary sanctions risk:": "secondarySanctions",
    "additional sanctions information -": "secondarySanctions",
    "for more information, please see:": "sourceUrl",
    "organization type:": "sector",
    "target type": "legalForm",
    "equity ticker": "ticker",
    "aircraft model": "model",
    "aircraft operator": "operator",
    "vessel type": "type",
    "other vessel type": "type",
    "vessel owner": "ownerName",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "grossRegisteredTonnage",
    "vessel year of build": "buildDate",
    "title": "position",
}
_DATE_KEYS = {
    "organization established date": "incorporationDate",
    "aircraft manufacture date": "buildDate",
}
_COUNTRY_ROLES = {
    "nationality country": CountryRole.NATIONALITY,
    "citizenship country": CountryRole.CITIZENSHIP,
    "vessel flag": CountryRole.FLAG,
    "other vessel flag": CountryRole.FLAG,
    "nationality of registration": CountryRole.JURISDICTION,
    "registration country": CountryRole.JURISDICTION,
}
# Where a country we cannot resolve is kept, by role (FtM property names).
_UNRESOLVED_COUNTRY_KEYS = {
    CountryRole.NATIONALITY: "nationality",
    CountryRole.CITIZENSHIP: "citizenship",
    CountryRole.FLAG: "flag",
    CountryRole.JURISDICTION: "jurisdiction",
}
# Annotations about the designation rather than facts about the party.
_NOTE_PREFIXES = tuple(
    _labels(
        "executive order | caatsa | listing date | effective date | purchase/sales | ifca"
        " | peesa | transactions prohibited | issuer name | location"
    )
)
# OFAC's way of saying "no flag": a statement of absence, not a country to keep.
_NO_COUNTRY = {"none identified", "unknown"}
_LINKED_TO = re.compile(r"Linked To: ([^)]+)\)")


def _label_key(label: str) -> str:
    return " ".join(label.replace("\u2019", "'").lower().split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@dataclass
class Facts:
    """What one entry states besides its names, collected into the entity's typed slots."""

    file: str
    line: int | None
    identifiers: list[Identifier] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    birth_dates: list[DateSpec] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)
    gender: str | None = None

    def fail(self, message: str, field_name: str, line: int | None = None) -> ParseError:
        return ParseError(message, file=self.file, line=line or self.line, field=field_name)

    def date(self, text: str, field_name: str, line: int | None = None) -> DateSpec:
        try:
            return parse_date_spec(text)
        except ValueError as error:
            raise self.fail(str(error), field_name, line) from error

    def add_extra(self, key: str, value: str | None) -> None:
        if value:
            self.extra.setdefault(key, []).append(value)

    def add_country(self, text: str | None, role: CountryRole, iso: str | None = None) -> None:
        if not text or text.lower() in _NO_COUNTRY:
            return
        code = iso.lower() if iso else country_code(text)
        if code is not None:
            self.countries.append(Country(code, role))
        else:
            self.add_extra(_UNRESOLVED_COUNTRY_KEYS.get(role, "country"), text)

    def add_birth_place(self, place: str) -> None:
        """The place as written; its country too when the last part names one ("Qom, Iran")."""
        self.birth_places.append(place)
        code = country_code(place.rsplit(",", 1)[-1])
        if code is not None:
            self.countries.append(Country(code, CountryRole.BIRTH_PLACE))

    def add_identifier(
        self,
        kind: IdentifierType,
        label: str,
        value: str,
        country: str | None = None,
        country_iso: str | None = None,
    ) -> None:
        if kind is IdentifierType.IMO:
            value = re.sub(r"^IMO\s*", "", value)  # classic XML writes "IMO 9187629"
        code = country_iso.lower() if country_iso else (country_code(country) if country else None)
        if country and code is None:
            label = f"{label} ({country})"  # keep the wording of a country we cannot resolve
        self.identifiers.append(Identifier(kind, value, code, label))

    def add_labelled(
        self,
        label: str,
        value: str,
        *,
        country: str | None = None,
        country_iso: str | None = None,
        line: int | None = None,
    ) -> None:
        """Sort one labelled fact (an idType, document type or feature type) into its slot."""
        key = _label_key(label)
        if key in _IDENTIFIER_TYPES:
            self.add_identifier(_IDENTIFIER_TYPES[key], label, value, country, country_iso)
        elif key in _EXTRA_KEYS:
            self.add_extra(_EXTRA_KEYS[key], value)
        elif key in _DATE_KEYS:
            self.add_extra(_DATE_KEYS[key], self.date(value, label, line).iso)
        elif key in _COUNTRY_ROLES:
            self.add_country(value, _COUNTRY_ROLES[key], country_iso)
        elif key == "former vessel flag":
            if value.lower() not in _NO_COUNTRY:
                self.add_extra("pastFlags", country_code(value) or value)
        elif key == "gender":
            self.gender = value.lower()
        elif key == "place of birth":
            self.add_birth_place(value)
        elif key == "birthdate":
            self.birth_dates.append(self.date(value, label, line))
        else:
            self._add_unlisted(label, key, value, country, country_iso)

    def _add_unlisted(
        self, label: str, key: str, value: str, country: str | None, country_iso: str | None
    ) -> None:
        if "passport" in key:
            self.add_identifier(IdentifierType.PASSPORT, label, value, country, country_iso)
        elif key.startswith("digital currency address"):
            self.add_identifier(IdentifierType.CRYPTO_ADDRESS, label, value)
        elif key.startswith(_NOTE_PREFIXES) or key.endswith((":", " -")):
            self.add_extra("notes", f"{label.rstrip(' :-')}: {value}")
        else:
            self.add_identifier(IdentifierType.OTHER, label, value, country, country_iso)

    def add_address(
        self,
        street: str | None,
        city: str | None,
        region: str | None,
        postal_code: str | None,
        country: str | None,
        country_iso: str | None = None,
    ) -> None:
        full = ", ".join(part for part in (street, city, region, postal_code, country) if part)
        if not full:
            return  # OFAC lists empty <address/> elements for some aircraft
        code = country_iso.lower() if country_iso else (country_code(country) if country else None)
        self.addresses.append(Address(full, street, city, region, postal_code, code))
        if code is not None:
            self.countries.append(Country(code, CountryRole.ADDRESS))

    def entity(
        self,
        source: str,
        entity_id: str,
        schema: Schema,
        names: list[Name],
        designation: Designation,
        links: tuple[Link, ...] = (),
    ) -> Entity:
        if not names:
            raise self.fail(f"entry {entity_id} has no name", "names")
        return Entity(
            source=source,
            id=entity_id,
            schema=schema,
            names=unique(names),
            designation=designation,
            birth_dates=unique(self.birth_dates),
            birth_places=unique(self.birth_places),
            gender=self.gender,
            countries=unique(self.countries),
            identifiers=unique(self.identifiers),
            addresses=unique(self.addresses),
            links=unique(links),
            extra={key: unique(values) for key, values in self.extra.items()},
        )


def _schema(text: str, facts: Facts, field_name: str) -> Schema:
    schema = _SCHEMAS.get(text.lower())
    if schema is None:
        raise facts.fail(f"unknown party type {text!r}", field_name)
    return schema


def _person_name(last: str, first: str | None, kind: NameKind, person: bool) -> Name:
    # Without a first name the "last name" is often the whole name ("KLIMT, Gustav", "Abu
    # Saqar"), so parts are only given when OFAC splits the name.
    if not person or not first:
        return Name(last, kind)
    return Name(f"{last}, {first}", kind, first=first, last=last)


# --- classic XML ------------------------------------------------------------------------------


def map_sdn_xml(parsed: SdnXml, source: str) -> list[Entity]:
    return [map_sdn_entry(entry, source, parsed.file) for entry in parsed.entries]


def map_sdn_entry(entry: SdnEntry, source: str, file: str) -> Entity:
    facts = Facts(file, entry.line)
    schema = _schema(entry.sdn_type, facts, "sdnType")
    person = schema is Schema.PERSON
    names = [_person_name(entry.last_name, entry.first_name, NameKind.PRIMARY, person)]
    for aka in entry.akas:
        names.append(
            _person_name(
                aka.last_name, aka.first_name, _alias_kind(aka.type, aka.category == "weak"), person
            )
        )
    for item in entry.ids:
        facts.add_labelled(item.id_type, item.id_number, country=item.id_country)
        dates = [
            f"{word} {text}"
            for word, text in (("issued", item.issue_date), ("expires", item.expiration_date))
            if text
        ]
        if dates:
            facts.add_extra("notes", f"{item.id_type} {item.id_number}: {', '.join(dates)}")
    _sdn_people_facts(entry, facts)
    _sdn_vessel_facts(entry, facts)
    for address in entry.addresses:
        _sdn_address(address, facts)
    facts.add_extra("position", entry.title)
    designation = Designation(source=source, programs=unique(entry.programs), remarks=entry.remarks)
    # The classic XML has no relationships; OFAC states them in the remarks instead.
    links = tuple(
        Link(target=" ".join(target.split())) for target in _LINKED_TO.findall(entry.remarks or "")
    )
    return facts.entity(source, entry.uid, schema, names, designation, links)


def _alias_kind(alias_type: str | None, weak: bool) -> NameKind:
    if weak:
        return NameKind.WEAK_ALIAS
    if (alias_type or "").lower().replace(".", "") == "fka":
        return NameKind.FORMER
    return NameKind.ALIAS  # a.k.a., and n.k.a. (the name it is now known by)


def _sdn_people_facts(entry: SdnEntry, facts: Facts) -> None:
    for text in entry.nationalities:
        facts.add_country(text, CountryRole.NATIONALITY)
    for text in entry.citizenships:
        facts.add_country(text, CountryRole.CITIZENSHIP)
    for text in entry.dates_of_birth:
        facts.birth_dates.append(facts.date(text, "dateOfBirth"))
    for place in entry.places_of_birth:
        facts.add_birth_place(place)


def _sdn_vessel_facts(entry: SdnEntry, facts: Facts) -> None:
    vessel = entry.vessel_info
    if vessel is None:
        return
    if vessel.call_sign:
        facts.add_identifier(IdentifierType.CALL_SIGN, "Call Sign", vessel.call_sign)
    facts.add_country(vessel.vessel_flag, CountryRole.FLAG)
    facts.add_extra("type", vessel.vessel_type)
    facts.add_extra("ownerName", vessel.vessel_owner)
    facts.add_extra("tonnage", vessel.tonnage)
    facts.add_extra("grossRegisteredTonnage", vessel.gross_registered_tonnage)


def _sdn_address(address: SdnAddress, facts: Facts) -> None:
    street = (
        ", ".join(part for part in (address.address1, address.address2, address.address3) if part)
        or None
    )
    facts.add_address(
        street, address.city, address.state_or_province, address.postal_code, address.country
    )


# --- enhanced XML -----------------------------------------------------------------------------


def map_enhanced_xml(parsed: EnhancedXml, source: str) -> list[Entity]:
    return [map_enhanced_entity(entity, source, parsed.file) for entity in parsed.entities]


def map_enhanced_entity(entity: EnhancedEntity, source: str, file: str) -> Entity:
    facts = Facts(file, entity.line)
    schema = _schema(entity.entity_type, facts, "entityType")
    person = schema is Schema.PERSON
    names = [name for item in entity.names for name in _enhanced_names(item, person)]
    for doc in entity.identity_documents:
        country = doc.issuing_country
        facts.add_labelled(
            doc.type,
            doc.document_number,
            country=country.text if country else None,
            country_iso=country.iso_code if country else None,
        )
        _document_notes(doc, facts)
    for feature in entity.features:
        _enhanced_feature(feature, facts)
    for address in entity.addresses:
        _enhanced_address(address, facts)
    facts.add_extra("position", entity.title)
    for kind in entity.sanctions_types:
        facts.add_extra("provisions", kind)
    links = tuple(
        Link(
            target=rel.related_entity or rel.related_entity_id or "",
            relation=_slug(rel.type),
            target_id=rel.related_entity_id,
        )
        for rel in entity.relationships
        if rel.related_entity or rel.related_entity_id
    )
    return facts.entity(source, entity.id, schema, names, _designation(entity, facts), links)


def _enhanced_address(address: EnhancedAddress, facts: Facts) -> None:
    parts = dict(address.parts)
    street = ", ".join(parts[key] for key in ("ADDRESS1", "ADDRESS2", "ADDRESS3") if key in parts)
    country = address.country
    facts.add_address(
        street or None,
        parts.get("CITY"),
        parts.get("STATE/PROVINCE") or parts.get("REGION"),
        parts.get("POSTAL CODE"),
        country.text if country else None,
        country.iso_code if country else None,
    )


def _enhanced_names(name: EnhancedName, person: bool) -> list[Name]:
    kind = (
        NameKind.PRIMARY if name.is_primary else _alias_kind(name.alias_type, name.is_low_quality)
    )
    names: list[Name] = []
    for translation in name.translations:
        full = translation.formatted_full_name
        if translation.script.lower() != "latin":
            names.append(Name(full, NameKind.ORIGINAL_SCRIPT, script=translation.script))
        elif person and translation.formatted_first_name:
            names.append(
                Name(
                    full,
                    kind,
                    first=translation.formatted_first_name,
                    last=translation.formatted_last_name,
                )
            )
        else:
            names.append(Name(full, kind))
    return names


def _enhanced_feature(feature: Feature, facts: Facts) -> None:
    if feature.value is None:
        raise facts.fail(f"feature {feature.type!r} has no value", "value", feature.line)
    if _label_key(feature.type) == "birthdate":
        spec = facts.date(feature.value, feature.type, feature.line)
        if feature.value_date is not None and feature.value_date.is_approximate:
            spec = DateSpec(spec.start, spec.end, circa=True)
        facts.birth_dates.append(spec)
        return
    facts.add_labelled(
        feature.type, feature.value, country_iso=feature.value_iso_code, line=feature.line
    )


def _document_notes(doc: IdentityDocument, facts: Facts) -> None:
    """Validity and dates of a document, which an Identifier has no slot for."""
    states = [] if doc.is_valid else ["not valid"]
    states += [
        f"{word} {_period_text(period)}"
        for word, period in (("issued", doc.issue_date), ("expires", doc.expiration_date))
        if period
    ]
    if states:
        facts.add_extra("notes", f"{doc.type} {doc.document_number}: {', '.join(states)}")


def _period_text(period: DatePeriod) -> str:
    if period.from_date_begin == period.to_date_end:
        return period.from_date_begin
    return f"{period.from_date_begin}/{period.to_date_end}"


def _designation(entity: EnhancedEntity, facts: Facts) -> Designation:
    # The export is one publication (source us_ofac_sdn); an entry that OFAC lists only on a
    # non-SDN list keeps that fact in its designation's source.
    names = {listing.sanctions_list for listing in entity.sanctions_lists}
    source = SDN_SOURCE if not names or "SDN List" in names else CONS_SOURCE
    published = sorted(
        listing.date_published for listing in entity.sanctions_lists if listing.date_published
    )
    listed_on = None
    if published:
        try:
            listed_on = PartialDate.from_iso(published[0][:10])
        except ValueError as error:
            raise facts.fail(str(error), "datePublished") from error
    return Designation(
        source=source,
        programs=unique(entity.sanctions_programs),
        listed_on=listed_on,
        authority="; ".join(entity.legal_authorities) or None,
        remarks=entity.remarks,
    )
