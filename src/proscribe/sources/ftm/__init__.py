"""Custom lists as FollowTheMoney JSON lines (`proscribe load FILE`).

Anything that writes FtM entities (OpenSanctions exports, an in-house list converted to FtM,
proscribe's own `to_ftm`) can be loaded as a list: one entity per line. The list id is `custom`
unless every entity names the same single dataset in `datasets`, which then becomes the id
(lower case, `[a-z0-9_]`), so an export of one list reads back under its own id. The FtM id is
the entity id, without a `<list id>-` prefix when it has one. Files state no date or count.

`parse_jsonl` reads and checks the lines; `proscribe.model.from_ftm` maps each one. The one
format is `ftm_json`.
"""

from __future__ import annotations

import re

from proscribe.errors import ParseError
from proscribe.model import Entity, from_ftm
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.ftm.parse_jsonl import FtmLine, looks_like_ftm, read_ftm_lines

DEFAULT_SOURCE = "custom"
_NOT_ID = re.compile(r"[^a-z0-9_]+")


class FtmJsonFormat:
    """FollowTheMoney entities, one JSON object per line."""

    source = DEFAULT_SOURCE
    name = "ftm_json"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(name for name, data in files.items() if looks_like_ftm(name, data))

    def parse(self, files: Files) -> ParsedList:
        names = tuple(sorted(self.claim(files)))
        if not names:
            raise ParseError(
                "no FollowTheMoney JSON lines file", file=", ".join(sorted(files)) or None
            )
        lines = [line for name in names for line in read_ftm_lines(files[name], name)]
        source = list_id(lines)
        return ParsedList(
            source=source, format=self.name, entities=_entities(lines, source), files=names
        )


def list_id(lines: list[FtmLine]) -> str:
    """The one dataset every entity names, as a list id; `custom` otherwise."""
    datasets = {tuple(line.data.get("datasets", ())) for line in lines}
    if len(datasets) != 1:
        return DEFAULT_SOURCE
    (names,) = datasets
    if len(names) != 1:
        return DEFAULT_SOURCE
    return _NOT_ID.sub("_", names[0].lower()).strip("_") or DEFAULT_SOURCE


def _entities(lines: list[FtmLine], source: str) -> list[Entity]:
    entities: dict[str, Entity] = {}
    for line in lines:
        entity = _entity(line, source)
        if entity.id in entities:
            raise ParseError(
                f"duplicate id {entity.id}", file=line.file, line=line.line, field="id"
            )
        entities[entity.id] = entity
    return list(entities.values())


def _entity(line: FtmLine, source: str) -> Entity:
    """`from_ftm`, with its errors re-raised to name the file and line apart."""
    try:
        return from_ftm(line.data, source)
    except ParseError as error:
        field = error.detail.get("field")
        message = error.message.removeprefix(f"field {field}: ") if field else error.message
        raise ParseError(message, file=line.file, line=line.line, field=field) from error


FORMATS: tuple[ListFormat, ...] = (FtmJsonFormat(),)
