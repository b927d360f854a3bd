"""The EU consolidated list of financial sanctions (`eu_fsf`, the Financial Sanctions Files).

The European Commission publishes every person, group and entity subject to EU financial
sanctions in one file, whatever the legal act (CFSP decisions and the regulations that apply
them, including the UN listings the EU implements). Each party has the Commission's own id
(`logicalId`, the `Id` of the old schema) and an EU reference number (`EU.27.28`).

Two XML schemas, two formats:

* `eu_xml_1_0`: the retired schema, root `<WHOLE Date="dd/mm/yyyy">` (`parse_xml_1_0`,
  `map_1_0`);
* `eu_xml_1_1`: the current `xmlFullSanctionsList_1_1`, root `<export generationDate=..>` in
  the namespace `http://eu.europa.ec/fpi/fsd/export` (`parse_xml_1_1`, `map_1_1`).

Neither states a record count. What both mappers share is in `map`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from proscribe.errors import ParseError
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.eu_fsf.map import SOURCE
from proscribe.sources.eu_fsf.map_1_0 import map_whole
from proscribe.sources.eu_fsf.map_1_1 import map_export
from proscribe.sources.eu_fsf.parse_xml_1_0 import is_legacy, read_whole
from proscribe.sources.eu_fsf.parse_xml_1_1 import is_export, read_export

CLAIM_HEAD_BYTES = 4096  # claim looks at the root tag only: it runs on every file of a folder


def _one_file(files: Files, claim: Callable[[bytes], bool], what: str) -> str:
    names = [name for name, data in files.items() if claim(data[:CLAIM_HEAD_BYTES])]
    if len(names) != 1:
        raise ParseError(
            f"expected one {what} file, got {len(names)}", file=", ".join(sorted(files)) or None
        )
    return names[0]


class EuXml10Format:
    """The legacy 1.0 XML (`<WHOLE>`), published until the 1.1 schema replaced it."""

    source = SOURCE
    name = "eu_xml_1_0"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(n for n, data in files.items() if is_legacy(data[:CLAIM_HEAD_BYTES]))

    def parse(self, files: Files) -> ParsedList:
        file = _one_file(files, is_legacy, "EU XML 1.0")
        whole = read_whole(files[file], file)
        published = None
        if whole.date is not None:
            published = _date(whole.date, "%d/%m/%Y", file, "WHOLE/@Date")
        return ParsedList(
            source=SOURCE,
            format=self.name,
            entities=map_whole(whole),
            files=(file,),
            published=published,
        )


class EuXml11Format:
    """The current XML 1.1 (`<export>`), `xmlFullSanctionsList_1_1` on the Commission's site."""

    source = SOURCE
    name = "eu_xml_1_1"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(n for n, data in files.items() if is_export(data[:CLAIM_HEAD_BYTES]))

    def parse(self, files: Files) -> ParsedList:
        file = _one_file(files, is_export, "EU XML 1.1")
        export = read_export(files[file], file)
        published = None
        if export.generation_date is not None:
            # `2018-12-21T14:39:54.511+01:00`: the date as the Commission wrote it.
            published = _date(export.generation_date[:10], "%Y-%m-%d", file, "@generationDate")
        return ParsedList(
            source=SOURCE,
            format=self.name,
            entities=map_export(export),
            files=(file,),
            published=published,
        )


def _date(text: str, pattern: str, file: str, field: str) -> date:
    try:
        return datetime.strptime(text, pattern).date()
    except ValueError as error:
        raise ParseError(f"unreadable date {text!r}", file=file, field=field) from error


FORMATS: tuple[ListFormat, ...] = (EuXml11Format(), EuXml10Format())
