"""OFAC's legacy CSV formats: the SDN set and the consolidated (non-SDN) set.

Both are four headerless files with the same columns; only the names differ:

    us_ofac_sdn    sdn.csv        alt.csv        add.csv        sdn_comments.csv
    us_ofac_cons   cons_prim.csv  cons_alt.csv   cons_add.csv   cons_comments.csv

The main file is required, the others optional (OFAC users often download sdn.csv alone).
A set is claimed only when its main file really starts like one: 12 columns and a numeric uid.
The files state no publication date, so `published` is None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proscribe.errors import ParseError
from proscribe.sources.base import Files, ParsedList
from proscribe.sources.us_ofac.map_csv import map_set
from proscribe.sources.us_ofac.parse_csv import read_set, sniff_main


@dataclass(frozen=True, slots=True)
class OfacCsvFormat:
    """One OFAC CSV set: the list it publishes and its four file names."""

    source: str
    name: str
    main: str
    alt: str
    add: str
    comments: str

    def _present(self, files: Files) -> dict[str, str]:
        """Our file names (lower case) -> the names as given, for the files present."""
        wanted = {self.main, self.alt, self.add, self.comments}
        return {given.lower(): given for given in files if given.lower() in wanted}

    def claim(self, files: Files) -> tuple[str, ...]:
        present = self._present(files)
        main = present.get(self.main)
        if main is None or not sniff_main(files[main]):
            return ()
        order = (self.main, self.alt, self.add, self.comments)
        return tuple(present[name] for name in order if name in present)

    def _optional(self) -> tuple[tuple[str, str, frozenset[str]], ...]:
        """The files a set may come without: each file, what a version then holds none of,
        and the fields (as `model.diff.fields_of` names them) it then cannot state."""
        return (
            (self.alt, "aliases", frozenset({"names.alias", "names.former"})),
            (self.add, "addresses", frozenset({"addresses", "countries.address"})),
        )

    def unstated(self, files: Sequence[str]) -> frozenset[str]:
        """Without the alias file a version holds no aliases (strong a.k.a., f.k.a., n.k.a.)
        and without the address file no addresses, nor the countries read from them: they
        are unknown, not gone (the 2022 SDN snapshots hold sdn.csv alone)."""
        given = {name.lower() for name in files}
        missing = [fields for name, _, fields in self._optional() if name not in given]
        return frozenset().union(*missing)

    def parse(self, files: Files) -> ParsedList:
        present = self._present(files)
        if self.main not in present:
            raise ParseError(
                f"{self.main} is missing: it is the one required file of the set", file=self.main
            )

        def pick(name: str) -> tuple[str, bytes] | None:
            given = present.get(name)
            return None if given is None else (given, files[given])

        main = (present[self.main], files[present[self.main]])
        records = read_set(main, pick(self.alt), pick(self.add), pick(self.comments))
        entities, truncated = map_set(records, self.source, main[0])
        notes: tuple[str, ...] = ()
        if truncated:
            notes = (
                f"{truncated} remarks were cut at 1,000 characters and their continuation"
                f" ({self.comments}) was not supplied: their last fragment is kept as"
                " text only",
            )
        # A set without its alias or address file says nothing of them, yet its entries hold
        # none: compared with a version that had the file, every one reads as removed.
        for name, what, _ in self._optional():
            if name not in present:
                notes += (
                    f"{name} was not supplied: this version holds no {what} (changes against"
                    f" a version that had them show them removed)",
                )
        return ParsedList(
            source=self.source,
            format=self.name,
            entities=entities,
            files=self.claim(files),
            notes=notes,
        )


SDN_CSV = OfacCsvFormat(
    "us_ofac_sdn", "ofac_csv", "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"
)
CONS_CSV = OfacCsvFormat(
    "us_ofac_cons", "ofac_csv", "cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"
)
CSV_FORMATS = (SDN_CSV, CONS_CSV)
