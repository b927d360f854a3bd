"""The Consolidated Screening List of the US International Trade Administration (`us_trade_csl`).

trade.gov combines the export-screening lists of Commerce (Denied Persons, Entity List,
Unverified List, Military End User), State (ITAR debarred, nonproliferation sanctions) and
Treasury (SDN and the non-SDN lists) into one CSV, one row per entry of each list, with a
`source` column naming the list. It states no publication date and no record count.

`parse_csv` reads the rows, `ids` the identifier cell, `map` turns rows into entities. The one
format is `trade_csl_csv`.
"""

from __future__ import annotations

from proscribe.errors import ParseError
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.us_trade_csl.map import SOURCE, map_rows
from proscribe.sources.us_trade_csl.parse_csv import looks_like_csl, read_csl


class CslCsvFormat:
    """The Consolidated Screening List as CSV (`csl.csv`)."""

    source = SOURCE
    name = "trade_csl_csv"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(name for name, data in files.items() if looks_like_csl(data))

    def parse(self, files: Files) -> ParsedList:
        names = self.claim(files)
        if len(names) != 1:
            raise ParseError(
                f"expected one Consolidated Screening List file, got {len(names)}",
                file=", ".join(sorted(files)) or None,
            )
        file = names[0]
        entities, duplicates = map_rows(read_csl(files[file], file), file)
        notes = (f"{duplicates} rows repeat an earlier row exactly and were dropped",)
        return ParsedList(
            source=SOURCE,
            format=self.name,
            entities=entities,
            files=(file,),
            notes=notes if duplicates else (),
        )


FORMATS: tuple[ListFormat, ...] = (CslCsvFormat(),)
