"""HM Treasury's Consolidated List of Financial Sanctions Targets (`gb_hmt_ofsi`).

The Office of Financial Sanctions Implementation (OFSI) published the UK's asset-freeze list as
a CSV (`sanctionsconlist.csv`, later `ConList.csv`) in one layout until its 2022 format change:
one row per name, date of birth and address of a target, rows of a target sharing its
`Group ID`, the publication date on line 1. Since January 2026 the FCDO's UK Sanctions List
(`gb_fcdo`) is the only official UK list; this one matters for history and for the many
systems still loaded from old files.

`parse_csv` reads the rows, `map` groups them into entities. The one format is `ofsi_csv`.
"""

from __future__ import annotations

from proscribe.errors import ParseError
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.gb_hmt_ofsi.map import SOURCE, map_list
from proscribe.sources.gb_hmt_ofsi.parse_csv import looks_like_ofsi_csv, read_ofsi_csv


class OfsiCsvFormat:
    """The Consolidated List CSV in its 2018 layout (`Name 6, Name 1, ...`)."""

    source = SOURCE
    name = "ofsi_csv"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(name for name, data in files.items() if looks_like_ofsi_csv(data))

    def parse(self, files: Files) -> ParsedList:
        names = self.claim(files)
        if len(names) != 1:
            raise ParseError(
                f"expected one OFSI Consolidated List file, got {len(names)}",
                file=", ".join(sorted(files)) or None,
            )
        file = names[0]
        ofsi = read_ofsi_csv(files[file], file)
        return ParsedList(
            source=SOURCE,
            format=self.name,
            entities=map_list(ofsi),
            files=(file,),
            published=ofsi.published,
        )


FORMATS: tuple[ListFormat, ...] = (OfsiCsvFormat(),)
