"""Writing the entities of one new list version, inside the caller's transaction.

Rows go in chunks: per chunk, one SELECT finds which contents are already stored (entries
unchanged since an earlier version), one executemany adds the new contents and one adds the
version's (entity id, content hash) pairs. Chunking bounds the statement size (SQLite allows
32,766 parameters) and gives the progress callback a steady beat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from proscribe.model import Entity
from proscribe.store.rows import ContentRow, content_row
from proscribe.store.schema import entity_contents, version_entities

CHUNK = 1_000

Progress = Callable[[int], None]


@dataclass
class WriteCounts:
    stored: int = 0  # entity_contents rows written
    reused: int = 0  # contents already stored by earlier versions


def write_entities(
    connection: Connection,
    version_id: int,
    source: str,
    entities: Sequence[Entity],
    progress: Progress | None,
) -> WriteCounts:
    """Store `entities` as the contents of version `version_id`; report each finished chunk."""
    counts = WriteCounts()
    for start in range(0, len(entities), CHUNK):
        rows = [content_row(entity) for entity in entities[start : start + CHUNK]]
        stored = _write_chunk(connection, version_id, source, rows)
        counts.stored += stored
        counts.reused += len(rows) - stored
        if progress is not None:
            progress(start + len(rows))
    return counts


def _write_chunk(
    connection: Connection, version_id: int, source: str, rows: list[ContentRow]
) -> int:
    """Write one chunk; the number of new contents it stored."""
    new = _new_contents(connection, rows)
    if new:
        connection.execute(entity_contents.insert(), [_content_values(source, row) for row in new])
    links = [
        {"version_id": version_id, "entity_id": row.entity_id, "content_hash": row.content_hash}
        for row in rows
    ]
    connection.execute(version_entities.insert(), links)
    return len(new)


def _new_contents(connection: Connection, rows: list[ContentRow]) -> list[ContentRow]:
    """The rows whose content no earlier version stored."""
    hashes = [row.content_hash for row in rows]
    query = select(entity_contents.c.content_hash).where(entity_contents.c.content_hash.in_(hashes))
    stored = set(connection.execute(query).scalars())
    return [row for row in rows if row.content_hash not in stored]


def _content_values(source: str, row: ContentRow) -> dict[str, str]:
    return {
        "content_hash": row.content_hash,
        "source": source,
        "entity_id": row.entity_id,
        "schema": row.schema,
        "caption": row.caption,
        "data": row.data,
    }
