"""UN consolidated list records -> entities.

Decisions, each from what the published files actually hold (2018-08 to 2026-02):

* The id is the REFERENCE_NUMBER (`KPi.033`): the UN's public, stable id. INDIVIDUAL is a
  Person, ENTITY an Organization.
* The primary name is FIRST_NAME .. FOURTH_NAME joined by single spaces, in the UN's order (the
  family name has no fixed slot, so no first/last split is guessed). NAME_ORIGINAL_SCRIPT is an
  original-script name whose script is read from its letters; a trailing language label
  (`ፍትዊ ዓብዱረዛቕ (Tigrinya)`) becomes the name's language.
* Alias quality: individuals say Good (an alias) or Low (a weak alias); entities say a.k.a.
  (an alias) or f.k.a. (a former name). An alias's own date and place of birth are facts about
  the person and join the entity's; its note is kept in `notes`.
* Dates of birth: EXACT (DATE or YEAR), APPROXIMATELY (circa YEAR), BETWEEN (FROM_YEAR to
  TO_YEAR; the note "Approximately" makes the range circa). A month written in the note with a
  YEAR (`Sep.` + 1958) refines it; a note alone that reads as a date (`Nov. 1973`, `Between
  Aug. and Sep. 1977`) is used; any other note (`30-35 years old`, a Hijri date) is kept in
  `notes`, never guessed into a date. XSD dates with a time zone (`1960-01-01-05:00`) keep the
  date as written.
* Documents: TYPE_OF_DOCUMENT (English, French or Spanish) gives the identifier type,
  TYPE_OF_DOCUMENT2 the more precise wording; date and place of issue and the note go to the
  label. A document without a NUMBER is kept as a note. An issuing country that resolves to no
  code (`Iran / unknown`) stays in the label.
* Countries that resolve to no code are kept as text: nationality in `notes`, birth country in
  the birth place, address country in the address.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import pycountry

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
    Name,
    NameKind,
    PartialDate,
    Schema,
    country_code,
    parse_date_spec,
    unique,
)
from proscribe.sources.un_sc.parse_xml import UnGroup, UnList, UnRecord

SOURCE = "un_sc"
AUTHORITY = "United Nations Security Council"
SCHEMAS = {"INDIVIDUAL": Schema.PERSON, "ENTITY": Schema.ORGANIZATION}
NAME_FIELDS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")

# QUALITY with dots and spaces removed, lower case.
ALIAS_KINDS = {
    "good": NameKind.ALIAS,
    "aka": NameKind.ALIAS,
    "": NameKind.ALIAS,
    "low": NameKind.WEAK_ALIAS,
    "fka": NameKind.FORMER,
}
GENDERS = {"male": "male", "female": "female", "unknown": None}
# TYPE_OF_DOCUMENT, lower case -> (type, English wording). The DPRK entries state a passport
# three times, in French, Spanish and English; one English label makes them one identifier.
DOCUMENT_TYPES = {
    "passport": (IdentifierType.PASSPORT, "Passport"),
    "numéro de passeport": (IdentifierType.PASSPORT, "Passport"),
    "número de pasaporte": (IdentifierType.PASSPORT, "Passport"),
    "national identification number": (
        IdentifierType.NATIONAL_ID,
        "National Identification Number",
    ),
    "national identification no.": (IdentifierType.NATIONAL_ID, "National Identification Number"),
}
# UN spellings the shared country table does not resolve; "na" means "not available" and
# must not become Namibia.
UN_COUNTRIES: dict[str, str | None] = {
    "na": None,
    "rpdc": "kp",
    "state of palestine": "ps",
    "libyan arab jamahiriya": "ly",
    "hong kong special administrative region": "hk",
    "china, hong kong special administrative region": "hk",
}
# Unicode character-name prefixes -> ISO 15924 script names.
SCRIPTS = {
    "ARABIC": "Arabic",
    "CYRILLIC": "Cyrillic",
    "CJK": "Han",
    "HANGUL": "Hangul",
    "ETHIOPIC": "Ethiopic",
    "LATIN": "Latin",
    "GREEK": "Greek",
    "HEBREW": "Hebrew",
    "DEVANAGARI": "Devanagari",
    "THAI": "Thai",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
    "HIRAGANA": "Hiragana",
    "KATAKANA": "Katakana",
}
_XSD_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_MONTHS_BETWEEN = re.compile(r"between (\w+)\.? and (\w+)\.? (\d{4})", re.IGNORECASE)
_LANGUAGE_LABEL = re.compile(r"^(.*\S)\s*\(([A-Za-z]+)\)$")


def map_list(un: UnList) -> list[Entity]:
    return [map_record(record, un.file) for record in un.records]


def map_record(record: UnRecord, file: str) -> Entity:
    facts = _Facts(file)
    names = [_primary_name(record, file), *_original_names(record)]
    for group in (*record.groups_of("INDIVIDUAL_ALIAS"), *record.groups_of("ENTITY_ALIAS")):
        names.extend(facts.alias(group))
    for group in record.groups_of("INDIVIDUAL_DATE_OF_BIRTH"):
        facts.birth_date(group)
    for group in record.groups_of("INDIVIDUAL_PLACE_OF_BIRTH"):
        facts.birth_place(group)
    for group in record.groups_of("INDIVIDUAL_DOCUMENT"):
        facts.document(group)
    for group in (*record.groups_of("INDIVIDUAL_ADDRESS"), *record.groups_of("ENTITY_ADDRESS")):
        facts.address(group)
    facts.nationalities(record.values_of("NATIONALITY"))
    return Entity(
        source=SOURCE,
        id=record.reference_number,
        schema=SCHEMAS[record.kind],
        names=unique(names),
        designation=_designation(record, file),
        birth_dates=unique(facts.birth_dates),
        birth_places=unique(facts.birth_places),
        gender=_gender(record, file),
        countries=unique(facts.countries),
        identifiers=unique(facts.identifiers),
        addresses=unique(facts.addresses),
        extra=_extra(record, facts.notes, file),
    )


def _primary_name(record: UnRecord, file: str) -> Name:
    parts = [part for part in (record.get(name) for name in NAME_FIELDS) if part]
    if not parts:
        raise ParseError(
            f"{record.reference_number} has no name",
            file=file,
            line=record.line,
            field="FIRST_NAME",
        )
    return Name(" ".join(parts), NameKind.PRIMARY)


def _original_names(record: UnRecord) -> list[Name]:
    text = record.get("NAME_ORIGINAL_SCRIPT")
    if text is None:
        return []
    lang = None
    labelled = _LANGUAGE_LABEL.match(text)
    if labelled is not None and script_of(labelled.group(1)) not in (None, "Latin"):
        language = pycountry.languages.get(name=labelled.group(2))
        if language is not None:
            text = labelled.group(1)
            lang = str(getattr(language, "alpha_2", None) or language.alpha_3)
    return [Name(text, NameKind.ORIGINAL_SCRIPT, script=script_of(text), lang=lang)]


def script_of(text: str) -> str | None:
    """The ISO 15924 name of the script most letters of `text` are written in; a non-Latin
    script wins over Latin (`ፍትዊ (Tigrinya)` is Ethiopic). None for an unknown script."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            prefix = unicodedata.name(char, "").split(" ", 1)[0]
            counts[SCRIPTS.get(prefix, "?")] += 1
    non_latin = [(count, script) for script, count in counts.items() if script != "Latin"]
    if non_latin:
        script = max(non_latin)[1]
        return None if script == "?" else script
    return "Latin" if counts else None


