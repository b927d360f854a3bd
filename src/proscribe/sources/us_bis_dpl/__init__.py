"""The Denied Persons List of the US Bureau of Industry and Security (`us_bis_dpl`).

Parties whose export privileges BIS has denied by order: exporting to them, or on their behalf,
items subject to the Export Administration Regulations is prohibited. Published as a
tab-separated file (`dpl.txt`): one row per party and address, with the order's effective and
expiration dates and its Federal Register citation. It states neither an id, a publication
date nor a record count; `map` explains the id chosen.

`parse_tsv` reads the rows, `map` turns them into entities. The one format is `bis_dpl_tsv`.
"""

from __future__ import annotations

from proscribe.errors import ParseError
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.us_bis_dpl.map import SOURCE, map_rows
from proscribe.sources.us_bis_dpl.parse_tsv import looks_like_dpl, read_dpl


class DplTsvFormat:
    """The Denied Persons List, tab-separated and quoted, as BIS publishes it."""

    source = SOURCE
    name = "bis_dpl_tsv"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(name for name, data in files.items() if looks_like_dpl(data))

    def parse(self, files: Files) -> ParsedList:
        names = self.claim(files)
        if len(names) != 1:
            raise ParseError(
                f"expected one Denied Persons List file, got {len(names)}",
                file=", ".join(sorted(files)) or None,
            )
        file = names[0]
        rows = read_dpl(files[file], file)
        entities = map_rows(rows, file)
        notes = [f"{len(rows)} rows"]
        if len(entities) < len(rows):
            notes.append(
                f"{len(rows) - len(entities)} rows repeat the name and address of "
                "an earlier row and were merged into it"
            )
        return ParsedList(
            source=SOURCE, format=self.name, entities=entities, files=(file,), notes=tuple(notes)
        )


FORMATS: tuple[ListFormat, ...] = (DplTsvFormat(),)
