"""Designation history computed from the stored versions of a list.

The store keeps every version; this module answers questions across them with the pure
`model.diff`: what changed between two versions (`changes`), the events of one entry
(`timeline`: listed, amended, delisted, re-listed), whether an entry was listed on a date
(`listed_on`) and which versions were in force on a date (`versions_in_force`, for as-of
screening).

"In force on a date" means the newest version published on or before it, by the publication
date the store holds, whatever its basis ("file", "as-of" or "path", see `proscribe lists`).
A path date is often the day a file was fetched or committed, an upper bound of the real
publication: answers for days between two versions are only as exact as those dates.

Only whole lists (scope "") can show that an entry is gone: a filtered extract (one OFAC
programme) lacks most entries by design, so it may show an entry listed or amended but never
delisted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from proscribe.errors import InputError, NotFoundError
from proscribe.model import Entity, ListVersion
from proscribe.model.diff import FieldChange, ListDiff, diff, entity_changes
from proscribe.sources.registry import unstated_fields
from proscribe.store import Store

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Changes:
    """A list diff with the two versions it compares and the captions of the entries."""

    source: str
    before: ListVersion
    after: ListVersion
    diff: ListDiff
    captions: dict[str, str]  # entry id -> caption, from the version that holds it
    # Fields not compared: one of the two versions could not state them (a set published
    # without its alias or address file), so their absence there is no change.
    unstated: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        def entry(entity_id: str) -> dict[str, str]:
            caption = self.captions.get(entity_id, "")
            return {"source": self.source, "id": entity_id, "caption": caption}

        return {
            "source": self.source,
            "from": self.before.label,
            "to": self.after.label,
            "added": [entry(entity_id) for entity_id in self.diff.added],
            "removed": [entry(entity_id) for entity_id in self.diff.removed],
            "amended": [
                {
                    **entry(amendment.id),
                    "changes": [change.to_json() for change in amendment.changes],
                }
                for amendment in self.diff.amended
            ],
            "not_compared": sorted(self.unstated),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One step of an entry's history, seen in `version`."""

    kind: str  # "listed", "amended", "delisted" or "relisted"
    version: ListVersion
    changes: tuple[FieldChange, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event": self.kind,
            "version": self.version.label,
            "published": self.version.published.isoformat() if self.version.published else None,
        }
        if self.changes:  # an amendment, or a re-listing with other content
            out["changes"] = [change.to_json() for change in self.changes]
        return out


# -- resolving versions ----------------------------------------------------------------------


