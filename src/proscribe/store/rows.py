"""Converting between model values and table rows, and the order versions are listed in."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import RowMapping

from proscribe.model import Entity, ListVersion


class ContentRow(NamedTuple):
    """One entity as the store writes it: canonical JSON computed once, hashed once."""

    entity_id: str
    content_hash: str
    schema: str
    caption: str
    data: str


def content_row(entity: Entity) -> ContentRow:
    # Entity.content_hash would serialise the entity a second time; on a 9,000-entry list the
    # JSON is most of the cost of a save, so it is computed here once and hashed.
    data = entity.to_json()
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    # The caption is a display column; NUL cannot be stored in PostgreSQL text.
    caption = entity.caption.replace("\x00", "")
    return ContentRow(entity.id, digest, entity.schema.value, caption, data)


def entity_from_data(data: str) -> Entity:
    return Entity.from_dict(json.loads(data))


def version_values(version: ListVersion) -> dict[str, Any]:
    """The columns of a list_versions row (without its id)."""
    return {
        "source": version.source,
        "scope": version.scope,
        "format": version.format,
        "published": version.published,
        "date_basis": version.date_basis,
        "loaded_at": version.loaded_at,
        "sha256": version.sha256,
        "record_count": version.record_count,
        "counts": dict(version.counts),
        "files": list(version.files),
    }


def version_from_row(row: RowMapping) -> ListVersion:
    return ListVersion(
        id=int(row["id"]),
        source=str(row["source"]),
        scope=str(row["scope"]),
        format=str(row["format"]),
        published=_date_or_none(row["published"]),
        date_basis=str(row["date_basis"]),
        loaded_at=row["loaded_at"],
        sha256=str(row["sha256"]),
        record_count=int(row["record_count"]),
        counts={str(key): int(value) for key, value in row["counts"].items()},
        files=tuple(str(name) for name in row["files"]),
    )


def _date_or_none(value: Any) -> date | None:
    return value if isinstance(value, date) else None


def version_order(version: ListVersion) -> tuple[str, str, bool, date, int]:
    """Sort key of versions: by source, scope, publication date (undated last), then id.

    Undated versions sort after dated ones of the same list: an undated publication is almost
    always a current download whose file states no date. Sorting happens in Python rather than
    in SQL (NULLS LAST spellings differ by backend) because a store holds at most thousands of
    versions.
    """
    return (
        version.source,
        version.scope,
        version.published is None,
        version.published or date.min,
        version.id or 0,
    )
