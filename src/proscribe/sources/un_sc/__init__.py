"""The UN Security Council Consolidated List (`un_sc`).

One XML file lists every individual and entity designated by the Security Council's sanctions
committees (ISIL/Al-Qaida, Taliban, DPRK, Iraq, Libya, DRC ...). Each party has a public
reference number (`KPi.033`: regime letters, `i` for an individual or `e` for an entity), the
id every national list that implements UN sanctions cites. The file states when it was
generated (`dateGenerated`); it does not state a record count.

`parse_xml` reads the file into the UN's own records, `map` turns them into entities. The one
format is `un_xml`.
"""

from __future__ import annotations

from datetime import date

from proscribe.errors import ParseError
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.un_sc.map import SOURCE, map_list
from proscribe.sources.un_sc.parse_xml import ROOT, read_un_xml, root_tag

CLAIM_HEAD_BYTES = 4096  # claim looks at the root tag only: it runs on every file of a folder


class UnXmlFormat:
    """The consolidated list XML as the UN publishes it (2018 to today)."""

    source = SOURCE
    name = "un_xml"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(
            name for name, data in files.items() if root_tag(data[:CLAIM_HEAD_BYTES]) == ROOT
        )

    def parse(self, files: Files) -> ParsedList:
        names = self.claim(files)
        if len(names) != 1:
            raise ParseError(
                f"expected one UN consolidated list file, got {len(names)}",
                file=", ".join(sorted(files)) or None,
            )
        file = names[0]
        un = read_un_xml(files[file], file)
        return ParsedList(
            source=SOURCE,
            format=self.name,
            entities=map_list(un),
            files=(file,),
            published=_generated_on(un.date_generated, file),
        )


def _generated_on(text: str | None, file: str) -> date | None:
    """The date part of `dateGenerated` as written (`2018-08-24T19:40:35.913-04:00`)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError as error:
        raise ParseError(
            f"unreadable dateGenerated {text!r}", file=file, field="dateGenerated"
        ) from error


FORMATS: tuple[ListFormat, ...] = (UnXmlFormat(),)