def _single_script(text: str) -> str | None:
    """The script of a name written wholly in one non-Latin script (an alias in Arabic), else
    None: most aliases are Latin, and mixed ones (`حسن غول (Hassan Ghul)`) have no one script."""
    script = script_of(text)
    if script in (None, "Latin") or script_of("".join(c for c in text if c.isascii())):
        return None
    return script


class _Facts:
    """Collects the facts of one record's groups, raising ParseError at the group's line."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.birth_dates: list[DateSpec] = []
        self.birth_places: list[str] = []
        self.countries: list[Country] = []
        self.identifiers: list[Identifier] = []
        self.addresses: list[Address] = []
        self.notes: list[str] = []

    def error(self, message: str, group: UnGroup, field: str) -> ParseError:
        return ParseError(message, file=self.file, line=group.line, field=f"{group.tag}/{field}")

    def date(self, text: str, group: UnGroup, field: str) -> DateSpec:
        try:
            return parse_date_spec(xsd_date(text))
        except ValueError as error:
            raise self.error(str(error), group, field) from error

    def country(self, text: str | None, role: CountryRole) -> str | None:
        code = un_country(text)
        if code is not None:
            self.countries.append(Country(code, role))
        return code

    def alias(self, group: UnGroup) -> list[Name]:
        # The quality alone decides: individuals say Good/Low, entities a.k.a./f.k.a.
        name = group.get("ALIAS_NAME")
        if name is None:
            return []
        quality = (group.get("QUALITY") or "").replace(".", "").replace(" ", "").lower()
        if quality not in ALIAS_KINDS:
            raise self.error(f"unknown alias quality {group.get('QUALITY')!r}", group, "QUALITY")
        if group.get("DATE_OF_BIRTH"):
            self.birth_dates.append(
                self.date(group.fields["DATE_OF_BIRTH"], group, "DATE_OF_BIRTH")
            )
        place = _join(group.get("CITY_OF_BIRTH"), group.get("COUNTRY_OF_BIRTH"))
        if place:
            self.birth_places.append(place)
            self.country(group.get("COUNTRY_OF_BIRTH"), CountryRole.BIRTH_PLACE)
        if group.get("NOTE"):
            self.notes.append(f"{name}: {group.get('NOTE')}")
        return [Name(name, ALIAS_KINDS[quality], script=_single_script(name))]

    def birth_date(self, group: UnGroup) -> None:
        kind = (group.get("TYPE_OF_DATE") or "").upper()
        if kind not in ("", "EXACT", "APPROXIMATELY", "BETWEEN"):
            raise self.error(f"unknown TYPE_OF_DATE {kind!r}", group, "TYPE_OF_DATE")
        if bool(group.get("FROM_YEAR")) != bool(group.get("TO_YEAR")):
            raise self.error("a range needs FROM_YEAR and TO_YEAR", group, "FROM_YEAR")
        note = group.get("NOTE")
        value = _date_value(group, circa=kind == "APPROXIMATELY")
        if value is None:
            spec = _note_date(note) if note else None
            if spec is not None:
                self.birth_dates.append(spec)
            elif note:
                self.notes.append(f"Date of birth: {note}")
            return
        text, field, note_used = value
        spec = self.date(text, group, field)
        self.birth_dates.append(spec)
        if note and not note_used:
            self.notes.append(f"Date of birth {spec.iso}: {note}")

    def birth_place(self, group: UnGroup) -> None:
        text = _with_note(
            _join(
                group.get("STREET"),
                group.get("CITY"),
                group.get("STATE_PROVINCE"),
                group.get("COUNTRY"),
            ),
            group.get("NOTE"),
        )
        if text:
            self.birth_places.append(text)
        self.country(group.get("COUNTRY"), CountryRole.BIRTH_PLACE)

    def document(self, group: UnGroup) -> None:
        kind = group.get("TYPE_OF_DOCUMENT") or ""
        id_type, english = DOCUMENT_TYPES.get(kind.lower(), (IdentifierType.OTHER, kind))
        wording = group.get("TYPE_OF_DOCUMENT2") or english or "Document"
        issuer_text = group.get("ISSUING_COUNTRY") or group.get("COUNTRY_OF_ISSUE")
        issuer = un_country(issuer_text)
        number = group.get("NUMBER")
        details = [
            f"issued {xsd_date(issued)}" if (issued := group.get("DATE_OF_ISSUE")) else None,
            f"in {group.get('CITY_OF_ISSUE')}" if group.get("CITY_OF_ISSUE") else None,
            issuer_text if issuer is None else None,
            group.get("NOTE"),
        ]
        label = "; ".join(part for part in (wording, *details) if part)
        if number is None:
            self.notes.append(label)
            return
        self.identifiers.append(Identifier(id_type, number, issuer, label))

    def address(self, group: UnGroup) -> None:
        country_text = group.get("COUNTRY")
        code = self.country(country_text, CountryRole.ADDRESS)
        full = _with_note(
            _join(
                group.get("STREET"),
                group.get("CITY"),
                group.get("STATE_PROVINCE"),
                group.get("ZIP_CODE"),
                country_text,
            ),
            group.get("NOTE"),
        )
        if full:
            self.addresses.append(
                Address(
                    full=full,
                    street=group.get("STREET"),
                    city=group.get("CITY"),
                    region=group.get("STATE_PROVINCE"),
                    postal_code=group.get("ZIP_CODE"),
                    country=code,
                )
            )

    def nationalities(self, values: Iterable[str]) -> None:
        for value in values:
            if self.country(value, CountryRole.NATIONALITY) is None and value.lower() != "na":
                self.notes.append(f"Nationality: {value}")


def _designation(record: UnRecord, file: str) -> Designation:
    listed = record.get("LISTED_ON")
    return Designation(
        source=SOURCE,
        programs=tuple(p for p in (record.get("UN_LIST_TYPE"),) if p),
        listed_on=_partial_date(listed, record, file, "LISTED_ON") if listed else None,
        authority=AUTHORITY,
        remarks=record.get("COMMENTS1"),
    )


def _partial_date(text: str, record: UnRecord, file: str, field: str) -> PartialDate:
    try:
        return parse_date_spec(xsd_date(text)).start
    except ValueError as error:
        raise ParseError(str(error), file=file, line=record.line, field=field) from error


def _gender(record: UnRecord, file: str) -> str | None:
    text = record.get("GENDER")
    if text is None:
        return None
    if text.lower() not in GENDERS:
        raise ParseError(f"unknown gender {text!r}", file=file, line=record.line, field="GENDER")
    return GENDERS[text.lower()]


def _extra(record: UnRecord, notes: list[str], file: str) -> dict[str, tuple[str, ...]]:
    updated = [
        _partial_date(value, record, file, "LAST_DAY_UPDATED").iso
        for value in record.values_of("LAST_DAY_UPDATED")
    ]
    submitted = [f"Submitted by {by}" for by in (record.get("SUBMITTED_BY"),) if by]
    extra = {
        "title": unique(record.values_of("TITLE")),
        "position": unique(record.values_of("DESIGNATION")),
        "notes": unique([*notes, *submitted]),
        "modifiedAt": unique(updated),
        "listType": unique(record.values_of("LIST_TYPE")),
    }
    return {key: values for key, values in extra.items() if values}


def xsd_date(text: str) -> str:
    """An xsd:date as the UN writes it, without its time zone: `2015-03-27-04:00` ->
    `2015-03-27`. Other text is returned unchanged."""
    found = _XSD_DATE.fullmatch(text.strip())
    return found.group(1) if found else text


def un_country(text: str | None) -> str | None:
    if text is None:
        return None
    key = " ".join(text.lower().split())
    if key in UN_COUNTRIES:
        return UN_COUNTRIES[key]
    return country_code(text)


def _date_value(group: UnGroup, *, circa: bool) -> tuple[str, str, bool] | None:
    """(date text for parse_date_spec, the field it came from, whether NOTE was used in it)
    from FROM_YEAR/TO_YEAR, DATE or YEAR; None when the group has none of them."""
    note = group.get("NOTE") or ""
    approximate = note.lower() == "approximately"  # BETWEEN ranges say so in their note
    prefix = "circa " if circa or approximate else ""
    if group.get("FROM_YEAR"):
        return (
            f"{prefix}{group.get('FROM_YEAR')} to {group.get('TO_YEAR')}",
            "FROM_YEAR",
            approximate,
        )
    if group.get("DATE"):
        return prefix + group.fields["DATE"], "DATE", approximate
    year = group.get("YEAR")
    if year is None:
        return None
    month = None if circa or approximate or not note else _month_of(note, year)
    text = f"{prefix}{month} {year}" if month else f"{prefix}{year}"
    return text, "YEAR", approximate or month is not None


def _note_date(note: str) -> DateSpec | None:
    """A date written in a free-text note, or None. Hijri dates are not converted."""
    if "hijri" in note.lower():
        return None
    between = _MONTHS_BETWEEN.fullmatch(note.strip())
    if between is not None:
        first, second, year = between.groups()
        note = f"{first} {year} to {second} {year}"
    try:
        return parse_date_spec(note)
    except ValueError:
        return None


def _month_of(note: str, year: str) -> str | None:
    """The note when it is just a month name that refines YEAR (`Sep.`), else None."""
    spec = _note_date(f"{note} {year}")
    exact_month = spec is not None and spec.end is None and not spec.circa
    return note if exact_month and spec is not None and spec.start.month else None


def _join(*parts: str | None) -> str:
    return ", ".join(part for part in parts if part)


def _with_note(text: str, note: str | None) -> str:
    if not note:
        return text
    if not text:
        return note
    return f"{text} {note}" if note.startswith("(") else f"{text} ({note})"
