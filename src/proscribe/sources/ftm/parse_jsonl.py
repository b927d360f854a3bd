"""FollowTheMoney entities as JSON lines: bytes -> one JSON object per line.

Each non-blank line is one entity as FtM writes it: `{"id": ..., "schema": "Person",
"properties": {"name": ["..."], ...}, "datasets": [...]}`. The reader checks the shape that
`proscribe.model.from_ftm` relies on (an object; `properties` an object of lists of strings)
so a bad line is reported with its file and line instead of being half-read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from proscribe.errors import ParseError
from proscribe.sources.base import decode_text

SUFFIXES = (".ftm.json", ".jsonl", ".ndjson", ".json")
CLAIM_HEAD_BYTES = 1024 * 1024  # the first line of a real export is far shorter


@dataclass(frozen=True, slots=True)
class FtmLine:
    file: str
    line: int
    data: Mapping[str, Any]


def looks_like_ftm(name: str, data: bytes) -> bool:
    """A JSON lines file whose first non-blank line is an FtM entity; reads one line only."""
    if not name.lower().endswith(SUFFIXES):
        return False
    head = data[:CLAIM_HEAD_BYTES].lstrip(b"\xef\xbb\xbf")
    complete = len(data) <= CLAIM_HEAD_BYTES
    lines = head.split(b"\n")
    candidates = lines if complete else lines[:-1]  # the last piece may be cut off
    first = next((line for line in candidates if line.strip()), None)
    if first is None:
        return False
    try:
        value = json.loads(first)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(value, dict) and "schema" in value and "properties" in value


def read_ftm_lines(data: bytes, file: str) -> list[FtmLine]:
    records = []
    for number, text in enumerate(decode_text(data, file).split("\n"), start=1):
        if text.strip():
            records.append(FtmLine(file, number, _entity_object(text, file, number)))
    return records


def _entity_object(text: str, file: str, line: int) -> Mapping[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as error:
        raise ParseError(f"not JSON: {error}", file=file, line=line) from error
    if not isinstance(value, dict):
        raise ParseError("a line must hold one JSON object", file=file, line=line)
    properties = value.get("properties", {})
    if not isinstance(properties, dict):
        raise ParseError("properties must be an object", file=file, line=line, field="properties")
    for key, values in properties.items():
        if not isinstance(values, list) or not all(isinstance(item, str) for item in values):
            raise ParseError(
                "a property must be a list of strings",
                file=file,
                line=line,
                field=f"properties.{key}",
            )
    datasets = value.get("datasets", [])
    if not isinstance(datasets, list) or not all(isinstance(item, str) for item in datasets):
        raise ParseError(
            "datasets must be a list of strings", file=file, line=line, field="datasets"
        )
    return value
