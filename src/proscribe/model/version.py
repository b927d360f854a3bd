"""A list version: one publication of one list as the store holds it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class ListVersion:
    source: str  # list id, e.g. us_ofac_sdn
    format: str  # the format it was read from, e.g. ofac_csv
    sha256: str  # over the files of the publication, in name order
    record_count: int
    loaded_at: datetime
    published: date | None = None  # the publication date, by `date_basis`
    # Where `published` came from: "file" (the file states it), "as-of" (the user said so),
    # "path" (a YYYY-MM-DD in the folder or file name) or "" (unknown).
    date_basis: str = ""
    scope: str = ""  # "" for a whole list; the filter of an extract ("program=YEMEN")
    counts: Mapping[str, int] = field(default_factory=dict)  # records per schema
    files: tuple[str, ...] = ()
    id: int | None = None  # the store's key once stored

    @property
    def label(self) -> str:
        """How users name a version: `us_ofac_sdn@2019-01-04` (or `#id` when undated)."""
        when = self.published.isoformat() if self.published else f"#{self.id}"
        scope = f"[{self.scope}]" if self.scope else ""
        return f"{self.source}{scope}@{when}"
