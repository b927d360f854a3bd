"""Values the templates show, computed from the library's values: no HTML here (Jinja2
escapes every value it prints), no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from proscribe.api.routes import age_days, is_stale
from proscribe.match.types import NameEvidence
from proscribe.model import Entity, ListVersion, NameKind, country_name
from proscribe.screen import Match
from proscribe.text import normalize

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # secondarySanctions -> secondary Sanctions
_WORD = re.compile(r"\w+(?:['’]\w+)*")

KIND_TITLES = {
    NameKind.PRIMARY: "Primary name",
    NameKind.ALIAS: "Also known as",
    NameKind.WEAK_ALIAS: "Weak aliases",
    NameKind.FORMER: "Formerly known as",
    NameKind.ORIGINAL_SCRIPT: "In original script",
}


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a listed name; `hit` when the query's words met it."""

    text: str
    hit: bool


def highlighted(evidence: NameEvidence | None) -> list[Part]:
    """The listed name cut into parts, the words the query was paired with marked.

    The alignment pairs normalised words (a list word may be two written together:
    'ryong hae'); a written word is marked when its normalised form is one of them. A name
    in another script was compared through its romanisation, so it is marked whole."""
    if evidence is None:
        return []
    full = evidence.name.full
    if evidence.list_romanized:
        return [Part(full, bool(evidence.pairs))]
    paired = {word for _, listed, _ in evidence.pairs for word in listed.split()}
    parts: list[Part] = []
    position = 0
    for found in _WORD.finditer(full):
        if found.start() > position:
            parts.append(Part(full[position : found.start()], False))
        parts.append(Part(found.group(), normalize(found.group()) in paired))
        position = found.end()
    if position < len(full):
        parts.append(Part(full[position:], False))
    return parts


def match_view(match: Match, data: dict[str, Any]) -> dict[str, Any]:
    """One result row: its JSON (`Match.to_json`) with the highlighted listed name."""
    return {**data, "parts": highlighted(match.comparison.names), "entity": match.entity}


def names_by_kind(entity: Entity) -> list[tuple[str, list[str]]]:
    """(title, names) per kind of name, in the order of `KIND_TITLES`."""
    groups: list[tuple[str, list[str]]] = []
    for kind, title in KIND_TITLES.items():
        names = [
            name.full + (f" ({name.script})" if name.script else "")
            for name in entity.names
            if name.kind is kind
        ]
        if names:
            groups.append((title, names))
    return groups


def facts(entity: Entity) -> list[tuple[str, str]]:
    """Every other field of the entry as (label, value) rows."""
    rows: list[tuple[str, str]] = [("Type", entity.schema.value)]
    rows += [("Birth date", spec.iso) for spec in entity.birth_dates]
    rows += [("Death date", spec.iso) for spec in entity.death_dates]
    rows += [("Birth place", place) for place in entity.birth_places]
    if entity.gender:
        rows.append(("Gender", entity.gender))
    rows += [(_label(c.role.value), f"{country_name(c.code)} ({c.code})") for c in entity.countries]
    rows += [("Address", address.full) for address in entity.addresses]
    for key, values in sorted(entity.extra.items()):
        rows += [(_label(_CAMEL.sub(" ", key).lower()), value) for value in values]
    return rows


def identifiers(entity: Entity) -> list[dict[str, str]]:
    return [
        {
            "type": _label(i.type.value),
            "value": i.value,
            "country": f"{country_name(i.country)} ({i.country})" if i.country else "",
            "label": i.label or "",
        }
        for i in entity.identifiers
    ]


def links(entity: Entity) -> list[dict[str, str]]:
    """Relations to other entries of the list, with the page of each when its id is known."""
    return [
        {
            "relation": _label(link.relation),
            "target": link.target,
            "href": f"/entities/{entity.source}/{link.target_id}" if link.target_id else "",
        }
        for link in entity.links
    ]


def version_json(version: ListVersion, max_age_days: int) -> dict[str, Any]:
    """A list version as the Lists page shows it (and its JSON twin)."""
    return {
        "id": version.id,
        "label": version.label,
        "source": version.source,
        "scope": version.scope,
        "published": version.published.isoformat() if version.published else None,
        "date_basis": version.date_basis,
        "record_count": version.record_count,
        "counts": dict(sorted(version.counts.items())),
        "age_days": age_days(version),
        "stale": is_stale(version, max_age_days),
        "loaded_at": version.loaded_at.isoformat(),
    }


def short(value: Any, width: int = 120) -> str:
    """A changed field's value on one line: list data can hold whole paragraphs."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        text = "; ".join(short(item, width) for item in value)
    elif isinstance(value, dict):
        text = "; ".join(f"{k}: {short(v, width)}" for k, v in value.items())
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(value: str) -> str:
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