def parse_day(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD typed by a user; InputError naming `what` otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise InputError(f"{what}: expected YYYY-MM-DD, got {text!r}") from error


def whole_versions(store: Store, source: str) -> list[ListVersion]:
    """The versions of the whole list (no scope), oldest first (undated last)."""
    return [version for version in store.versions(source) if not version.scope]


def in_force(versions: Iterable[ListVersion], on: date) -> ListVersion | None:
    """The newest of `versions` published on or before `on`; undated ones never count."""
    dated = [v for v in versions if v.published is not None and v.published <= on]
    return max(dated, key=lambda v: (v.published, v.id or 0), default=None)


def resolve(store: Store, source: str, ref: str) -> ListVersion:
    """A version of `source` by id, label or date (the whole-list version in force then)."""
    ref = ref.strip()
    if not ref:
        raise InputError("an empty version: give an id, a label or a date (YYYY-MM-DD)")
    if _DATE.fullmatch(ref):
        found = in_force(whole_versions(store, source), parse_day(ref))
        if found is None:
            raise NotFoundError(f"no version of {source} published on or before {ref} is stored")
        return found
    version = store.version(ref)
    if version.source != source:
        raise InputError(f"{version.label} is a version of {version.source}, not {source}")
    return version


def versions_in_force(store: Store, on: date) -> list[ListVersion]:
    """For as-of screening: per list, the whole version in force on `on`; a filtered extract
    only for a list of which no whole version was in force (as the screener's default does)."""
    groups: dict[tuple[str, str], list[ListVersion]] = {}
    for version in store.versions():
        groups.setdefault((version.source, version.scope), []).append(version)
    chosen = {key: found for key, group in groups.items() if (found := in_force(group, on))}
    whole = {source for source, scope in chosen if not scope}
    picked = [
        v for (source, scope), v in sorted(chosen.items()) if not scope or source not in whole
    ]
    if not picked:
        raise NotFoundError(f"no list version published on or before {on.isoformat()} is stored")
    return picked


def loaded_sources(store: Store) -> list[str]:
    """The lists of which a version is stored, sorted."""
    return sorted({version.source for version in store.versions()})


def known_source(store: Store, source: str | None) -> str | None:
    """`source` when a version of it is stored (None stays None); InputError otherwise: a
    filter on a mistyped list would find nothing, and nothing reads as "all clear"."""
    if source is None:
        return None
    sources = loaded_sources(store)
    if source not in sources:
        raise InputError(
            f"no list {source!r} is loaded (loaded: {', '.join(sources) or 'none'})",
            field="source",
        )
    return source


def default_source(store: Store, source: str | None) -> str:
    """The list a history command is about: `source`, or the only list stored."""
    if source:
        return source
    sources = loaded_sources(store)
    if len(sources) == 1:
        return sources[0]
    if not sources:
        raise NotFoundError("no list versions are stored; load some with `proscribe load`")
    raise InputError(f"several lists are loaded ({', '.join(sources)}); choose one with --source")


# -- changes ---------------------------------------------------------------------------------


def changes(
    store: Store, source: str, from_ref: str | None = None, to_ref: str | None = None
) -> Changes:
    """The diff between two versions of `source`; by default its two newest whole versions.

    Each ref is a version id, label or date (YYYY-MM-DD: the version in force that day).
    """
    before, after = _pair(store, source, from_ref, to_ref)
    old, new = _by_id(store.entities(before)), _by_id(store.entities(after))
    unstated = _unstated(before, after)
    result = diff(old, new, unstated)
    captions = {entity_id: entity.caption for entity_id, entity in {**old, **new}.items()}
    return Changes(source, before, after, result, captions, unstated)


def _unstated(before: ListVersion, after: ListVersion) -> frozenset[str]:
    """The fields a comparison of the two versions leaves out: those either cannot state."""
    return unstated_fields(before) | unstated_fields(after)


def _pair(
    store: Store, source: str, from_ref: str | None, to_ref: str | None
) -> tuple[ListVersion, ListVersion]:
    whole = whole_versions(store, source)
    # An empty ref is a mistake (resolve says so), not "the default".
    after = resolve(store, source, to_ref) if to_ref is not None else (whole[-1] if whole else None)
    before = resolve(store, source, from_ref) if from_ref is not None else _preceding(whole, after)
    if after is None or before is None:
        raise NotFoundError(
            f"{source} has {len(whole)} whole stored version(s); changes need two to compare"
        )
    return before, after


def _preceding(whole: list[ListVersion], version: ListVersion | None) -> ListVersion | None:
    """The whole version stored before `version`, if any."""
    if version is None:
        return None
    index = next((i for i, v in enumerate(whole) if v.id == version.id), None)
    return whole[index - 1] if index else None


def _by_id(entities: Iterable[Entity]) -> dict[str, Entity]:
    return {entity.id: entity for entity in entities}


# -- one entry -------------------------------------------------------------------------------


def timeline(store: Store, source: str, entity_id: str) -> list[Event]:
    """The events of one entry across the stored versions of its list, oldest first."""
    holders = {v.id: content_hash for v, content_hash in store.entity_versions(source, entity_id)}
    # Whole versions all count (a missing entry there is a delisting); extracts only when
    # they hold the entry.
    relevant = [v for v in store.versions(source) if not v.scope or v.id in holders]
    events: list[Event] = []
    held: tuple[ListVersion, str] | None = None  # the last version holding it, and its hash
    listed = False
    for version in relevant:
        content_hash = holders.get(version.id)
        if content_hash is None:
            if listed:
                events.append(Event("delisted", version))
                listed = False
            continue
        changed = held is not None and held[1] != content_hash
        found = _amendment(store, source, entity_id, held[0], version) if held and changed else ()
        if not listed:
            events.append(Event("relisted" if held else "listed", version, found))
        elif found:  # another hash with no field changed: items of a list only reordered
            events.append(Event("amended", version, found))
        held, listed = (version, content_hash), True
    return events


def _amendment(
    store: Store, source: str, entity_id: str, before: ListVersion, after: ListVersion
) -> tuple[FieldChange, ...]:
    old, _ = store.entity(source, entity_id, before)
    new, _ = store.entity(source, entity_id, after)
    return entity_changes(old, new, _unstated(before, after))


def listed_on(store: Store, source: str, entity_id: str, on: date) -> bool:
    """Whether the whole version of `source` in force on `on` holds the entry.

    NotFoundError when no version of the list published on or before `on` is stored: the store
    cannot tell, and "no" would be a guess."""
    version = in_force(whole_versions(store, source), on)
    if version is None:
        raise NotFoundError(
            f"no version of {source} published on or before {on.isoformat()} is stored"
        )
    return any(v.id == version.id for v, _ in store.entity_versions(source, entity_id))
