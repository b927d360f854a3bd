"""The UK Sanctions List of the Foreign, Commonwealth and Development Office (`gb_fcdo`).

Since 28 January 2026 the only official UK sanctions list (OFSI's Consolidated List, source
`gb_hmt_ofsi`, was retired). The FCDO publishes it in several formats; the one read here is the
summary OpenDocument spreadsheet: one row per designated party with its UK id, OFSI group id,
primary name, regime, type, designation source, date and measures. The file does not state its
date inside; the published name does (`FCDO_SL_Mon_Aug 11 2025.ods`), and that is used when
present.

`parse_ods` reads the rows out of the zipped `content.xml`, `map` turns them into entities. The
one format is `fcdo_ods`.
"""

from __future__ import annotations

import re
from datetime import date

from proscribe.errors import ParseError
from proscribe.model import parse_date_spec
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.gb_fcdo.map import SOURCE, map_rows, nameless
from proscribe.sources.gb_fcdo.parse_ods import looks_like_fcdo_ods, read_fcdo_ods

_DATE_IN_NAME = re.compile(r"([A-Z][a-z]{2})[ _-](\d{1,2})[ _-](\d{4})")


class FcdoOdsFormat:
    """The UK Sanctions List summary spreadsheet (`.ods`)."""

    source = SOURCE
    name = "fcdo_ods"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(
            name
            for name, data in files.items()
            if name.lower().endswith(".ods") and looks_like_fcdo_ods(data)
        )

    def parse(self, files: Files) -> ParsedList:
        names = self.claim(files)
        if len(names) != 1:
            raise ParseError(
                f"expected one UK Sanctions List spreadsheet, got {len(names)}",
                file=", ".join(sorted(files)) or None,
            )
        file = names[0]
        entities = map_rows(read_fcdo_ods(files[file], file), file)
        missing = nameless(entities)
        notes = (f"{len(missing)} entries have no name: {', '.join(missing)}",) if missing else ()
        return ParsedList(
            source=SOURCE,
            format=self.name,
            entities=entities,
            files=(file,),
            published=published_from_name(file),
            notes=notes,
        )


def published_from_name(file: str) -> date | None:
    """The date the FCDO writes into the file name (`FCDO_SL_Mon_Aug 11 2025.ods`), if any."""
    found = _DATE_IN_NAME.search(file)
    if found is None:
        return None
    try:
        start = parse_date_spec(" ".join(found.groups())).start
    except ValueError:
        return None  # a name that only looks like a date says nothing about the publication
    if start.month is None or start.day is None:
        return None
    return date(start.year, start.month, start.day)


FORMATS: tuple[ListFormat, ...] = (FcdoOdsFormat(),)
