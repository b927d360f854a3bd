"""The EU consolidated list, XML 1.1 schema (`xmlFullSanctionsList_1_1`): bytes -> records.

`<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="..." globalFileId="...">`
holds one `<sanctionEntity logicalId euReferenceNumber unitedNationId designationDate
designationDetails>` per listed party. Its children carry their facts in attributes:

* `remark` (text), `regulation` (programme, numberTitle, publicationDate, entryIntoForceDate;
  child `publicationUrl`), `subjectType` (code person | enterprise, classificationCode P | E);
* `nameAlias` (wholeName, firstName, middleName, lastName, gender M | F, title, function,
  nameLanguage, strong "true" | "false"; child `remark`);
* `citizenship` and `birthdate` (countryIso2Code, countryDescription; birthdate also
  birthdate, dayOfMonth, monthOfYear, year, yearRangeFrom, yearRangeTo, circa, calendarType,
  city, place, region, zipCode);
* `identification` (number, latinNumber, identificationTypeCode, identificationTypeDescription,
  countryIso2Code, issuedBy, issueDate, knownExpired, knownFalse ...; child `remark`);
* `address` (street, poBox, city, zipCode, region, place, countryIso2Code; children `remark`,
  `contactInfo key value`). Every child also has a `regulationSummary`, not read.

Written from the publisher's schema as other public parsers read it: no complete 1.1 file is
in our data folder (the full file is ~25 MB), so elements we do not know are left alone rather
than refused. Strict where it matters: the root, and a `logicalId` on every sanctionEntity,
unique in the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from proscribe.errors import ParseError
from proscribe.sources.base import parse_xml
from proscribe.sources.eu_fsf.elements import EuElement, element, root_start_tag

NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
ROOT = "export"
RECORD = "sanctionEntity"


@dataclass(frozen=True, slots=True)
class EuExport:
    file: str
    generation_date: str | None  # export/@generationDate, ISO 8601 with time and zone
    entities: tuple[EuElement, ...]


def is_export(head: bytes) -> bool:
    start = root_start_tag(head)
    return start is not None and start[0] == ROOT and NAMESPACE in start[1]


def read_export(data: bytes, file: str) -> EuExport:
    raw = parse_xml(data, file)
    root = element(raw)
    if root.tag != ROOT or raw.nsmap.get(raw.prefix) != NAMESPACE:
        raise ParseError(
            f"root element is not <{ROOT}> in the namespace {NAMESPACE}", file=file, line=root.line
        )
    entities = root.all(RECORD)
    seen: dict[str, int | None] = {}
    for entity in entities:
        _check_id(entity, seen, file)
    return EuExport(file=file, generation_date=root.attr("generationDate"), entities=entities)


def _check_id(entity: EuElement, seen: dict[str, int | None], file: str) -> None:
    logical_id = entity.attr("logicalId")
    if logical_id is None:
        raise ParseError(
            "sanctionEntity without a logicalId",
            file=file,
            line=entity.line,
            field="sanctionEntity/@logicalId",
        )
    if logical_id in seen:
        raise ParseError(
            f"logicalId {logical_id} is used twice (first at line {seen[logical_id]})",
            file=file,
            line=entity.line,
            field="sanctionEntity/@logicalId",
        )
    seen[logical_id] = entity.line
