"""`screen_message`: every party of a payment message screened by its role.

Names are screened as names (with the country of the party's address), BICs as identifiers,
free text by its candidate spans. A BIC is a hit when a candidate lists that very BIC: the
matcher weighs an identifier beside a name, and a BIC query has no name to weigh, so the
equality itself is the evidence (a branch BIC matches its 8-character head too).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from proscribe.model import Entity, IdentifierType, Query, QueryIdentifier
from proscribe.payments.message import Field, FieldKind, read_message
from proscribe.payments.spans import Span, text_spans
from proscribe.screen.result import Match
from proscribe.screener import Screener

EXACT = 0.999  # name similarity of a listed name spelled as given
TIE = 0.05  # scores this close on the same words are one mention of two entries


@dataclass(frozen=True, slots=True)
class MessageHit:
    role: str
    path: str
    value: str  # what was screened: the name, the BIC or the span of the free text
    entity: Entity
    score: float
    explanation: str
    reasons: tuple[str, ...] = ()  # the reason codes of the features that fired

    @property
    def reference(self) -> str:
        return f"{self.entity.source}:{self.entity.id}"

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "path": self.path,
            "value": self.value,
            "entity": self.reference,
            "caption": self.entity.caption,
            "schema": self.entity.schema.value,
            "programs": list(self.entity.designation.programs),
            "score": round(self.score, 4),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class MessageResult:
    name: str  # the file (or caller's name) of the message
    type: str
    hits: tuple[MessageHit, ...]
    parties: tuple[Field, ...]

    @property
    def decision(self) -> str:
        return "hit" if self.hits else "clear"

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.name,
            "type": self.type,
            "decision": self.decision,
            "hits": [hit.to_json() for hit in self.hits],
            "parties": [
                {"role": f.role, "path": f.path, "kind": f.kind.value, "value": f.value}
                | ({"country": f.country} if f.country else {})
                for f in self.parties
            ],
        }


def screen_message(
    screener: Screener, data: bytes, name: str, *, threshold: float | None = None
) -> MessageResult:
    """Parse and screen one message. Raises ParseError / UnsafeInputError on bad input."""
    message = read_message(data, name)
    found = (hit for f in message.fields for hit in _screen_field(screener, f, threshold))
    return MessageResult(name, message.type, _best(found), message.fields)


def _screen_field(
    screener: Screener, field: Field, threshold: float | None
) -> Iterator[MessageHit]:
    if field.kind is FieldKind.BIC:
        yield from _screen_bic(screener, field)
    elif field.kind is FieldKind.NAME:
        for match in _matches(screener, field, field.value, threshold):
            yield _hit(field, field.value, match)
    else:
        yield from _screen_text(screener, field, threshold)


def _screen_text(screener: Screener, field: Field, threshold: float | None) -> Iterator[MessageHit]:
    """Screen every span, then keep the best hit of each stretch of text: 'Choe Ryong Hae'
    matching CHOE, Ryong Hae outranks 'Choe Ryong' matching HOE RYONG, which overlaps it."""
    found: list[tuple[Span, Match]] = [
        (span, match)
        for span in text_spans(field.value)
        for match in _matches(screener, field, span.text, threshold)
        if _plausible_span(span, match)
    ]
    found.sort(key=lambda pair: (-pair[1].score, -pair[0].words))
    kept: list[tuple[Span, Match]] = []
    for span, match in found:
        if all(_compatible(span, match, other, taken) for other, taken in kept):
            kept.append((span, match))
    for span, match in kept:
        yield _hit(field, span.text, match)


def _compatible(span: Span, match: Match, other: Span, taken: Match) -> bool:
    """Another hit may stand beside a kept one when their words do not overlap, when it is
    the same entry (merged later), or when the same words match another entry as well (one
    party on two lists)."""
    return (
        not span.overlaps(other)
        or match.entity is taken.entity
        or (span == other and taken.score - match.score <= TIE)
    )


def _matches(
    screener: Screener, field: Field, value: str, threshold: float | None
) -> tuple[Match, ...]:
    countries = (field.country,) if field.country else ()
    query = Query(value, countries=countries, id=field.path)
    return screener.screen(query, threshold=threshold).hits


def _hit(field: Field, value: str, match: Match) -> MessageHit:
    reasons = tuple(sorted(f.code for f in match.comparison.features if f.value))
    return MessageHit(
        field.role,
        field.path,
        value,
        match.entity,
        match.score,
        match.comparison.explanation,
        reasons,
    )


def _plausible_span(span: Span, match: Match) -> bool:
    """A one-word span of free text counts only when it is a listed name exactly: near
    spellings of single words are everyday words ('garden' for the vessel GARDENIA, 'cover'
    for DOVER), while a name of several words is specific enough to be matched loosely."""
    if span.words > 1:
        return True
    names = match.comparison.names
    return names is not None and names.score >= EXACT


def _screen_bic(screener: Screener, field: Field) -> Iterator[MessageHit]:
    wanted = _bic_forms(field.value)
    identifiers = tuple(QueryIdentifier(b, IdentifierType.SWIFT_BIC) for b in sorted(wanted))
    result = screener.screen(Query(field.value, identifiers=identifiers, id=field.path))
    for match in result.matches:
        listed = [
            i.value
            for i in match.entity.identifiers
            if i.type is IdentifierType.SWIFT_BIC and _bic_forms(i.value) & wanted
        ]
        if listed:
            yield MessageHit(
                field.role,
                field.path,
                field.value,
                match.entity,
                1.0,
                f"SWIFT/BIC {field.value} is the listed BIC {listed[0]}.",
                ("identifier_match",),
            )


def _bic_forms(bic: str) -> set[str]:
    """A BIC and its 8-character head: lists and messages differ on the 'XXX' branch."""
    value = bic.strip().upper()
    return {value, value[:8]} if len(value) == 11 else {value}


def _best(hits: Iterable[MessageHit]) -> tuple[MessageHit, ...]:
    """One hit per field and entity (a text matched by several spans keeps its best), in
    message order of fields, best score first within a field."""
    best: dict[tuple[str, str], MessageHit] = {}
    for hit in hits:
        key = (hit.path, hit.reference)
        if key not in best or hit.score > best[key].score:
            best[key] = hit
    return tuple(best.values())
